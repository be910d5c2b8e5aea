# SPDX-License-Identifier: Apache-2.0
"""The workflow engine: tasks, rules, run_due, the firing log and the outbox."""

import itertools

import pytest

import crm

DAY = 86_400_000
JAN_2020 = 1_577_836_800_000  # tasks due then are overdue
JAN_2100 = 4_102_444_800_000  # timed actions due then come after the (system) clock

CHURN = {
    "name": "churn-call-list",
    "trigger": {"on": "changed", "entity": "customer", "field": "stage", "to": "at-risk"},
    "actions": [
        {"action": "add_tag", "tag": "call-list"},
        {"action": "create_task", "subject": "Call to keep the customer", "owner": "call-centre",
         "priority": "high", "due_in": "1d"},
        {"action": "notify", "topic": "customer.at-risk", "to": "sales-manager"},
    ],
}

ESCALATE = {
    "name": "escalate",
    "trigger": {"on": "time", "entity": "task", "field": "due_at", "offset": "1d"},
    "when": {"field": "status", "op": "=", "value": "open"},
    "actions": [{"action": "notify", "topic": "task.escalated", "to": "team-lead"}],
}


def test_a_task_is_stored_read_and_completed(engine):
    task = engine.create_task({"subject": "Call Ada", "owner": "ann", "due_at": JAN_2020, "priority": "high"})
    assert task["id"] > 0 and task["status"] == "open"
    assert engine.get_task(task["id"]) == task
    done = engine.complete_task(task["id"])
    assert done["status"] == "done"
    assert done["version"] == 2
    assert isinstance(done["completed_at"], int)
    assert engine.complete_task(task["id"]) == done  # already done: nothing written


def test_a_task_without_a_subject_is_refused(engine):
    with pytest.raises(crm.InvalidArgument, match="subject"):
        engine.create_task({"owner": "ann"})
    assert list(engine.list_tasks()) == []


def test_an_owners_day_comes_in_due_order_and_overdue_tasks_by_due_before(engine):
    for subject, due in (("later", JAN_2020 + 2 * DAY), ("sooner", JAN_2020), ("undated", None)):
        engine.create_task({"subject": subject, "owner": "ann", "due_at": due})
    engine.create_task({"subject": "bo's", "owner": "bo", "due_at": JAN_2020})
    assert [t["subject"] for t in engine.list_tasks(owner="ann")] == ["sooner", "later", "undated"]
    assert [t["subject"] for t in engine.list_tasks(owner="ann", due_before=JAN_2020 + DAY)] == ["sooner"]
    items, cursor = engine.task_page(limit=3)
    assert len(items) == 3 and cursor is not None
    assert len(list(engine.list_tasks(limit=1))) == 4  # everyone's, page after page
    assert list(engine.list_tasks(status="done")) == []


def test_a_bad_task_query_is_refused_naming_the_key(engine):
    with pytest.raises(crm.InvalidArgument, match="unknown key 'ownr'"):
        engine.task_page(ownr="ann")
    with pytest.raises(crm.InvalidArgument, match="task query.status"):
        engine.task_page(status="finished")


def test_a_rule_is_saved_replaced_found_and_erased(engine):
    saved = engine.save_rule(CHURN)
    assert (saved["name"], saved["version"]) == ("churn-call-list", 1)
    assert saved["definition"]["trigger"]["to"] == "at-risk"
    assert engine.save_rule(CHURN)["version"] == 2
    assert engine.get_rule("CHURN-CALL-LIST")["version"] == 2
    assert [r["name"] for r in engine.list_rules()] == ["churn-call-list"]
    engine.erase_rule("churn-call-list")
    assert engine.find_rule("churn-call-list") is None
    with pytest.raises(crm.NotFound):
        engine.erase_rule("churn-call-list")
    with pytest.raises(crm.NotFound):
        engine.get_rule("churn-call-list")


def test_a_bad_rule_is_refused_naming_the_place_and_nothing_is_stored(engine):
    typo = {**CHURN, "name": "typo", "when": {"field": "tire", "op": "=", "value": "gold"}}
    with pytest.raises(crm.InvalidArgument, match="rule 'typo'.*tire"):
        engine.save_rule(typo)
    with pytest.raises(TypeError):
        engine.save_rule('{"name": "as text"}')
    assert engine.rule_page() == ([], None)


def test_rules_are_paged_in_the_order_they_were_first_saved(engine):
    engine.save_rule(CHURN)
    engine.save_rule(ESCALATE)
    first, cursor = engine.rule_page(limit=1)
    assert [r["name"] for r in first] == ["churn-call-list"]
    second, last = engine.rule_page(cursor=cursor, limit=1)
    assert [r["name"] for r in second] == ["escalate"]
    assert last is None


