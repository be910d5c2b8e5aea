# SPDX-License-Identifier: Apache-2.0
"""JSON the library reads: nesting beyond crm.JSON_MAX_DEPTH (64) levels and
keys repeated in one object are refused with crm.InvalidArgument and write
nothing; messages quote values cut short; C1 controls are refused in text
as C0 ones are. JSON nested ~65,000 levels deep used to crash the process."""

import ctypes
import re
from pathlib import Path

import pytest

import crm
from crm import _native

HEADER = Path(__file__).resolve().parents[3] / "include" / "crm" / "crm.h"
DEEP = "nested deeper than 64 levels"


def nested_lists(levels):
    value = 1
    for _ in range(levels):
        value = [value]
    return value


def nested_dicts(levels):
    value = 1
    for _ in range(levels):
        value = {"a": value}
    return value


# 100 levels reach the library (which refuses them); 100,000 are past what
# Python's json module can write, and are refused the same way.
DEEP_VALUES = [
    pytest.param(nested_lists(100), id="100 lists"),
    pytest.param(nested_dicts(100), id="100 dicts"),
    pytest.param(nested_lists(100_000), id="100000 lists"),
    pytest.param(nested_dicts(100_000), id="100000 dicts"),
]


@pytest.mark.skipif(not HEADER.exists(), reason="crm.h is not in this tree")
def test_the_depth_limit_is_the_headers():
    found = re.search(r"^#define CRM_JSON_MAX_DEPTH (\d+)", HEADER.read_text(), re.MULTILINE)
    assert found and int(found.group(1)) == crm.JSON_MAX_DEPTH == 64


@pytest.fixture
def lead(engine):
    return engine.create_lead({"display_name": "Ada", "status": "qualified", "source": "web"})


@pytest.fixture
def state(engine, lead, customer_count):
    """Everything a refused call could have written."""
    return lambda: (
        engine.get_lead(lead["id"]),
        list(engine.list_rules()),
        engine.find_pipeline("deep"),
        customer_count(),
    )


def calls_with(engine, lead, value):
    """Each call that sends JSON to the library, with `value` nested in it."""
    return {
        "create_customer": lambda: engine.create_customer({"display_name": "A", "attributes": {"a": value}}),
        "create_lead": lambda: engine.create_lead({"display_name": "A", "tags": value}),
        "save_pipeline": lambda: engine.save_pipeline({"name": "deep", "stages": value}),
        "save_rule": lambda: engine.save_rule({"name": "deep", "entity": "lead", "when": {"all": [value]}}),
        "report rfm segments": lambda: engine.report("rfm", segments=value),
        "report segment attributes": lambda: engine.report("segment", attributes={"a": value}),
        "report funnel window": lambda: engine.report("funnel", pipeline="p", window={"from": value, "to": 1}),
        "report forecast window": lambda: engine.report("forecast", currency="EUR", window=value),
        "assign_lead": lambda: engine.assign_lead(lead["id"], [{"name": "r", "team": value}]),
        "score_lead": lambda: engine.score_lead(lead["id"], rules=[value]),
        "convert_lead": lambda: engine.convert_lead(lead["id"], lead["version"], opportunity={"name": "d", "tags": value}),
        "find_duplicates": lambda: engine.find_duplicates({"display_name": "A", "tags": value}),
    }


@pytest.mark.parametrize("value", DEEP_VALUES)
def test_json_nested_too_deeply_is_refused_everywhere_and_writes_nothing(engine, lead, state, value):
    before = state()
    for name, call in calls_with(engine, lead, value).items():
        with pytest.raises(crm.InvalidArgument, match=DEEP) as caught:
            call()
        assert caught.value.status is crm.Status.CRM_INVALID_ARGUMENT, name
    assert state() == before


def test_a_repeated_key_is_refused_by_the_library(engine, lead, state):
    # A dict cannot repeat a key; JSON text from elsewhere can.
    before = state()
    out = _native.OwnedString()
    calls = [
        (
            lambda: _native.lib.crm_customer_from_json(
                b'{"display_name": "Ada", "display_name": "Eve"}', ctypes.byref(_native.CustomerP())
            ),
            "crm_customer_from_json: customer JSON: key 'display_name' appears twice in one object",
        ),
        (
            lambda: _native.lib.crm_rule_save_json(
                engine._handle, b'{"name": "a", "name": "b", "entity": "lead", "actions": []}', ctypes.byref(out)
            ),
            "crm_rule_save_json: rule: key 'name' appears twice in one object",
        ),
        (
            lambda: _native.lib.crm_report_json(engine._handle, b"rfm", b'{"scores": 3, "scores": 4}', ctypes.byref(out)),
            "crm_report_json: rfm query: key 'scores' appears twice in one object",
        ),
    ]
    for call, message in calls:
        with pytest.raises(crm.InvalidArgument) as caught:
            call()
        assert caught.value.message == message
    assert not out
    assert state() == before


def test_values_in_messages_are_cut_short(engine):
    huge = "x" * 2_000_000
    with pytest.raises(crm.InvalidArgument) as caught:
        engine.report("rfm", segments=[{"name": "a", "r": [1, huge], "f": [1, 5]}])
    assert len(caught.value.message) < 300
    assert caught.value.message.endswith('expected a whole score, not "' + "x" * 63 + "…")
    with pytest.raises(crm.InvalidArgument) as caught:
        engine.report("segment", stages=[huge])
    assert len(caught.value.message) < 300


@pytest.mark.parametrize("control", ["\u0080", "\u0085", "\u009b", "\u009f"])
def test_c1_controls_are_refused_in_text_as_c0_ones_are(engine, customer_count, control):
    with pytest.raises(crm.InvalidArgument) as caught:
        engine.create_customer({"display_name": f"Ada{control}31m"})
    assert caught.value.message == (
        f"crm_customer_create: customer.display_name 'Ada\\u{ord(control):04x}31m': control character at byte 3"
    )
    assert customer_count() == 0
