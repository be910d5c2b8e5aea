# SPDX-License-Identifier: Apache-2.0
"""Customers: create, get, update, lookups by key, listing."""

import itertools

import pytest

import crm


def test_create_returns_the_stored_record_normalised(engine):
    stored = engine.create_customer(
        {"display_name": "张伟", "phones": ["+86 138 0013 8000"], "emails": [" Wei@Example.CN "], "tier": "gold"}
    )
    assert stored["id"] > 0
    assert stored["version"] == 1
    assert stored["display_name"] == "张伟"
    assert stored["phones"] == ["+8613800138000"]
    assert stored["emails"] == ["wei@example.cn"]
    assert stored["tier"] == "gold"
    assert isinstance(stored["created_at"], int) and stored["created_at"] > 0
    assert engine.get_customer(stored["id"]) == stored


def test_every_field_travels_in_crm_json_spellings(engine):
    stored = engine.create_customer(
        {
            "display_name": "Ada",
            "kind": "person",
            "stage": "at-risk",
            "tags": ["VIP"],
            "credit_limit": {"minor": 50000, "currency": "GBP"},
            "loyalty_points": 120,
            "attributes": {"shoe_size": 38, "ratio": 0.5, "newsletter": True, "met": {"timestamp": 1000}},
            "addresses": [{"label": "home", "line1": "12 St James's Square", "city": "London", "country": "GB"}],
            "consents": {"email": {"granted": True, "at": 5000, "source": "pos"}},
        }
    )
    assert stored["stage"] == "at-risk"
    assert stored["tags"] == ["vip"]  # folded on write
    assert stored["credit_limit"] == {"minor": 50000, "currency": "GBP"}
    assert stored["loyalty_points"] == 120
    assert stored["attributes"] == {"shoe_size": 38, "ratio": 0.5, "newsletter": True, "met": {"timestamp": 1000}}
    assert stored["addresses"][0]["line1"] == "12 St James's Square"
    assert stored["consents"] == {"email": {"granted": True, "at": 5000, "source": "pos"}}


def test_a_bad_phone_is_invalid_argument_with_the_message_and_writes_nothing(engine, customer_count):
    with pytest.raises(crm.InvalidArgument) as caught:
        engine.create_customer({"display_name": "Ada", "phones": ["12ab"]})
    assert caught.value.message == (
        "crm_customer_create: customer.phones[0]: phone '12ab': not a number "
        "(only digits, spaces and + - ( ) . / allowed)"
    )
    assert caught.value.status is crm.Status.CRM_INVALID_ARGUMENT
    assert customer_count() == 0


def test_json_the_library_cannot_read_is_refused_naming_the_field(engine):
    with pytest.raises(crm.InvalidArgument, match="field 'bogus': unknown field"):
        engine.create_customer({"display_name": "Ada", "bogus": 1})
    with pytest.raises(crm.InvalidArgument, match="field 'loyalty_points': expected an integer"):
        engine.create_customer({"display_name": "Ada", "loyalty_points": "many"})
    with pytest.raises(crm.InvalidArgument, match="unknown lifecycle stage 'gold'"):
        engine.create_customer({"display_name": "Ada", "stage": "gold"})


def test_a_customer_needs_a_name_and_no_id(engine):
    with pytest.raises(crm.InvalidArgument, match="display_name: required"):
        engine.create_customer({})
    with pytest.raises(crm.InvalidArgument, match="must be 0 on create"):
        engine.create_customer({"display_name": "Ada", "id": 5})


def test_a_record_must_be_a_mapping(engine):
    with pytest.raises(TypeError, match="a customer is a dict, not list"):
        engine.create_customer([("display_name", "Ada")])


def test_a_value_json_cannot_carry_is_invalid_argument(engine, customer_count):
    with pytest.raises(crm.InvalidArgument, match="customer JSON: Out of range float"):
        engine.create_customer({"display_name": "Ada", "attributes": {"x": float("nan")}})
    assert customer_count() == 0


def test_a_taken_phone_is_already_exists(engine, ada, customer_count):
    with pytest.raises(crm.AlreadyExists):
        engine.create_customer({"display_name": "Eve", "phones": ["+442079460018"]})
    assert customer_count() == 1


def test_an_unknown_id_is_not_found(engine):
    with pytest.raises(crm.NotFound) as caught:
        engine.get_customer(404)
    assert caught.value.message == "crm_customer_get: customer 404: not found"
    assert caught.value.status.name == "CRM_NOT_FOUND"