def test_a_change_fires_its_rule_a_task_a_tag_and_a_notification(engine):
    engine.save_rule(CHURN)
    ada = engine.create_customer({"display_name": "Ada", "stage": "active"})
    ada = engine.update_customer({**ada, "stage": "at-risk"})
    assert "call-list" in engine.get_customer(ada["id"])["tags"]
    [task] = engine.list_tasks(customer_id=ada["id"])
    assert (task["owner"], task["priority"], task["rule"]) == ("call-centre", "high", "churn-call-list")

    [note] = engine.list_outbox()
    assert (note["topic"], note["to"], note["record_id"]) == ("customer.at-risk", "sales-manager", ada["id"])
    assert note["payload"]["display_name"] == "Ada"
    engine.acknowledge(note["id"])
    engine.acknowledge(note["id"])  # gone already: no error
    assert engine.outbox_page() == ([], None)

    [firing] = engine.list_firings(rule="churn-call-list")
    assert (firing["outcome"], firing["entity"], firing["record_id"]) == ("ran", "customer", ada["id"])
    assert list(engine.list_firings(entity="customer", record_id=ada["id"])) == [firing]


def test_a_failing_action_fails_the_change_and_writes_nothing(engine):
    engine.save_rule({"name": "negative-points", "trigger": {"on": "created", "entity": "customer"},
                      "actions": [{"action": "set", "field": "loyalty_points", "value": -5}]})
    with pytest.raises(crm.InvalidArgument, match="loyalty_points"):
        engine.create_customer({"display_name": "Ada"})
    assert list(engine.list_customers()) == []
    assert list(engine.list_firings()) == []


def test_run_due_runs_the_timed_actions_that_are_due(engine):
    engine.save_rule(ESCALATE)
    task = engine.create_task({"subject": "Call Ada", "owner": "ann", "due_at": JAN_2100})
    [queued] = engine.list_timed_actions()
    assert (queued["rule"], queued["record_id"], queued["due_at"]) == ("escalate", task["id"], JAN_2100 + DAY)
    assert engine.timed_action_page() == ([queued], None)

    assert engine.run_due(JAN_2100 + DAY - 1) == {"ran": 0, "skipped": 0, "failed": 0, "more": False}
    assert engine.run_due(JAN_2100 + DAY) == {"ran": 1, "skipped": 0, "failed": 0, "more": False}
    assert list(engine.list_timed_actions()) == []
    assert [n["topic"] for n in engine.list_outbox()] == ["task.escalated"]
    assert [f["outcome"] for f in engine.list_firings(rule="escalate")] == ["queued", "ran"]


def test_run_due_skips_an_action_whose_conditions_no_longer_hold(engine):
    engine.save_rule(ESCALATE)
    task = engine.create_task({"subject": "Call Ada", "due_at": JAN_2100})
    engine.complete_task(task["id"])  # done: the time rule's action is dropped, nothing to run
    engine.create_task({"subject": "Call Bo", "due_at": JAN_2100})
    engine.erase_rule("escalate")  # the queued action stays and is skipped when due
    assert engine.run_due(JAN_2100 + DAY) == {"ran": 0, "skipped": 1, "failed": 0, "more": False}


def test_run_due_stops_at_its_limit_and_defaults_to_the_clock(engine):
    engine.save_rule(ESCALATE)
    for subject in ("one", "two"):
        engine.create_task({"subject": subject, "due_at": JAN_2100})
    assert engine.run_due(JAN_2100 + DAY, limit=1)["more"] is True
    assert engine.run_due()["ran"] == 0  # now: nothing is due before 2100
    with pytest.raises(crm.InvalidArgument):
        engine.run_due(JAN_2100, limit=-1)


def test_the_outbox_is_listed_page_by_page(engine):
    engine.save_rule(CHURN)
    for name in ("a", "b", "c"):
        engine.create_customer({"display_name": name, "stage": "at-risk"})
    assert [n["payload"]["display_name"] for n in itertools.islice(engine.list_outbox(limit=2), 3)] == ["a", "b", "c"]
    items, cursor = engine.outbox_page(limit=2)
    assert len(items) == 2 and cursor is not None


def test_workflow_calls_on_a_closed_engine_raise_closed():
    engine = crm.Engine()
    engine.close()
    with pytest.raises(crm.Closed):
        engine.save_rule(CHURN)
    with pytest.raises(crm.Closed):
        engine.run_due(0)
