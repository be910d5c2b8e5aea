/* SPDX-License-Identifier: Apache-2.0 */
/*
 * crm.h: the C API of crm, an embeddable CRM engine. Pure C99; the only
 * header a C host (or a binding through an FFI) needs.
 *
 * This header is the reference. What it does not declare is not API, and
 * every function's contract (what it reads, what it writes and who owns it,
 * which arguments may be NULL, which statuses it returns) is stated here:
 * by the rules below, which hold for every function unless its comment says
 * otherwise, and by the function's own comment. docs/C_API.md explains the
 * API with examples and gives the keys of every JSON document.
 *
 * Statuses
 * - A function that can fail returns a crm_status; CRM_OK is 0. Besides the
 *   statuses its comment names, any such function may return
 *   CRM_INVALID_ARGUMENT (a bad argument: a NULL where none is allowed,
 *   invalid UTF-8, a value out of range, bad JSON), CRM_OUT_OF_MEMORY and
 *   CRM_INTERNAL; one given an engine also CRM_CLOSED, CRM_BUSY,
 *   CRM_STORAGE and CRM_CORRUPT (a damaged record it needed, named). A
 *   write may also fail with the status of a workflow rule's action it set
 *   off (docs/WORKFLOW.md).
 * - After a failure crm_last_error_message() gives the calling thread a
 *   message that starts with the function's name as the caller spelt it.
 * - A call that fails changes no stored data, leaves a handle it was given
 *   unchanged and sets its pointer out-parameters to NULL.
 *
 * NULL
 * - A pointer argument may be NULL only where its comment says "may be
 *   NULL"; any other NULL is CRM_INVALID_ARGUMENT. An out-parameter that
 *   may be NULL is not written when it is: pass NULL for what you do not
 *   need.
 * - Every *_free accepts NULL and does nothing. An accessor that returns a
 *   value rather than a status returns 0 or "" for a NULL handle.
 *
 * Ownership
 * - A handle written to an out-parameter (crm_engine*, crm_transaction*,
 *   crm_page*, crm_customer* and the other records') is the caller's;
 *   release it with its own *_free.
 * - JSON text written to a char** out-parameter is the caller's; release it
 *   with crm_string_free().
 * - A const char* that an accessor returns, and a const record handle that
 *   crm_page_<record>() returns, belong to the handle they came from: valid
 *   until that handle is changed or freed, and never freed by the caller.
 * - What the caller passes in is read during the call only: its strings and
 *   option structs may be released as soon as the call returns.
 *
 * Names
 * - A function whose result is JSON text (a char** out-parameter) ends in
 *   _json, and no other does but crm_<record>_from_json, which makes a
 *   record handle from JSON. A JSON input is a const char* parameter whose
 *   name ends in _json: crm_rule_save_json reads rule_json and gives the
 *   stored rule as JSON.
 * - Verbs are the C++ Engine's: crm_opportunity_move_stage,
 *   crm_opportunity_close_won and crm_opportunity_close_lost are
 *   Engine::move_stage, close_won and close_lost.
 * - Names from before these rules stay exported and working. Each is marked
 *   "Deprecated alias of X": it takes X's arguments and does what X does
 *   (its messages name the alias). New code calls X.
 *
 * Values
 * - Strings in and out are NUL-terminated UTF-8.
 * - Timestamps are milliseconds since the Unix epoch, UTC, from
 *   CRM_TIME_MIN_MS (0001-01-01T00:00:00.000Z) to CRM_TIME_MAX_MS
 *   (9999-12-31T23:59:59.999Z); a time outside that range, in a record's
 *   JSON, a query or an argument, is CRM_INVALID_ARGUMENT naming it. Money
 *   is an integer amount in minor units (1799 = 17.99) with an ISO 4217 code.
 * - JSON input is read strictly (see CRM_JSON_MAX_DEPTH): an unknown key, a
 *   value of the wrong type or an unknown spelling is CRM_INVALID_ARGUMENT
 *   naming the key, refused before anything is written. A missing key keeps
 *   its default. A JSON input that "may be NULL" reads NULL as {}.
 * - A listing gives one page. Pass its next cursor to the next call (NULL
 *   or "" asks for the first page) until the cursor is "". limit is
 *   1..1000, and 0 means 50; a larger limit or a cursor that is not one is
 *   CRM_INVALID_ARGUMENT.
 *
 * Threads
 * - One crm_engine may be used from any number of threads at once. A record
 *   or page handle must not be used by two threads at once. A transaction
 *   belongs to the thread that began it.
 */
#ifndef CRM_H
#define CRM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CRM_API __attribute__((visibility("default")))
#else
#define CRM_API
#endif

/* The release this header belongs to (0.1.0), also the project's version:
 * the build reads it from these lines. CRM_VERSION_NUMBER counts it as one
 * integer, major * 1000000 + minor * 1000 + patch (1.2.3 is 1002003), so
 * versions compare with < and >; crm_version_number() is the same count
 * for the library loaded at run time. */
#define CRM_VERSION_MAJOR 0
#define CRM_VERSION_MINOR 1
#define CRM_VERSION_PATCH 0
#define CRM_VERSION_NUMBER (CRM_VERSION_MAJOR * 1000000 + CRM_VERSION_MINOR * 1000 + CRM_VERSION_PATCH)

/* Bumped when a change breaks binary compatibility; the SONAME carries it
 * (libcrm.so.1), while the file's name carries the release (libcrm.so.0.1.0). */
#define CRM_ABI_VERSION 1

/* The supported range of times, in ms since the epoch (crm::min_timestamp
 * and crm::max_timestamp in C++): 0001-01-01T00:00:00.000Z and
 * 9999-12-31T23:59:59.999Z, both included. */
#define CRM_TIME_MIN_MS (-62135596800000LL)
#define CRM_TIME_MAX_MS 253402300799999LL

typedef enum crm_status {
  CRM_OK = 0,
  CRM_INVALID_ARGUMENT = 1, /* bad input: NULL argument, invalid UTF-8, bad phone… */
  CRM_NOT_FOUND = 2,        /* no record with that id or key */
  CRM_ALREADY_EXISTS = 3,   /* a unique key (phone, e-mail, external_id) is taken */
  CRM_CONFLICT = 4,         /* stale version, or the record is still referred to */
  CRM_PERMISSION_DENIED = 5,
  CRM_STORAGE = 6,          /* I/O error, disk full */
  CRM_CORRUPT = 7,          /* not a crm database, damaged file or record (named) */
  CRM_UNSUPPORTED = 8,      /* written by a newer crm */
  CRM_INTERNAL = 9,         /* a bug in crm: please report it */
  CRM_OUT_OF_MEMORY = 10,
  CRM_CLOSED = 11,          /* the engine has been closed */
  CRM_BUSY = 12             /* the write slot stayed taken past the busy timeout (another
                               thread's transaction, another process's lock); try again */
} crm_status;

