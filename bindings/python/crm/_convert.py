# SPDX-License-Identifier: Apache-2.0
"""Python values to the C types crm.h takes, checked on the way.

ctypes would silently wrap an int that does not fit an int64_t and cut a
string at its first NUL; str with lone surrogates cannot be UTF-8 at all.
These helpers refuse all three with crm.InvalidArgument (and a wrong type
with TypeError), so the C side only ever sees what the caller meant.
"""

from __future__ import annotations

import os
from typing import Optional

from .errors import InvalidArgument

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
SIZE_MAX = 2**64 - 1

# The supported range of times in ms since the epoch, crm.h's CRM_TIME_MIN_MS
# and CRM_TIME_MAX_MS: 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z,
# the range of Python's datetime. The library refuses times outside it.
TIME_MIN_MS = -62_135_596_800_000
TIME_MAX_MS = 253_402_300_799_999


def quote(text: str, limit: int = 60) -> str:
    """text for a message: quoted, escapes for what cannot be shown."""
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)


def utf8(value: object, what: str) -> bytes:
    """A str as NUL-terminated UTF-8 for a const char* parameter."""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidArgument(
            f"{what} {quote(value)}: not valid UTF-8 (a lone surrogate at index {e.start})"
        ) from None
    if b"\0" in data:
        raise InvalidArgument(f"{what} {quote(value)}: contains a NUL character")
    return data


def optional_utf8(value: object, what: str) -> Optional[bytes]:
    """As utf8(), with None passed as NULL."""
    return None if value is None else utf8(value, what)


def path_bytes(value: object) -> bytes:
    """A file path as the bytes the OS uses for it (os.fsencode)."""
    try:
        raw = os.fspath(value)  # type: ignore[call-overload]  # any object: TypeError below
    except TypeError:
        raise TypeError(f"path must be a str, bytes or os.PathLike, not {type(value).__name__}") from None
    data = os.fsencode(raw)
    if b"\0" in data:
        raise InvalidArgument(f"path {raw!r}: contains a NUL character")
    return data


def integer(value: object, what: str, low: int = INT64_MIN, high: int = INT64_MAX) -> int:
    """An int (not a bool) within [low, high]."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    number = value.__index__()
    if not low <= number <= high:
        raise InvalidArgument(f"{what} {number}: out of range (expected an integer from {low} to {high})")
    return number


def text(raw: Optional[bytes]) -> str:
    """A const char* the library returned (always UTF-8) as str."""
    return raw.decode("utf-8") if raw else ""
