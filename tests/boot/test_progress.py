# SPDX-License-Identifier: BSD-2-Clause
# The "Loading" lines' progress, read on COM1: none for a short load,
# rising percents at most two a second for a long one.
"""What a load shows while it runs (docs/architecture.md, "Boot output").

stage2 prints one line per file it loads: "Loading PATH (SIZE)", then,
only while a load is still running after half a second, " P%" steps at
most every 9 BIOS ticks (18.2 Hz) and 5%, then " 100%", then " ok". Screen and serial get the same characters (no carriage-return
rewrites), so the serial log proves both. A file of one read (1 MiB or
less) cannot show a step; a padded 24 MiB initrd takes seconds under TCG
and must.
"""

import os
import re
import time

import pytest

import artifacts
import bzimg
import loadline
from loadline import check_steps, steps

pytestmark = pytest.mark.bzboot

PROMPT = r"(?m)^boot: "
PROMPT_TIMEOUT = 60.0
LOAD_TIMEOUT = 180.0
FAIL = r"(?m)^bzboot: [^\r\n]*\r?\n|Kernel panic - not syncing"

SMALL = "/small.img"
SMALL_SIZE = 64 * 1024
BIG = "/big.img"
BIG_MIB = 24
# One whole line ending " ok": the steps, if any, each " P%".
LINE = r"Loading %s \(%s\)((?: \d+%%)*) ok\r?\n"


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    """bzboot, the kernel, a 64 KiB and a 24 MiB initrd (zeros after the
    test initramfs: the kernel skips zero padding, but these boots stop
    at "Booting:" anyway), one label loading both."""
    cfg = bzimg.syslinux_cfg(
        [("both", "/vmlinuz", "/initrd.img,%s,%s" % (SMALL, BIG),
          "console=ttyS0")], "both", prompt=1, timeout=0)
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    d = bzimg.bzboot_disk(os.path.join(artifacts.IMAGES, "test_progress.img"),
                          bzboot, boot_files, 32, 2048, cfg,
                          size_mib=BIG_MIB + 32)
    bzimg.write_file(d.path, d.start, SMALL, bytes(SMALL_SIZE))
    with open(boot_files.initrd, "rb") as f:
        big = f.read()
    bzimg.write_file(d.path, d.start, BIG,
                     big + bytes(BIG_MIB * 1024 * 1024 - len(big)))
    return d


def test_progress_lines(disk, booter):
    """One boot loads all four files: each line whole, steps only where a
    load lasts, bounded in number and rate."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)
    q.send("both\r")

    # The kernel (8 MiB): a few steps under TCG, or none.
    m = q.wait_for(LINE % (r"/vmlinuz", loadline.KERNEL_SIZE),
                   LOAD_TIMEOUT, fail=FAIL)
    check_steps(steps(m.group(1)), "/vmlinuz")
    # One read: nothing between the size and " ok".
    m = q.wait_for(LINE % (r"/initrd\.img", loadline.SIZE), LOAD_TIMEOUT,
                   fail=FAIL)
    assert m.group(1) == "", "/initrd.img: steps %r" % m.group(1)
    m = q.wait_for(LINE % (re.escape(SMALL), r"0\.1 MiB"), LOAD_TIMEOUT,
                   fail=FAIL)
    assert m.group(1) == "", "%s: steps %r" % (SMALL, m.group(1))

    # The big one: its header first, then the time until " ok", then
    # the whole line again from the log.
    head = r"Loading %s \(%d\.0 MiB\)" % (re.escape(BIG), BIG_MIB)
    q.wait_for(head, LOAD_TIMEOUT, fail=FAIL)
    start = time.monotonic()
    q.wait_for(r" ok\r?\n", LOAD_TIMEOUT, fail=FAIL)
    took = time.monotonic() - start
    m = re.search(r"(?m)^" + head + r"((?: \d+%)*) ok\r?\n", q.output)
    assert m, "%s: the line is not shaped \"Loading ... P%% ... ok\"" % BIG
    pcts = steps(m.group(1))
    check_steps(pcts, BIG)
    # Under TCG it takes seconds (about 0.3 s a MiB); a load of more
    # than three intervals must have shown steps before its 100.
    if took > 3 * loadline.STEP_S:
        assert len(pcts) >= 2, "%s: %.1f s of loading showed no step: %r" % (
            BIG, took, m.group(1))
    # At most one step per STEP_S of the guest's clock, which under TCG
    # runs no faster than ours, plus the final 100 and a step of slack
    # for when we saw the header.
    assert len(pcts) <= took / loadline.STEP_S + 2, \
        "%s: %d steps in %.1f s: more than two a second" % (
            BIG, len(pcts), took)
    q.wait_for(r"Booting: [^\n]*\n", LOAD_TIMEOUT, fail=FAIL)
    # Each of the four lines whole, nothing else on it.
    loads = [ln.rstrip("\r") for ln in q.output.split("\n")
             if "Loading" in ln]
    assert len(loads) == 4, "expected 4 Loading lines, got %r" % loads
    for ln in loads:
        assert loadline.check_line(ln).group(4), "%r did not end ok" % ln
