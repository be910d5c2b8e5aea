# SPDX-License-Identifier: Apache-2.0
"""The sales pipeline: deal moves and history, pipelines, conversion,
duplicates and reports."""

import pytest

import crm

ALWAYS = (0, 4102444800000)  # a window holding every event: the engine runs on the system clock


def eur(minor):
    return {"minor": minor, "currency": "EUR"}


@pytest.fixture
def deal(engine):
    return engine.create_opportunity({"name": "tills", "stage": "prospecting", "amount": eur(1000)})


def test_a_deal_moves_and_its_history_says_who_moved_it(engine, deal):
    moved = engine.move_opportunity(deal["id"], deal["version"], "DEMO", by="ann")
    assert moved["stage"] == "Demo"
    assert moved["probability"] == 40
    won = engine.win_opportunity(moved["id"], moved["version"], by="bo")
    assert won["status"] == "won"
    history = engine.opportunity_history(deal["id"])
    assert [(h["from_stage"], h["to_stage"], h["status"], h["by"]) for h in history] == [
        ("", "Prospecting", "open", ""),
        ("Prospecting", "Demo", "open", "ann"),
        ("Demo", "Demo", "won", "bo"),
    ]
    assert history[-1]["amount"] == eur(1000)


def test_a_stale_move_conflicts_and_leaves_the_history_alone(engine, deal):
    engine.move_opportunity(deal["id"], deal["version"], "demo")
    with pytest.raises(crm.Conflict):
        engine.move_opportunity(deal["id"], deal["version"], "proposal")
    assert len(engine.opportunity_history(deal["id"])) == 2


def test_a_lost_deal_keeps_its_reason(engine, deal):
    lost = engine.lose_opportunity(deal["id"], deal["version"], "price")
    assert (lost["status"], lost["lost_reason"]) == ("lost", "price")


def test_an_unknown_deal_has_no_history(engine):
    with pytest.raises(crm.NotFound):
        engine.opportunity_history(42)


def test_a_pipeline_is_saved_updated_and_found_by_name(engine):
    saved = engine.save_pipeline({"name": "Renewals", "stages": [{"name": "Due", "probability": 50}]})
    assert saved["id"] > 0
    updated = engine.save_pipeline({**saved, "stages": saved["stages"] + [{"name": "Signed", "probability": 95}]})
    assert updated["version"] == 2
    assert engine.get_pipeline("RENEWALS") == updated
    assert engine.find_pipeline("nope") is None
    assert engine.get_pipeline("default")["stages"][0]["name"] == "Prospecting"
    with pytest.raises(crm.Conflict):
        engine.save_pipeline(saved)
    deal = engine.create_opportunity({"name": "r", "pipeline": "renewals", "stage": "signed"})
    assert deal["probability"] == 95


def test_a_pipeline_with_an_unknown_key_is_refused(engine):
    with pytest.raises(crm.InvalidArgument, match="colour"):
        engine.save_pipeline({"name": "X", "stages": [{"name": "A"}], "colour": "red"})
    assert engine.find_pipeline("X") is None


@pytest.fixture
def grace(engine):
    return engine.create_lead(
        {"given_name": "Grace", "family_name": "Hopper", "company": "Navy", "email": "grace@navy.example",
         "status": "qualified"}
    )


def test_a_lead_converts_into_a_customer_an_organisation_and_a_deal(engine, grace):
    result = engine.convert_lead(
        grace["id"], grace["version"], with_organisation=True,
        opportunity={"name": "Compilers", "stage": "proposal", "amount": eur(50000)},
    )
    assert result["lead"]["status"] == "converted"
    assert result["customer_created"] is True
    assert result["organisation"]["display_name"] == "Navy"
    assert result["opportunity"]["customer_id"] == result["organisation"]["id"]
    assert engine.find_customer_by_email("Grace@Navy.example")["id"] == result["customer"]["id"]
    with pytest.raises(crm.Conflict):
        engine.convert_lead(grace["id"], result["lead"]["version"])


def test_bad_conversion_options_write_nothing(engine, grace, customer_count):
    with pytest.raises(crm.InvalidArgument, match="on_similar"):
        engine.convert_lead(grace["id"], grace["version"], on_similar="merge")
    with pytest.raises(crm.InvalidArgument, match="opportunity"):
        engine.convert_lead(grace["id"], grace["version"], opportunity={"name": "x", "stage": "demo", "size": 3})
    assert customer_count() == 0
    assert engine.get_lead(grace["id"])["status"] == "qualified"


