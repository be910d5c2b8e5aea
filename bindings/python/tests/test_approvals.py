# SPDX-License-Identifier: Apache-2.0
"""Approvals: requested, decided in turn, locking fields while pending, listed."""

import pytest

import crm


@pytest.fixture
def deal(engine):
    """A stored deal worth 70,000 EUR."""
    return engine.create_opportunity(
        {"name": "500 tills at 30% off", "stage": "proposal", "owner": "alice",
         "amount": {"minor": 7_000_000, "currency": "EUR"}}
    )


@pytest.fixture
def ask(engine, deal):
    """Requests the discount approval of the deal (keywords override the request's)."""
    def request(**changes):
        return engine.request_approval(**{
            "name": "discount", "entity": "opportunity", "record_id": deal["id"],
            "approvers": ["sales-manager", "finance"], "locked_fields": ["amount"], "requested_by": "alice",
            **changes,
        })
    return request


def test_a_request_is_pending_and_waits_for_the_first_approver(engine, deal, ask):
    a = ask()
    assert (a["status"], a["waiting_for"], a["version"]) == ("pending", "sales-manager", 1)
    assert (a["entity"], a["record_id"], a["requested_by"]) == ("opportunity", deal["id"], "alice")
    assert a["approvers"] == ["sales-manager", "finance"] and a["locked_fields"] == ["amount"]
    assert a["decisions"] == [] and a["decided_at"] is None
    assert engine.get_approval(a["id"]) == a


def test_each_approver_approves_in_turn_and_the_last_makes_it_approved(engine, ask):
    a = ask()
    a = engine.approve(a["id"], a["version"], "sales-manager", "fine for 500 tills")
    assert (a["status"], a["waiting_for"]) == ("pending", "finance")
    a = engine.approve(a["id"], a["version"], "finance")
    assert (a["status"], a["waiting_for"]) == ("approved", "")
    assert isinstance(a["decided_at"], int)
    assert [(d["approver"], d["approved"], d["comment"]) for d in a["decisions"]] == [
        ("sales-manager", True, "fine for 500 tills"),
        ("finance", True, ""),
    ]
    assert engine.get_approval(a["id"]) == a


def test_another_approvers_turn_is_a_conflict_naming_whom_it_waits_for(engine, ask):
    a = ask()
    with pytest.raises(crm.Conflict, match=r"waits for 'sales-manager', not 'finance'"):
        engine.approve(a["id"], a["version"], "finance")
    with pytest.raises(crm.Conflict):
        engine.reject(a["id"], a["version"], "finance", "no")
    assert engine.get_approval(a["id"]) == a
    engine.approve(a["id"], a["version"], "sales-manager")
    with pytest.raises(crm.Conflict):  # the version read before the decision
        engine.approve(a["id"], a["version"], "finance")


def test_one_rejection_rejects_it(engine, ask):
    a = ask()
    a = engine.reject(a["id"], a["version"], "sales-manager", "30% is too much")
    assert (a["status"], a["waiting_for"]) == ("rejected", "")
    assert a["decisions"][0]["approved"] is False
    assert a["decisions"][0]["comment"] == "30% is too much"
    with pytest.raises(crm.Conflict, match="is already rejected"):
        engine.approve(a["id"], a["version"], "finance")


def test_a_locked_field_cannot_change_while_pending(engine, deal, ask):
    a = ask()
    with pytest.raises(crm.Conflict, match=r"'amount' is locked while approval \d+ \('discount'\) is pending"):
        engine.update_opportunity({**deal, "amount": {"minor": 8_000_000, "currency": "EUR"}})
    deal = engine.update_opportunity({**deal, "owner": "bob"})  # not locked
    a = engine.approve(a["id"], a["version"], "sales-manager")
    engine.approve(a["id"], a["version"], "finance")
    assert engine.update_opportunity({**deal, "amount": {"minor": 8_000_000, "currency": "EUR"}})["version"] == 3


def test_a_bad_request_is_refused_naming_the_key_and_nothing_is_stored(engine, deal, ask):
    with pytest.raises(crm.InvalidArgument, match="approval request: unknown key 'approver'"):
        ask(approver="finance")
    with pytest.raises(crm.InvalidArgument, match=r"approval request.approvers\[0\]: expected a string"):
        ask(approvers=[7])
    with pytest.raises(crm.InvalidArgument, match="approval.approvers"):
        ask(approvers=[])
    with pytest.raises(crm.InvalidArgument, match="is not a field of opportunity"):
        ask(locked_fields=["tire"])
    with pytest.raises(crm.NotFound):
        ask(record_id=deal["id"] + 100)
    assert list(engine.list_approvals()) == []
    assert engine.find_approval(1) is None
    with pytest.raises(crm.NotFound):
        engine.get_approval(1)


def test_one_pending_approval_per_name_and_record(engine, ask):
    ask()
    with pytest.raises(crm.Conflict, match="is already pending"):
        ask()
    assert ask(name="terms")["name"] == "terms"


def test_approvals_are_listed_by_approver_by_record_and_by_status(engine, deal, ask):
    other = engine.create_opportunity({"name": "20 tills", "stage": "proposal"})
    first = ask()
    second = engine.request_approval(name="terms", entity="opportunity", record_id=other["id"], approvers=["finance"])
    third = ask(name="terms", approvers=["finance"], locked_fields=None)
    engine.approve(third["id"], third["version"], "finance")

    def ids(approvals):
        return [a["id"] for a in approvals]

    assert ids(engine.list_approvals(waiting_for="finance")) == [second["id"]]  # whose turn it is
    assert ids(engine.list_approvals(waiting_for="sales-manager")) == [first["id"]]
    assert ids(engine.list_approvals(entity="opportunity", record_id=deal["id"])) == [first["id"], third["id"]]
    assert ids(engine.list_approvals(status="approved")) == [third["id"]]
    assert ids(engine.list_approvals(limit=1)) == [first["id"], second["id"], third["id"]]
    items, cursor = engine.approval_page(limit=2)
    assert ids(items) == [first["id"], second["id"]] and cursor is not None
    assert engine.approval_page(cursor=cursor, limit=2) == ([engine.get_approval(third["id"])], None)


def test_a_bad_approval_query_is_refused(engine):
    with pytest.raises(crm.InvalidArgument, match="approval query: unknown key 'approver'"):
        engine.approval_page(approver="finance")
    with pytest.raises(crm.InvalidArgument, match="approval query.status"):
        engine.approval_page(status="done")
    with pytest.raises(crm.InvalidArgument, match="entity and record_id"):
        engine.approval_page(entity="opportunity")


def test_arguments_of_the_wrong_type_raise_type_error(engine, ask):
    a = ask()
    with pytest.raises(TypeError):
        engine.approve(a["id"], a["version"], None)
    with pytest.raises(TypeError):
        engine.reject(a["id"], a["version"], "sales-manager", None)
    with pytest.raises(TypeError):
        engine.get_approval("1")


def test_approval_calls_on_a_closed_engine_raise_closed():
    engine = crm.Engine()
    engine.close()
    with pytest.raises(crm.Closed):
        engine.request_approval(name="discount", entity="opportunity", record_id=1, approvers=["finance"])
    with pytest.raises(crm.Closed):
        engine.approval_page()
