# SPDX-License-Identifier: Apache-2.0
"""A damaged file: crm.Corrupt naming what is damaged, listings that keep the
readable records, and Engine.check(). The damage is made with Python's own
sqlite3 module on the closed file."""

import contextlib
import sqlite3

import pytest

import crm


def sql(path, statement):
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute(statement)
        db.commit()


def file_with_customers(path, n):
    with crm.Engine(path, region="GB", durability="normal") as eng:
        with eng.transaction():
            return [eng.create_customer({"display_name": f"Customer {i:03}"})["id"] for i in range(n)]


@pytest.mark.parametrize("version", [0, -1])
def test_a_schema_version_below_one_is_corrupt(db_path, version):
    file_with_customers(db_path, 1)
    sql(db_path, f"PRAGMA user_version = {version}")
    with pytest.raises(crm.Corrupt, match=f"schema version {version}"):
        crm.Engine(db_path)


@pytest.mark.parametrize("table", ["records", "unique_keys", "sorted_keys"])
def test_a_missing_table_is_corrupt_naming_it(db_path, table):
    file_with_customers(db_path, 1)
    sql(db_path, f"DROP TABLE {table}")
    with pytest.raises(crm.Corrupt, match=f"'{table}'"):
        crm.Engine(db_path)


def test_a_damaged_customer_leaves_the_other_299_listable(db_path):
    ids = file_with_customers(db_path, 300)
    damaged = ids[42]
    sql(db_path, f"UPDATE records SET body = X'C1DEADBEEF' WHERE id = {damaged}")
    with crm.Engine(db_path, region="GB") as eng:
        with pytest.warns(crm.DamagedRecordsWarning, match=f"customer {damaged}"):
            listed = [c["id"] for c in eng.list_customers(limit=50)]
        assert listed == [i for i in ids if i != damaged]
        with pytest.raises(crm.Corrupt, match=f"customer {damaged}:"):
            eng.get_customer(damaged)


def test_a_page_names_the_damaged_customer_it_left_out(db_path):
    ids = file_with_customers(db_path, 300)
    damaged = ids[42]
    sql(db_path, f"UPDATE records SET body = X'C1DEADBEEF' WHERE id = {damaged}")
    with crm.Engine(db_path, region="GB") as eng:
        page = eng.customer_page(limit=100)
        items, cursor = page  # still unpacks as (items, next_cursor)
        assert len(items) == 99
        assert page.items is items and page.next_cursor == cursor
        assert page.damaged == [damaged]
        second = eng.customer_page(cursor=cursor, limit=100)
        assert len(second.items) == 100 and second.damaged == []


def test_a_healthy_listing_warns_about_nothing(engine, ada, recwarn):
    assert [c["id"] for c in engine.list_customers()] == [ada["id"]]
    assert not [w for w in recwarn if issubclass(w.category, crm.DamagedRecordsWarning)]
    assert engine.customer_page().damaged == []


def test_check_of_a_healthy_engine_finds_nothing(engine, ada):
    engine.log_purchase(ada["id"], 1799, "GBP")
    report = engine.check()
    assert report["damaged"] == []
    assert report["records"] >= 3  # the customer, the purchase, its statistics


def test_check_finds_exactly_the_damaged_customer(db_path):
    ids = file_with_customers(db_path, 300)
    sql(db_path, f"UPDATE records SET body = X'C1DEADBEEF' WHERE id = {ids[7]}")
    with crm.Engine(db_path, region="GB") as eng:
        report = eng.check()
    assert [(d["collection"], d["id"]) for d in report["damaged"]] == [("customer", ids[7])]
    assert "unreadable" in report["damaged"][0]["problem"]
