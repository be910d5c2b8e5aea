# SPDX-License-Identifier: Apache-2.0
"""Versions: the package's __version__, and the loaded library's version()
and version_number(), against crm.h's CRM_VERSION_* and the project's
version as CMake spells it (CRM_TEST_PROJECT_VERSION, set by ctest)."""

import os
import re
from pathlib import Path

import pytest

import crm
from crm import _native

HEADER = Path(__file__).resolve().parents[3] / "include" / "crm" / "crm.h"


def header_version():
    text = HEADER.read_text()
    return tuple(int(re.search(rf"^#define CRM_VERSION_{part} (\d+)$", text, re.MULTILINE).group(1))
                 for part in ("MAJOR", "MINOR", "PATCH"))


@pytest.mark.skipif("CRM_TEST_PROJECT_VERSION" not in os.environ, reason="run by ctest, which sets it")
def test_the_package_and_the_library_are_the_projects_release():
    assert crm.__version__ == os.environ["CRM_TEST_PROJECT_VERSION"]
    assert crm.version() == os.environ["CRM_TEST_PROJECT_VERSION"]


@pytest.mark.skipif(not HEADER.exists(), reason="crm.h is not in this tree")
def test_the_library_reports_the_headers_release_and_abi():
    major, minor, patch = header_version()
    assert crm.version() == f"{major}.{minor}.{patch}"
    assert crm.version_number() == major * 1_000_000 + minor * 1000 + patch
    abi = re.search(r"^#define CRM_ABI_VERSION (\d+)$", HEADER.read_text(), re.MULTILINE).group(1)
    assert crm.abi_version() == _native.ABI_VERSION == int(abi)


def test_version_number_counts_the_version_string():
    major, minor, patch = (int(part) for part in crm.version().split("."))
    assert crm.version_number() == major * 1_000_000 + minor * 1000 + patch
