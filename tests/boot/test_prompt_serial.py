# SPDX-License-Identifier: BSD-2-Clause
# The boot: prompt over COM1: keys typed early are kept, and the line
# editor's keys (ANSI arrows, Home/End, Delete, history, Tab completion)
# do what they do in SYSLINUX.
"""bzboot's boot: prompt driven over the serial console."""

import os

import pytest

import artifacts
import bzimg

pytestmark = pytest.mark.bzboot

PROMPT = r"(?m)^boot: "
BANNER = r"bzboot \d"
TIMEOUT = 60.0
# bzboot's line when it starts loading; the prompt again means it failed.
BOOTING = r"(?m)^Booting: "

CFG = """\
SERIAL 0 115200
PROMPT 1
TIMEOUT 100
DEFAULT linux

LABEL linux
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND console=ttyS0 bz.test=linux

LABEL abcdef
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND console=ttyS0 bz.test=abcdef

LABEL rescue-one
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND console=ttyS0 bz.test=rescue-one

LABEL rescue-two
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND console=ttyS0 bz.test=rescue-two
"""


def cmdline(label, extra=""):
    line = artifacts.expected_cmdline(
        "/vmlinuz", "console=ttyS0 bz.test=%s" % label, "/initrd.img")
    return line + (" " + extra if extra else "")


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return bzimg.bzboot_disk(
        "%s/test_prompt_serial.img" % artifacts.IMAGES, bzboot, boot_files,
        32, 2048, CFG, size_mib=48)


def test_line_sent_at_the_prompt(disk, booter):
    """The line goes out the instant "boot: " is seen: every character
    arrives (the issue: "abcdef" arrived as "bcdef")."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, TIMEOUT)
    q.send("abcdef x=1\r")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("abcdef", "x=1")


def test_line_typed_ahead(disk, booter):
    """The line goes out when the banner is seen, before the config is
    read: the config's SERIAL line re-programs the UART then, and used to
    clear its receive FIFO with the first key in it."""
    q = booter.start(disk.path)
    q.wait_for(BANNER, TIMEOUT)
    q.send("abcdef x=2\r")
    q.wait_for(PROMPT, TIMEOUT)
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("abcdef", "x=2")
