# SPDX-License-Identifier: BSD-2-Clause
"""A disk set up by `bzboot install` alone (the test copies no module):
the installer wrote build/modules/passwd.bzm to /boot/bzboot/, so stage2
loads it, asks for a MENU PASSWD and boots with the right one."""

import os

import pytest

import artifacts
import bzimg
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
    assert "modules: passwd.bzm" in out, out
    cfg = ("UI menu.c32\nSERIAL 0 115200\nPROMPT 1\nDEFAULT open\n"
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
