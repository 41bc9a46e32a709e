# SPDX-License-Identifier: BSD-2-Clause
"""A disk set up by `bzboot install` alone (the test copies no module):
the installer wrote build/modules/passwd.bzm to /boot/bzboot/, so stage2
loads it, asks for a MENU PASSWD and boots with the right one."""

import os
import re

import pytest

import artifacts
import bzimg
from screen import sercon_args, wait_file
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT

pytestmark = pytest.mark.bzboot

APPEND = "console=ttyS0 bz.test=modules"
PASSWORD = r"Password: "


def test_installed_passwd_module_checks_the_password(bzboot, boot_files,
                                                     booter):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    disk = bzimg.make_disk(
        os.path.join(artifacts.IMAGES, "test_install_modules_boot.img"),
        fat=16, start=2048, size_mib=48)
    out = bzimg.bzboot_install(bzboot, disk.path, modules=True).decode()
    assert "modules: " in out and "passwd.bzm" in out, out
    # no UI line: the installer wrote menu.bzm too, which would run the
    # menu (tests/boot/test_menu.py); the prompt asks the same way
    cfg = ("SERIAL 0 115200\nPROMPT 1\nDEFAULT open\n"
           "LABEL locked\n  MENU PASSWD plain pw\n  LINUX /vmlinuz\n"
           "  INITRD /initrd.img\n  APPEND " + APPEND + "\n"
           "LABEL open\n  LINUX /vmlinuz\n  INITRD /initrd.img\n"
           "  APPEND " + APPEND + " open\n")
    bzimg.populate(disk, boot_files, "/bzboot.cfg", cfg)
    q = booter.start(disk.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("locked\r")
    # "module passwd.bzm not found" would mean the installer wrote none
    q.wait_for(PASSWORD, PROMPT_TIMEOUT, fail=BOOTED + "|bzboot: module")
    q.send("plain pw\r")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", APPEND,
                                                     "/initrd.img")


def test_plain_floppy_boots_stage2_from_its_file(bzboot, booter):
    """A 1.44 MB floppy made by plain `mkfs.fat -C f.img 1440` (one
    reserved sector): stage2 goes in as /boot/bzboot/bzboot.sys, the PBR
    loads it by CHS from the sectors it records, and the passwd module the
    installer wrote next to it answers the password prompt."""
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    path = os.path.join(artifacts.IMAGES, "test_install_plain_floppy.img")
    if os.path.exists(path):
        os.unlink(path)
    bzimg.run(["mkfs.fat", "-C", path, "1440"])
    out = bzimg.bzboot_install(bzboot, path, modules=True).decode()
    assert "stage2 as /boot/bzboot/bzboot.sys (contiguous)" in out, out
    bzimg.write_file(path, 0, "/bzboot.cfg", (
        "SERIAL 0 115200\nPROMPT 1\nDEFAULT locked\n"
        "LABEL locked\n  MENU PASSWD plain pw\n  LINUX /vmlinuz\n"))
    drive = "file=%s,format=raw,if=floppy,index=0,snapshot=on" % path
    q = booter.start(path, drive=drive, boot="a")
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("locked\r")
    q.wait_for(PASSWORD, PROMPT_TIMEOUT, fail=BOOTED + "|bzboot: module")


def test_plain_fat32_partition_behind_syslinux_mbr(bzboot, boot_files,
                                                   booter):
    """SYSLINUX's mbr.bin, a FAT32 partition made by plain mkfs.fat (32
    reserved sectors: FSInfo and the backup leave no room for stage2):
    `bzboot install --pbr` puts stage2 in a file and the kernel boots."""
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    disk = bzimg.make_disk(
        os.path.join(artifacts.IMAGES, "test_install_plain_fat32.img"),
        fat=32, start=2048, size_mib=64)
    bzimg.write_mbr_code(disk.path)
    out = bzimg.bzboot_install(bzboot, disk.path, "--pbr").decode()
    assert "stage2 as /boot/bzboot/bzboot.sys (contiguous)" in out, out
    append = "console=ttyS0 bz.test=s2file"
    bzimg.populate(disk, boot_files, "/bzboot.cfg", bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux"))
    rep = booter.boot(disk.path)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                     "/initrd.img")


def test_moved_stage2_file_says_reinstall(bzboot, booter, test_name):
    """The user moves bzboot.sys (copies it out, deletes it, something
    else fills its clusters, copies it back elsewhere): the PBR still
    reads the recorded sectors, finds no stage2 there and says so on the
    screen instead of jumping into them."""
    path = os.path.join(artifacts.IMAGES, "test_install_moved_s2file.img")
    if os.path.exists(path):
        os.unlink(path)
    bzimg.run(["mkfs.fat", "-C", path, "1440"])
    bzimg.bzboot_install(bzboot, path)
    saved = bzimg.read_file(path, 0, "/boot/bzboot/bzboot.sys")
    spec = bzimg.mtools_spec(path, 0)
    bzimg.run(["mattrib", "-i", spec, "-r", "-h", "-s",
               "::/boot/bzboot/bzboot.sys"])
    bzimg.run(["mdel", "-i", spec, "::/boot/bzboot/bzboot.sys"])
    bzimg.write_file(path, 0, "/filler", os.urandom(len(saved)))
    bzimg.write_file(path, 0, "/boot/bzboot/bzboot.sys", saved)
    screen = os.path.join(artifacts.LOGS, test_name + ".screen.log")
    drive = "file=%s,format=raw,if=floppy,index=0,snapshot=on" % path
    q = booter.start(path, drive=drive, boot="a",
                     extra_args=sercon_args(screen))
    wait_file(screen, re.escape("bzboot: no stage2 (reinstall)"), 30.0)
    assert "bzboot" not in q.output, "stage2 ran: %r" % q.output
