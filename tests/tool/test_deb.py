# SPDX-License-Identifier: BSD-2-Clause
"""make deb (install.mk, debian/): the package builds from a copy of the
tree under build/deb, lintian reports no error, its version is the
build's in Debian's form, and the tool extracted from it (dpkg-deb -x,
no root) runs: it installs onto an image with the package's modules and
inspects a kernel (test_make_install.exercise). About 40 s."""

import subprocess

import pytest

from installkit import BUILD
from test_make_install import MODULES, exercise, make


@pytest.fixture(scope="module")
def deb():
    out = make("deb")
    debs = sorted((BUILD / "deb").glob("bzboot_*_amd64.deb"))
    assert len(debs) == 1, out
    return debs[0]


def deb_field(deb, field):
    return subprocess.run(["dpkg-deb", "-f", deb, field], capture_output=True,
                          text=True, check=True).stdout.strip()


def test_version_and_fields(deb):
    version = make("version").strip()
    debian = version.replace("-", "+", 1).replace("-", ".")
    assert deb_field(deb, "Version") == debian
    assert deb.name == f"bzboot_{debian}_amd64.deb"
    assert deb_field(deb, "Architecture") == "amd64"
    assert "libc6" in deb_field(deb, "Depends")


def test_lintian_has_no_errors(deb):
    res = subprocess.run(["lintian", deb], capture_output=True, text=True)
    tags = [line for line in res.stdout.splitlines() if line[:2] == "E:"]
    assert res.returncode == 0 and not tags, res.stdout + res.stderr


def test_extracted_package_runs(deb, tmp_path):
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    for m in MODULES:
        assert (root / "usr/lib/bzboot/modules" / m).exists(), m
    for page in ("man1/bzboot.1.gz", "man5/bzboot.cfg.5.gz"):
        assert (root / "usr/share/man" / page).exists(), page
    assert (root / "usr/share/doc/bzboot/copyright").exists()
    exercise(root / "usr/bin/bzboot", tmp_path)
