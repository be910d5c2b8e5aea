# SPDX-License-Identifier: Apache-2.0
"""Time and money as datetime and Decimal, beside crm's raw forms.

crm keeps a time as integer milliseconds since the Unix epoch, UTC, and an
amount as an integer count of its currency's minor units (1799 GBP is
£17.99). Records and reports keep those raw forms, and every call still
takes them; these helpers turn them into timezone-aware datetimes and
Decimals and back, and the calls that take a time or an amount also take
the datetime or Decimal directly:

    crm.to_datetime(sale["occurred_at"])      # datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc)
    crm.money_to_decimal(sale["amount"])      # Decimal('17.99')
    engine.log_purchase(ada["id"], Decimal("17.99"), "GBP")
    engine.run_due(now=datetime.now(timezone.utc))
    engine.report("funnel", window=(start, end))   # datetimes or ms

A datetime must be timezone-aware (a naive one would silently mean the
machine's local time); it is cut to the millisecond below, as crm stores
times. A Decimal must fit its currency's minor unit exactly (17.999 GBP is
refused rather than rounded). The currency's digits are the library's
(crm_currency_minor_digits, from ICU): 2 for EUR, 0 for JPY, 3 for BHD.
"""

from __future__ import annotations

import ctypes
import datetime as _dt
import functools
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Union

from . import _native
from ._convert import TIME_MAX_MS, TIME_MIN_MS, integer, utf8
from .errors import InvalidArgument

# A time as crm's calls take it: ms since the epoch, or an aware datetime.
Timestamp = Union[int, _dt.datetime]
# An amount as log_purchase takes it: minor units, or a Decimal in major units.
Amount = Union[int, Decimal]

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_MS = _dt.timedelta(milliseconds=1)


def to_datetime(ms: int) -> _dt.datetime:
    """A time in ms since the epoch as a timezone-aware datetime in UTC."""
    number = integer(ms, "time", TIME_MIN_MS, TIME_MAX_MS)
    return _EPOCH + _dt.timedelta(milliseconds=number)


def to_ms(value: Timestamp, what: str = "time") -> int:
    """A time as ms since the epoch: an int is checked and kept, an aware
    datetime converted (microseconds cut to the millisecond below)."""
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidArgument(
                f"{what} {value.isoformat()}: a datetime without a timezone "
                "(give it one, e.g. tzinfo=datetime.timezone.utc)"
            )
        return integer((value - _EPOCH) // _MS, what, TIME_MIN_MS, TIME_MAX_MS)
    if isinstance(value, _dt.date):
        raise TypeError(f"{what} must be an int (ms) or a datetime, not a date")
    return integer(value, what, TIME_MIN_MS, TIME_MAX_MS)


@functools.lru_cache(maxsize=None)
def minor_digits(currency: str) -> int:
    """Digits after the decimal point in the currency's usual notation:
    2 for "EUR", 0 for "JPY", 3 for "BHD". crm.InvalidArgument for a code
    that is not an ISO 4217 currency."""
    digits = ctypes.c_int()
    _native.lib.crm_currency_minor_digits(utf8(currency, "currency"), ctypes.byref(digits))
    return digits.value


def to_decimal(minor: int, currency: str) -> Decimal:
    """An amount in minor units as a Decimal in major units:
    to_decimal(1799, "GBP") is Decimal("17.99"), to_decimal(500, "JPY")
    Decimal("500")."""
    number = integer(minor, "amount")
    return Decimal(number).scaleb(-minor_digits(currency))


def money_to_decimal(money: Mapping[str, Any]) -> Decimal:
    """A money value as records and reports hold it, {"minor": 1799,
    "currency": "GBP"}, as a Decimal in major units (Decimal("17.99"))."""
    if not isinstance(money, Mapping):
        raise TypeError(f"money is a dict with minor and currency, not {type(money).__name__}")
    try:
        return to_decimal(money["minor"], money["currency"])
    except KeyError as e:
        raise InvalidArgument(f"money {dict(money)!r}: no {e.args[0]!r}") from None


def to_minor(amount: Amount, currency: str, what: str = "amount") -> int:
    """An amount as minor units: an int is taken as minor units already (the
    raw form); a Decimal in major units is scaled by the currency's digits
    and must fit them exactly (Decimal("17.99") GBP is 1799; "17.999" is
    refused). A float is refused: it cannot hold 17.99 exactly."""
    if isinstance(amount, Decimal):
        if not amount.is_finite():
            raise InvalidArgument(f"{what} {amount}: not a finite number")
        scaled = amount.scaleb(minor_digits(currency))
        if scaled != scaled.to_integral_value():
            raise InvalidArgument(
                f"{what} {amount} {currency}: finer than the currency's minor unit "
                f"({minor_digits(currency)} decimal places)"
            )
        return integer(int(scaled), what)
    if isinstance(amount, float):
        raise TypeError(f"{what} must be an int (minor units) or a Decimal, not a float")
    return integer(amount, what)


def json_default(value: object) -> object:
    """json.dumps's hook for documents crm reads: a datetime becomes ms
    since the epoch, so any time field takes one; nothing else is guessed."""
    if isinstance(value, _dt.datetime):
        return to_ms(value)
    if isinstance(value, Decimal):
        raise TypeError(
            "a Decimal in a document: money there is {'minor': …, 'currency': …}; "
            "crm.to_minor(amount, currency) gives the minor units"
        )
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")
