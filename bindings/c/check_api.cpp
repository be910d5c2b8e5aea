// SPDX-License-Identifier: Apache-2.0
// crm_check_json: Engine::check() through the C API.
#include <crm/json.hpp>

#include "guard.hpp"

using namespace crm::c_api;

extern "C" {

crm_status crm_check_json(crm_engine* engine, char** out_json) {
  reset_out(out_json);
  return guarded(__func__, [&] {
    require(out_json, "out_json");
    const auto report = with_engine(engine, [&](crm::Engine& e) { return e.check(); });
    *out_json = copy_string(crm::to_json(report));
  });
}

}  // extern "C"