/* The version of the library loaded at run time, which may be newer than
 * the header a host was compiled with (a newer libcrm.so.1 of the same ABI):
 * crm_version() as a static string ("0.1.0"), crm_version_number() counted as
 * CRM_VERSION_NUMBER is, crm_abi_version() its CRM_ABI_VERSION. A host that
 * needs a call added in a later release checks, as with SQLite's
 * sqlite3_libversion_number():
 *   if (crm_version_number() < CRM_VERSION_NUMBER) { ... older library ... } */
CRM_API const char* crm_version(void);
CRM_API int crm_version_number(void);
CRM_API int crm_abi_version(void);

/* The constant's name ("CRM_CONFLICT"); a static string. */
CRM_API const char* crm_status_name(crm_status status);

/* The message of the last failed call on this thread, or "" after a success.
 * Owned by the library; valid until this thread's next crm_* call. */
CRM_API const char* crm_last_error_message(void);

/* Releases a string the library returned through an out-parameter. */
CRM_API void crm_string_free(char* string);

/* JSON arguments are read strictly: malformed JSON or UTF-8, a key repeated
 * in one object, or arrays and objects nested deeper than CRM_JSON_MAX_DEPTH
 * levels are CRM_INVALID_ARGUMENT, refused before anything else is read. */
#define CRM_JSON_MAX_DEPTH 64
/* Messages are at most CRM_ERROR_MESSAGE_MAX bytes of UTF-8. The values they
 * quote are escaped (control characters and invalid bytes as \xNN, DEL and
 * C1 controls as \u00NN) and cut after 64 bytes with "…". */
#define CRM_ERROR_MESSAGE_MAX 4096

/* ---- Engine ------------------------------------------------------------ */

typedef struct crm_engine crm_engine;

typedef enum crm_durability {
  CRM_DURABILITY_FULL = 0,  /* a committed write survives power loss */
  CRM_DURABILITY_NORMAL = 1 /* faster; a power loss may lose the last commits */
} crm_durability;

/* How strictly phone numbers are checked (crm::PhoneCheck). */
typedef enum crm_phone_check {
  CRM_PHONE_CHECK_VALID = 0,   /* the number must be valid for its region */
  CRM_PHONE_CHECK_POSSIBLE = 1 /* only its length must be plausible: for numbering ranges newer than the
                                  phone metadata */
} crm_phone_check;

/* struct_size is the caller's sizeof(crm_options) (crm_options_init and
 * CRM_OPTIONS_INIT set it): fields a caller built against an older, smaller
 * struct does not know keep their defaults, so the struct can grow without
 * breaking old callers. New fields are only ever added at the end. */
typedef struct crm_options {
  size_t struct_size;
  const char* path;           /* SQLite file, created if missing; NULL or "" keeps data in memory */
  const char* default_region; /* ISO 3166 region for national phone numbers; NULL means "US" */
  int durability;             /* a crm_durability (an int, so the struct layout never depends on enum size) */
  int read_only;              /* non-zero opens an existing SQLite file for reading only (needs path) */
  int64_t page_cache_mib;     /* MiB of SQLite pages each connection caches; 0 keeps SQLite's ~2 MiB,
                                 1..1048576 raise it */
  int64_t busy_timeout_ms;    /* how long a call waits for the write slot (another thread's transaction,
                                 another process's lock) before CRM_BUSY: 0..86400000, default 5000 */
  int64_t workflow_action_limit; /* most rule actions one change may set off, across the chain it
                                    starts (docs/WORKFLOW.md); one more fails the change with
                                    CRM_CONFLICT naming the rule chain. Default 2000; 0 means it too */
  int phone_check;            /* a crm_phone_check for the phones records are stored with; default
                                 CRM_PHONE_CHECK_VALID */
} crm_options;

/* The defaults as a static initialiser, in the style of libgit2's
 * GIT_CLONE_OPTIONS_INIT: `crm_options options = CRM_OPTIONS_INIT;` gives,
 * field by field, what crm_options_init(&options, sizeof options) gives
 * (struct_size is the caller's sizeof(crm_options)). Positional rather
 * than designated, so C and C++ hosts alike can use it. */
#define CRM_OPTIONS_INIT {sizeof(crm_options), NULL, NULL, CRM_DURABILITY_FULL, 0, 0, 5000, 2000, CRM_PHONE_CHECK_VALID}

/* Fills options with the defaults (in memory, region "US", full durability,
 * SQLite's page cache, a busy timeout of 5000 ms, a workflow action limit
 * of 2000, valid phone numbers only) and sets struct_size. Pass sizeof your crm_options: a library
 * newer than the caller writes only that many bytes. Does nothing when
 * options is NULL or struct_size is too small to hold struct_size itself. */
CRM_API void crm_options_init(crm_options* options, size_t struct_size);

/* Opens an engine over the store the options name; *out_engine is the
 * caller's (crm_engine_free). CRM_INVALID_ARGUMENT names a bad option (a
 * struct_size that does not reach path, a value outside its range,
 * read_only without a path); CRM_CORRUPT is a file that is not a crm
 * database or is damaged, CRM_UNSUPPORTED one a newer crm wrote,
 * CRM_PERMISSION_DENIED a read_only file whose WAL cannot be read with it,
 * CRM_STORAGE a file that cannot be opened or created. */
CRM_API crm_status crm_engine_open(const crm_options* options, crm_engine** out_engine);
/* Closes the store; later calls with this engine fail with CRM_CLOSED. Rolls
 * back the transactions still open and waits for calls in progress on other
 * threads. Closing twice is allowed (CRM_OK). */
CRM_API crm_status crm_engine_close(crm_engine* engine);
/* Closes (if still open) and releases the handle. */
CRM_API void crm_engine_free(crm_engine* engine);

/* Reads every stored record and reports those that cannot be used: a body
 * that does not decode, or a unique key (phone, e-mail, external id…) that
 * does not lead back to its record. *out_json is {"records": n read,
 * "damaged": [{"collection": "customer", "id", "problem"}]}; damaged is []
 * on a healthy file. CRM_OK whenever the check ran, damage or not. Reads
 * the whole file: a maintenance call. */
CRM_API crm_status crm_check_json(crm_engine* engine, char** out_json);

/* ---- Transactions ------------------------------------------------------ */

/* Engine calls made on this thread between begin and commit form one
 * transaction: they become visible and durable together, or not at all. A
 * begin inside a transaction nests (rolling it back undoes only its part).
 * A storage error inside a transaction aborts it: every later call in it
 * is CRM_STORAGE until it is rolled back or freed. */
typedef struct crm_transaction crm_transaction;

/* Begins a transaction on the calling thread; *out_transaction is the
 * caller's (crm_transaction_free). CRM_BUSY when the write slot stays taken
 * past the busy timeout. */
