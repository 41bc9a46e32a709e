# SPDX-License-Identifier: BSD-2-Clause
# Read errors bzboot must get past: one failed read of a stage2 sector
# (stage1's retry) and one of a kernel sector (stage2's), injected by
# QEMU's blkdebug, with QEMU's word that each really happened.
"""Transient read errors: the retry reads the sector and the boot goes on.

A disk that fails a read once (a marginal sector, a USB stick's hiccup)
must not stop the boot: stage1 retries after a reset (INT 13h AH=00h),
and so does stage2's disk_read (then it halves the read, down to the bad
sector). Neither says anything when the retry works, so the proof that
the error was injected at all comes from QEMU (tests/support/blkdebug.py):
it reported exactly one failed read, and its trace shows the sector read
again.
"""

import os
import re

import pytest

import artifacts
import blkdebug
import bzimg

pytestmark = pytest.mark.bzboot

PROMPT = r"(?m)^boot: "
PROMPT_TIMEOUT = 60.0
BOOTED = r"Booting: |Linux version|Kernel panic"
FAIL = r"(?m)^bzboot: [^\r\n]*\r?\n|Kernel panic - not syncing"
APPEND = "console=ttyS0 bz.test=read-retry"


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    """bzboot, the kernel and initrd on FAT32 (1 sector a cluster, so a
    cluster is a sector) and one label, typed at the prompt."""
    cfg = bzimg.syslinux_cfg([("good", "/vmlinuz", "/initrd.img", APPEND)],
                             "good", prompt=1, timeout=0)
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return bzimg.bzboot_disk(os.path.join(artifacts.IMAGES,
                                          "test_read_retry.img"),
                             bzboot, boot_files, 32, 2048, cfg)


def start_failing_once(booter, disk, image_path, lba):
    """QEMU on `disk` whose first read of `lba` fails with EIO, with the
    QMP socket and trace blkdebug's evidence needs."""
    conf = os.path.splitext(image_path("blkdebug"))[0] + ".conf"
    return booter.start(disk.path, drive=blkdebug.drive(disk.path, lba, conf,
                                                        once=True),
                        **blkdebug.QEMU_KW)


def test_stage1_retries_a_transient_error(disk, booter, image_path):
    """One failed read of a stage2 sector in stage1 (its fifth, LBA 5
    with stage2 at LBA 1): the retry after the reset must read it (a BIOS
    writes the count it moved back into the packet; stage1 sets it
    again), and bzboot comes up."""
    first, sectors = bzimg.stage2_place(disk.path)
    bad = first + 4
    assert bad < first + sectors
    q = start_failing_once(booter, disk, image_path, bad)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    failed = blkdebug.failed_reads(q)
    q.close()
    blkdebug.assert_failed_once_then_read(q, failed, bad)


# Where in /vmlinuz the read fails: its first sector (the boot sector and
# setup header, read before anything else of the file) and one half way
# in (the protected-mode part, read in large multi-sector reads).
SPOTS = {"header": lambda chain: chain[0],
         "middle": lambda chain: chain[len(chain) // 2]}


@pytest.mark.parametrize("spot", sorted(SPOTS))
def test_stage2_retries_a_kernel_read_error(spot, disk, booter, image_path):
    """One failed read inside the kernel file: stage2's read path resets
    and reads again, says nothing (the read worked), and the kernel boots
    with the label's command line."""
    fat = bzimg.Fat32(disk)
    bad = fat.lba(SPOTS[spot](fat.clusters("/vmlinuz")))
    first, sectors = bzimg.stage2_place(disk.path)
    assert not first <= bad < first + sectors
    q = start_failing_once(booter, disk, image_path, bad)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    assert blkdebug.failed_reads(q) == 0, "failed before the kernel's read"
    q.send("good\r")
    m = q.wait_for(r"(?s)good\r*\n(.*?)Booting: [^\n]*\n", PROMPT_TIMEOUT,
                   fail=FAIL)
    # Every kernel and initrd sector is read by now; the kernel itself
    # reads nothing from this disk before the marker.
    failed = blkdebug.failed_reads(q)
    said = [ln for ln in m.group(1).splitlines() if ln.strip()]
    assert not [ln for ln in said if re.match(r"bzboot: ", ln)], said
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", APPEND,
                                                     "/initrd.img")
    blkdebug.assert_failed_once_then_read(q, failed, bad)
