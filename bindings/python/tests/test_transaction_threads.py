# SPDX-License-Identifier: Apache-2.0
"""Transactions and threads, as the outside test found them broken: a
transaction left open by an ended thread, or collected by the garbage
collector on another thread, is rolled back and never joined by a later
write; no write waits longer than the engine's busy timeout."""

import gc
import threading

import pytest

import crm

HANG = 20.0  # seconds after which a call counts as hung


def run_bounded(target):
    """Runs target() on a thread of its own; fails the test if it hangs."""
    errors = []

    def body():
        try:
            target()
        except BaseException as e:  # noqa: BLE001 - reported to the test thread
            errors.append(e)

    thread = threading.Thread(target=body, daemon=True)
    thread.start()
    thread.join(HANG)
    assert not thread.is_alive(), "the call hangs"
    if errors:
        raise errors[0]


def stored_names(db_path):
    with crm.Engine(db_path, region="GB") as eng:
        return sorted(c["display_name"] for c in eng.list_customers(limit=1000))


def test_a_thread_that_ends_with_its_transaction_open_leaves_nothing_to_join(db_path):
    with crm.Engine(db_path, region="GB", durability="normal") as eng:
        kept = []

        def abandon():
            kept.append(eng.transaction())  # kept alive: only the thread's end can roll it back
            eng.create_customer({"display_name": "abandoned"})

        thread = threading.Thread(target=abandon)
        thread.start()
        thread.join()
        for i in range(4):
            run_bounded(lambda i=i: eng.create_customer({"display_name": f"kept {i}"}))
    assert stored_names(db_path) == ["kept 0", "kept 1", "kept 2", "kept 3"]


def test_a_transaction_collected_on_another_thread_is_rolled_back(db_path):
    with crm.Engine(db_path, region="GB", durability="normal") as eng:
        box = [eng.transaction()]
        eng.create_customer({"display_name": "rolled back"})
        gc.disable()  # only the other thread's drop may collect it

        def drop():
            box.clear()  # the last reference: collected here, on this thread

        try:
            thread = threading.Thread(target=drop)
            thread.start()
            thread.join()
        finally:
            gc.enable()
        run_bounded(lambda: eng.create_customer({"display_name": "after"}))
    assert stored_names(db_path) == ["after"]


def test_waiting_for_the_write_slot_raises_busy_after_the_timeout(db_path):
    with crm.Engine(db_path, region="GB", busy_timeout_ms=100) as eng:
        holding, release = threading.Event(), threading.Event()

        def hold():
            with eng.transaction():
                holding.set()
                release.wait(HANG)

        holder = threading.Thread(target=hold)
        holder.start()
        holding.wait(HANG)
        try:
            with pytest.raises(crm.Busy, match="100 ms"):
                run_bounded(lambda: eng.create_customer({"display_name": "waits"}))
        finally:
            release.set()
            holder.join()
        assert crm.Busy.status == crm.Status.CRM_BUSY == 12


@pytest.mark.parametrize("bad", [-1, 86_400_001])
def test_a_busy_timeout_outside_its_range_is_refused(bad):
    with pytest.raises(crm.InvalidArgument, match="busy_timeout"):
        crm.Engine(busy_timeout_ms=bad)
