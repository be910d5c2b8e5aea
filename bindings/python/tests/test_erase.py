# SPDX-License-Identifier: Apache-2.0
"""Erasing records through crm.Engine: one erase_<record> per record type, at
the version read; an unknown id is crm.NotFound, a stale version or a record
still referred to is crm.Conflict, and a refused erase changes nothing."""

import pytest

import crm


def test_erase_customer_removes_it_and_its_keys(engine, ada, customer_count):
    engine.erase_customer(ada["id"], ada["version"])
    assert customer_count() == 0
    with pytest.raises(crm.NotFound):
        engine.get_customer(ada["id"])
    assert engine.find_customer_by_phone("020 7946 0018") is None


def test_erase_customer_refuses_a_stale_version(engine, ada, customer_count):
    with pytest.raises(crm.Conflict):
        engine.erase_customer(ada["id"], ada["version"] + 1)
    assert customer_count() == 1


def test_erase_customer_refuses_an_unknown_id(engine, ada, customer_count):
    with pytest.raises(crm.NotFound):
        engine.erase_customer(ada["id"] + 100, 1)
    assert customer_count() == 1


def test_erase_customer_refuses_one_others_refer_to(engine, ada, customer_count):
    purchase = engine.log_purchase(ada["id"], 1799, "GBP")
    with pytest.raises(crm.Conflict, match="interactions"):
        engine.erase_customer(ada["id"], ada["version"])
    assert customer_count() == 1
    engine.erase_interaction(purchase["id"], purchase["version"])
    assert list(engine.history(ada["id"])) == []
    engine.erase_customer(ada["id"], ada["version"])
    assert customer_count() == 0


def test_erase_lead_opportunity_and_task(engine):
    lead = engine.create_lead({"display_name": "Ada", "company": "Engines Ltd"})
    deal = engine.create_opportunity({"name": "Boiler", "stage": "Prospecting"})
    task = engine.create_task({"subject": "Call back"})
    with pytest.raises(crm.Conflict):
        engine.erase_lead(lead["id"], lead["version"] + 1)
    engine.erase_lead(lead["id"], lead["version"])
    engine.erase_opportunity(deal["id"], deal["version"])
    engine.erase_task(task["id"], task["version"])
    for get, record in ((engine.get_lead, lead), (engine.get_opportunity, deal), (engine.get_task, task)):
        with pytest.raises(crm.NotFound):
            get(record["id"])
    with pytest.raises(crm.NotFound):
        engine.erase_task(task["id"], task["version"])


def test_erase_pipeline_by_name_once_no_deal_uses_it(engine):
    saved = engine.save_pipeline({"name": "Renewals", "stages": [{"name": "Due"}]})
    deal = engine.create_opportunity({"name": "Boiler", "pipeline": "Renewals", "stage": "Due"})
    with pytest.raises(crm.Conflict, match="deals"):
        engine.erase_pipeline("renewals", saved["version"])
    assert engine.find_pipeline("Renewals") is not None
    engine.erase_opportunity(deal["id"], deal["version"])
    with pytest.raises(crm.Conflict):
        engine.erase_pipeline("RENEWALS", saved["version"] + 1)
    engine.erase_pipeline("RENEWALS", saved["version"])
    assert engine.find_pipeline("Renewals") is None
    with pytest.raises(crm.NotFound):
        engine.erase_pipeline("Renewals", saved["version"])


def test_the_built_in_default_pipeline_has_nothing_to_erase(engine):
    with pytest.raises(crm.NotFound):
        engine.erase_pipeline("default", 0)


def test_erase_checks_its_arguments(engine):
    with pytest.raises(TypeError):
        engine.erase_customer("1", 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        engine.erase_pipeline(None, 1)  # type: ignore[arg-type]
