# SPDX-License-Identifier: Apache-2.0
"""Keeps docs/FACES.md true: the table of every engine operation and its name
in C++, C, Python and the CLI (issue 22 item 8).

It fails when
  (a) a public member function of crm::Engine (parsed from engine.hpp) has
      no row naming it as `Engine::name`;
  (b) a C name in the table is not declared in crm.h;
  (c) a Python name (`Engine.x` or `crm.x`) is not on crm.Engine or crm;
  (d) a CLI name (`crm word …`) is not a real subcommand: `crm word … --help`
      must exit 0 and print the help of that very command;
  (e) a row's status disagrees with its cells: "yes" needs a name in every
      face, "C++ only: why" none outside C++, "partial: why" and
      "missing (issue 22 item 8)" at least one face without a name.

Run by ctest (tests/CMakeLists.txt) with CRM_LIBRARY and PYTHONPATH set as
for the Python binding's tests:
  check_faces.py TABLE ENGINE_HPP CRM_H CRM_CLI
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

NONE = "—"  # a face without the operation
STATUSES = ("yes", "C++ only:", "partial:", "missing (issue 22 item 8)")


def engine_members(header: str) -> set[str]:
    """The names of crm::Engine's public member functions, constructors and
    assignment aside."""
    body = header[header.index("class Engine {") :]
    body = body[: body.index("\n private:")]
    body = re.sub(r"//[^\n]*", "", body)
    names = set(re.findall(r"\b([a-z_][a-z0-9_]*)\s*\(", body))
    keywords = {"requires", "explicit", "operator", "same_as", "sizeof", "decltype"}
    return {n for n in names if n not in keywords}


def header_functions(header: str) -> set[str]:
    return set(re.findall(r"^CRM_API\s+[^;(]*?\b(crm_\w+)\s*\(", header, re.MULTILINE))


def rows(table: str) -> list[list[str]]:
    """The body rows of the markdown tables whose header starts | operation | C++ |."""
    found, inside = [], False
    for line in table.splitlines():
        if line.startswith("| operation | C++ |"):
            inside = True
            continue
        if not line.startswith("|"):
            inside = False
            continue
        if inside and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            found.append(cells)
    return found


def names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def cli_command_exists(cli: str, words: list[str]) -> bool:
    run = subprocess.run([cli, *words, "--help"], capture_output=True, text=True, timeout=30)
    # CLI11 prints the help of the deepest command it recognised: an unknown
    # last word would show its parent's help, without the full path.
    return run.returncode == 0 and ("crm " + " ".join(words)) in run.stdout


def check(table_path: Path, engine_hpp: Path, crm_h: Path, cli: str) -> list[str]:
    import crm  # from PYTHONPATH, finding libcrm.so through CRM_LIBRARY

    problems: list[str] = []
    table_rows = rows(table_path.read_text())
    if len(table_rows) < 40:
        problems.append(f"{table_path}: found only {len(table_rows)} rows; is the table's header still"
                        " '| operation | C++ | C | Python | CLI | status |'?")
    in_header = header_functions(crm_h.read_text())
    named_members: set[str] = set()
    for cells in table_rows:
        if len(cells) != 6:
            problems.append(f"row {cells[0]!r}: {len(cells)} cells, expected 6")
            continue
        operation, cpp, c, python, cli_cell, status = cells
        where = f"row {operation!r}"
        for name in names(cpp):
            named_members.update(re.findall(r"^Engine::(\w+)", name))
        for name in names(c):
            if name not in in_header:
                problems.append(f"{where}: C function {name} is not declared in crm.h")
        for name in names(python):
            owner, _, attribute = name.partition(".")
            target = {"Engine": crm.Engine, "crm": crm}.get(owner)
            if target is None or not attribute or not hasattr(target, attribute):
                problems.append(f"{where}: Python {name} is not on crm.Engine or the crm module")
        for name in names(cli_cell):
            words = name.split()
            if words[0] != "crm" or len(words) < 2 or not cli_command_exists(cli, words[1:]):
                problems.append(f"{where}: CLI {name!r} is not a subcommand of crm")
        if not names(cpp):
            problems.append(f"{where}: no C++ name")
        faces = [bool(names(cell)) for cell in (c, python, cli_cell)]
        for cell, has in zip((c, python, cli_cell), faces):
            if not has and cell != NONE:
                problems.append(f"{where}: a face without a name is written {NONE}, not {cell!r}")
        if not status.startswith(STATUSES):
            problems.append(f"{where}: status {status!r} is none of {STATUSES}")
        elif status == "yes" and not all(faces):
            problems.append(f"{where}: status yes but a face has no name")
        elif status.startswith("C++ only:") and any(faces):
            problems.append(f"{where}: C++ only, yet another face names it")
        elif status.startswith(("partial:", "missing")) and all(faces):
            problems.append(f"{where}: every face names it: the status is yes")
        if status.startswith(("C++ only:", "partial:")) and len(status.split(":", 1)[1].strip()) < 10:
            problems.append(f"{where}: give the reason after {status.split(':')[0]}:")
    for member in sorted(engine_members(engine_hpp.read_text()) - named_members):
        problems.append(f"Engine::{member} (include/crm/engine.hpp) has no row in {table_path.name}")
    return problems


def main() -> int:
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    table, engine_hpp, crm_h, cli = sys.argv[1:]
    problems = check(Path(table), Path(engine_hpp), Path(crm_h), cli)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
