# SPDX-License-Identifier: Apache-2.0
"""libcrm.so through ctypes: finding it, and the type of every function.

Every function of crm.h is declared here, once, with its argtypes and
restype, so a wrong call fails in Python instead of corrupting memory.
Functions that return a crm_status raise the matching crm.CrmError on
failure (an errcheck, which runs right after the call on the calling thread,
before any other crm call there, so crm_last_error_message() is still the
call's own message).

The library is found, in order, at:
  1. the path in the environment variable CRM_LIBRARY;
  2. libcrm.so next to this package (a copy vendored with it);
  3. its SONAME, libcrm.so.<ABI_VERSION>, wherever the dynamic linker finds
     it, as for a C program linked with -lcrm: LD_LIBRARY_PATH, the ldconfig
     cache (after `cmake --install` into /usr/local and `ldconfig`), the
     system's directories;
  4. whatever ctypes.util.find_library("crm") names (another ABI's library
     is then refused by name, below).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import POINTER, Structure, c_char_p, c_int, c_int32, c_int64, c_size_t, c_void_p
from typing import Any

from .errors import error_for

# The ABI this binding was written against: crm.h's CRM_ABI_VERSION.
ABI_VERSION = 1

_HELP = (
    "set CRM_LIBRARY to the path of libcrm.so (a build puts it at "
    "build/bindings/c/libcrm.so), copy libcrm.so next to the crm package, "
    "or install it where the dynamic linker looks (LD_LIBRARY_PATH, ldconfig)"
)


def _load() -> ctypes.CDLL:
    from_env = os.environ.get("CRM_LIBRARY")
    if from_env:
        # An explicit path is never second-guessed with a fallback.
        try:
            return ctypes.CDLL(from_env)
        except OSError as e:
            raise ImportError(f"crm: cannot load CRM_LIBRARY={from_env!r}: {e}") from e
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libcrm.so")
    if os.path.exists(here):
        try:
            return ctypes.CDLL(here)
        except OSError as e:
            raise ImportError(f"crm: cannot load {here}: {e}") from e
    try:
        return ctypes.CDLL(f"libcrm.so.{ABI_VERSION}")
    except OSError:
        pass  # not on the dynamic linker's path: try find_library's wider search
    found = ctypes.util.find_library("crm")
    if found:
        try:
            return ctypes.CDLL(found)
        except OSError as e:
            raise ImportError(f"crm: cannot load {found} (found on the library path): {e}") from e
    raise ImportError(f"crm: cannot find libcrm.so: {_HELP}")


lib = _load()

# ---- Types ------------------------------------------------------------------


class Options(Structure):
    """crm_options, field for field."""

    _fields_ = [
        ("struct_size", c_size_t),
        ("path", c_char_p),
        ("default_region", c_char_p),
        ("durability", c_int),
        ("read_only", c_int),
        ("page_cache_mib", c_int64),
        ("busy_timeout_ms", c_int64),
        ("workflow_action_limit", c_int64),
        ("phone_check", c_int),
    ]


# Opaque handles: distinct pointer types, so a customer handle cannot be
# passed where a lead is expected.
class crm_engine(Structure):
    pass


class crm_transaction(Structure):
    pass


class crm_customer(Structure):
    pass


class crm_interaction(Structure):
    pass


class crm_lead(Structure):
    pass


class crm_opportunity(Structure):
    pass


class crm_task(Structure):
    pass


class crm_page(Structure):
    pass


EngineP = POINTER(crm_engine)
TransactionP = POINTER(crm_transaction)
CustomerP = POINTER(crm_customer)
InteractionP = POINTER(crm_interaction)
LeadP = POINTER(crm_lead)
OpportunityP = POINTER(crm_opportunity)
TaskP = POINTER(crm_task)
PageP = POINTER(crm_page)

# A char* the caller owns (freed with crm_string_free): c_void_p, because
# c_char_p would copy it into bytes and lose the pointer to free.
OwnedString = c_void_p

# ---- Declarations ------------------------------------------------------------

# Every declared name, for the test that holds this list to crm.h.
declared: set[str] = set()


def _check(result: int, func: Any, args: Any) -> int:
    if result != 0:
        raise error_for(result, last_error_message())
    return result


def _declare(name: str, restype: Any, argtypes: list[Any]) -> None:
    func = getattr(lib, name)
    func.restype = restype
    func.argtypes = argtypes
    declared.add(name)


def _status(name: str, argtypes: list[Any]) -> None:
    """Declares a function returning a crm_status, raising on failure."""
    _declare(name, c_int, argtypes)  # an enum, returned as an int
    getattr(lib, name).errcheck = _check


def last_error_message() -> str:
    raw = lib.crm_last_error_message()
    # Messages quote the caller's input, which may be anything.
    return raw.decode("utf-8", "replace") if raw else ""


# Basics
_declare("crm_version", c_char_p, [])
_declare("crm_version_number", c_int, [])
_declare("crm_abi_version", c_int, [])
_declare("crm_status_name", c_char_p, [c_int])
_declare("crm_last_error_message", c_char_p, [])
_declare("crm_string_free", None, [OwnedString])

# Engine and transactions
_declare("crm_options_init", None, [POINTER(Options), c_size_t])
_status("crm_engine_open", [POINTER(Options), POINTER(EngineP)])
_status("crm_engine_close", [EngineP])
_declare("crm_engine_free", None, [EngineP])
_status("crm_transaction_begin", [EngineP, POINTER(TransactionP)])
_status("crm_transaction_commit", [TransactionP])
_status("crm_transaction_rollback", [TransactionP])
_declare("crm_transaction_free", None, [TransactionP])

# The functions every record type shares.
for _type, _ptr in (
    ("customer", CustomerP),
    ("interaction", InteractionP),
    ("lead", LeadP),
    ("opportunity", OpportunityP),
    ("task", TaskP),
):
    _status(f"crm_{_type}_new", [POINTER(_ptr)])
    _status(f"crm_{_type}_from_json", [c_char_p, POINTER(_ptr)])
    _status(f"crm_{_type}_to_json", [_ptr, POINTER(OwnedString)])
    _status(f"crm_{_type}_create", [EngineP, _ptr])
    _status(f"crm_{_type}_update", [EngineP, _ptr])
    _status(f"crm_{_type}_get", [EngineP, c_int64, POINTER(_ptr)])
    _status(f"crm_{_type}_erase", [EngineP, c_int64, c_int64])
    _declare(f"crm_{_type}_free", None, [_ptr])

# Typed accessors (crm.h, "Record accessors"): numbers and ids, text and
# enum spellings, and optional values read through a status.
_RECORD_ACCESSORS = {
    "customer": (
        CustomerP,
        ("id", "version", "created_at", "updated_at", "organisation_id", "loyalty_points"),
        ("kind", "name", "given_name", "family_name", "phone", "email", "stage", "tier", "owner", "external_id"),
        (),
        ("credit_limit",),
    ),
    "interaction": (
        InteractionP,
        ("id", "version", "created_at", "customer_id", "lead_id", "opportunity_id", "occurred_at"),
        ("kind", "channel", "direction", "subject", "body", "outcome"),
        (),
        ("amount",),
    ),
    "lead": (
        LeadP,
        ("id", "version", "created_at", "updated_at", "converted_customer_id", "converted_opportunity_id"),
        ("name", "given_name", "family_name", "company", "job_title", "email", "phone", "source", "industry",
         "territory", "status", "status_reason", "owner", "external_id", "assignment_rule"),
        ("assigned_at",),
        (),
    ),
    "opportunity": (
        OpportunityP,
        ("id", "version", "created_at", "updated_at", "customer_id", "lead_id"),
        ("name", "pipeline", "stage", "status", "lost_reason", "owner", "external_id"),
        ("expected_close", "closed_at"),
        ("amount",),
    ),
    "task": (
        TaskP,
        ("id", "version", "created_at", "updated_at", "customer_id", "lead_id", "opportunity_id"),
        ("subject", "body", "owner", "priority", "status", "rule"),
        ("due_at", "remind_at", "completed_at"),
        (),
    ),
}
for _type, (_ptr, _numbers, _texts, _times, _amounts) in _RECORD_ACCESSORS.items():
    for _field in _numbers:
        _declare(f"crm_{_type}_{_field}", c_int64, [_ptr])
    for _field in _texts:
        _declare(f"crm_{_type}_{_field}", c_char_p, [_ptr])
    for _field in _times:
        _status(f"crm_{_type}_{_field}", [_ptr, POINTER(c_int64)])
    for _field in _amounts:
        _status(f"crm_{_type}_{_field}", [_ptr, POINTER(c_int64), POINTER(c_char_p)])
_declare("crm_lead_score_value", c_int32, [LeadP])
_declare("crm_opportunity_probability", c_int32, [OpportunityP])

# Customers
for _setter in ("set_name", "add_phone", "add_email", "set_tier", "set_external_id"):
    _status(f"crm_customer_{_setter}", [CustomerP, c_char_p])
_status("crm_customer_set_loyalty_points", [CustomerP, c_int64])
for _key in ("phone", "email", "external_id"):
    _status(f"crm_customer_find_by_{_key}", [EngineP, c_char_p, POINTER(CustomerP)])

# Interactions and purchases
_status(
    "crm_purchase_log",
    [EngineP, c_int64, c_int64, c_char_p, c_char_p, c_char_p, POINTER(InteractionP)],
)
_status("crm_currency_minor_digits", [c_char_p, POINTER(c_int)])

# Pages
_declare("crm_page_size", c_size_t, [PageP])
_declare("crm_page_next_cursor", c_char_p, [PageP])
_declare("crm_page_damaged_count", c_size_t, [PageP])
_declare("crm_page_damaged_id", c_int64, [PageP, c_size_t])
_status("crm_page_to_json", [PageP, POINTER(OwnedString)])
_declare("crm_page_customer", CustomerP, [PageP, c_size_t])
_declare("crm_page_interaction", InteractionP, [PageP, c_size_t])
_declare("crm_page_lead", LeadP, [PageP, c_size_t])
_declare("crm_page_opportunity", OpportunityP, [PageP, c_size_t])
_declare("crm_page_task", TaskP, [PageP, c_size_t])
_declare("crm_page_free", None, [PageP])
_status("crm_customer_list", [EngineP, c_char_p, c_char_p, c_size_t, POINTER(PageP)])
_status("crm_interaction_list", [EngineP, c_int64, c_char_p, c_size_t, POINTER(PageP)])
_status("crm_lead_list", [EngineP, c_char_p, c_char_p, c_size_t, POINTER(PageP)])
_status("crm_opportunity_list", [EngineP, c_int64, c_char_p, c_size_t, POINTER(PageP)])
_status("crm_task_list", [EngineP, c_char_p, c_char_p, c_size_t, POINTER(PageP)])
for _name in ("crm_customer_list_query", "crm_interaction_list_query", "crm_lead_list_query",
              "crm_opportunity_list_query"):
    _status(_name, [EngineP, c_char_p, c_char_p, c_size_t, POINTER(PageP)])

# The sales pipeline: JSON documents in and out, besides whole records.
# Each deprecated alias (crm.h, "Names") is declared with its new name's
# types, so the two stay interchangeable; the package calls the new names.
_MOVE_STAGE = [EngineP, c_int64, c_int64, c_char_p, c_char_p, POINTER(OpportunityP)]
_CLOSE_WON = [EngineP, c_int64, c_int64, c_char_p, POINTER(OpportunityP)]
_CLOSE_LOST = [EngineP, c_int64, c_int64, c_char_p, c_char_p, POINTER(OpportunityP)]
for _name, _args in (
    ("crm_opportunity_move_stage", _MOVE_STAGE),
    ("crm_opportunity_move", _MOVE_STAGE),
    ("crm_opportunity_close_won", _CLOSE_WON),
    ("crm_opportunity_win", _CLOSE_WON),
    ("crm_opportunity_close_lost", _CLOSE_LOST),
    ("crm_opportunity_lose", _CLOSE_LOST),
):
    _status(_name, _args)
_status("crm_opportunity_history_json", [EngineP, c_int64, POINTER(OwnedString)])
_status("crm_pipeline_save_json", [EngineP, c_char_p, POINTER(OwnedString)])
_status("crm_pipeline_get_json", [EngineP, c_char_p, POINTER(OwnedString)])
_status("crm_pipeline_erase", [EngineP, c_char_p, c_int64])
for _name in ("crm_lead_convert_json", "crm_lead_convert"):
    _status(_name, [EngineP, c_int64, c_int64, c_char_p, POINTER(OwnedString)])
_status("crm_lead_duplicates_json", [EngineP, c_char_p, POINTER(OwnedString)])
for _name in ("crm_lead_create_checked_json", "crm_lead_create_checked"):
    _status(_name, [EngineP, LeadP, c_char_p, POINTER(OwnedString)])
_status("crm_duplicates_scan_json", [EngineP, POINTER(OwnedString)])
for _name in ("crm_lead_assign_json", "crm_lead_assign", "crm_lead_score_json", "crm_lead_score"):
    _status(_name, [EngineP, c_int64, c_char_p, POINTER(OwnedString)])
_status("crm_report_json", [EngineP, c_char_p, c_char_p, POINTER(OwnedString)])
_status("crm_purchase_stats_json", [EngineP, c_int64, POINTER(OwnedString)])
for _name in ("crm_purchase_stats_rebuild_json", "crm_purchase_stats_rebuild"):
    _status(_name, [EngineP, POINTER(OwnedString)])

# Damage
_status("crm_check_json", [EngineP, POINTER(OwnedString)])

# Workflow: rules, timed actions, the firing log and the outbox, as JSON.
_status("crm_rule_save_json", [EngineP, c_char_p, POINTER(OwnedString)])
_status("crm_rule_get_json", [EngineP, c_char_p, POINTER(OwnedString)])
_status("crm_rule_erase", [EngineP, c_char_p])
_status("crm_rule_list_json", [EngineP, c_char_p, c_size_t, POINTER(OwnedString)])
for _name in ("crm_run_due_json", "crm_run_due"):
    _status(_name, [EngineP, c_int64, c_size_t, POINTER(OwnedString)])
_status("crm_timed_action_list_json", [EngineP, c_char_p, c_size_t, POINTER(OwnedString)])
_status("crm_firing_list_json", [EngineP, c_char_p, c_char_p, c_size_t, POINTER(OwnedString)])
_status("crm_outbox_list_json", [EngineP, c_char_p, c_size_t, POINTER(OwnedString)])
_status("crm_outbox_acknowledge", [EngineP, c_int64])

# Approvals, as JSON.
_status("crm_approval_request_json", [EngineP, c_char_p, POINTER(OwnedString)])
_status("crm_approval_approve_json", [EngineP, c_int64, c_int64, c_char_p, c_char_p, POINTER(OwnedString)])
_status("crm_approval_reject_json", [EngineP, c_int64, c_int64, c_char_p, c_char_p, POINTER(OwnedString)])
_status("crm_approval_get_json", [EngineP, c_int64, POINTER(OwnedString)])
_status("crm_approval_list_json", [EngineP, c_char_p, c_char_p, c_size_t, POINTER(OwnedString)])

if lib.crm_abi_version() != ABI_VERSION:
    raise ImportError(
        f"crm: {lib._name} has ABI version {lib.crm_abi_version()}, "
        f"this binding needs {ABI_VERSION}: {_HELP}"
    )


def take_string(pointer: c_void_p) -> bytes:
    """The bytes of a char* the library handed over, which it then frees."""
    try:
        return ctypes.string_at(pointer.value) if pointer.value else b""
    finally:
        lib.crm_string_free(pointer)
