# SPDX-License-Identifier: Apache-2.0
"""Times as datetime and money as Decimal (crm.values), beside the raw ms
and minor units, in the helpers and in the calls that take them."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

import crm

UTC = timezone.utc
JAN_2020 = 1_577_836_800_000  # 2020-01-01T00:00:00Z


def test_ms_become_aware_utc_datetimes_and_back():
    moment = crm.to_datetime(JAN_2020 + 1)
    assert moment == datetime(2020, 1, 1, 0, 0, 0, 1000, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(0)
    assert crm.to_ms(moment) == JAN_2020 + 1
    assert crm.to_datetime(crm.TIME_MIN_MS) == datetime.min.replace(tzinfo=UTC)
    assert crm.to_datetime(crm.TIME_MAX_MS) == datetime.max.replace(microsecond=999000, tzinfo=UTC)
    assert crm.to_ms(datetime.max.replace(tzinfo=UTC)) == crm.TIME_MAX_MS


def test_a_datetime_in_another_zone_is_the_same_instant():
    paris = timezone(timedelta(hours=1))
    assert crm.to_ms(datetime(2020, 1, 1, 1, 0, tzinfo=paris)) == JAN_2020


def test_microseconds_are_cut_to_the_millisecond_below():
    assert crm.to_ms(datetime(2020, 1, 1, 0, 0, 0, 1999, tzinfo=UTC)) == JAN_2020 + 1
    # Before the epoch too: down, not towards zero.
    assert crm.to_ms(datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC)) == -1


def test_ints_are_kept_and_checked():
    assert crm.to_ms(JAN_2020) == JAN_2020
    with pytest.raises(crm.InvalidArgument, match="out of range"):
        crm.to_ms(crm.TIME_MAX_MS + 1)
    with pytest.raises(crm.InvalidArgument, match="out of range"):
        crm.to_datetime(crm.TIME_MIN_MS - 1)


def test_a_naive_datetime_or_a_date_is_refused():
    with pytest.raises(crm.InvalidArgument, match="without a timezone"):
        crm.to_ms(datetime(2020, 1, 1))
    with pytest.raises(TypeError, match="not a date"):
        crm.to_ms(date(2020, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(crm.InvalidArgument, match="out of range"):  # 0000-12-31T23:00Z
        crm.to_ms(datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))))


def test_currency_digits_come_from_the_library():
    assert [crm.minor_digits(c) for c in ("EUR", "GBP", "JPY", "BHD")] == [2, 2, 0, 3]
    with pytest.raises(crm.InvalidArgument, match="XYZ"):
        crm.minor_digits("XYZ")


def test_minor_units_become_decimals_and_back():
    assert crm.to_decimal(1799, "GBP") == Decimal("17.99")
    assert str(crm.to_decimal(1799, "GBP")) == "17.99"
    assert str(crm.to_decimal(-5, "EUR")) == "-0.05"
    assert str(crm.to_decimal(500, "JPY")) == "500"
    assert str(crm.to_decimal(1234, "BHD")) == "1.234"
    assert crm.money_to_decimal({"minor": 1799, "currency": "GBP"}) == Decimal("17.99")
    assert crm.to_minor(Decimal("17.99"), "GBP") == 1799
    assert crm.to_minor(Decimal("17.9"), "GBP") == 1790
    assert crm.to_minor(Decimal("500"), "JPY") == 500
    assert crm.to_minor(1799, "GBP") == 1799  # an int is minor units already


def test_an_amount_finer_than_the_minor_unit_or_a_float_is_refused():
    with pytest.raises(crm.InvalidArgument, match="finer than the currency's minor unit"):
        crm.to_minor(Decimal("17.999"), "GBP")
    with pytest.raises(crm.InvalidArgument, match="finer"):
        crm.to_minor(Decimal("0.5"), "JPY")
    with pytest.raises(crm.InvalidArgument, match="not a finite number"):
        crm.to_minor(Decimal("NaN"), "GBP")
    with pytest.raises(TypeError, match="float"):
        crm.to_minor(17.99, "GBP")  # type: ignore[arg-type]
    with pytest.raises(crm.InvalidArgument, match="out of range"):
        crm.to_minor(Decimal(2**63), "GBP")
    with pytest.raises(crm.InvalidArgument, match="no 'currency'"):
        crm.money_to_decimal({"minor": 1})


def test_a_purchase_takes_a_decimal_amount(engine, ada):
    sale = engine.log_purchase(ada["id"], Decimal("17.99"), "GBP")
    assert sale["amount"] == {"minor": 1799, "currency": "GBP"}
    assert crm.money_to_decimal(sale["amount"]) == Decimal("17.99")
    assert engine.log_purchase(ada["id"], 1799, "GBP")["amount"] == sale["amount"]  # the raw form still works
    with pytest.raises(crm.InvalidArgument, match="amount_minor 17.999 GBP: finer"):
        engine.log_purchase(ada["id"], Decimal("17.999"), "GBP")
    assert len(list(engine.history(ada["id"]))) == 2


def test_records_queries_and_calls_take_datetimes(engine):
    due = datetime(2020, 1, 1, tzinfo=UTC)
    task = engine.create_task({"subject": "Call Ada", "owner": "ann", "due_at": due})
    assert task["due_at"] == JAN_2020
    assert crm.to_datetime(task["due_at"]) == due
    assert [t["id"] for t in engine.list_tasks(owner="ann", due_before=due + timedelta(days=1))] == [task["id"]]
    assert list(engine.list_tasks(owner="ann", due_before=due)) == []
    assert engine.run_due(now=due)["ran"] == 0
    window = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2100, 1, 1, tzinfo=UTC))
    assert engine.report("funnel", currency="EUR", window=window) == engine.report(
        "funnel", currency="EUR", window=(crm.to_ms(window[0]), crm.to_ms(window[1]))
    )


def test_a_naive_datetime_or_a_decimal_in_a_document_is_refused(engine):
    with pytest.raises(crm.InvalidArgument, match=r"task JSON: time 2020-01-01T00:00:00: a datetime without a timezone"):
        engine.create_task({"subject": "Call Ada", "owner": "ann", "due_at": datetime(2020, 1, 1)})
    with pytest.raises(crm.InvalidArgument, match="now .*without a timezone"):
        engine.run_due(now=datetime(2020, 1, 1))
    with pytest.raises(TypeError, match="crm.to_minor"):
        engine.create_opportunity({"name": "A", "amount": {"minor": Decimal("17.99"), "currency": "EUR"}})
    assert list(engine.list_tasks()) == []