CRM_API crm_status crm_transaction_begin(crm_engine* engine, crm_transaction** out_transaction);
/* Commits, on the thread that began it. CRM_INVALID_ARGUMENT (the
 * transaction stays open) on another thread or while a transaction begun
 * inside it is open, and for one already ended; CRM_CLOSED when
 * crm_engine_close rolled it back. A commit that fails has rolled back. */
CRM_API crm_status crm_transaction_commit(crm_transaction* transaction);
/* Rolls back, with the transactions begun inside it. Allowed on any thread:
 * there it waits until the owner is in no crm call on the engine.
 * CRM_INVALID_ARGUMENT for one already ended, saying how it ended
 * (CRM_CLOSED when crm_engine_close ended it). */
CRM_API crm_status crm_transaction_rollback(crm_transaction* transaction);
/* Rolls back (if still open, from any thread) and releases the handle. */
CRM_API void crm_transaction_free(crm_transaction* transaction);

/* ---- Records ----------------------------------------------------------- */

/* Five record types share one set of functions, spelt out per type below:
 *   crm_<type>_new(out_record)      an empty record
 *   crm_<type>_from_json(<type>_json, out_record)
 *                                   a record from a JSON object (any of its
 *                                   fields; docs/C_API.md gives the spellings).
 *                                   CRM_INVALID_ARGUMENT names the bad key.
 *   crm_<type>_to_json(record, out_json)
 *                                   the whole record as JSON
 *   crm_<type>_create(engine, record)
 *                                   stores it (its id and version must be 0); on
 *                                   success the handle holds the stored record
 *                                   (id, version, normalised, and as the rules
 *                                   that fired left it). CRM_INVALID_ARGUMENT
 *                                   names a field that fails its checks,
 *                                   CRM_ALREADY_EXISTS a unique key (phone,
 *                                   e-mail, external_id) another record holds,
 *                                   CRM_NOT_FOUND a record it refers to
 *                                   (customer_id…) that does not exist.
 *   crm_<type>_update(engine, record)
 *                                   replaces the stored record; on success the
 *                                   handle holds it as stored. The statuses of
 *                                   create, and CRM_NOT_FOUND when it is not
 *                                   stored, CRM_CONFLICT when the handle's
 *                                   version is not the stored one (reload and
 *                                   retry), when a lead's status change breaks
 *                                   its lifecycle, or when a field a pending
 *                                   approval locks would change.
 *   crm_<type>_get(engine, id, out_record)
 *                                   the stored record; CRM_NOT_FOUND when there
 *                                   is none, CRM_CORRUPT when it is damaged
 *   crm_<type>_erase(engine, id, expected_version)
 *                                   erases the stored record at that version
 *                                   (Engine::erase). CRM_NOT_FOUND when there
 *                                   is none, CRM_CONFLICT when the version is
 *                                   not the stored one or other records still
 *                                   refer to it (a customer's interactions,
 *                                   deals, members or tasks; a lead's or a
 *                                   deal's interactions or tasks) or an
 *                                   approval of it is pending. A deal's stage
 *                                   history goes with it; an erased purchase
 *                                   leaves its customer's statistics.
 *   crm_<type>_free(record)
 * A handle written to out_record is the caller's (crm_<type>_free); *out_json
 * is the caller's (crm_string_free). */
typedef struct crm_customer crm_customer;
typedef struct crm_interaction crm_interaction;
typedef struct crm_lead crm_lead;
typedef struct crm_opportunity crm_opportunity;
typedef struct crm_task crm_task; /* a to-do: see "Workflow" below */

CRM_API crm_status crm_customer_new(crm_customer** out_record);
CRM_API crm_status crm_customer_from_json(const char* customer_json, crm_customer** out_record);
CRM_API crm_status crm_customer_to_json(const crm_customer* record, char** out_json);
CRM_API crm_status crm_customer_create(crm_engine* engine, crm_customer* record);
CRM_API crm_status crm_customer_update(crm_engine* engine, crm_customer* record);
CRM_API crm_status crm_customer_get(crm_engine* engine, int64_t id, crm_customer** out_record);
CRM_API crm_status crm_customer_erase(crm_engine* engine, int64_t id, int64_t expected_version);
CRM_API void crm_customer_free(crm_customer* record);

CRM_API crm_status crm_interaction_new(crm_interaction** out_record);
CRM_API crm_status crm_interaction_from_json(const char* interaction_json, crm_interaction** out_record);
CRM_API crm_status crm_interaction_to_json(const crm_interaction* record, char** out_json);
CRM_API crm_status crm_interaction_create(crm_engine* engine, crm_interaction* record);
CRM_API crm_status crm_interaction_update(crm_engine* engine, crm_interaction* record);
CRM_API crm_status crm_interaction_get(crm_engine* engine, int64_t id, crm_interaction** out_record);
CRM_API crm_status crm_interaction_erase(crm_engine* engine, int64_t id, int64_t expected_version);
CRM_API void crm_interaction_free(crm_interaction* record);

CRM_API crm_status crm_lead_new(crm_lead** out_record);
CRM_API crm_status crm_lead_from_json(const char* lead_json, crm_lead** out_record);
CRM_API crm_status crm_lead_to_json(const crm_lead* record, char** out_json);
CRM_API crm_status crm_lead_create(crm_engine* engine, crm_lead* record);
CRM_API crm_status crm_lead_update(crm_engine* engine, crm_lead* record);
CRM_API crm_status crm_lead_get(crm_engine* engine, int64_t id, crm_lead** out_record);
CRM_API crm_status crm_lead_erase(crm_engine* engine, int64_t id, int64_t expected_version);
CRM_API void crm_lead_free(crm_lead* record);

CRM_API crm_status crm_opportunity_new(crm_opportunity** out_record);
CRM_API crm_status crm_opportunity_from_json(const char* opportunity_json, crm_opportunity** out_record);
CRM_API crm_status crm_opportunity_to_json(const crm_opportunity* record, char** out_json);
CRM_API crm_status crm_opportunity_create(crm_engine* engine, crm_opportunity* record);
CRM_API crm_status crm_opportunity_update(crm_engine* engine, crm_opportunity* record);
CRM_API crm_status crm_opportunity_get(crm_engine* engine, int64_t id, crm_opportunity** out_record);
CRM_API crm_status crm_opportunity_erase(crm_engine* engine, int64_t id, int64_t expected_version);
CRM_API void crm_opportunity_free(crm_opportunity* record);

CRM_API crm_status crm_task_new(crm_task** out_record);
CRM_API crm_status crm_task_from_json(const char* task_json, crm_task** out_record);
CRM_API crm_status crm_task_to_json(const crm_task* record, char** out_json);
CRM_API crm_status crm_task_create(crm_engine* engine, crm_task* record);
CRM_API crm_status crm_task_update(crm_engine* engine, crm_task* record);
CRM_API crm_status crm_task_get(crm_engine* engine, int64_t id, crm_task** out_record);
CRM_API crm_status crm_task_erase(crm_engine* engine, int64_t id, int64_t expected_version);
CRM_API void crm_task_free(crm_task* record);

