# SPDX-License-Identifier: Apache-2.0
"""Python values that cannot cross into C as they are: lone surrogates,
NUL characters, integers out of int64_t range, wrong types."""

import pytest

import crm


def test_a_lone_surrogate_in_a_record_is_invalid_argument_naming_the_field(engine, customer_count):
    with pytest.raises(crm.InvalidArgument) as caught:
        engine.create_customer({"display_name": "Ada\udcff"})
    assert caught.value.message == (
        "customer JSON: field 'display_name': 'Ada\\udcff': not valid UTF-8 (a lone surrogate at index 3)"
    )
    assert caught.value.status is crm.Status.CRM_INVALID_ARGUMENT
    assert customer_count() == 0


def test_a_lone_surrogate_deep_in_a_record_or_in_a_key_is_found(engine):
    with pytest.raises(crm.InvalidArgument, match=r"field 'addresses\[0\]\.city': 'Lon\\ud800don'"):
        engine.create_customer({"display_name": "Ada", "addresses": [{"city": "Lon\ud800don"}]})
    with pytest.raises(crm.InvalidArgument, match=r"field 'attributes': key '\\udc80'"):
        engine.create_customer({"display_name": "Ada", "attributes": {"\udc80": 1}})


@pytest.mark.parametrize(
    "call",
    [
        lambda e: e.find_customer_by_phone("020\udcff"),
        lambda e: e.find_customer_by_email("ada\udcff@example.com"),
        lambda e: e.find_customer_by_external_id("\ud83d"),
        lambda e: e.log_purchase(1, 100, "GB\udcff"),
        lambda e: e.log_purchase(1, 100, "GBP", note="Till \udcff"),
        lambda e: e.customer_page(name_prefix="A\udcff"),
        lambda e: e.customer_page(cursor="\udcff"),
        lambda e: e.list_leads(status="new\udcff"),
        lambda e: crm.Engine(region="G\udcff"),
    ],
)
def test_a_lone_surrogate_in_an_argument_is_invalid_argument(engine, call):
    with pytest.raises(crm.InvalidArgument, match=r"not valid UTF-8 \(a lone surrogate at index \d+\)"):
        call(engine)


def test_non_ascii_text_round_trips(engine):
    stored = engine.create_customer({"display_name": "Zoë 🎉 Ñandú", "tier": "或"})
    assert engine.get_customer(stored["id"])["display_name"] == "Zoë 🎉 Ñandú"
    assert [c["id"] for c in engine.list_customers(name_prefix="zoë")] == [stored["id"]]


def test_a_nul_in_a_string_argument_is_refused_rather_than_cut(engine, ada):
    # Cut at the NUL, this phone would find Ada.
    with pytest.raises(crm.InvalidArgument, match="phone '020 7946 0018\\\\x00 ext 5': contains a NUL character"):
        engine.find_customer_by_phone("020 7946 0018\0 ext 5")
    with pytest.raises(crm.InvalidArgument, match="contains a NUL character"):
        engine.log_purchase(ada["id"], 100, "GBP", note="a\0b")


def test_a_nul_inside_a_record_is_escaped_json_and_the_library_decides(engine):
    # In JSON a NUL is \u0000, so it reaches the engine whole; the engine refuses control characters in a name.
    with pytest.raises(crm.InvalidArgument, match="display_name 'Ada\\\\x00Lovelace': control character at byte 3"):
        engine.create_customer({"display_name": "Ada\0Lovelace"})


@pytest.mark.parametrize("value", [2**63, -(2**63) - 1, 2**64 + 5])
def test_an_id_beyond_int64_is_invalid_argument(engine, value):
    with pytest.raises(crm.InvalidArgument, match=rf"id {value}: out of range"):
        engine.get_customer(value)


def test_int64_bounds_themselves_reach_the_library(engine):
    with pytest.raises(crm.NotFound, match=rf"customer {2**63 - 1}: not found"):
        engine.get_customer(2**63 - 1)
    with pytest.raises(crm.NotFound, match=rf"customer {-(2**63)}: not found"):
        engine.get_customer(-(2**63))


@pytest.mark.parametrize("value", [True, 1.0, "1", None])
def test_an_id_that_is_not_an_int_is_a_type_error(engine, value):
    with pytest.raises(TypeError, match="id must be an int"):
        engine.get_customer(value)


def test_a_string_argument_that_is_not_a_str_is_a_type_error(engine):
    with pytest.raises(TypeError, match="email must be a str, not bytes"):
        engine.find_customer_by_email(b"ada@example.com")
