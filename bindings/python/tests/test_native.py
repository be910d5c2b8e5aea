# SPDX-License-Identifier: Apache-2.0
"""The ctypes layer: every function of crm.h declared, the options struct
laid out as the library's, statuses named as the library names them."""

import ctypes
import re
from pathlib import Path

import pytest

import crm
from crm import _native

HEADER = Path(__file__).resolve().parents[3] / "include" / "crm" / "crm.h"


def header_functions():
    """The functions crm.h declares, spelt out or through a macro taking the type."""
    text = HEADER.read_text()
    names = set(re.findall(r"^CRM_API\s+[^;(]*?\b(crm_\w+)\s*\(", text, re.MULTILINE))
    for macro, body in re.findall(r"^#define (CRM_\w+)\(type\)((?:.*\\\n)*.*)", text, re.MULTILINE):
        verbs = re.findall(r"crm_##type##_(\w+)\(", body)
        for record_type in re.findall(rf"^{macro}\((\w+)\)", text, re.MULTILINE):
            names |= {f"crm_{record_type}_{verb}" for verb in verbs}
    return names


@pytest.mark.skipif(not HEADER.exists(), reason="crm.h is not in this tree")
def test_every_function_of_the_header_is_declared_and_nothing_else():
    in_header = header_functions()
    assert len(in_header) > 60  # the parse found the header's functions
    assert _native.declared == in_header


def test_every_declared_function_has_its_types_set():
    for name in _native.declared:
        func = getattr(_native.lib, name)
        assert func.argtypes is not None, name


def test_the_options_struct_matches_the_library_layout():
    options = _native.Options()
    _native.lib.crm_options_init(ctypes.byref(options), ctypes.sizeof(options))
    assert options.struct_size == ctypes.sizeof(_native.Options)
    assert options.path is None
    assert options.default_region is None
    assert options.durability == 0
    assert options.read_only == 0
    assert options.page_cache_mib == 0
    assert options.workflow_action_limit == 2000


def test_options_init_writes_no_more_than_the_size_it_is_given():
    buffer = ctypes.create_string_buffer(b"\x5a" * 64, 64)
    small = ctypes.sizeof(ctypes.c_size_t) + ctypes.sizeof(ctypes.c_void_p)
    _native.lib.crm_options_init(ctypes.cast(buffer, ctypes.POINTER(_native.Options)), small)
    assert buffer.raw[small:] == b"\x5a" * (64 - small)
    assert int.from_bytes(buffer.raw[: ctypes.sizeof(ctypes.c_size_t)], "little") == small


def test_status_names_are_the_library_names():
    for status in crm.Status:
        assert _native.lib.crm_status_name(status).decode() == status.name
    assert _native.lib.crm_status_name(99) == b"CRM_UNKNOWN_STATUS"


def test_versions_come_from_the_library():
    assert re.fullmatch(r"\d+\.\d+\.\d+", crm.version())
    assert crm.__version__ == crm.version()
    assert crm.abi_version() == _native.ABI_VERSION == 1


def test_a_failed_call_raises_with_the_message_of_that_call():
    customer = _native.CustomerP()
    with pytest.raises(crm.InvalidArgument) as caught:
        _native.lib.crm_customer_from_json(b'{"stage": "gold"}', ctypes.byref(customer))
    assert not customer  # the output is left NULL
    assert caught.value.message == (
        "crm_customer_from_json: customer JSON: field 'stage': unknown lifecycle stage 'gold' "
        "(expected one of: prospect, new, active, at-risk, churned)"
    )
    # A success clears the message.
    _native.lib.crm_customer_new(ctypes.byref(customer))
    _native.lib.crm_customer_free(customer)
    assert _native.last_error_message() == ""


def test_typed_accessors_are_callable():
    customer = _native.CustomerP()
    _native.lib.crm_customer_from_json(
        '{"display_name": "张伟", "tier": "gold", "loyalty_points": 5}'.encode(), ctypes.byref(customer)
    )
    try:
        assert _native.lib.crm_customer_name(customer).decode() == "张伟"
        assert _native.lib.crm_customer_tier(customer) == b"gold"
        assert _native.lib.crm_customer_loyalty_points(customer) == 5
        assert _native.lib.crm_customer_phone(customer) == b""
        assert _native.lib.crm_customer_id(customer) == 0
    finally:
        _native.lib.crm_customer_free(customer)
