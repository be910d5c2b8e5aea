# SPDX-License-Identifier: Apache-2.0
"""What rules do to a Python host's writes (issue 21, defects 5, 9, 10): the
record comes back as stored after its rules, a failing rule names itself
and its action, "on_failure" round-trips, and the action limit is a keyword."""

import pytest

import crm

WELCOME = {
    "name": "welcome",
    "trigger": {"on": "created", "entity": "customer"},
    "actions": [{"action": "add_tag", "tag": "new-signup"}],
}

GOLD = {
    "name": "gold-tier",
    "trigger": {"on": "saved", "entity": "customer"},
    "when": {"all": [{"field": "loyalty_points", "op": ">=", "value": 1000},
                     {"field": "tier", "op": "!=", "value": "gold"}]},
    "actions": [{"action": "set", "field": "tier", "value": "gold"}],
}

THREE_NOTES = {
    "name": "notes",
    "trigger": {"on": "created", "entity": "customer"},
    "actions": [{"action": "notify", "topic": t} for t in ("a", "b", "c")],
}


def promo(policy):
    """Every purchase gives its customer a card number another customer holds."""
    return {
        "name": "promo",
        "on_failure": policy,
        "trigger": {"on": "created", "entity": "interaction"},
        "actions": [{"action": "add_tag", "tag": "promo", "on": "customer"},
                    {"action": "set", "field": "customer.external_id", "value": "PROMO"}],
    }


def test_create_and_update_return_the_record_as_its_rules_left_it(engine):
    engine.save_rule(WELCOME)
    engine.save_rule(GOLD)
    ada = engine.create_customer({"display_name": "Ada"})
    assert (ada["version"], ada["tags"]) == (2, ["new-signup"])
    assert ada == engine.get_customer(ada["id"])
    ada["loyalty_points"] = 1000
    ada = engine.update_customer(ada)  # from what create returned: no crm.Conflict
    assert (ada["version"], ada["tier"]) == (4, "gold")
    assert ada == engine.get_customer(ada["id"])


def test_a_failing_rule_names_itself_and_its_action(engine):
    holder = engine.create_customer({"display_name": "Holder", "external_id": "PROMO"})
    ada = engine.create_customer({"display_name": "Ada"})
    engine.save_rule(promo("fail"))
    with pytest.raises(crm.AlreadyExists) as caught:
        engine.log_purchase(ada["id"], 1000, "EUR")
    assert caught.value.message.endswith(
        "rule 'promo': actions[1] (set): customer.external_id 'PROMO' already belongs to record %d" % holder["id"])
    assert list(engine.history(ada["id"])) == []


def test_a_skip_rule_lets_the_purchase_through_logs_and_tells_the_host(engine):
    engine.create_customer({"display_name": "Holder", "external_id": "PROMO"})
    ada = engine.create_customer({"display_name": "Ada"})
    engine.save_rule(promo("skip"))
    bought = engine.log_purchase(ada["id"], 1000, "EUR")
    assert engine.get_customer(ada["id"]) == ada  # the rule's tag is undone with it
    [firing] = engine.list_firings(rule="promo")
    assert firing["outcome"] == "failed"
    assert "actions[1] (set)" in firing["detail"]
    [note] = engine.list_outbox()
    assert (note["topic"], note["rule"], note["record_id"]) == ("rule.failed", "promo", bought["id"])
    assert note["payload"]["error"] == firing["detail"]


def test_on_failure_round_trips_and_an_unknown_policy_is_refused(engine):
    assert engine.save_rule(promo("skip"))["definition"]["on_failure"] == "skip"
    assert engine.get_rule("promo")["definition"]["on_failure"] == "skip"
    assert "on_failure" not in engine.save_rule(promo("fail"))["definition"]  # the default is not written
    with pytest.raises(crm.InvalidArgument, match="on_failure: \"sometimes\" is not a failure policy"):
        engine.save_rule(promo("sometimes"))


def test_the_action_limit_is_an_engine_keyword():
    with crm.Engine(workflow_action_limit=2) as eng:
        eng.save_rule(THREE_NOTES)
        with pytest.raises(crm.Conflict, match="more than 2 rule actions") as caught:
            eng.create_customer({"display_name": "Ada"})
        assert "rule chain: 'notes' on customer" in caught.value.message
        assert list(eng.list_customers()) == []
    with crm.Engine() as eng:  # the default, 2000
        eng.save_rule(THREE_NOTES)
        eng.create_customer({"display_name": "Ada"})
    with pytest.raises(crm.InvalidArgument, match="workflow_action_limit -1: must be at least 1"):
        crm.Engine(workflow_action_limit=-1)
    with pytest.raises(TypeError, match="workflow_action_limit must be an int"):
        crm.Engine(workflow_action_limit="many")