/* ---- Record accessors -------------------------------------------------- */

/* Typed reads of a record handle's fields, the same basic set for every
 * type: id (0 before it is stored), version (pass it back as an
 * expected_version), created_at and updated_at (ms; set by the engine, 0
 * before the record is stored), then the record's scalar fields, named as
 * in C++ (include/crm/model/). Lists, maps and attributes are read through
 * crm_<type>_to_json.
 * - Text and enum spellings are returned as const char*, never NULL: ""
 *   when the field is empty or the handle NULL; owned by the handle.
 * - Numbers and ids are returned as they are, 0 for a NULL handle.
 * - A field that may be absent (an optional time or amount) is read through
 *   a crm_status: CRM_OK writes it to the out-parameters, CRM_NOT_FOUND
 *   says the record has none (out-parameters untouched); a NULL handle or
 *   out-parameter is CRM_INVALID_ARGUMENT. A money's currency points into
 *   the handle. */

/* Customers. name is the display name; phone and email the first of each
 * (E.164; lower case); kind "person" or "organisation"; stage the lifecycle
 * stage ("prospect", "new", "active", "at-risk", "churned"). */
CRM_API int64_t crm_customer_id(const crm_customer* customer);
CRM_API int64_t crm_customer_version(const crm_customer* customer);
CRM_API int64_t crm_customer_created_at(const crm_customer* customer);
CRM_API int64_t crm_customer_updated_at(const crm_customer* customer);
CRM_API const char* crm_customer_kind(const crm_customer* customer);
CRM_API int64_t crm_customer_organisation_id(const crm_customer* customer); /* 0: none */
CRM_API const char* crm_customer_name(const crm_customer* customer);
CRM_API const char* crm_customer_given_name(const crm_customer* customer);
CRM_API const char* crm_customer_family_name(const crm_customer* customer);
CRM_API const char* crm_customer_phone(const crm_customer* customer);
CRM_API const char* crm_customer_email(const crm_customer* customer);
CRM_API const char* crm_customer_stage(const crm_customer* customer);
CRM_API const char* crm_customer_tier(const crm_customer* customer);
CRM_API const char* crm_customer_owner(const crm_customer* customer);
CRM_API int64_t crm_customer_loyalty_points(const crm_customer* customer);
CRM_API const char* crm_customer_external_id(const crm_customer* customer);
CRM_API crm_status crm_customer_credit_limit(const crm_customer* customer, int64_t* out_minor,
                                             const char** out_currency);

/* Interactions. kind "purchase", "call"…; channel "pos", "phone"…;
 * direction "inbound", "outbound" or "internal"; amount only on purchases
 * and refunds. Interactions carry no updated_at. */
CRM_API int64_t crm_interaction_id(const crm_interaction* interaction);
CRM_API int64_t crm_interaction_version(const crm_interaction* interaction);
CRM_API int64_t crm_interaction_created_at(const crm_interaction* interaction);
CRM_API int64_t crm_interaction_customer_id(const crm_interaction* interaction);
CRM_API int64_t crm_interaction_lead_id(const crm_interaction* interaction);
CRM_API int64_t crm_interaction_opportunity_id(const crm_interaction* interaction);
CRM_API const char* crm_interaction_kind(const crm_interaction* interaction);
CRM_API const char* crm_interaction_channel(const crm_interaction* interaction);
CRM_API const char* crm_interaction_direction(const crm_interaction* interaction);
CRM_API const char* crm_interaction_subject(const crm_interaction* interaction);
CRM_API const char* crm_interaction_body(const crm_interaction* interaction);
CRM_API const char* crm_interaction_outcome(const crm_interaction* interaction);
CRM_API int64_t crm_interaction_occurred_at(const crm_interaction* interaction);
CRM_API crm_status crm_interaction_amount(const crm_interaction* interaction, int64_t* out_minor,
                                          const char** out_currency);

/* Leads. name is the display name; status "new", "working", "qualified",
 * "disqualified" or "converted"; score 0..100; the converted ids are set by
 * conversion, assignment_rule and assigned_at by crm_lead_assign_json. */
CRM_API int64_t crm_lead_id(const crm_lead* lead);
CRM_API int64_t crm_lead_version(const crm_lead* lead);
CRM_API int64_t crm_lead_created_at(const crm_lead* lead);
CRM_API int64_t crm_lead_updated_at(const crm_lead* lead);
CRM_API const char* crm_lead_name(const crm_lead* lead);
CRM_API const char* crm_lead_given_name(const crm_lead* lead);
CRM_API const char* crm_lead_family_name(const crm_lead* lead);
CRM_API const char* crm_lead_company(const crm_lead* lead);
CRM_API const char* crm_lead_job_title(const crm_lead* lead);
CRM_API const char* crm_lead_email(const crm_lead* lead);
CRM_API const char* crm_lead_phone(const crm_lead* lead);
CRM_API const char* crm_lead_source(const crm_lead* lead);
CRM_API const char* crm_lead_industry(const crm_lead* lead);
CRM_API const char* crm_lead_territory(const crm_lead* lead);
CRM_API const char* crm_lead_status(const crm_lead* lead);
CRM_API const char* crm_lead_status_reason(const crm_lead* lead);
CRM_API int32_t crm_lead_score_value(const crm_lead* lead);
CRM_API const char* crm_lead_owner(const crm_lead* lead);
CRM_API const char* crm_lead_external_id(const crm_lead* lead);
CRM_API int64_t crm_lead_converted_customer_id(const crm_lead* lead);
CRM_API int64_t crm_lead_converted_opportunity_id(const crm_lead* lead);
CRM_API const char* crm_lead_assignment_rule(const crm_lead* lead);
CRM_API crm_status crm_lead_assigned_at(const crm_lead* lead, int64_t* out_ms);

/* Opportunities (deals). status "open", "won" or "lost"; probability
 * 0..100 (it follows the stage); closed_at is set when the status leaves
 * open. */
CRM_API int64_t crm_opportunity_id(const crm_opportunity* opportunity);
CRM_API int64_t crm_opportunity_version(const crm_opportunity* opportunity);
CRM_API int64_t crm_opportunity_created_at(const crm_opportunity* opportunity);
CRM_API int64_t crm_opportunity_updated_at(const crm_opportunity* opportunity);
CRM_API const char* crm_opportunity_name(const crm_opportunity* opportunity);
CRM_API int64_t crm_opportunity_customer_id(const crm_opportunity* opportunity);
CRM_API int64_t crm_opportunity_lead_id(const crm_opportunity* opportunity);
CRM_API const char* crm_opportunity_pipeline(const crm_opportunity* opportunity);
CRM_API const char* crm_opportunity_stage(const crm_opportunity* opportunity);
CRM_API crm_status crm_opportunity_amount(const crm_opportunity* opportunity, int64_t* out_minor,
                                          const char** out_currency);
