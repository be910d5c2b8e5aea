# SPDX-License-Identifier: Apache-2.0
"""Exceptions: one class per status, carrying the status and the message."""

import pytest

import crm
from crm.errors import error_for

CLASSES = {
    crm.Status.CRM_INVALID_ARGUMENT: crm.InvalidArgument,
    crm.Status.CRM_NOT_FOUND: crm.NotFound,
    crm.Status.CRM_ALREADY_EXISTS: crm.AlreadyExists,
    crm.Status.CRM_CONFLICT: crm.Conflict,
    crm.Status.CRM_PERMISSION_DENIED: crm.PermissionDenied,
    crm.Status.CRM_STORAGE: crm.StorageError,
    crm.Status.CRM_CORRUPT: crm.Corrupt,
    crm.Status.CRM_UNSUPPORTED: crm.Unsupported,
    crm.Status.CRM_INTERNAL: crm.InternalError,
    crm.Status.CRM_OUT_OF_MEMORY: crm.OutOfMemory,
    crm.Status.CRM_CLOSED: crm.Closed,
    crm.Status.CRM_BUSY: crm.Busy,
}


@pytest.mark.parametrize("status", list(CLASSES))
def test_each_failure_status_has_its_class(status):
    error = error_for(int(status), "what happened")
    assert type(error) is CLASSES[status]
    assert isinstance(error, crm.CrmError)
    assert error.status is status
    assert error.code == int(status)
    assert error.message == str(error) == "what happened"


def test_the_status_carries_the_c_name_and_code():
    error = error_for(4, "crm_customer_update: stale")
    assert error.status.name == "CRM_CONFLICT"
    assert int(error.status) == 4
    assert repr(error) == "Conflict('crm_customer_update: stale')"


def test_an_unknown_status_from_a_newer_library_is_a_plain_crm_error():
    error = error_for(42, "something new")
    assert type(error) is crm.CrmError
    assert error.status == 42
    assert error.status.name == "CRM_STATUS_42"
    assert error.code == 42
    assert 42 not in crm.Status.__members__.values()  # no member is added
    assert len(crm.Status) == 13


def test_invalid_argument_and_not_found_are_also_the_builtin_kinds():
    assert isinstance(error_for(1, ""), ValueError)
    assert isinstance(error_for(2, ""), LookupError)
