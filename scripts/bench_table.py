#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Turns core_bench's JSON into a markdown table of engine/baseline ratios.

Each engine row (..._EngineSqlite, ..._EngineMemory) is paired with its
baseline of the same run (..._RawSqlite, ..._BareMultiIndex). The ratio is
engine time / baseline time (above 1: the engine is slower); for memory it is
engine bytes / baseline bytes. Targets are those of issue 7.

    python3 scripts/bench_table.py core_bench-1M-sqlite.json core_bench-1M-memory.json

Several files (runs of one size) are read as one.
"""
import json
import sys

PAIRS = {"EngineSqlite": ("RawSqlite", "SQLite"), "EngineMemory": ("BareMultiIndex", "memory")}
TO_US = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}

# (operation, backend) -> (description, test on (engine row, ratio))
TARGETS = {
    ("InsertCustomers", "SQLite"): ("throughput >= 70% of raw", lambda e, r: r <= 1 / 0.7),
    ("LookupByPhone", "SQLite"): ("<= 1.5x raw", lambda e, r: r <= 1.5),
    ("LookupByEmail", "SQLite"): ("<= 1.5x raw", lambda e, r: r <= 1.5),
    ("LookupByExternalId", "SQLite"): ("<= 1.5x raw", lambda e, r: r <= 1.5),
    ("OpenDatabase", "SQLite"): ("< 50 ms", lambda e, r: micros(e) < 50_000),
    ("LookupByPhone", "memory"): ("<= 2x bare", lambda e, r: r <= 2),
    ("LookupByEmail", "memory"): ("<= 2x bare", lambda e, r: r <= 2),
    ("LookupByExternalId", "memory"): ("<= 2x bare", lambda e, r: r <= 2),
}


def micros(row):
    return row["real_time"] * TO_US[row["time_unit"]]


def show_time(row):
    us = micros(row)
    if us >= 1000:
        return f"{us / 1000:.2f} ms"
    return f"{us:.2f} µs"


def main(paths):
    benchmarks, ctx = [], {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        benchmarks += data["benchmarks"]
        ctx = ctx or data["context"]
    # With --benchmark_repetitions, the median of the repetitions stands for a row.
    rows, medians = {}, {}
    for b in benchmarks:
        name = b.get("run_name", b["name"]).split("/")[0]  # BM_<Operation>_<Implementation>
        _, operation, impl = name.split("_", 2)
        if b.get("run_type", "iteration") == "iteration":
            rows[(operation, impl)] = b
        elif b.get("aggregate_name") == "median":
            medians[(operation, impl)] = b
    rows.update(medians)
    customers = next((int(b.get("customers", 0)) for b in benchmarks if "customers" in b), 0)
    print(f"core_bench, {customers:,} customers; {ctx.get('date', '')}; host {ctx.get('host_name', '')}, "
          f"{ctx.get('num_cpus', '?')} CPUs at {ctx.get('mhz_per_cpu', '?')} MHz\n")
    print("| operation | backend | engine | baseline | engine / baseline | target | met |")
    print("|---|---|---|---:|---:|---|---|")
    failures = []
    operations = []
    for (operation, impl) in rows:
        if operation not in operations:
            operations.append(operation)
    for operation in operations:
        for impl, (base_impl, backend) in PAIRS.items():
            e, b = rows.get((operation, impl)), rows.get((operation, base_impl))
            if e is None or b is None:
                continue
            for row in (e, b):
                if row.get("error_occurred"):
                    failures.append(f"{row['name']}: {row.get('error_message', '')}")
            if e.get("error_occurred") or b.get("error_occurred"):
                print(f"| {operation} | {backend} | error | error | | | |")
                continue
            if operation == "MemoryPerCustomer":
                for counter, label in (("bytes_per_customer", "customers only"),
                                       ("with_history_bytes_per_customer", "with history")):
                    ev, bv = e[counter], b[counter]
                    print(f"| bytes per customer ({label}) | {backend} | {ev:,.0f} B | {bv:,.0f} B | "
                          f"{ev / bv:.2f} | | |")
                continue
            ratio = micros(e) / micros(b)
            target, met = TARGETS.get((operation, backend), ("", None))
            mark = "" if met is None else ("yes" if met(e, ratio) else "**no**")
            engine_cell, base_cell = show_time(e), show_time(b)
            if operation == "InsertCustomers":
                engine_cell += f" per 1,000 ({e['items_per_second']:,.0f}/s)"
                base_cell += f" per 1,000 ({b['items_per_second']:,.0f}/s)"
                target = f"{target}: {100 / ratio:.0f}%" if target else target
            print(f"| {operation} | {backend} | {engine_cell} | {base_cell} | {ratio:.2f} | {target} | {mark} |")
    if failures:
        print("\nFailed rows:\n")
        for f in failures:
            print(f"- {f}")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
