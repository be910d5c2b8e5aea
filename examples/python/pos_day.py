#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A POS till in Python: register a customer at the counter, find them again
from their phone number typed another way, ring up a purchase, show their
history.

    python3 examples/python/pos_day.py [DATABASE]

DATABASE is an SQLite file (created if missing); without it the day runs on
a temporary file. Run it from a build with the package on the path and the
library named, e.g.:

    CRM_LIBRARY=build/bindings/c/libcrm.so PYTHONPATH=bindings/python \\
        python3 examples/python/pos_day.py shop.db
"""

import itertools
import os
import sys
import tempfile

import crm


def run(path: str) -> None:
    with crm.Engine(path, region="GB") as engine:
        # Morning: a customer gives their number; register them unless the
        # till already knows it.
        ada = engine.find_customer_by_phone("020 7946 0018")
        if ada is None:
            ada = engine.create_customer(
                {"display_name": "Ada Lovelace", "phones": ["020 7946 0018"], "emails": ["ada@example.com"]}
            )
            print(f"Registered #{ada['id']} {ada['display_name']} ({ada['phones'][0]})")

        # Afternoon: another cashier types the number the international way.
        typed = "+44 20 7946 0018"
        found = engine.find_customer_by_phone(typed)
        assert found is not None and found["id"] == ada["id"]
        print(f"{typed!r} finds #{found['id']} {found['display_name']}")

        # The sale and the loyalty points go in together, or not at all.
        with engine.transaction():
            sale = engine.log_purchase(found["id"], 1799, "GBP", note="Till 3")
            found = engine.update_customer({**found, "loyalty_points": found["loyalty_points"] + 17})
        amount = sale["amount"]
        print(f"Sold {amount['minor']} {amount['currency']} (minor units); points now {found['loyalty_points']}")

        print("History, newest first:")
        for interaction in itertools.islice(engine.history(found["id"]), 5):
            amount = interaction["amount"]
            money = f"{amount['minor']} {amount['currency']}" if amount else ""
            print(f"  {interaction['kind']:<9} {interaction['channel']:<6} {money:<10} {interaction['subject']}")


def main(argv: list) -> int:
    if len(argv) > 2:
        print(f"usage: {argv[0]} [DATABASE]", file=sys.stderr)
        return 2
    try:
        if len(argv) == 2:
            run(argv[1])
        else:
            with tempfile.TemporaryDirectory() as scratch:
                run(os.path.join(scratch, "pos.db"))
    except crm.CrmError as e:
        print(f"pos_day: {e.status.name}: {e.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
