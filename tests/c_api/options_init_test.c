// SPDX-License-Identifier: Apache-2.0
/*
 * CRM_OPTIONS_INIT, as a C99 host uses it: a crm_options initialised with
 * the macro equals, field by field, one filled by crm_options_init(), and
 * opens an engine. Built as C99 without extensions, so the macro (and
 * crm.h with it) stays plain C. Run by ctest as CApiOptionsInitMatchesInit;
 * prints what differs and exits non-zero on failure.
 */
#include <crm/crm.h>

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

#define EXPECT(condition)                                                   \
  do {                                                                      \
    if (!(condition)) {                                                     \
      fprintf(stderr, "%s:%d: expected %s\n", __FILE__, __LINE__, #condition); \
      ++failures;                                                           \
    }                                                                       \
  } while (0)

/* A file-scope object: the macro must be a constant initialiser. */
static const crm_options static_options = CRM_OPTIONS_INIT;

int main(void) {
  crm_options from_macro = CRM_OPTIONS_INIT;
  crm_options from_init;
  crm_engine* engine = NULL;
  crm_customer* customer = NULL;

  memset(&from_init, 0x5a, sizeof from_init); /* so a field init forgot would show */
  crm_options_init(&from_init, sizeof from_init);

  /* Every field, by name. A field added to crm_options ends the struct: the
   * size check fails until this test (and the macro) learn it. */
  EXPECT((offsetof(crm_options, phone_check) + sizeof(int) + sizeof(int64_t) - 1) / sizeof(int64_t) * sizeof(int64_t) ==
         sizeof(crm_options)); /* the last field, then padding to the struct's alignment */
  EXPECT(from_macro.struct_size == from_init.struct_size);
  EXPECT(from_macro.struct_size == sizeof(crm_options));
  EXPECT(from_macro.path == from_init.path);
  EXPECT(from_macro.path == NULL);
  EXPECT(from_macro.default_region == from_init.default_region);
  EXPECT(from_macro.durability == from_init.durability);
  EXPECT(from_macro.durability == CRM_DURABILITY_FULL);
  EXPECT(from_macro.read_only == from_init.read_only);
  EXPECT(from_macro.page_cache_mib == from_init.page_cache_mib);
  EXPECT(from_macro.busy_timeout_ms == from_init.busy_timeout_ms);
  EXPECT(from_macro.busy_timeout_ms == 5000);
  EXPECT(from_macro.workflow_action_limit == from_init.workflow_action_limit);
  EXPECT(from_macro.workflow_action_limit == 2000);
  EXPECT(from_macro.phone_check == from_init.phone_check);
  EXPECT(from_macro.phone_check == CRM_PHONE_CHECK_VALID);
  EXPECT(static_options.struct_size == from_init.struct_size);
  EXPECT(static_options.workflow_action_limit == from_init.workflow_action_limit);

  /* The macro's struct opens an engine (in memory), which works. */
  if (crm_engine_open(&from_macro, &engine) != CRM_OK) {
    fprintf(stderr, "crm_engine_open: %s\n", crm_last_error_message());
    return 1;
  }
  EXPECT(crm_customer_from_json("{\"display_name\": \"Ada\", \"phones\": [\"(650) 253-0000\"]}", &customer) ==
         CRM_OK);
  EXPECT(crm_customer_create(engine, customer) == CRM_OK);
  EXPECT(strcmp(crm_customer_phone(customer), "+16502530000") == 0); /* read in the default region, "US" */
  crm_customer_free(customer);
  EXPECT(crm_engine_close(engine) == CRM_OK);
  crm_engine_free(engine);

  if (failures == 0) printf("CRM_OPTIONS_INIT equals crm_options_init and opens an engine\n");
  return failures == 0 ? 0 : 1;
}
