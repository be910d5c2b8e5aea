# SPDX-License-Identifier: Apache-2.0
"""The basket report's budget and allocation failure, seen from Python.

The basket miner bounds its own work (itemsets mined, rule candidates
scored, rules kept) and says in its result when a budget stopped it; a C
call that runs out of memory raises crm.OutOfMemory, a MemoryError, and the
interpreter goes on (it used to die by SIGABRT).
"""

import os
import subprocess
import sys
import textwrap

import pytest

import crm


def buy_everything(engine, baskets, products):
    """baskets purchases by one customer, each of the same products P0, P1, ..."""
    ada = engine.create_customer({"display_name": "Ada"})
    items = [
        {"sku": f"P{p}", "quantity": 1, "unit_price": {"minor": 100, "currency": "EUR"}}
        for p in range(products)
    ]
    for b in range(baskets):
        engine.log_interaction(
            {
                "customer_id": ada["id"],
                "kind": "purchase",
                "occurred_at": 1_600_000_000_000 + b * 1000,
                "items": items,
            }
        )


def test_the_issues_basket_query_stops_at_its_budget_and_says_so(engine):
    # 50 purchases of the same 13 products: 8,191 frequent itemsets, 1,577,940
    # rules. max_rules 0 means the cap (10,000); the budget of rule candidates
    # (1,000,000 by default) stops the scoring.
    buy_everything(engine, 50, 13)
    report = engine.report("basket", max_itemset=16, max_rules=0)
    assert report["truncated"] is True
    assert report["stopped_by"] == "max_rule_candidates"
    assert report["itemsets"] == 8191
    assert len(report["rules"]) == 10_000


def test_a_small_basket_report_is_complete(engine):
    buy_everything(engine, 4, 2)
    report = engine.report("basket", max_itemset=16, max_rules=0)
    assert report["truncated"] is False
    assert report["stopped_by"] is None
    assert report["rules_found"] == 2
    assert [(r["antecedent"], r["consequent"]) for r in report["rules"]] == [(["P0"], ["P1"]), (["P1"], ["P0"])]


@pytest.mark.parametrize(
    "query, message",
    [
        ({"max_rules": 10_001}, "basket query.max_rules: expected an integer in 0..10000, not 10001"),
        ({"max_itemsets": 0}, "basket query.max_itemsets: expected an integer in 1..500000, not 0"),
        (
            {"max_rule_candidates": 10_000_001},
            "basket query.max_rule_candidates: expected an integer in 1..10000000, not 10000001",
        ),
    ],
)
def test_budgets_outside_their_ranges_are_refused(engine, query, message):
    with pytest.raises(crm.InvalidArgument) as refused:
        engine.report("basket", **query)
    assert message in refused.value.message


def test_out_of_memory_is_a_memory_error():
    error = crm.errors.error_for(int(crm.Status.CRM_OUT_OF_MEMORY), "crm_report_json: out of memory")
    assert isinstance(error, crm.OutOfMemory)
    assert isinstance(error, MemoryError)
    assert isinstance(error, crm.CrmError)


# A child interpreter fills an engine, then limits its own address space to
# what it has mapped plus a few MiB and asks for a report that needs tens of
# MiB (10,000 rules of 13 items as JSON). The library runs out of memory; the
# child must catch crm.OutOfMemory and exit normally.
CHILD = textwrap.dedent(
    """
    import resource, sys
    import crm
    sys.path.insert(0, sys.argv[1])
    from test_analytics_limits import buy_everything

    engine = crm.Engine()
    buy_everything(engine, 50, 13)
    query = dict(max_itemset=16, max_rules=10_000, min_confidence=0)
    engine.report("basket", max_itemset=2)  # warm up: the code paths are loaded
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    wanted = mapped + int(sys.argv[2]) * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (wanted if hard == resource.RLIM_INFINITY else min(wanted, hard), hard))
    try:
        engine.report("basket", **query)
        print("no error")
    except crm.OutOfMemory as error:
        print(type(error).__name__, error.status.name, isinstance(error, MemoryError), error.message)
    """
)


def sanitized_library():
    # An AddressSanitizer build's library (LD_PRELOADed runtime) cannot live
    # under an address-space limit.
    return "libasan" in os.environ.get("LD_PRELOAD", "") or "asan" in os.environ.get("CRM_LIBRARY", "")


@pytest.mark.skipif(sys.platform != "linux", reason="RLIMIT_AS and /proc/self/statm are Linux's")
@pytest.mark.parametrize("headroom_mib", [4, 8])
def test_running_out_of_memory_raises_out_of_memory_instead_of_aborting(headroom_mib):
    if sanitized_library():
        pytest.skip("sanitizer runtimes reserve terabytes of address space; RLIMIT_AS cannot be tested")
    child = subprocess.run(
        [sys.executable, "-c", CHILD, os.path.dirname(__file__), str(headroom_mib)],
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ,
    )
    assert child.returncode == 0, f"the child ended with {child.returncode}: {child.stderr[-2000:]}"
    assert child.stdout.startswith("OutOfMemory CRM_OUT_OF_MEMORY True crm_report_json: "), child.stdout
