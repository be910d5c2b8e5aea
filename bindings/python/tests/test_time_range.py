# SPDX-License-Identifier: Apache-2.0
"""Times lie in the supported range, crm.TIME_MIN_MS (0001-01-01T00:00:00.000Z)
to crm.TIME_MAX_MS (9999-12-31T23:59:59.999Z), the range of Python's own
datetime. Outside it a record, run_due's now and a report's times are
refused with crm.InvalidArgument naming the field, and nothing is stored."""

import pytest

import crm

LARGEST = 2**63 - 1
YEAR_81000 = 2_493_945_936_000_000  # 81000-01-01
YEAR_10000 = 253_402_300_800_000  # one ms after 9999-12-31T23:59:59.999Z

ESCALATE = {
    "name": "escalate",
    "trigger": {"on": "time", "entity": "task", "field": "due_at", "offset": "1d"},
    "when": {"field": "status", "op": "=", "value": "open"},
    "actions": [{"action": "notify", "topic": "task.escalated", "to": "team-lead"}],
}


def test_the_range_is_pythons_datetime_range():
    import datetime

    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    first = datetime.datetime.min.replace(tzinfo=datetime.timezone.utc)
    last = datetime.datetime.max.replace(tzinfo=datetime.timezone.utc)
    assert crm.TIME_MIN_MS == (first - epoch) // datetime.timedelta(milliseconds=1)
    assert crm.TIME_MAX_MS == (last - epoch) // datetime.timedelta(milliseconds=1)


def test_a_task_due_at_the_largest_timestamp_is_refused_and_never_escalated(engine):
    engine.save_rule(ESCALATE)
    with pytest.raises(crm.InvalidArgument, match="due_at': 9223372036854775807 ms since the epoch is outside"):
        engine.create_task({"subject": "Call Ada", "owner": "ann", "due_at": LARGEST})
    assert list(engine.list_tasks(owner="ann")) == []
    assert engine.run_due() == {"ran": 0, "skipped": 0, "failed": 0, "more": False}
    assert list(engine.list_outbox()) == []


def test_an_escalation_past_the_last_supported_time_names_the_rule(engine):
    engine.save_rule(ESCALATE)
    with pytest.raises(crm.InvalidArgument, match=r"rule 'escalate'.*9999-12-31T23:59:59\.999Z \+ 86400000 ms"):
        engine.create_task({"subject": "Call Ada", "owner": "ann", "due_at": crm.TIME_MAX_MS})
    assert list(engine.list_tasks(owner="ann")) == []


def test_a_purchase_in_the_year_81000_is_refused_and_the_reports_unchanged(engine, ada):
    engine.log_purchase(ada["id"], 1799, "EUR")
    before = engine.report("rfm")
    with pytest.raises(crm.InvalidArgument, match="occurred_at': 2493945936000000 ms since the epoch is outside"):
        engine.log_interaction(
            {"customer_id": ada["id"], "kind": "purchase", "amount": {"minor": 100, "currency": "EUR"},
             "occurred_at": YEAR_81000}
        )
    assert len(list(engine.history(ada["id"]))) == 1
    assert engine.report("rfm") == before


def test_run_due_refuses_a_now_outside_the_range(engine):
    for now in (LARGEST, crm.TIME_MAX_MS + 1, crm.TIME_MIN_MS - 1):
        with pytest.raises(crm.InvalidArgument, match="now"):
            engine.run_due(now)


def test_report_times_outside_the_range_are_refused(engine, ada):
    engine.log_purchase(ada["id"], 1799, "EUR")
    with pytest.raises(crm.InvalidArgument, match=r"funnel query\.window\.to: .* outside the supported range"):
        engine.report("funnel", currency="EUR", window=(0, YEAR_10000))
    with pytest.raises(crm.InvalidArgument, match=r"rfm query\.as_of: .* outside the supported range"):
        engine.report("rfm", as_of=YEAR_81000)
