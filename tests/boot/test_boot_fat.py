# SPDX-License-Identifier: BSD-2-Clause
# bzboot boots the Debian kernel + test initramfs from FAT16 and FAT32
# disks, installed by `build/bzboot install IMG`, configured by bzboot.cfg.
"""bzboot end-to-end boots (skipped while build/bzboot or build/stage2.bin
is missing; `make` builds them)."""

import os

import pytest

import artifacts
import bzimg
from bootreport import CAN_USE_HEAP

pytestmark = pytest.mark.bzboot

# The prompt bzboot prints on COM1 when PROMPT 1 (SYSLINUX prints
# "boot: "). Change here if bzboot's prompt differs.
BZBOOT_PROMPT = r"(?m)^boot: "

# boot.rst: a loader without an assigned ID writes 0xFF.
BZBOOT_TYPE_OF_LOADER = 0xFF


def check_handover(rep, files, append, kernel="/vmlinuz",
                   initrd="/initrd.img"):
    """What any correct loader must have handed over (boot.rst)."""
    assert rep.cmdline == artifacts.expected_cmdline(kernel, append, initrd)
    assert rep.field("type_of_loader") == BZBOOT_TYPE_OF_LOADER
    assert rep.ramdisk_size() == os.path.getsize(files.initrd)
    image = rep.ramdisk_image()
    assert image and image % 4096 == 0, "initrd at %#x" % image
    assert image + rep.ramdisk_size() <= rep.field("initrd_addr_max") + 1
    assert rep.field("cmd_line_ptr") != 0
    if rep.field("loadflags") & CAN_USE_HEAP:
        # heap_end_ptr is an offset from the real-mode code's start.
        assert rep.field("heap_end_ptr") != 0


@pytest.mark.parametrize("fat", [16, 32], ids=["fat16", "fat32"])
def test_bzboot_boots(fat, bzboot, boot_files, image_path, booter):
    append = "console=ttyS0 bz.test=bzboot-fat%d" % fat
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    disk = bzimg.bzboot_disk(image_path(), bzboot, boot_files, fat, 2048,
                             cfg)
    rep = booter.boot(disk.path)
    check_handover(rep, boot_files, append)


def test_bzboot_q35_without_i8042(bzboot, boot_files, image_path, booter):
    """No 8042 keyboard controller: A20 must not poll port 0x64 forever
    (field lesson 12)."""
    append = "console=ttyS0 bz.test=bzboot-q35"
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    disk = bzimg.bzboot_disk(image_path(), bzboot, boot_files, 32, 2048,
                             cfg)
    rep = booter.boot(disk.path, machine="q35,i8042=off")
    check_handover(rep, boot_files, append)


def test_bzboot_prompt_over_serial(bzboot, boot_files, image_path, booter):
    """The boot prompt on COM1: choose the second label, add an argument.
    Expected like SYSLINUX (test_syslinux_prompt_over_serial): typed
    arguments follow the label's line, after initrd=."""
    a1 = "console=ttyS0 bz.test=first"
    a2 = "console=ttyS0 bz.test=second"
    cfg = bzimg.syslinux_cfg(
        [("linux", "/boot/vmlinuz", "/boot/initrd.img", a1),
         ("other", "/boot/vmlinuz", "/boot/initrd.img", a2)],
        "linux", prompt=1, timeout=0)
    disk = bzimg.bzboot_disk(image_path(), bzboot, boot_files, 32, 2048,
                             cfg, kernel="/boot/vmlinuz",
                             initrd="/boot/initrd.img")
    q = booter.start(disk.path)
    q.wait_for(BZBOOT_PROMPT, 120)
    q.send("other extra=1\r")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline(
        "/boot/vmlinuz", a2, "/boot/initrd.img") + " extra=1"
