// SPDX-License-Identifier: Apache-2.0
/*
 * A POS till in C: the cashier types the customer's phone number as the
 * customer says it, the till finds (or registers) the customer, rings up a
 * purchase and shows the customer's recent history.
 *
 *   pos_checkout DATABASE PHONE AMOUNT_MINOR CURRENCY
 *   pos_checkout shop.db "020 7946 0018" 1799 GBP
 *
 * Uses only crm.h and libcrm.so. Every status is checked; on failure the
 * till prints crm's message and exits non-zero, and nothing half-done is kept.
 */
#include <crm/crm.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

static int fail(const char* what, crm_status status) {
  fprintf(stderr, "pos_checkout: %s failed: %s: %s\n", what, crm_status_name(status), crm_last_error_message());
  return 1;
}

/* Finds the customer with this phone, or registers a walk-in customer. */
static crm_status find_or_register(crm_engine* engine, const char* phone, crm_customer** out) {
  crm_status status = crm_customer_find_by_phone(engine, phone, out);
  if (status != CRM_NOT_FOUND) return status;

  crm_customer* customer = NULL;
  status = crm_customer_new(&customer);
  if (status == CRM_OK) status = crm_customer_set_name(customer, "Walk-in customer");
  if (status == CRM_OK) status = crm_customer_add_phone(customer, phone);
  if (status == CRM_OK) status = crm_customer_create(engine, customer);
  if (status == CRM_OK) {
    printf("New customer #%" PRId64 " registered with phone %s\n", crm_customer_id(customer),
           crm_customer_phone(customer));
    *out = customer;
  } else {
    crm_customer_free(customer);
  }
  return status;
}

static int print_history(crm_engine* engine, int64_t customer_id) {
  crm_page* page = NULL;
  crm_status status = crm_interaction_list(engine, customer_id, NULL, 5, &page);
  if (status != CRM_OK) return fail("history", status);
  printf("Latest %zu interactions, newest first:\n", crm_page_size(page));
  for (size_t i = 0; i < crm_page_size(page); ++i) {
    const crm_interaction* interaction = crm_page_interaction(page, i);
    int64_t minor = 0;
    const char* currency = "";
    if (crm_interaction_amount(interaction, &minor, &currency) == CRM_OK)
      printf("  %-9s %-6s %" PRId64 " %s (minor units)\n", crm_interaction_kind(interaction),
             crm_interaction_channel(interaction), minor, currency);
    else
      printf("  %-9s %-6s %s\n", crm_interaction_kind(interaction), crm_interaction_channel(interaction),
             crm_interaction_subject(interaction));
  }
  crm_page_free(page);
  return 0;
}

int main(int argc, char** argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: pos_checkout DATABASE PHONE AMOUNT_MINOR CURRENCY\n");
    return 2;
  }
  char* end = NULL;
  const long long amount = strtoll(argv[3], &end, 10);
  if (*argv[3] == '\0' || *end != '\0') {
    fprintf(stderr, "pos_checkout: amount '%s' is not a whole number of minor units\n", argv[3]);
    return 2;
  }

  crm_options options;
  crm_options_init(&options, sizeof options);
  options.path = argv[1];
  options.default_region = "GB";
  crm_engine* engine = NULL;
  crm_status status = crm_engine_open(&options, &engine);
  if (status != CRM_OK) return fail("opening the database", status);

  crm_customer* customer = NULL;
  int exit_code = 0;
  status = find_or_register(engine, argv[2], &customer);
  if (status != CRM_OK) {
    exit_code = fail("customer lookup", status);
  } else {
    printf("Customer #%" PRId64 " %s (%s), tier '%s', %" PRId64 " points\n", crm_customer_id(customer),
           crm_customer_name(customer), crm_customer_phone(customer), crm_customer_tier(customer),
           crm_customer_loyalty_points(customer));
    status = crm_purchase_log(engine, crm_customer_id(customer), amount, argv[4], "pos", "till 1", NULL);
    if (status != CRM_OK)
      exit_code = fail("purchase", status);
    else
      exit_code = print_history(engine, crm_customer_id(customer));
  }
  crm_customer_free(customer);
  crm_engine_free(engine);
  return exit_code;
}