def test_duplicates_are_found_and_a_checked_create_follows_its_policy(engine, grace):
    found = engine.find_duplicates({"display_name": "G. Hopper", "email": "GRACE@navy.example"})
    assert [(d["kind"], d["id"], d["score"]) for d in found] == [("lead", grace["id"], 1.0)]
    assert found[0]["reasons"][0] == {"field": "email", "method": "exact", "similarity": 1.0}
    twin = {"display_name": "Grace H", "email": "grace@navy.example"}
    with pytest.raises(crm.AlreadyExists):
        engine.create_lead_checked(twin)
    assert len(list(engine.list_leads())) == 1
    stored, duplicates = engine.create_lead_checked(twin, policy="warn")
    assert stored["id"] > grace["id"]
    assert [d["id"] for d in duplicates] == [grace["id"]]
    stored, duplicates = engine.create_lead_checked({"display_name": "Alan"}, policy="allow")
    assert duplicates == []
    with pytest.raises(crm.InvalidArgument, match="duplicate policy"):
        engine.create_lead_checked({"display_name": "X"}, policy="maybe")


def test_the_funnel_counts_a_tiny_data_set(engine):
    a, b, c = (
        engine.create_opportunity({"name": n, "stage": "prospecting", "amount": eur(m)})
        for n, m in (("A", 1000), ("B", 2000), ("C", 3000))
    )
    a = engine.move_opportunity(a["id"], a["version"], "qualification")
    engine.move_opportunity(b["id"], b["version"], "qualification")
    engine.win_opportunity(a["id"], a["version"])
    engine.lose_opportunity(c["id"], c["version"], "price")

    funnel = engine.report("funnel", currency="EUR", window=ALWAYS)
    first, second = funnel["stages"][:2]
    assert (first["stage"], first["entered"], first["advanced"], first["value"]) == ("Prospecting", 3, 2, eur(6000))
    assert (second["entered"], second["advanced"], second["conversion_to_next"]) == (2, 1, 0.5)
    assert (funnel["won"], funnel["lost"], funnel["win_rate"], funnel["won_value"]) == (1, 1, 0.5, eur(1000))

    assert engine.report("sales_cycle", window={"from": ALWAYS[0], "to": ALWAYS[1]})["won"] == 1
    snapshot = engine.report("snapshot", as_of=ALWAYS[1], currency="EUR")
    assert (snapshot["stages"][1]["deals"], snapshot["stages"][1]["weighted"]) == (1, eur(400))
    rows = engine.report("forecast", currency="EUR", period="quarter")["rows"]
    assert [(r["category"], r["deals"]) for r in rows] == [("closed", 1), ("pipeline", 1)]


def test_overdue_and_credit_reports(engine, ada):
    engine.create_opportunity({"name": "late", "stage": "demo", "expected_close": 1000, "customer_id": ada["id"]})
    assert [d["name"] for d in engine.report("overdue", now=2000)["deals"]] == ["late"]
    assert engine.report("overdue", now=1000)["deals"] == []
    assert engine.report("credit")["alerts"] == []


def test_bad_report_queries_name_the_key(engine):
    with pytest.raises(crm.InvalidArgument, match=r"funnel query\.window: required"):
        engine.report("funnel", currency="EUR")
    with pytest.raises(crm.InvalidArgument, match=r"funnel query: unknown key 'windw'"):
        engine.report("funnel", currency="EUR", windw=ALWAYS)
    with pytest.raises(crm.InvalidArgument, match=r"window\.to: expected an integer"):
        engine.report("funnel", currency="EUR", window=(0, "soon"))
    with pytest.raises(crm.InvalidArgument, match="unknown report 'pareto'"):
        engine.report("pareto")
    with pytest.raises(crm.NotFound):
        engine.report("snapshot", pipeline="nope", as_of=0, currency="EUR")


# ---- Duplicates scan, assignment and scoring ----------------------------------------------

EMEA = [
    {"name": "emea", "territory": "EMEA", "strategy": "round_robin", "team": [{"name": "ann"}, {"name": "bo"}]},
    {"name": "banks", "industry": "banking", "strategy": "load_balanced", "team": [{"name": "cy", "capacity": 1}]},
]


def test_a_scan_finds_a_planted_pair(engine):
    first = engine.create_lead({"display_name": "Ada Lovelace", "email": "ada@example.com"})
    second = engine.create_lead({"display_name": "Ada L.", "email": "ADA@example.com"})
    engine.create_lead({"display_name": "Grace Hopper", "email": "grace@navy.example"})
    pairs = engine.scan_duplicates()
    assert [(p["lead_id"], p["kind"], p["id"], p["score"]) for p in pairs] == [(first["id"], "lead", second["id"], 1.0)]


