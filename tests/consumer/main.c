// SPDX-License-Identifier: Apache-2.0
/* Built against an installed crm, once with CMake's crm::c and once with
 * `pkg-config --cflags --libs crm` (LINKED_WITH says which). */
#include <crm/crm.h>
#include <stdio.h>

int main(void) {
  /* Header and library come from one install, so they name one release; a
   * host that may load a newer libcrm.so.1 would test < instead. */
  if (crm_version_number() != CRM_VERSION_NUMBER) {
    fprintf(stderr, "libcrm %s (%d) is not the release of crm.h (%d)\n", crm_version(), crm_version_number(),
            CRM_VERSION_NUMBER);
    return 1;
  }
  crm_options options;
  crm_options_init(&options, sizeof options);
  options.default_region = "GB";
  crm_engine* engine = NULL;
  crm_customer* ada = NULL;
  crm_customer* found = NULL;
  int ok = crm_engine_open(&options, &engine) == CRM_OK &&
           crm_customer_from_json("{\"display_name\": \"Ada\", \"phones\": [\"020 7946 0018\"]}", &ada) == CRM_OK &&
           crm_customer_create(engine, ada) == CRM_OK &&
           crm_customer_find_by_phone(engine, "+44 20 7946 0018", &found) == CRM_OK;
  printf("C consumer (%s) of libcrm %s (ABI %d): %s\n", LINKED_WITH, crm_version(), crm_abi_version(),
         ok ? crm_customer_phone(found) : crm_last_error_message());
  crm_customer_free(found);
  crm_customer_free(ada);
  crm_engine_free(engine);
  return ok ? 0 : 1;
}
