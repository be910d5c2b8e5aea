# SPDX-License-Identifier: Apache-2.0
"""One Engine shared by threads: calls run at once, and each thread gets
the error message of its own failed call."""

import threading

import pytest

import crm

THREADS = 4
PER_THREAD = 25


def run_in_threads(work):
    """Runs work(n) on THREADS threads started together; re-raises the first failure."""
    barrier = threading.Barrier(THREADS)
    failures = []

    def body(n):
        try:
            barrier.wait()
            work(n)
        except BaseException as e:  # reported in the main thread
            failures.append(e)

    threads = [threading.Thread(target=body, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    if failures:
        raise failures[0]


@pytest.fixture(params=["memory", "sqlite"])
def shared(request, tmp_path):
    path = None if request.param == "memory" else tmp_path / "shared.db"
    with crm.Engine(path, region="GB", durability="normal") as eng:
        yield eng


def test_threads_register_look_up_and_buy_at_once(shared):
    def work(n):
        for i in range(PER_THREAD):
            number = f"7946 0{n}{i:02d}"
            stored = shared.create_customer({"display_name": f"T{n} C{i}", "phones": [f"020 {number}"]})
            found = shared.find_customer_by_phone(f"+44 20 {number}")
            assert found is not None and found["id"] == stored["id"]
            shared.log_purchase(stored["id"], 100 + i, "GBP")
            # A failure on this thread reports this thread's call.
            missing = 1_000_000 + n * 1000 + i
            with pytest.raises(crm.NotFound) as caught:
                shared.get_customer(missing)
            assert caught.value.message == f"crm_customer_get: customer {missing}: not found"

    run_in_threads(work)
    customers = list(shared.list_customers(limit=1000))
    assert len(customers) == THREADS * PER_THREAD
    assert len({c["phones"][0] for c in customers}) == THREADS * PER_THREAD
    for customer in customers:
        assert [i["kind"] for i in shared.history(customer["id"])] == ["purchase"]


def test_each_thread_runs_its_own_transaction(shared):
    def work(n):
        with shared.transaction():
            shared.create_customer({"display_name": f"Kept {n}"})
        with pytest.raises(RuntimeError):
            with shared.transaction():
                shared.create_customer({"display_name": f"Dropped {n}"})
                raise RuntimeError

    run_in_threads(work)
    names = sorted(c["display_name"] for c in shared.list_customers())
    assert names == [f"Kept {n}" for n in range(THREADS)]


def test_closing_while_other_threads_call_stops_them_with_closed(shared):
    ada = shared.create_customer({"display_name": "Ada"})
    started = threading.Barrier(THREADS + 1)
    outcomes = []

    def reader():
        started.wait()
        try:
            while True:
                assert shared.get_customer(ada["id"])["display_name"] == "Ada"
        except crm.Closed:
            outcomes.append("closed")
        except BaseException as e:
            outcomes.append(e)

    threads = [threading.Thread(target=reader) for _ in range(THREADS)]
    for t in threads:
        t.start()
    started.wait()
    shared.close()
    for t in threads:
        t.join(timeout=60)
    assert outcomes == ["closed"] * THREADS
