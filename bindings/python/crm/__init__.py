"""crm: an embeddable CRM engine, from Python.

    import crm

    with crm.Engine("shop.db", region="GB") as engine:
        ada = engine.create_customer({"display_name": "Ada", "phones": ["020 7946 0018"]})
        same = engine.find_customer_by_phone("+44 20 7946 0018")
        engine.log_purchase(ada["id"], 1799, "GBP")
        for interaction in engine.history(ada["id"]):
            print(interaction["kind"], interaction["amount"])

A thin layer over libcrm.so (the C API, crm.h) through ctypes: records are
dicts in crm's JSON spellings, failures are crm.CrmError subclasses. The
library is found through CRM_LIBRARY, next to this package, or on the
system's library path (see crm._native).
"""

from . import _native
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


def version() -> str:
    """The library's version, e.g. "0.1.0"."""
    return _text(_native.lib.crm_version())


def abi_version() -> int:
    """The library's ABI version (crm.h's CRM_ABI_VERSION)."""
    return int(_native.lib.crm_abi_version())


__version__ = version()

__all__ = [
    "TIME_MIN_MS",
    "TIME_MAX_MS",
    "Engine",
    "JSON_MAX_DEPTH",
    "Transaction",
    "version",
    "abi_version",
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
