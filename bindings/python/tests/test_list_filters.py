# SPDX-License-Identifier: Apache-2.0
"""Every filter of the engine's listings from Python: customers by tag,
stage, owner and organisation; leads and deals by owner and the rest;
interactions by customer, lead and deal."""

import pytest

import crm


def ids(records):
    return [record["id"] for record in records]


def test_customers_are_listed_by_tag_stage_owner_and_organisation(engine):
    acme = engine.create_customer({"kind": "organisation", "display_name": "Acme"})
    ada = engine.create_customer({"display_name": "Ada", "tags": ["VIP"], "stage": "active", "owner": "ann"})
    bob = engine.create_customer(
        {"display_name": "Bob", "stage": "churned", "owner": "bo", "organisation_id": acme["id"]}
    )
    assert ids(engine.list_customers(tag="vip")) == [ada["id"]]
    assert ids(engine.list_customers(stage="churned")) == [bob["id"]]
    assert ids(engine.list_customers(owner="ann")) == [ada["id"]]
    assert ids(engine.list_customers(organisation_id=acme["id"])) == [bob["id"]]
    assert ids(engine.customer_page(owner="bo").items) == [bob["id"]]
    # Without a filter, as before.
    assert ids(engine.list_customers()) == [acme["id"], ada["id"], bob["id"]]
    assert ids(engine.list_customers("b")) == [bob["id"]]


def test_two_customer_filters_are_refused(engine):
    with pytest.raises(crm.InvalidArgument, match="at most one filter"):
        engine.customer_page("A", owner="ann")
    with pytest.raises(crm.InvalidArgument, match="stage"):
        list(engine.list_customers(stage="asleep"))


def test_leads_are_listed_by_owner_email_phone_name_and_status(engine):
    grace = engine.create_lead({"display_name": "Grace", "owner": "ann", "email": "grace@navy.example"})
    alan = engine.create_lead({"display_name": "Alan", "owner": "bo", "phone": "020 7946 0018"})
    assert ids(engine.list_leads(owner="bo")) == [alan["id"]]
    assert ids(engine.list_leads(email="GRACE@navy.example")) == [grace["id"]]
    assert ids(engine.list_leads(phone="+44 20 7946 0018")) == [alan["id"]]
    assert ids(engine.lead_page(name_prefix="gr").items) == [grace["id"]]
    assert ids(engine.list_leads("new")) == [grace["id"], alan["id"]]
    with pytest.raises(crm.InvalidArgument, match="at most one filter"):
        engine.lead_page("new", owner="ann")


def test_deals_are_listed_by_owner_status_and_stage(engine):
    tills = engine.create_opportunity({"name": "tills", "stage": "prospecting", "owner": "ann"})
    scales = engine.create_opportunity({"name": "scales", "stage": "proposal", "owner": "bo"})
    assert ids(engine.list_opportunities(owner="bo")) == [scales["id"]]
    assert ids(engine.list_opportunities(status="open")) == [tills["id"], scales["id"]]
    assert ids(engine.list_opportunities(pipeline="default", stage="prospecting")) == [tills["id"]]
    assert ids(engine.opportunity_page(status="won").items) == []
    with pytest.raises(crm.InvalidArgument, match="a stage needs its pipeline"):
        engine.opportunity_page(stage="proposal")


def test_interactions_are_listed_by_lead_and_by_deal_newest_first(engine, ada):
    grace = engine.create_lead({"display_name": "Grace"})
    tills = engine.create_opportunity({"name": "tills", "stage": "prospecting"})
    call = engine.log_interaction({"lead_id": grace["id"], "kind": "call"})
    meeting = engine.log_interaction({"lead_id": grace["id"], "opportunity_id": tills["id"], "kind": "meeting"})
    sale = engine.log_purchase(ada["id"], 500, "GBP")
    assert ids(engine.list_interactions(lead_id=grace["id"])) == [meeting["id"], call["id"]]
    assert ids(engine.list_interactions(opportunity_id=tills["id"])) == [meeting["id"]]
    assert ids(engine.interaction_page(customer_id=ada["id"]).items) == [sale["id"]]
    assert ids(engine.list_interactions()) == [call["id"], meeting["id"], sale["id"]]
    with pytest.raises(crm.InvalidArgument, match="at most one"):
        engine.interaction_page(lead_id=grace["id"], customer_id=ada["id"])
