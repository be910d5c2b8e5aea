# SPDX-License-Identifier: Apache-2.0
"""Leads and opportunities: create, get, update, list."""

import pytest

import crm


@pytest.fixture
def grace(engine):
    return engine.create_lead({"display_name": "Grace", "company": "Navy", "source": "trade show"})


def test_a_lead_is_created_with_its_defaults(engine, grace):
    assert grace["id"] > 0
    assert grace["version"] == 1
    assert grace["status"] == "new"
    assert grace["company"] == "Navy"
    assert engine.get_lead(grace["id"]) == grace


def test_a_lead_needs_a_name(engine):
    with pytest.raises(crm.InvalidArgument, match="crm_lead_create: lead.display_name: required"):
        engine.create_lead({})


def test_a_lead_is_updated_and_listed_by_status(engine, grace):
    other = engine.create_lead({"display_name": "Alan"})
    working = engine.update_lead({**grace, "status": "working"})
    qualified = engine.update_lead({**working, "status": "qualified"})
    assert qualified["version"] == 3
    assert [lead["id"] for lead in engine.list_leads(status="qualified")] == [grace["id"]]
    assert [lead["id"] for lead in engine.list_leads()] == [grace["id"], other["id"]]
    items, cursor = engine.lead_page(limit=1)
    assert [lead["id"] for lead in items] == [grace["id"]]
    assert engine.lead_page(cursor=cursor, limit=1) == ([engine.get_lead(other["id"])], None)
    with pytest.raises(crm.Conflict):
        engine.update_lead({**working, "status": "qualified"})  # the old copy is stale


def test_a_lead_cannot_skip_its_lifecycle(engine, grace):
    with pytest.raises(crm.Conflict, match="cannot go from new to qualified"):
        engine.update_lead({**grace, "status": "qualified"})
    assert engine.get_lead(grace["id"])["status"] == "new"


def test_an_unknown_lead_status_is_refused(engine, grace):
    with pytest.raises(crm.InvalidArgument, match="crm_lead_list: unknown lead status 'hot'"):
        engine.list_leads(status="hot")
    with pytest.raises(crm.InvalidArgument, match="field 'status': unknown lead status 'hot'"):
        engine.update_lead({**grace, "status": "hot"})


def test_an_unknown_lead_is_not_found(engine):
    with pytest.raises(crm.NotFound):
        engine.get_lead(77)


@pytest.fixture
def deal(engine, ada):
    return engine.create_opportunity(
        {"name": "200 tills", "stage": "demo", "customer_id": ada["id"], "amount": {"minor": 990000, "currency": "EUR"}}
    )


def test_an_opportunity_is_created_with_its_defaults(engine, deal, ada):
    assert deal["id"] > 0
    assert deal["customer_id"] == ada["id"]
    assert deal["amount"] == {"minor": 990000, "currency": "EUR"}
    assert deal["status"] == "open"
    assert engine.get_opportunity(deal["id"]) == deal


def test_an_opportunity_needs_a_stage(engine, ada):
    with pytest.raises(crm.InvalidArgument, match="opportunity.stage: required"):
        engine.create_opportunity({"name": "x", "customer_id": ada["id"]})


def test_an_opportunity_is_updated_and_a_stale_copy_conflicts(engine, deal):
    updated = engine.update_opportunity({**deal, "stage": "proposal"})
    assert updated["version"] == 2
    assert updated["stage"] == "Proposal"  # spelled as the pipeline does
    assert engine.get_opportunity(deal["id"])["probability"] == 60  # the stage's default
    with pytest.raises(crm.Conflict):
        engine.update_opportunity({**deal, "stage": "negotiation"})


def test_an_opportunity_stage_must_belong_to_its_pipeline(engine, deal):
    with pytest.raises(crm.InvalidArgument, match="'won' is not a stage of pipeline 'default'"):
        engine.update_opportunity({**deal, "stage": "won"})


def test_opportunities_are_listed_all_or_per_customer(engine, deal, ada):
    bob = engine.create_customer({"display_name": "Bob"})
    bobs = engine.create_opportunity({"name": "1 till", "stage": "prospecting", "customer_id": bob["id"]})
    assert [o["id"] for o in engine.list_opportunities()] == [deal["id"], bobs["id"]]
    assert [o["id"] for o in engine.list_opportunities(customer_id=ada["id"])] == [deal["id"]]
    assert engine.opportunity_page(customer_id=bob["id"]) == ([bobs], None)
    with pytest.raises(crm.InvalidArgument, match="customer_id 0: out of range"):
        engine.opportunity_page(customer_id=0)  # None, not 0, means every customer's


def test_an_unknown_opportunity_is_not_found(engine):
    with pytest.raises(crm.NotFound):
        engine.get_opportunity(77)
