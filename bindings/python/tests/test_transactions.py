# SPDX-License-Identifier: Apache-2.0
"""Transactions: commit on success, roll back on an exception, nesting,
and the thread that owns them."""

import threading

import pytest

import crm


def test_a_block_that_ends_normally_commits(engine, customer_count):
    with engine.transaction() as tx:
        engine.create_customer({"display_name": "Ada", "phones": ["020 7946 0018"]})
        engine.create_customer({"display_name": "Bob", "phones": ["020 7946 0019"]})
        assert tx.active
    assert not tx.active
    assert customer_count() == 2


def test_a_block_that_raises_rolls_back_and_leaves_nothing(engine, customer_count):
    with pytest.raises(RuntimeError, match="till jammed"):
        with engine.transaction():
            ada = engine.create_customer({"display_name": "Ada", "phones": ["020 7946 0018"]})
            engine.log_purchase(ada["id"], 1799, "GBP")
            raise RuntimeError("till jammed")
    assert customer_count() == 0
    assert engine.find_customer_by_phone("020 7946 0018") is None
    with pytest.raises(crm.NotFound):
        engine.get_customer(ada["id"])


def test_a_crm_error_inside_rolls_back_what_came_before(engine, customer_count):
    with pytest.raises(crm.AlreadyExists):
        with engine.transaction():
            engine.create_customer({"display_name": "Ada", "phones": ["020 7946 0018"]})
            engine.create_customer({"display_name": "Eve", "phones": ["+44 20 7946 0018"]})
    assert customer_count() == 0


def test_a_rollback_on_a_sqlite_file_leaves_nothing_after_reopening(db_path):
    with crm.Engine(db_path, region="GB") as eng:
        eng.create_customer({"display_name": "Kept"})
        with pytest.raises(ValueError):
            with eng.transaction():
                eng.create_customer({"display_name": "Dropped"})
                raise ValueError
    with crm.Engine(db_path, region="GB") as eng:
        assert [c["display_name"] for c in eng.list_customers()] == ["Kept"]


def test_explicit_commit_and_rollback(engine, customer_count):
    tx = engine.transaction()
    engine.create_customer({"display_name": "Ada"})
    tx.rollback()
    assert customer_count() == 0
    tx = engine.transaction()
    assert repr(tx) == "<crm.Transaction active>"
    engine.create_customer({"display_name": "Bob"})
    tx.commit()
    assert repr(tx) == "<crm.Transaction ended>"
    assert customer_count() == 1


def test_ending_a_transaction_twice_is_invalid_argument(engine):
    tx = engine.transaction()
    tx.commit()
    with pytest.raises(crm.InvalidArgument, match="the transaction has already ended"):
        tx.commit()
    with pytest.raises(crm.InvalidArgument, match="the transaction has already ended"):
        tx.rollback()


def test_ending_it_inside_the_block_is_respected(engine, customer_count):
    with engine.transaction() as tx:
        engine.create_customer({"display_name": "Ada"})
        tx.rollback()
        engine.create_customer({"display_name": "Bob"})  # outside any transaction now
    assert [c["display_name"] for c in engine.list_customers()] == ["Bob"]


def test_transactions_nest_and_an_inner_rollback_undoes_only_its_part(engine):
    with engine.transaction():
        engine.create_customer({"display_name": "Ada"})
        with pytest.raises(KeyError):
            with engine.transaction():
                engine.create_customer({"display_name": "Bob"})
                raise KeyError("inner")
    assert [c["display_name"] for c in engine.list_customers()] == ["Ada"]


def test_a_dropped_open_transaction_rolls_back(engine, customer_count):
    tx = engine.transaction()
    engine.create_customer({"display_name": "Ada"})
    del tx  # freed on this thread: the library rolls it back
    assert customer_count() == 0


def test_a_transaction_belongs_to_the_thread_that_began_it(engine, customer_count):
    tx = engine.transaction()
    engine.create_customer({"display_name": "Ada"})
    caught = []

    def other():
        try:
            tx.commit()
        except crm.CrmError as e:
            caught.append(e)

    thread = threading.Thread(target=other)
    thread.start()
    thread.join()
    assert len(caught) == 1
    assert isinstance(caught[0], crm.InvalidArgument)
    assert caught[0].message == "crm_transaction_commit: the transaction belongs to another thread"
    assert tx.active  # still open for its owner
    tx.commit()
    assert customer_count() == 1


def test_closing_the_engine_rolls_back_an_open_transaction(db_path):
    with crm.Engine(db_path, region="GB") as eng:
        tx = eng.transaction()
        eng.create_customer({"display_name": "Ada"})
        eng.close()
        with pytest.raises(crm.Closed):
            tx.commit()
        assert not tx.active
        with pytest.raises(crm.Closed):
            eng.transaction()
    with crm.Engine(db_path, region="GB") as eng:
        assert list(eng.list_customers()) == []