def test_update_stores_the_change_and_a_new_version(engine, ada):
    updated = engine.update_customer({**ada, "tier": "gold", "loyalty_points": 10})
    assert updated["version"] == 2
    assert updated["tier"] == "gold"
    assert engine.get_customer(ada["id"]) == updated


def test_a_stale_version_is_a_conflict_and_keeps_the_stored_record(engine, ada):
    engine.update_customer({**ada, "tier": "gold"})
    with pytest.raises(crm.Conflict) as caught:
        engine.update_customer({**ada, "tier": "silver"})  # still at version 1
    assert caught.value.status.name == "CRM_CONFLICT"
    assert caught.value.message.startswith("crm_customer_update: ")
    assert engine.get_customer(ada["id"])["tier"] == "gold"


def test_updating_an_unknown_customer_is_not_found(engine):
    with pytest.raises(crm.NotFound, match="customer 999: not found"):
        engine.update_customer({"id": 999, "version": 1, "display_name": "Nobody"})


@pytest.mark.parametrize("phone", ["020 7946 0018", "+44 20 7946 0018", "0044 20 7946 0018", "(020) 7946-0018"])
def test_finds_a_customer_by_a_phone_in_any_format(engine, ada, phone):
    assert engine.find_customer_by_phone(phone) == ada


def test_finds_a_customer_by_email_in_any_case_and_by_external_id(engine, ada):
    assert engine.find_customer_by_email("ADA@example.COM") == ada
    assert engine.find_customer_by_external_id("ERP-1") == ada


def test_a_key_nobody_has_finds_none(engine, ada):
    assert engine.find_customer_by_phone("020 7946 0019") is None
    assert engine.find_customer_by_email("bob@example.com") is None
    assert engine.find_customer_by_external_id("ERP-2") is None


def test_a_malformed_key_is_invalid_argument_not_none(engine):
    with pytest.raises(crm.InvalidArgument, match="crm_customer_find_by_email: e-mail 'not an address'"):
        engine.find_customer_by_email("not an address")
    with pytest.raises(crm.InvalidArgument, match="crm_customer_find_by_phone: "):
        engine.find_customer_by_phone("12ab")
    with pytest.raises(TypeError, match="phone must be a str, not int"):
        engine.find_customer_by_phone(2079460018)


def add(engine, *names):
    return [engine.create_customer({"display_name": name}) for name in names]


def test_lists_every_customer_in_id_order_across_pages(engine):
    stored = add(engine, *(f"Customer {i}" for i in range(7)))
    assert list(engine.list_customers(limit=3)) == stored
    assert list(engine.list_customers()) == stored


def test_lists_by_name_prefix_case_insensitively_in_name_order(engine):
    add(engine, "adam Smith", "Bob", "Ada Lovelace")
    names = [c["display_name"] for c in engine.list_customers(name_prefix="ADA")]
    assert names == ["Ada Lovelace", "adam Smith"]


def test_a_page_gives_its_items_and_the_next_cursor(engine):
    stored = add(engine, "A", "B", "C")
    items, cursor = engine.customer_page(limit=2)
    assert items == stored[:2]
    assert isinstance(cursor, str) and cursor
    items, cursor = engine.customer_page(cursor=cursor, limit=2)
    assert items == stored[2:]
    assert cursor is None
    assert engine.customer_page() == (stored, None)


def test_the_iterator_fetches_later_pages_only_when_consumed(engine):
    stored = add(engine, "A", "B", "C")
    first_two = list(itertools.islice(engine.list_customers(limit=2), 2))
    assert first_two == stored[:2]


def test_bad_listing_arguments_are_refused_when_the_call_is_made(engine):
    with pytest.raises(crm.InvalidArgument, match="crm_customer_list: limit: 5000 is outside 1..1000"):
        engine.list_customers(limit=5000)  # not only at the first next()
    with pytest.raises(crm.InvalidArgument, match="limit -1: negative"):
        engine.customer_page(limit=-1)
    with pytest.raises(crm.InvalidArgument, match="crm_customer_list: cursor: not a cursor"):
        engine.customer_page(cursor="zz-not-a-cursor")
    with pytest.raises(TypeError, match="limit must be an int, not str"):
        engine.customer_page(limit="10")