CRM_API crm_status crm_opportunity_expected_close(const crm_opportunity* opportunity, int64_t* out_ms);
CRM_API int32_t crm_opportunity_probability(const crm_opportunity* opportunity);
CRM_API const char* crm_opportunity_status(const crm_opportunity* opportunity);
CRM_API const char* crm_opportunity_lost_reason(const crm_opportunity* opportunity);
CRM_API crm_status crm_opportunity_closed_at(const crm_opportunity* opportunity, int64_t* out_ms);
CRM_API const char* crm_opportunity_owner(const crm_opportunity* opportunity);
CRM_API const char* crm_opportunity_external_id(const crm_opportunity* opportunity);

/* Tasks. priority "low", "normal", "high" or "urgent"; status "open",
 * "done" or "cancelled"; rule the workflow rule that created it ("" for a
 * person); completed_at is set when the status leaves open. */
CRM_API int64_t crm_task_id(const crm_task* task);
CRM_API int64_t crm_task_version(const crm_task* task);
CRM_API int64_t crm_task_created_at(const crm_task* task);
CRM_API int64_t crm_task_updated_at(const crm_task* task);
CRM_API const char* crm_task_subject(const crm_task* task);
CRM_API const char* crm_task_body(const crm_task* task);
CRM_API const char* crm_task_owner(const crm_task* task);
CRM_API crm_status crm_task_due_at(const crm_task* task, int64_t* out_ms);
CRM_API crm_status crm_task_remind_at(const crm_task* task, int64_t* out_ms);
CRM_API const char* crm_task_priority(const crm_task* task);
CRM_API const char* crm_task_status(const crm_task* task);
CRM_API int64_t crm_task_customer_id(const crm_task* task);
CRM_API int64_t crm_task_lead_id(const crm_task* task);
CRM_API int64_t crm_task_opportunity_id(const crm_task* task);
CRM_API const char* crm_task_rule(const crm_task* task);
CRM_API crm_status crm_task_completed_at(const crm_task* task, int64_t* out_ms);

/* ---- Customers: the POS hot path -------------------------------------- */

/* Setters change only the handle; create or update stores it, and checks
 * the text then (phones are normalised then too). customer and the text
 * are required; negative points are CRM_INVALID_ARGUMENT. */
CRM_API crm_status crm_customer_set_name(crm_customer* customer, const char* display_name);
CRM_API crm_status crm_customer_add_phone(crm_customer* customer, const char* phone);
CRM_API crm_status crm_customer_add_email(crm_customer* customer, const char* email);
CRM_API crm_status crm_customer_set_tier(crm_customer* customer, const char* tier);
CRM_API crm_status crm_customer_set_external_id(crm_customer* customer, const char* external_id);
CRM_API crm_status crm_customer_set_loyalty_points(crm_customer* customer, int64_t points);

/* Lookups by unique key; *out_customer is the caller's (crm_customer_free).
 * The phone may be written in any format (it is read in the engine's
 * default region); the e-mail in any case. CRM_NOT_FOUND when no customer
 * has it. */
CRM_API crm_status crm_customer_find_by_phone(crm_engine* engine, const char* phone, crm_customer** out_customer);
CRM_API crm_status crm_customer_find_by_email(crm_engine* engine, const char* email, crm_customer** out_customer);
CRM_API crm_status crm_customer_find_by_external_id(crm_engine* engine, const char* external_id,
                                                    crm_customer** out_customer);

/* ---- Purchases --------------------------------------------------------- */

/* Logs a purchase of amount_minor (in currency's minor units) by customer
 * `customer_id` on a channel ("pos", "web", "kiosk"…; may be NULL, meaning
 * "pos", the library's crm::default_purchase_channel), now. note (the interaction's subject) may be NULL.
 * out_interaction may be NULL; else it gets the stored interaction
 * (crm_interaction_free). CRM_NOT_FOUND for an unknown customer. */
CRM_API crm_status crm_purchase_log(crm_engine* engine, int64_t customer_id, int64_t amount_minor,
                                    const char* currency, const char* channel, const char* note,
                                    crm_interaction** out_interaction);

/* The digits after the decimal point in a currency's usual notation, which
 * turn minor units into an amount: 2 for "EUR" (1799 is 17.99), 0 for "JPY",
 * 3 for "BHD" (ICU's table, as the library uses it). CRM_INVALID_ARGUMENT
 * for a code that is not an ISO 4217 currency. */
CRM_API crm_status crm_currency_minor_digits(const char* currency, int* out_digits);

/* ---- Listing ----------------------------------------------------------- */

/* A page of records from a *_list call (see "Values" at the top for
 * cursors and limits). A stored record that cannot be read (damaged: see
 * crm_check_json) is not among the page's records; its id is among the
 * page's damaged ids instead, and the cursor moves past it.
 * crm_<type>_get of it is CRM_CORRUPT. */
typedef struct crm_page crm_page;

/* The number of records on the page, and the cursor of the next ("" on the
 * last page; owned by the page). */
CRM_API size_t crm_page_size(const crm_page* page);
CRM_API const char* crm_page_next_cursor(const crm_page* page);
/* How many damaged records the page left out, and the id of each (in
 * listing order; 0 when index is out of range). NULL gives 0. */
CRM_API size_t crm_page_damaged_count(const crm_page* page);
CRM_API int64_t crm_page_damaged_id(const crm_page* page, size_t index);
/* The page as {"items": [...], "next_cursor": "...", "damaged": [ids]}. */
CRM_API crm_status crm_page_to_json(const crm_page* page, char** out_json);
/* Borrowed views of the page's records, valid until the page is freed; NULL
 * when index is out of range or the page holds another type. */
CRM_API const crm_customer* crm_page_customer(const crm_page* page, size_t index);
CRM_API const crm_interaction* crm_page_interaction(const crm_page* page, size_t index);
CRM_API const crm_lead* crm_page_lead(const crm_page* page, size_t index);
CRM_API const crm_opportunity* crm_page_opportunity(const crm_page* page, size_t index);
CRM_API const crm_task* crm_page_task(const crm_page* page, size_t index);
CRM_API void crm_page_free(crm_page* page);

/* Each list call writes a page to *out_page (the caller's: crm_page_free);
 * cursor may be NULL (the first page).
 * All customers in id order, or (name_prefix, which may be NULL, given)
 * those whose display name starts with it, case-insensitively, in name
 * order. */
CRM_API crm_status crm_customer_list(crm_engine* engine, const char* name_prefix, const char* cursor, size_t limit,
                                     crm_page** out_page);
/* A customer's history, newest first. */
CRM_API crm_status crm_interaction_list(crm_engine* engine, int64_t customer_id, const char* cursor, size_t limit,
                                        crm_page** out_page);
