# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures. The crm package is imported from PYTHONPATH and finds
libcrm.so through CRM_LIBRARY, as ctest sets them (bindings/python/CMakeLists.txt)."""

import pytest

import crm


@pytest.fixture
def engine():
    """An engine in memory that reads national phone numbers as British."""
    with crm.Engine(region="GB", durability="normal") as eng:
        yield eng


@pytest.fixture
def db_path(tmp_path):
    """A path for a fresh SQLite file."""
    return tmp_path / "crm.db"


@pytest.fixture
def ada(engine):
    """A stored customer with a phone, an e-mail and an external id."""
    return engine.create_customer(
        {
            "display_name": "Ada Lovelace",
            "phones": ["020 7946 0018"],
            "emails": ["Ada@Example.com"],
            "external_id": "ERP-1",
        }
    )


@pytest.fixture
def customer_count(engine):
    """How many customers the engine holds, counted through listing."""
    return lambda: sum(1 for _ in engine.list_customers(limit=1000))
