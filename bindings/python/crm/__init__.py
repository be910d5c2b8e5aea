# SPDX-License-Identifier: Apache-2.0
"""crm: an embeddable CRM engine, from Python.

    import crm

    with crm.Engine("shop.db", region="GB") as engine:
        ada = engine.create_customer({"display_name": "Ada", "phones": ["020 7946 0018"]})
        same = engine.find_customer_by_phone("+44 20 7946 0018")
        engine.log_purchase(ada["id"], 1799, "GBP")
        for interaction in engine.history(ada["id"]):
            print(interaction["kind"], interaction["amount"])

A thin layer over libcrm.so (the C API, crm.h) through ctypes: records are
dicts in crm's JSON spellings, failures are crm.CrmError subclasses. Times
are ms since the epoch and money minor units; crm.values turns them into
datetime and Decimal (crm.to_datetime, crm.money_to_decimal…), and calls
take those too. The library is found through CRM_LIBRARY, next to this
package, or on the system's library path (see crm._native).
"""

from . import _native
from ._version import __version__
from ._convert import TIME_MAX_MS, TIME_MIN_MS
from ._convert import text as _text
from .engine import Engine
from .errors import (
    AlreadyExists,
    Busy,
    Closed,
    Conflict,
    Corrupt,
    CrmError,
    DamagedRecordsWarning,
    InternalError,
    InvalidArgument,
    NotFound,
    OutOfMemory,
    PermissionDenied,
    Status,
    StorageError,
    Unsupported,
)
from .records import JSON_MAX_DEPTH
from .transaction import Transaction
from .values import Amount, Timestamp, minor_digits, money_to_decimal, to_datetime, to_decimal, to_minor, to_ms


# __version__ is this package's release; version() and version_number() are
# those of the libcrm.so it loaded, which may be a newer one of the same ABI.
def version() -> str:
    """The loaded library's version, e.g. "0.1.0" (crm_version())."""
    return _text(_native.lib.crm_version())


def version_number() -> int:
    """The loaded library's version as one integer, major * 1000000 +
    minor * 1000 + patch, as crm.h's CRM_VERSION_NUMBER counts it
    (crm_version_number()): 1000 for 0.1.0."""
    return int(_native.lib.crm_version_number())


def abi_version() -> int:
    """The library's ABI version (crm.h's CRM_ABI_VERSION)."""
    return int(_native.lib.crm_abi_version())

__all__ = [
    "TIME_MIN_MS",
    "TIME_MAX_MS",
    "Engine",
    "JSON_MAX_DEPTH",
    "Transaction",
    "version",
    "version_number",
    "abi_version",
    "__version__",
    "Timestamp",
    "Amount",
    "to_datetime",
    "to_ms",
    "to_decimal",
    "to_minor",
    "money_to_decimal",
    "minor_digits",
    "Status",
    "CrmError",
    "InvalidArgument",
    "NotFound",
    "AlreadyExists",
    "Conflict",
    "PermissionDenied",
    "StorageError",
    "Corrupt",
    "Unsupported",
    "InternalError",
    "OutOfMemory",
    "Closed",
    "Busy",
    "DamagedRecordsWarning",
]