/* Leads, or (status, which may be NULL, given: "new", "working",
 * "qualified"…) those with a status. */
CRM_API crm_status crm_lead_list(crm_engine* engine, const char* status, const char* cursor, size_t limit,
                                 crm_page** out_page);
/* Opportunities, or (customer_id not 0) one customer's. */
CRM_API crm_status crm_opportunity_list(crm_engine* engine, int64_t customer_id, const char* cursor, size_t limit,
                                        crm_page** out_page);
/* The same listings by a query given as JSON (may be NULL: every record in
 * id order), keyed as the C++ query's fields (include/crm/engine_queries.hpp)
 * and at most one filter (more is CRM_INVALID_ARGUMENT):
 * - customers: {"name_prefix"} (in name order, any case), {"owner"},
 *   {"stage": "prospect" | "new" | "active" | "at-risk" | "churned"},
 *   {"tag"} (any case) or {"organisation_id"} (its members);
 * - interactions: {"customer_id"}, {"lead_id"} or {"opportunity_id"}: that
 *   record's interactions, newest first;
 * - leads: {"status"}, {"owner"}, {"email"} (any case), {"phone"} (any
 *   spelling of the default region), {"name_prefix"} or {"assignment_rule"}
 *   (the leads that rule assigned, newest first);
 * - opportunities: {"customer_id"}, {"owner"}, {"status": "open" | "won" |
 *   "lost"} or {"pipeline"} with or without {"stage"} (a stage needs its
 *   pipeline). */
CRM_API crm_status crm_customer_list_query(crm_engine* engine, const char* query_json, const char* cursor,
                                           size_t limit, crm_page** out_page);
CRM_API crm_status crm_interaction_list_query(crm_engine* engine, const char* query_json, const char* cursor,
                                              size_t limit, crm_page** out_page);
CRM_API crm_status crm_lead_list_query(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                       crm_page** out_page);
CRM_API crm_status crm_opportunity_list_query(crm_engine* engine, const char* query_json, const char* cursor,
                                              size_t limit, crm_page** out_page);
/* Tasks by a query given as JSON (may be NULL): {"owner", "status"
 * ("open" by default, "done", "cancelled"), "due_before" (ms), "customer_id",
 * "lead_id", "opportunity_id"}. With an owner, or no id: that owner's
 * (everyone's) tasks in due order, the most urgent first at equal times,
 * undated last; due_before keeps those due before it (overdue: now). With
 * one id: the tasks about that record, oldest first (not with owner or
 * due_before). */
CRM_API crm_status crm_task_list(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                 crm_page** out_page);

/* ---- The sales pipeline ------------------------------------------------ */

/* Deal moves. Each applies to deal `id` at `expected_version` and appends
 * an entry to its stage history in the same transaction. `by` names who
 * made the change and may be NULL. out_opportunity may be NULL; else it
 * gets the deal as stored (crm_opportunity_free). CRM_NOT_FOUND for an
 * unknown deal; CRM_CONFLICT when the version is stale or the move is not
 * allowed from the deal's status. */
/* Moves the deal to `stage`, a stage of its pipeline in any case
 * (CRM_INVALID_ARGUMENT otherwise). */
CRM_API crm_status crm_opportunity_move_stage(crm_engine* engine, int64_t id, int64_t expected_version,
                                              const char* stage, const char* by, crm_opportunity** out_opportunity);
/* Closes the deal as won. */
CRM_API crm_status crm_opportunity_close_won(crm_engine* engine, int64_t id, int64_t expected_version, const char* by,
                                             crm_opportunity** out_opportunity);
/* Closes the deal as lost; reason (the deal's lost_reason) is required. */
CRM_API crm_status crm_opportunity_close_lost(crm_engine* engine, int64_t id, int64_t expected_version,
                                              const char* reason, const char* by,
                                              crm_opportunity** out_opportunity);
/* Deprecated alias of crm_opportunity_move_stage. */
CRM_API crm_status crm_opportunity_move(crm_engine* engine, int64_t id, int64_t expected_version, const char* stage,
                                        const char* by, crm_opportunity** out_opportunity);
/* Deprecated alias of crm_opportunity_close_won. */
CRM_API crm_status crm_opportunity_win(crm_engine* engine, int64_t id, int64_t expected_version, const char* by,
                                       crm_opportunity** out_opportunity);
/* Deprecated alias of crm_opportunity_close_lost. */
CRM_API crm_status crm_opportunity_lose(crm_engine* engine, int64_t id, int64_t expected_version, const char* reason,
                                        const char* by, crm_opportunity** out_opportunity);

/* A deal's stage history, oldest first, as a JSON array of {"id",
 * "opportunity_id", "pipeline", "from_stage", "to_stage", "status", "amount",
 * "probability", "owner", "at", "by"}. CRM_INVALID_ARGUMENT for an id that
 * is not positive, CRM_NOT_FOUND for an unknown deal. */
CRM_API crm_status crm_opportunity_history_json(crm_engine* engine, int64_t id, char** out_json);

/* Stores the pipeline pipeline_json gives ({"name", "stages": [{"name",
 * "probability", "category"}]}): creates it when "id" is 0 or absent, else
 * updates it. out_json may be NULL; else it gets the pipeline as stored.
 * CRM_CONFLICT when "version" is not the stored one, or a stage a deal is
 * in would go; CRM_NOT_FOUND for an unknown id. */
CRM_API crm_status crm_pipeline_save_json(crm_engine* engine, const char* pipeline_json, char** out_json);
/* The pipeline with this name (case-insensitive) as JSON; "default" is known
 * even when none is stored (its id is then 0). CRM_NOT_FOUND otherwise. */
CRM_API crm_status crm_pipeline_get_json(crm_engine* engine, const char* name, char** out_json);
/* Erases the stored pipeline with this name (case-insensitive) at
 * expected_version. CRM_NOT_FOUND when none is stored by that name (the
 * built-in "default" while none is stored, too); CRM_CONFLICT when the
 * version is stale or a deal still uses the pipeline. */
CRM_API crm_status crm_pipeline_erase(crm_engine* engine, const char* name, int64_t expected_version);

/* Converts qualified lead `lead_id` at `expected_version` in one transaction:
 * a customer (found or created), optionally an organisation and a deal; the
 * lead's interactions follow. options_json may be NULL: {"customer_id": id,
 * "with_organisation": bool, "opportunity": {deal JSON}, "on_similar":
 * "refuse" | "warn" | "allow"}. out_json may be NULL; else it gets {"lead",
 * "customer", "customer_created", "organisation" (or null), "opportunity"
 * (or null), "interactions_moved", "similar"}. CRM_NOT_FOUND for an unknown
 * lead; CRM_CONFLICT when the lead is not qualified or the version is
 * stale; CRM_ALREADY_EXISTS when a similar customer blocks it (on_similar
 * "refuse"). */
