# SPDX-License-Identifier: BSD-2-Clause
# SYSLINUX as the live reference: the same disks, kernel and initramfs the
# bzboot tests use, booted by Debian's SYSLINUX 6.04, with what it hands over.
"""SYSLINUX reference boots.

These prove the harness (image building, QEMU driver, serial report) on a
known-good loader, and pin down what SYSLINUX puts in the setup header, so
bzboot can be compared with it (test_diff_syslinux.py).
"""

import os

import pytest

import artifacts
import bootreport
import bzimg
from bootreport import CAN_USE_HEAP, LOADFLAGS_KERNEL_OWNED

pytestmark = pytest.mark.syslinux

# What Debian's SYSLINUX 6.04 wrote into the setup header, measured here.
SYSLINUX_HEADER = {
    "type_of_loader": 0x30,   # ID 3 (SYSLINUX), version nibble 0
    "heap_end_ptr": 0xFE00,   # command line at setup+0x10000, heap below it
    "cmd_line_ptr": 0x20000,  # real-mode part loaded at 0x10000
    "vid_mode": 0x0000,       # it writes 0 unless APPEND has vga=
}


def check_handover(rep, files, append, kernel="/vmlinuz",
                   initrd="/initrd.img"):
    assert rep.cmdline == artifacts.expected_cmdline(kernel, append, initrd)
    for name, value in SYSLINUX_HEADER.items():
        assert rep.field(name) == value, "%s = %#x, expected %#x" % (
            name, rep.field(name), value)
    assert rep.field("loadflags") & ~LOADFLAGS_KERNEL_OWNED == CAN_USE_HEAP
    assert rep.ramdisk_size() == os.path.getsize(files.initrd)
    image = rep.ramdisk_image()
    assert image and image % 4096 == 0
    assert image + rep.ramdisk_size() <= rep.field("initrd_addr_max") + 1


@pytest.mark.parametrize("fat,start", [(16, 2048), (32, 2048), (16, 63)],
                         ids=["fat16-2048", "fat32-2048", "fat16-63"])
def test_syslinux_boots(fat, start, boot_files, image_path, booter):
    append = "console=ttyS0 bz.test=syslinux-fat%d-%d" % (fat, start)
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    disk = bzimg.syslinux_disk(image_path(), boot_files, fat, start, cfg)
    rep = booter.boot(disk.path)
    check_handover(rep, boot_files, append)


def test_syslinux_prompt_over_serial(boot_files, image_path, booter):
    """Drive SYSLINUX's boot: prompt over COM1: pick the second label and
    add an argument. Also covers an install directory (-d) and files in a
    subdirectory. SYSLINUX appends typed arguments after initrd=."""
    a1 = "console=ttyS0 bz.test=first"
    a2 = "console=ttyS0 bz.test=second"
    cfg = bzimg.syslinux_cfg(
        [("linux", "/boot/vmlinuz", "/boot/initrd.img", a1),
         ("other", "/boot/vmlinuz", "/boot/initrd.img", a2)],
        "linux", prompt=1, timeout=0, extra=["SERIAL 0 115200"])
    disk = bzimg.syslinux_disk(image_path(), boot_files, 32, 2048, cfg,
                               directory="/boot/syslinux",
                               kernel="/boot/vmlinuz",
                               initrd="/boot/initrd.img")
    q = booter.start(disk.path)
    q.wait_for(r"boot: ", 120)
    q.send("other extra=1\r")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline(
        "/boot/vmlinuz", a2, "/boot/initrd.img") + " extra=1"


def test_syslinux_q35_without_i8042(boot_files, image_path, booter):
    """The harness's q35 machine without an 8042 (field lesson 12)."""
    append = "console=ttyS0 bz.test=syslinux-q35"
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    disk = bzimg.syslinux_disk(image_path(), boot_files, 32, 2048, cfg)
    rep = booter.boot(disk.path, machine="q35,i8042=off")
    check_handover(rep, boot_files, append)
    assert bootreport.MARKER in booter.runs[-1].output
