# SPDX-License-Identifier: Apache-2.0
"""Purchases, other interactions, and a customer's history."""

import itertools

import pytest

import crm


def test_log_purchase_returns_the_stored_purchase(engine, ada):
    sale = engine.log_purchase(ada["id"], 1799, "GBP", note="Till 3")
    assert sale["id"] > 0
    assert sale["customer_id"] == ada["id"]
    assert sale["kind"] == "purchase"
    assert sale["channel"] == "pos"  # the default channel
    assert sale["amount"] == {"minor": 1799, "currency": "GBP"}
    assert sale["subject"] == "Till 3"
    assert sale["occurred_at"] > 0  # stamped now
    assert engine.get_interaction(sale["id"]) == sale


def test_log_purchase_takes_a_channel(engine, ada):
    sale = engine.log_purchase(ada["id"], 500, "EUR", channel="web")
    assert sale["channel"] == "web"
    assert sale["subject"] == ""


def test_a_bad_purchase_is_refused_and_logs_nothing(engine, ada):
    with pytest.raises(crm.InvalidArgument) as caught:
        engine.log_purchase(ada["id"], 100, "POUNDS")
    assert caught.value.message == "crm_purchase_log: currency 'POUNDS': not an ISO 4217 code"
    with pytest.raises(crm.InvalidArgument, match="unknown channel 'carrier pigeon'"):
        engine.log_purchase(ada["id"], 100, "GBP", channel="carrier pigeon")
    with pytest.raises(crm.InvalidArgument, match="must not be negative"):
        engine.log_purchase(ada["id"], -100, "GBP")
    with pytest.raises(crm.NotFound, match="customer 999 not found"):
        engine.log_purchase(999, 100, "GBP")
    assert list(engine.history(ada["id"])) == []


def test_an_amount_beyond_int64_is_refused_before_the_call(engine, ada):
    # ctypes would silently wrap it to 1.
    with pytest.raises(crm.InvalidArgument, match=r"amount_minor 18446744073709551617: out of range"):
        engine.log_purchase(ada["id"], 2**64 + 1, "GBP")
    with pytest.raises(TypeError, match=r"amount_minor must be an int \(minor units\) or a Decimal, not a float"):
        engine.log_purchase(ada["id"], 17.99, "GBP")
    assert list(engine.history(ada["id"])) == []


def test_log_interaction_stores_any_kind(engine, ada):
    call = engine.log_interaction(
        {"customer_id": ada["id"], "kind": "call", "channel": "phone", "subject": "Catalogue", "occurred_at": 1000}
    )
    assert call["id"] > 0
    assert call["kind"] == "call"
    assert call["occurred_at"] == 1000
    assert call["amount"] is None
    assert engine.get_interaction(call["id"]) == call


def test_a_purchase_with_line_items_gets_their_total(engine, ada):
    sale = engine.log_interaction(
        {
            "customer_id": ada["id"],
            "kind": "purchase",
            "channel": "in-person",
            "items": [{"sku": "TEA", "quantity": 2, "unit_price": {"minor": 250, "currency": "GBP"}}],
        }
    )
    assert sale["amount"] == {"minor": 500, "currency": "GBP"}
    assert sale["channel"] == "in-person"


def test_an_interaction_needs_a_customer_or_a_lead(engine):
    with pytest.raises(crm.InvalidArgument, match="customer_id: required"):
        engine.log_interaction({"kind": "call"})


def test_an_interaction_can_be_updated_and_a_stale_copy_conflicts(engine, ada):
    note = engine.log_interaction({"customer_id": ada["id"], "kind": "note", "subject": "Likes tea"})
    updated = engine.update_interaction({**note, "body": "Earl Grey"})
    assert updated["version"] == 2
    assert engine.get_interaction(note["id"])["body"] == "Earl Grey"
    with pytest.raises(crm.Conflict):
        engine.update_interaction({**note, "body": "Assam"})


def test_an_unknown_interaction_is_not_found(engine):
    with pytest.raises(crm.NotFound):
        engine.get_interaction(77)


def test_history_is_newest_first_across_pages(engine, ada):
    call = engine.log_interaction({"customer_id": ada["id"], "kind": "call", "channel": "phone", "occurred_at": 1000})
    first = engine.log_purchase(ada["id"], 1799, "GBP", note="Till 3")
    second = engine.log_purchase(ada["id"], 500, "EUR", channel="web")
    assert [i["id"] for i in engine.history(ada["id"], limit=2)] == [second["id"], first["id"], call["id"]]
    latest = list(itertools.islice(engine.history(ada["id"]), 1))
    assert latest == [second]


def test_a_history_page_gives_its_items_and_the_next_cursor(engine, ada):
    sales = [engine.log_purchase(ada["id"], 100 * n, "GBP") for n in range(1, 4)]
    items, cursor = engine.history_page(ada["id"], limit=2)
    assert [i["id"] for i in items] == [sales[2]["id"], sales[1]["id"]]
    items, cursor = engine.history_page(ada["id"], cursor=cursor, limit=2)
    assert [i["id"] for i in items] == [sales[0]["id"]]
    assert cursor is None


def test_another_customer_has_their_own_history(engine, ada):
    engine.log_purchase(ada["id"], 100, "GBP")
    bob = engine.create_customer({"display_name": "Bob"})
    assert engine.history_page(bob["id"]) == ([], None)