CRM_API crm_status crm_lead_convert_json(crm_engine* engine, int64_t lead_id, int64_t expected_version,
                                         const char* options_json, char** out_json);
/* Deprecated alias of crm_lead_convert_json. */
CRM_API crm_status crm_lead_convert(crm_engine* engine, int64_t lead_id, int64_t expected_version,
                                    const char* options_json, char** out_json);

/* The stored leads and customers that a lead (given as lead JSON, not
 * stored) duplicates, best first, as a JSON array of {"kind": "lead" |
 * "customer", "id", "name", "score", "reasons": [{"field", "method",
 * "similarity"}]}. Reads only. */
CRM_API crm_status crm_lead_duplicates_json(crm_engine* engine, const char* lead_json, char** out_json);
/* Creates a lead after looking for duplicates, in one transaction. policy
 * "refuse": CRM_ALREADY_EXISTS naming the best candidate, nothing stored;
 * "warn": stored, candidates returned; "allow": stored without looking. On
 * success the handle holds the stored lead and out_duplicates_json (may be
 * NULL) gets the candidates as crm_lead_duplicates_json gives them. The
 * statuses of crm_lead_create besides. */
CRM_API crm_status crm_lead_create_checked_json(crm_engine* engine, crm_lead* lead, const char* policy,
                                                char** out_duplicates_json);
/* Deprecated alias of crm_lead_create_checked_json. */
CRM_API crm_status crm_lead_create_checked(crm_engine* engine, crm_lead* lead, const char* policy,
                                           char** out_duplicates_json);

/* Every stored lead scanned for duplicates among leads and customers (the
 * default match rules), each pair of leads once: {"pairs": [{"lead_id",
 * "kind": "lead" | "customer", "id", "name", "score", "reasons"}]}. Reads
 * only. */
CRM_API crm_status crm_duplicates_scan_json(crm_engine* engine, char** out_json);

/* Picks the owner of stored lead `lead_id` by rules_json and records it on
 * the lead (owner, assignment_rule, assigned_at) in one transaction:
 * {"rules": [{"name" (required), "territory", "industry", "source",
 * "strategy": "fixed_owner" | "round_robin" | "load_balanced", "owner",
 * "team": [{"name", "capacity"}]}]}; the first matching rule decides.
 * out_json may be NULL; else it gets {"assigned": bool, "rule", "strategy",
 * "owner"}: assigned is false, the rest null and the lead unchanged when no
 * rule matches. CRM_INVALID_ARGUMENT for a bad rule set, CRM_NOT_FOUND for
 * an unknown lead, CRM_CONFLICT when every member of a load_balanced team
 * is full. */
CRM_API crm_status crm_lead_assign_json(crm_engine* engine, int64_t lead_id, const char* rules_json, char** out_json);
/* Deprecated alias of crm_lead_assign_json. */
CRM_API crm_status crm_lead_assign(crm_engine* engine, int64_t lead_id, const char* rules_json, char** out_json);

/* Scores stored lead `lead_id` from what closed leads taught the engine
 * (naive Bayes): config_json may be NULL, else {"fields": [..],
 * "smoothing": x, "min_count": n}, each optional. With "rules": [{"field",
 * "op": "equals" | "contains" | "present", "value", "points"}] and/or
 * "behaviour": [{"kind": "interactions-at-least" | "inbound-at-least" |
 * "contacted-within-days", "threshold", "points"}] it also gives a
 * rule-based score over the lead's interactions and the engine's clock.
 * *out_json is {"probability", "percent", "trained", "contributions":
 * [{"field", "value", "weight"}]} and then "rule_score": {"score", "raw",
 * "hits": [{"description", "points"}]}. CRM_NOT_FOUND for an unknown lead.
 * Reads only: the lead's stored score (crm_lead_score_value) is left as it
 * is. */
CRM_API crm_status crm_lead_score_json(crm_engine* engine, int64_t lead_id, const char* config_json, char** out_json);
/* Deprecated alias of crm_lead_score_json (which is why a lead's score
 * field is read with crm_lead_score_value). */
CRM_API crm_status crm_lead_score(crm_engine* engine, int64_t lead_id, const char* config_json, char** out_json);

/* Runs a read-only report: report is "funnel", "forecast", "sales_cycle",
 * "snapshot", "overdue" or "credit" (the pipeline), or "rfm", "value",
 * "clv", "basket" or "segment" (customer analytics: see "Customer
 * analytics" below); query_json its query (may be NULL for the reports
 * that need no key; docs/C_API.md gives every report's keys). *out_json is
 * one JSON object. Money is {"minor", "currency"} (the analytics reports:
 * minor units of the report's currency), times ms since the epoch,
 * durations fractional days. CRM_INVALID_ARGUMENT for an unknown report or
 * a bad query (naming the key: "funnel query.window.to: expected an
 * integer …"); CRM_NOT_FOUND for an unknown pipeline, or when nobody
 * bought in an analytics report's currency. */
CRM_API crm_status crm_report_json(crm_engine* engine, const char* report, const char* query_json, char** out_json);

/* ---- Workflow ---------------------------------------------------------- */

/* Rules, timed actions, the firing log, the outbox and approvals
 * (docs/WORKFLOW.md), as JSON documents; tasks are records (above). The
 * *_list_json calls give one page as {"items": [...], "next_cursor":
 * "..."} (see "Values" at the top for cursors and limits). */

/* Saves the rule rule_json gives; a rule of a stored name (any case)
 * replaces it. A bad rule is CRM_INVALID_ARGUMENT naming the rule and the
 * place ("rule 'x': when.field: 'tire' is not a customer field") and stores
 * nothing. out_json may be NULL; else it gets the stored rule: {"id",
 * "version", "name", "definition": {the rule, canonical}, "saved_at"}. */
CRM_API crm_status crm_rule_save_json(crm_engine* engine, const char* rule_json, char** out_json);
/* The stored rule with this name (any case), as crm_rule_save_json gives
 * it; CRM_NOT_FOUND when there is none. */
CRM_API crm_status crm_rule_get_json(crm_engine* engine, const char* name, char** out_json);
/* Erases the rule with this name (any case); CRM_NOT_FOUND when there is
 * none. Its queued timed actions are logged as skipped when they fall due. */
CRM_API crm_status crm_rule_erase(crm_engine* engine, const char* name);
/* The stored rules, in the order they were first saved. */
CRM_API crm_status crm_rule_list_json(crm_engine* engine, const char* cursor, size_t limit, char** out_json);

/* Runs the timed actions due at now_ms, oldest first, at most `limit` (0:
 * the engine's default, 10000). Each whose conditions still hold runs, the
 * others are logged as skipped; one that fails is undone and logged as
 * failed (the call still succeeds). out_json may be NULL; else it gets
 * {"ran", "skipped", "failed", "more"}: more is true when the limit left
 * due actions. The host calls it from its own timer or loop. A now_ms
 * outside CRM_TIME_MIN_MS..CRM_TIME_MAX_MS is CRM_INVALID_ARGUMENT. */
