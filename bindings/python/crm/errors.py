# SPDX-License-Identifier: Apache-2.0
"""crm's statuses and the exceptions that carry them.

Every failed C call becomes one exception: the class says which status
(``crm.Conflict`` for ``CRM_CONFLICT``…), ``.status`` is the status itself
(an ``IntEnum``: ``.status.name == "CRM_CONFLICT"``, ``int(.status) == 4``)
and ``.message`` is crm_last_error_message() read right after the call, on
the same thread. Errors the binding finds itself (text that cannot be UTF-8,
an integer out of range) are ``crm.InvalidArgument`` too, with a message in
the same style.
"""

from __future__ import annotations

import enum

__all__ = [
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
    "error_for",
]


class Status(enum.IntEnum):
    """The crm_status codes of crm.h, named as there."""

    CRM_OK = 0
    CRM_INVALID_ARGUMENT = 1
    CRM_NOT_FOUND = 2
    CRM_ALREADY_EXISTS = 3
    CRM_CONFLICT = 4
    CRM_PERMISSION_DENIED = 5
    CRM_STORAGE = 6
    CRM_CORRUPT = 7
    CRM_UNSUPPORTED = 8
    CRM_INTERNAL = 9
    CRM_OUT_OF_MEMORY = 10
    CRM_CLOSED = 11
    CRM_BUSY = 12

    @classmethod
    def _missing_(cls, value: object) -> "Status | None":
        # A status from a newer library: a stand-in member, so .name and
        # int() work for every status.
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        member = int.__new__(cls, value)
        member._name_ = f"CRM_STATUS_{value}"
        member._value_ = value
        return member


class CrmError(Exception):
    """A crm call failed. ``status`` says why, ``message`` says what."""

    status: Status = Status.CRM_INTERNAL

    def __init__(self, message: str, status: Status | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    @property
    def code(self) -> int:
        """The status as a plain int, as crm.h numbers it."""
        return int(self.status)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class InvalidArgument(CrmError, ValueError):
    """Bad input: a bad phone, an unknown enum name, text that is not UTF-8…"""

    status = Status.CRM_INVALID_ARGUMENT


class NotFound(CrmError, LookupError):
    """No record with that id or key."""

    status = Status.CRM_NOT_FOUND


class AlreadyExists(CrmError):
    """A unique key (phone, e-mail, external_id) is taken."""

    status = Status.CRM_ALREADY_EXISTS


class Conflict(CrmError):
    """A stale version, or the record is still referred to."""

    status = Status.CRM_CONFLICT


class PermissionDenied(CrmError):
    status = Status.CRM_PERMISSION_DENIED


class StorageError(CrmError):
    """I/O error, disk full, or a write to a read-only engine."""

    status = Status.CRM_STORAGE


class Corrupt(CrmError):
    """Not a crm database, or a damaged one, or a damaged record (named)."""

    status = Status.CRM_CORRUPT


class DamagedRecordsWarning(UserWarning):
    """A listing left out records that cannot be read (damaged), naming them.

    Issued by the list_* iterators for each page that names damaged ids (a
    *_page call gives them as page.damaged instead). Engine.check() lists
    every damaged record; to stop at the first instead of going on, turn the
    warning into an error: warnings.simplefilter("error", crm.DamagedRecordsWarning).
    """


class Unsupported(CrmError):
    """Written by a newer crm."""

    status = Status.CRM_UNSUPPORTED


class InternalError(CrmError):
    """A bug in crm: please report it."""

    status = Status.CRM_INTERNAL


class OutOfMemory(CrmError, MemoryError):
    status = Status.CRM_OUT_OF_MEMORY


class Closed(CrmError):
    """The engine has been closed."""

    status = Status.CRM_CLOSED


class Busy(CrmError):
    """The write slot (another thread's transaction, or another process's
    lock on the file) stayed taken past the engine's busy timeout."""

    status = Status.CRM_BUSY


_BY_STATUS: dict[Status, type[CrmError]] = {
    cls.status: cls
    for cls in (
        InvalidArgument,
        NotFound,
        AlreadyExists,
        Conflict,
        PermissionDenied,
        StorageError,
        Corrupt,
        Unsupported,
        InternalError,
        OutOfMemory,
        Closed,
        Busy,
    )
}


def error_for(code: int, message: str) -> CrmError:
    """The exception for a status code a C call returned.

    A code this binding does not know (from a newer library) gives a plain
    CrmError whose status is named CRM_STATUS_<code>.
    """
    status = Status(code)
    return _BY_STATUS.get(status, CrmError)(message, status)
