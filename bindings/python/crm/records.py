# SPDX-License-Identifier: Apache-2.0
"""Records as Python dicts: the five record types and their JSON crossing.

A record crosses the C boundary as one JSON object (crm_<type>_from_json,
crm_<type>_to_json), so every field travels, not only those with typed
accessors. The spellings are crm's (include/crm/json.hpp): field names as
keys plus "id" and "version"; enums by name ("in-person"); timestamps as
integer milliseconds since the epoch, crm.TIME_MIN_MS to crm.TIME_MAX_MS
(0001-01-01 to 9999-12-31, datetime's range); money as {"minor": 1799,
"currency": "GBP"}. Unknown keys, wrong types and times out of range are
refused by the library, naming the field.

Every handle made here is freed before the function returns, and every
string the library hands over is released with crm_string_free, also when
a call fails.
"""

from __future__ import annotations

import ctypes
import json
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional

from . import _native
from ._convert import quote
from .errors import InvalidArgument, NotFound
from .values import json_default

lib = _native.lib

Record = dict[str, Any]


@dataclass(frozen=True)
class RecordType:
    """One record type's C functions, looked up once."""

    name: str  # "customer": also the C spelling and the JSON messages' word
    handle: type  # the ctypes pointer type of its handle
    from_json: Callable[..., int]
    to_json: Callable[..., int]
    create: Callable[..., int]
    update: Callable[..., int]
    get: Callable[..., int]
    erase: Callable[..., int]
    free: Callable[..., None]

    @classmethod
    def of(cls, name: str, handle: type) -> "RecordType":
        def fn(verb: str) -> Callable[..., Any]:
            return getattr(lib, f"crm_{name}_{verb}")

        return cls(name, handle, fn("from_json"), fn("to_json"), fn("create"), fn("update"), fn("get"), fn("erase"), fn("free"))


CUSTOMER = RecordType.of("customer", _native.CustomerP)
INTERACTION = RecordType.of("interaction", _native.InteractionP)
LEAD = RecordType.of("lead", _native.LeadP)
OPPORTUNITY = RecordType.of("opportunity", _native.OpportunityP)
TASK = RecordType.of("task", _native.TaskP)


# Arrays and objects the library reads nested in any JSON it is given
# (crm.h: CRM_JSON_MAX_DEPTH); deeper documents are crm.InvalidArgument.
JSON_MAX_DEPTH = 64


def encode(kind: RecordType, record: object) -> bytes:
    """A record dict as the UTF-8 JSON crm_<type>_from_json reads."""
    return encode_document(kind.name, record)


def encode_document(what: str, document: object) -> bytes:
    """A dict as UTF-8 JSON for a const char* parameter; `what` names it in messages."""
    if not isinstance(document, Mapping):
        raise TypeError(f"a {what} is a dict, not {type(document).__name__}")
    try:
        text = json.dumps(dict(document), ensure_ascii=False, allow_nan=False, default=json_default)
    except ValueError as e:  # NaN or infinity, a circular reference
        raise InvalidArgument(f"{what} JSON: {e}") from None
    except RecursionError:
        # Python's json gives up near 1,000 levels; the library refuses
        # anything past JSON_MAX_DEPTH, so this is the same refusal, earlier.
        raise InvalidArgument(f"{what} JSON: nested deeper than {JSON_MAX_DEPTH} levels") from None
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidArgument(f"{what} JSON: {_not_utf8(document, '')}") from None


def _not_utf8(value: object, path: str) -> str:
    """Where in value a str cannot be UTF-8, and why, for the message."""
    where = f"field '{path}': " if path else ""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as e:
            return f"{where}{quote(value)}: not valid UTF-8 (a lone surrogate at index {e.start})"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            name = f"{path}.{key}" if path else str(key)
            if isinstance(key, str):
                found = _not_utf8(key, "")
                if found:
                    return f"{where}key {found}"
            found = _not_utf8(item, name)
            if found:
                return found
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = _not_utf8(item, f"{path}[{index}]")
            if found:
                return found
    return ""


def decode(document: bytes) -> Any:
    return json.loads(document.decode("utf-8"))


def received_json(call: Callable[[Any], Any]) -> Any:
    """Runs call(byref(out_string)) and returns the JSON document it produced."""
    out = _native.OwnedString()
    call(ctypes.byref(out))
    return decode(_native.take_string(out))


def to_dict(kind: RecordType, handle: Any) -> Record:
    """The whole record a handle holds."""
    out = _native.OwnedString()
    kind.to_json(handle, ctypes.byref(out))
    return decode(_native.take_string(out))


@contextmanager
def parsed(kind: RecordType, record: object) -> Iterator[Any]:
    """A handle holding record, freed on leaving."""
    document = encode(kind, record)
    handle = kind.handle()
    kind.from_json(document, ctypes.byref(handle))
    try:
        yield handle
    finally:
        kind.free(handle)


@contextmanager
def received(kind: RecordType) -> Iterator[Any]:
    """A NULL handle for an out-parameter; whatever it then holds is freed on leaving."""
    handle = kind.handle()
    try:
        yield handle
    finally:
        kind.free(handle)  # NULL (after a failed call) is a no-op


def received_dict(kind: RecordType, call: Callable[[Any], Any]) -> Record:
    """Runs call(byref(out_handle)) and returns what it produced as a dict."""
    with received(kind) as handle:
        call(ctypes.byref(handle))
        return to_dict(kind, handle)


def maybe(kind: RecordType, call: Callable[[Any], Any]) -> Optional[Record]:
    """As received_dict(), with None when the call finds nothing (CRM_NOT_FOUND)."""
    try:
        return received_dict(kind, call)
    except NotFound:
        return None