CRM_API crm_status crm_run_due_json(crm_engine* engine, int64_t now_ms, size_t limit, char** out_json);
/* Deprecated alias of crm_run_due_json. */
CRM_API crm_status crm_run_due(crm_engine* engine, int64_t now_ms, size_t limit, char** out_json);
/* The queued timed actions in due order: {"id", "rule", "entity",
 * "record_id", "due_at", "queued_at"}. */
CRM_API crm_status crm_timed_action_list_json(crm_engine* engine, const char* cursor, size_t limit, char** out_json);
/* The firing log in time order: query_json (may be NULL) is {"rule": name}
 * for one rule's firings, {"entity": "customer", "record_id": id} for one
 * record's, or {} for all. Items: {"id", "rule", "entity", "record_id",
 * "at", "outcome" ("ran", "skipped", "failed", "queued"), "detail",
 * "depth"}. */
CRM_API crm_status crm_firing_list_json(crm_engine* engine, const char* query_json, const char* cursor, size_t limit,
                                        char** out_json);
/* Notifications not yet acknowledged, oldest first: {"id", "key", "topic",
 * "to", "rule", "entity", "record_id", "payload": {the record when the rule
 * fired; for topic "rule.failed", {"error", "record"}}, "created_at"}.
 * Deliver, then acknowledge: delivery is at least once, and "key" is the
 * same on every delivery of one notification. */
CRM_API crm_status crm_outbox_list_json(crm_engine* engine, const char* cursor, size_t limit, char** out_json);
/* Removes a delivered notification from the outbox; one already gone is not
 * an error. */
CRM_API crm_status crm_outbox_acknowledge(crm_engine* engine, int64_t id);

/* Approvals: a stored record waits for one or more approvers, in order;
 * while pending, its locked fields cannot change (an update that changes
 * one is CRM_CONFLICT). An approval is {"id", "version", "name", "entity",
 * "record_id", "approvers", "locked_fields", "status" ("pending",
 * "approved", "rejected"), "decisions": [{"approver", "approved", "comment",
 * "at"}], "requested_by", "rule", "waiting_for" (whose turn it is; "" once
 * decided), "created_at", "decided_at", "updated_at"}. Approvals are kept,
 * never erased. */

/* Asks for an approval: request_json is {"name" (required: one pending per
 * name and record), "entity" ("customer", "interaction", "lead",
 * "opportunity", "task"), "record_id", "approvers": [..] (at least one),
 * "locked_fields": [top-level field names of the record], "requested_by"}.
 * out_json may be NULL; else it gets the approval, pending. CRM_NOT_FOUND
 * for an unknown record, CRM_CONFLICT when one of that name is already
 * pending for it. */
CRM_API crm_status crm_approval_request_json(crm_engine* engine, const char* request_json, char** out_json);
/* The approver whose turn it is approves approval `id` at
 * `expected_version` (the last approver's approval makes it approved) or
 * rejects it (one rejection makes it rejected). comment may be NULL.
 * out_json may be NULL; else it gets the approval as stored. CRM_NOT_FOUND
 * for an unknown approval; CRM_CONFLICT, naming whom it waits for, when it
 * is another approver's turn, when the version is stale or when it is
 * already decided. */
CRM_API crm_status crm_approval_approve_json(crm_engine* engine, int64_t id, int64_t expected_version,
                                             const char* approver, const char* comment, char** out_json);
CRM_API crm_status crm_approval_reject_json(crm_engine* engine, int64_t id, int64_t expected_version,
                                            const char* approver, const char* comment, char** out_json);
/* The approval with this id; CRM_NOT_FOUND when there is none. */
CRM_API crm_status crm_approval_get_json(crm_engine* engine, int64_t id, char** out_json);
/* Approvals by a query (may be NULL; one filter at most):
 * {"waiting_for": approver} (the pending ones whose turn it is: an inbox),
 * {"status": "pending" | "approved" | "rejected"} (oldest first),
 * {"entity": "opportunity", "record_id": id} (one record's, pending first),
 * or {} (all, in id order). */
CRM_API crm_status crm_approval_list_json(crm_engine* engine, const char* query_json, const char* cursor,
                                          size_t limit, char** out_json);

/* ---- Customer analytics ------------------------------------------------ */

/* The engine keeps each customer's purchase statistics per currency (every
 * interaction of kind "purchase" with an amount counts) in the transaction
 * of each purchase write, and the analytics reports rank customers by them
 * (docs/C_API.md gives every key). */

/* A customer's statistics, one per currency they bought in, in code order,
 * as a JSON array of {"customer_id", "currency", "purchases",
 * "purchase_days" (distinct UTC days), "total_minor", "first_day_minor",
 * "average_minor", "first_at", "last_at"}; [] when they bought nothing.
 * CRM_INVALID_ARGUMENT for an id that is not positive, CRM_NOT_FOUND for an
 * unknown customer. */
CRM_API crm_status crm_purchase_stats_json(crm_engine* engine, int64_t customer_id, char** out_json);

/* Recomputes every customer's statistics from the purchase history in one
 * transaction and mends what differs: on a healthy file, nothing. Reads
 * every interaction, so it is a repair, not a routine call. out_json may be
 * NULL; else it gets {"purchases" (read), "stats" (computed), "added",
 * "corrected", "removed"}. */
CRM_API crm_status crm_purchase_stats_rebuild_json(crm_engine* engine, char** out_json);
/* Deprecated alias of crm_purchase_stats_rebuild_json. */
CRM_API crm_status crm_purchase_stats_rebuild(crm_engine* engine, char** out_json);

/* The reports crm_report_json runs over them, each with a JSON query whose
 * keys are all optional:
 *   "rfm"     RFM scores of one currency's customers: cuts, score counts
 *             and customers per segment
 *   "value"   the value matrix (purchases x average spend, four quadrants)
 *             and the customers in each lifecycle stage
 *   "clv"     BG/NBD and Gamma-Gamma fitted to the customers, their
 *             lifetime value and churn risk, the most valuable listed
 *   "basket"  association rules between the SKUs of stored purchases'
 *             line items (a purchase is a basket)
 *   "segment" one page of the customers who pass filters on their
 *             statistics, scores, quadrant, stage, tags and attributes:
 *             {"items", "next_cursor"}
 * All but "basket" measure one currency ("currency"; absent: the one most
 * customers bought in) as of "as_of" (ms; absent: the latest purchase).
 * A bad query is CRM_INVALID_ARGUMENT naming the key ("rfm query.scores:
 * expected an integer in 2..9, not 12"), as is a "clv" population with
 * fewer than two customers who bought again. Reads only. */

#ifdef __cplusplus
}
#endif

#endif /* CRM_H */
