# SPDX-License-Identifier: BSD-2-Clause
# pytest fixtures for the QEMU boot tests: the cached kernel + initramfs,
# a QEMU factory that logs COM1 per test, and the bzboot build outputs.
"""Boot-test fixtures.

Run: /usr/bin/python3 -m pytest -q tests/boot
Env: BZ_BOOT_TIMEOUT (seconds to the marker, default 180),
     BZ_QEMU_ACCEL=kvm (default tcg), BZ_QEMU, BZ_BUILD.
Logs: build/test-logs/<test>[.<name>].log; images: build/test-images/.
"""

import os
import re
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "support"))

import artifacts  # noqa: E402
import bootreport  # noqa: E402
import qemu  # noqa: E402

BOOT_TIMEOUT = float(os.environ.get("BZ_BOOT_TIMEOUT", "180"))
# After the marker /init powers off at once; QEMU should be gone soon.
EXIT_TIMEOUT = 60.0
# Output that ends a wait at once instead of at the timeout. Add bzboot's
# fatal-error line here when it has a fixed form.
FAIL_PATTERN = r"Kernel panic - not syncing"

_boot_times = []  # "<seconds from QEMU start to the marker> s  <log name>"
# A test's boot times travel in its report (user_properties, so also in
# the JUnit XML) under this key: under pytest-xdist the tests run in
# worker processes, and only the controller prints the summary.
BOOT_TIME = "boot_time"


def pytest_configure(config):
    for line in (
        "boot: boots a kernel in QEMU (slow under TCG)",
        "syslinux: boots through the SYSLINUX reference loader",
        "grub: boots through the GRUB 2 reference loader",
        "bzboot: needs build/bzboot and build/stage2.bin "
        "(skipped when missing)",
    ):
        config.addinivalue_line("markers", line)


def pytest_collection_modifyitems(items):
    # Everything in this directory boots QEMU.
    for item in items:
        item.add_marker(pytest.mark.boot)


def pytest_runtest_logreport(report):
    if report.when == "teardown":
        _boot_times.extend(v for k, v in report.user_properties
                           if k == BOOT_TIME)


def pytest_terminal_summary(terminalreporter):
    if not _boot_times:
        return
    terminalreporter.section("boot times (QEMU start to %s)" %
                             bootreport.MARKER)
    for line in _boot_times:
        terminalreporter.write_line(line)


def _slug(text):
    return re.sub(r"[^A-Za-z0-9_.=-]+", "-", text).strip("-")


@pytest.fixture(scope="session")
def boot_files():
    """The Debian kernel and the test initramfs, made once per session."""
    return artifacts.ensure_boot_files(quiet=True)


@pytest.fixture
def test_name(request):
    mod = os.path.splitext(os.path.basename(request.node.fspath))[0]
    return _slug("%s-%s" % (mod, request.node.name))


@pytest.fixture
def image_path(test_name):
    """image_path(tag="") -> build/test-images/<test>[.<tag>].img"""
    os.makedirs(artifacts.IMAGES, exist_ok=True)

    def make(tag=""):
        name = test_name + ("." + _slug(tag) if tag else "")
        return os.path.join(artifacts.IMAGES, name + ".img")
    return make


class Booter:
    """Starts QEMU runs for one test and stops them all at its end."""

    def __init__(self, test_name, node=None):
        self.test_name = test_name
        self.node = node
        self.runs = []

    def start(self, img, tag="", **kw):
        """Start QEMU on `img`; the COM1 log is build/test-logs/<test>
        [.<tag>].log. Keyword arguments go to qemu.Qemu (machine=...,
        memory=..., extra_args=...)."""
        name = self.test_name + ("." + _slug(tag) if tag else "")
        log = os.path.join(artifacts.LOGS, name + ".log")
        q = qemu.Qemu(img, log_path=log, **kw)
        q.log_name = name
        self.runs.append(q)
        return q.start()

    def wait_marker(self, q, timeout=BOOT_TIMEOUT):
        """Wait for the /init marker and QEMU's own exit; parse and return
        the report (bootreport.Report). The report is also appended to
        the log as decoded setup-header fields."""
        q.wait_for(re.escape(bootreport.MARKER), timeout, fail=FAIL_PATTERN)
        if self.node is not None:
            self.node.user_properties.append(
                (BOOT_TIME, "%7.1f s  %s" % (q.elapsed(), q.log_name)))
        q.wait_exit(EXIT_TIMEOUT)
        rep = bootreport.parse(q.output)
        fields = os.path.splitext(q.log_path)[0] + ".fields"
        with open(fields, "w") as f:
            f.write("cmdline: %s\n%s\n" % (rep.cmdline, rep.describe()))
        return rep

    def boot(self, img, tag="", timeout=BOOT_TIMEOUT, **kw):
        """Boot `img` straight to the marker (no keys typed)."""
        q = self.start(img, tag, **kw)
        try:
            return self.wait_marker(q, timeout)
        finally:
            q.close()

    def close(self):
        for q in self.runs:
            q.close()


@pytest.fixture
def booter(test_name, request):
    b = Booter(test_name, request.node)
    yield b
    b.close()


@pytest.fixture(scope="session")
def bzboot():
    """Path of build/bzboot; skips the test when bzboot is not built.
    Session-wide, so that module fixtures that build a bzboot disk can
    ask for it too (each of their tests is skipped the same way)."""
    return artifacts.skip_unless_bzboot()
