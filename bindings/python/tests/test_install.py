# SPDX-License-Identifier: Apache-2.0
"""The package installs the standard way: pip builds it from pyproject.toml
(offline, with the system's setuptools) into a fresh venv, whose Python then
imports it, with py.typed, and loads libcrm.so named by CRM_LIBRARY."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import crm
from crm import _native

SOURCE = Path(__file__).resolve().parents[1]  # bindings/python
LIBRARY = Path(_native.lib._name).resolve()


def can_build_offline():
    probe = "import ensurepip, setuptools, wheel"
    return subprocess.run([sys.executable, "-c", probe], capture_output=True).returncode == 0


@pytest.mark.skipif(not can_build_offline(), reason="needs python3-venv, python3-setuptools, python3-wheel")
def test_pip_installs_the_package_into_a_venv(tmp_path):
    # A copy: pip builds in the tree it is given, and leaves build/ there.
    source = tmp_path / "source"
    shutil.copytree(SOURCE, source, ignore=shutil.ignore_patterns("tests", "build", "*.egg-info", "__pycache__"))
    venv = tmp_path / "venv"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CRM_LIBRARY", "PIP_INDEX_URL")}
    # System site-packages: the build backend (setuptools) comes from there.
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", venv], check=True, env=env, timeout=120)
    python = venv / "bin" / "python"
    install = [python, "-m", "pip", "install", "--quiet", "--no-index", "--no-build-isolation", "--no-cache-dir", source]
    done = subprocess.run(install, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

    env["CRM_LIBRARY"] = str(LIBRARY)
    probe = "import crm, pathlib; print(crm.__version__, crm.version(), pathlib.Path(crm.__file__).parent)"
    done = subprocess.run([python, "-c", probe], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    version, library_version, where = done.stdout.split()
    assert (version, library_version) == (crm.__version__, crm.version())
    installed = Path(where)
    assert installed.is_relative_to(venv) and "site-packages" in installed.parts
    assert (installed / "py.typed").exists()
    assert (installed / "values.py").exists()
