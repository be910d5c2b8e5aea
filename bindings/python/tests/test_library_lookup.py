# SPDX-License-Identifier: Apache-2.0
"""Finding libcrm.so: CRM_LIBRARY, then next to the package, then its SONAME
on the dynamic linker's path, then find_library; a clear ImportError when it
is nowhere."""

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import crm
from crm import _native

PACKAGE = Path(crm.__file__).resolve().parent
LIBRARY = Path(_native.lib._name).resolve()


def run_import(tmp_path, env_changes, with_library=False):
    """Imports a copy of the package in a fresh interpreter; (exit code, output)."""
    site = tmp_path / "site"
    shutil.copytree(PACKAGE, site / "crm", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    if with_library:
        shutil.copy(LIBRARY, site / "crm" / "libcrm.so")
    env = {k: v for k, v in os.environ.items() if k not in ("CRM_LIBRARY", "LD_LIBRARY_PATH")}
    env["PYTHONPATH"] = str(site)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.update(env_changes)
    done = subprocess.run(
        [sys.executable, "-c", "import crm; print(crm.version(), crm._native.lib._name)"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return done.returncode, done.stdout + done.stderr


def test_crm_library_names_the_library(tmp_path):
    code, output = run_import(tmp_path, {"CRM_LIBRARY": str(LIBRARY)})
    assert code == 0, output
    assert output.split() == [crm.version(), str(LIBRARY)]


def test_a_wrong_crm_library_is_an_import_error_naming_it(tmp_path):
    missing = tmp_path / "nowhere" / "libcrm.so"
    # Even with a library next to the package: an explicit path is not second-guessed.
    code, output = run_import(tmp_path, {"CRM_LIBRARY": str(missing)}, with_library=True)
    assert code != 0
    assert "ImportError: crm: cannot load CRM_LIBRARY=" in output
    assert str(missing) in output


def test_a_library_next_to_the_package_is_found(tmp_path):
    code, output = run_import(tmp_path, {}, with_library=True)
    assert code == 0, output
    assert output.split() == [crm.version(), str(tmp_path / "site" / "crm" / "libcrm.so")]


def test_the_soname_is_found_where_the_dynamic_linker_looks(tmp_path):
    # Only the SONAME, as an install leaves it for hosts: no libcrm.so link,
    # so this is the dynamic linker's search, not find_library's.
    lib_dir = tmp_path / "lib"
    lib_dir.mkdir()
    shutil.copy(LIBRARY, lib_dir / f"libcrm.so.{_native.ABI_VERSION}")
    code, output = run_import(tmp_path, {"LD_LIBRARY_PATH": str(lib_dir)})
    assert code == 0, output
    assert output.split() == [crm.version(), f"libcrm.so.{_native.ABI_VERSION}"]


@pytest.mark.skipif(ctypes.util.find_library("crm") is not None, reason="libcrm is installed on this system")
def test_no_library_anywhere_is_an_import_error_saying_where_to_put_it(tmp_path):
    code, output = run_import(tmp_path, {})
    assert code != 0
    assert "ImportError: crm: cannot find libcrm.so: set CRM_LIBRARY" in output