def test_round_robin_takes_turns_and_a_full_team_conflicts(engine):
    a, b = (engine.create_lead({"display_name": n, "territory": "emea"}) for n in ("A", "B"))
    assert engine.assign_lead(a["id"], EMEA) == {"assigned": True, "rule": "emea", "strategy": "round_robin",
                                                 "owner": "ann"}
    assert engine.assign_lead(b["id"], EMEA)["owner"] == "bo"
    stored = engine.get_lead(b["id"])
    assert (stored["owner"], stored["assignment_rule"]) == ("bo", "emea")

    apac = engine.create_lead({"display_name": "C", "territory": "APAC"})
    assert engine.assign_lead(apac["id"], EMEA)["assigned"] is False
    assert engine.get_lead(apac["id"]) == apac

    bank, bank2 = (engine.create_lead({"display_name": n, "industry": "Banking"}) for n in ("D", "E"))
    assert engine.assign_lead(bank["id"], EMEA)["owner"] == "cy"
    with pytest.raises(crm.Conflict):
        engine.assign_lead(bank2["id"], EMEA)
    with pytest.raises(crm.NotFound):
        engine.assign_lead(999, EMEA)


def test_bad_assignment_rules_name_the_key_and_write_nothing(engine):
    lead = engine.create_lead({"display_name": "A", "territory": "EMEA"})
    with pytest.raises(crm.InvalidArgument, match=r"assignment rules\.rules\[0\]: unknown key 'teem'"):
        engine.assign_lead(lead["id"], [{"name": "x", "teem": []}])
    with pytest.raises(crm.InvalidArgument, match=r"rules\[0\]\.strategy"):
        engine.assign_lead(lead["id"], [{"name": "x", "strategy": "random"}])
    with pytest.raises(TypeError):
        engine.assign_lead(lead["id"], {"rules": []})
    assert engine.get_lead(lead["id"]) == lead


def test_the_predictive_score_learns_from_closed_leads(engine):
    fresh = engine.create_lead({"display_name": "New", "source": "Web"})
    untrained = engine.score_lead(fresh["id"])
    assert (untrained["trained"], untrained["percent"]) == (False, 50)
    assert "rule_score" not in untrained
    for i in range(5):
        won = engine.create_lead({"display_name": f"Won {i}", "source": "web", "status": "qualified"})
        engine.convert_lead(won["id"], won["version"], on_similar="allow")
        engine.create_lead({"display_name": f"Lost {i}", "source": "cold call", "status": "disqualified",
                             "status_reason": "no budget"})
    web = engine.score_lead(fresh["id"])
    assert web["trained"] is True
    assert web["percent"] > 50
    assert [(c["field"], c["value"]) for c in web["contributions"]] == [("source", "web")]
    cold = engine.create_lead({"display_name": "Cold", "source": "Cold Call"})
    assert engine.score_lead(cold["id"])["percent"] < 50
    assert engine.score_lead(cold["id"], min_count=6)["contributions"] == []
    assert engine.score_lead(cold["id"], fields=["industry"], smoothing=0.5)["contributions"] == []


def test_the_rule_score_counts_the_leads_interactions(engine):
    lead = engine.create_lead({"display_name": "Ada", "source": "Web Form"})
    for direction in ("inbound", "outbound"):
        engine.log_interaction({"lead_id": lead["id"], "direction": direction, "kind": "call"})
    result = engine.score_lead(
        lead["id"],
        rules=[{"field": "source", "op": "contains", "value": "web", "points": 30}],
        behaviour=[{"kind": "inbound-at-least", "threshold": 2, "points": 40},
                   {"kind": "interactions-at-least", "threshold": 2, "points": 20}],
    )
    assert result["rule_score"]["score"] == 50
    assert [h["points"] for h in result["rule_score"]["hits"]] == [30, 20]


def test_bad_scoring_config_names_the_key(engine):
    lead = engine.create_lead({"display_name": "Ada"})
    with pytest.raises(crm.InvalidArgument, match=r"scoring config\.rules\[0\]\.op"):
        engine.score_lead(lead["id"], rules=[{"field": "source", "op": "like"}])
    with pytest.raises(crm.InvalidArgument, match=r"scoring config\.smoothing: expected a number"):
        engine.score_lead(lead["id"], smoothing="lots")
    with pytest.raises(crm.InvalidArgument, match=r"behaviour\[0\]: unknown key 'weight'"):
        engine.score_lead(lead["id"], behaviour=[{"kind": "inbound-at-least", "weight": 1}])
    with pytest.raises(TypeError):
        engine.score_lead(lead["id"], fields="source")
