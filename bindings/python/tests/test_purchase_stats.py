# SPDX-License-Identifier: Apache-2.0
"""A customer's purchase statistics, kept by the engine with every purchase,
and their rebuild from the purchase history."""

import pytest

import crm


def test_purchase_stats_are_kept_per_currency(engine, ada):
    assert engine.purchase_stats(ada["id"]) == []
    engine.log_purchase(ada["id"], 1000, "GBP")
    engine.log_purchase(ada["id"], 3000, "GBP")
    engine.log_purchase(ada["id"], 500, "EUR")
    stats = engine.purchase_stats(ada["id"])
    assert [s["currency"] for s in stats] == ["EUR", "GBP"]  # in code order
    gbp = stats[1]
    assert gbp["customer_id"] == ada["id"]
    assert gbp["purchases"] == 2
    assert gbp["total_minor"] == 4000
    assert gbp["average_minor"] == 2000
    assert gbp["first_at"] <= gbp["last_at"]


def test_purchase_stats_of_an_unknown_customer_are_refused(engine):
    with pytest.raises(crm.NotFound):
        engine.purchase_stats(4242)
    with pytest.raises(crm.InvalidArgument):
        engine.purchase_stats(0)


def test_rebuild_on_a_healthy_file_reads_every_purchase_and_mends_nothing(engine, ada):
    engine.log_purchase(ada["id"], 1000, "GBP")
    engine.log_purchase(ada["id"], 500, "EUR")
    engine.log_interaction({"customer_id": ada["id"], "kind": "call"})  # not a purchase
    before = engine.purchase_stats(ada["id"])
    report = engine.rebuild_purchase_stats()
    assert report == {"purchases": 2, "stats": 2, "added": 0, "corrected": 0, "removed": 0}
    assert engine.purchase_stats(ada["id"]) == before


def test_purchase_stats_calls_on_a_closed_engine_raise_closed(engine, ada):
    engine.close()
    with pytest.raises(crm.Closed):
        engine.purchase_stats(ada["id"])
    with pytest.raises(crm.Closed):
        engine.rebuild_purchase_stats()
