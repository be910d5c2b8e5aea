// SPDX-License-Identifier: Apache-2.0
// The functions every record type shares: new, JSON in and out, create,
// update, get, erase, free. Written once as templates, spelt per type at the end
// (the typed accessors are in accessor_api.cpp).
#include <crm/json.hpp>

#include "guard.hpp"

using namespace crm::c_api;

namespace {

template <class T>
crm_status record_new(const char* function, Handle<T>** out) {
  reset_out(out);
  return guarded(function, [&] { emit(require(out, "out_record")); });
}

template <class T>
crm_status record_from_json(const char* function, const char* json, const char* json_name, Handle<T>** out) {
  reset_out(out);
  return guarded(function, [&] {
    require(out, "out_record");
    auto value = crm::from_json<T>(require(json, json_name));
    emit(out, std::move(value));
  });
}

template <class T>
crm_status record_to_json(const char* function, const Handle<T>* record, char** out_json) {
  reset_out(out_json);
  return guarded(function, [&] {
    require(out_json, "out_json");
    *out_json = copy_string(crm::to_json(require(record, "record")->value));
  });
}

// On success the handle holds the stored record; on failure it is unchanged.
template <class T>
crm_status record_create(const char* function, crm_engine* engine, Handle<T>* record) {
  return guarded(function, [&] {
    require(record, "record");
    with_engine(engine, [&](crm::Engine& e) { record->value = e.create(record->value); });
  });
}

template <class T>
crm_status record_update(const char* function, crm_engine* engine, Handle<T>* record) {
  return guarded(function, [&] {
    require(record, "record");
    with_engine(engine, [&](crm::Engine& e) { record->value = e.update(record->value); });
  });
}

template <class T>
crm_status record_get(const char* function, crm_engine* engine, int64_t id, Handle<T>** out) {
  reset_out(out);
  return guarded(function, [&] {
    require(out, "out_record");
    auto value = with_engine(engine, [&](crm::Engine& e) { return e.get<T>(id); });
    emit(out, std::move(value));
  });
}

// Engine::erase: refused, changing nothing, for a stale version or a record
// still referred to (CRM_CONFLICT) and an unknown id (CRM_NOT_FOUND).
template <class T>
crm_status record_erase(const char* function, crm_engine* engine, int64_t id, int64_t expected_version) {
  return guarded(function, [&] { with_engine(engine, [&](crm::Engine& e) { e.erase<T>(id, expected_version); }); });
}

}  // namespace

#define CRM_DEFINE_RECORD_FUNCTIONS(type, T)                                                                       \
  crm_status crm_##type##_new(crm_##type** out) { return record_new<T>(__func__, out); }                          \
  crm_status crm_##type##_from_json(const char* type##_json, crm_##type** out) {                                  \
    return record_from_json<T>(__func__, type##_json, #type "_json", out);                                        \
  }                                                                                                                \
  crm_status crm_##type##_to_json(const crm_##type* record, char** out_json) {                                    \
    return record_to_json<T>(__func__, record, out_json);                                                         \
  }                                                                                                                \
  crm_status crm_##type##_create(crm_engine* engine, crm_##type* record) {                                        \
    return record_create<T>(__func__, engine, record);                                                            \
  }                                                                                                                \
  crm_status crm_##type##_update(crm_engine* engine, crm_##type* record) {                                        \
    return record_update<T>(__func__, engine, record);                                                            \
  }                                                                                                                \
  crm_status crm_##type##_get(crm_engine* engine, int64_t id, crm_##type** out) {                                 \
    return record_get<T>(__func__, engine, id, out);                                                              \
  }                                                                                                                \
  crm_status crm_##type##_erase(crm_engine* engine, int64_t id, int64_t expected_version) {                       \
    return record_erase<T>(__func__, engine, id, expected_version);                                               \
  }                                                                                                                \
  void crm_##type##_free(crm_##type* record) { delete record; }

extern "C" {
CRM_DEFINE_RECORD_FUNCTIONS(customer, crm::Customer)
CRM_DEFINE_RECORD_FUNCTIONS(interaction, crm::Interaction)
CRM_DEFINE_RECORD_FUNCTIONS(lead, crm::Lead)
CRM_DEFINE_RECORD_FUNCTIONS(opportunity, crm::Opportunity)
CRM_DEFINE_RECORD_FUNCTIONS(task, crm::Task)
}
