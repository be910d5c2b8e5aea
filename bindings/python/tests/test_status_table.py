# SPDX-License-Identifier: Apache-2.0
"""crm.Status and the exception classes follow crm.h's crm_status: the same
names, the same numbers, a class for every failure, and the library's own
crm_status_name() agreeing. Read from the header itself, so a status added
to crm.h and not here fails this test."""

import re
from pathlib import Path

import crm
from crm import _native
from crm.errors import _BY_STATUS

HEADER = Path(__file__).resolve().parents[3] / "include" / "crm" / "crm.h"


def header_statuses():
    block = re.search(r"typedef enum (?:crm_status )?\{([^}]*)\} crm_status;", HEADER.read_text())
    assert block, f"crm_status not found in {HEADER}"
    return {name: int(value) for name, value in re.findall(r"(CRM_[A-Z_]+) = ([0-9]+)", block.group(1))}


def test_status_is_the_header_enum():
    assert {member.name: member.value for member in crm.Status} == header_statuses()


def test_every_failure_status_has_its_own_class():
    failures = {status for status in crm.Status if status is not crm.Status.CRM_OK}
    assert set(_BY_STATUS) == failures
    assert len(set(_BY_STATUS.values())) == len(failures)


def test_the_library_names_each_status_as_the_header_does():
    for name, value in header_statuses().items():
        assert _native.lib.crm_status_name(value).decode() == name
