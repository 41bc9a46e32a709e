# SPDX-License-Identifier: BSD-2-Clause
# Fixtures for the host-tool tests; the helpers are in installkit.py (a
# name of its own: tests/boot has a conftest.py too).
import pytest

from installkit import BZBOOT, SEAL, SECTOR, STAGE1, STAGE2


@pytest.fixture(scope="session")
def bzboot():
    if not BZBOOT.exists():
        pytest.skip(f"{BZBOOT} is not built: run make build/bzboot")
    return BZBOOT


@pytest.fixture(scope="session")
def seal_tool():
    if not SEAL.exists():
        pytest.skip(f"{SEAL} is not built: run make build/seal-stage2")
    return SEAL


@pytest.fixture(scope="session")
def stage1(bzboot):
    return STAGE1.read_bytes()


@pytest.fixture(scope="session")
def stage2(bzboot):
    return STAGE2.read_bytes()


@pytest.fixture(scope="session")
def s2_sectors(stage2):
    return len(stage2) // SECTOR
