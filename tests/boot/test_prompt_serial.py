# SPDX-License-Identifier: BSD-2-Clause
# The boot: prompt over COM1: keys typed early are kept, and the line
# editor's keys (ANSI arrows, Home/End, Delete, history, Tab completion)
# do what they do in SYSLINUX.
"""bzboot's boot: prompt driven over the serial console."""

import os
import re

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


# ANSI/VT100 keys as terminals send them (xterm, VT220 and SS3 forms).
LEFT, RIGHT, RIGHT_SS3 = "\x1b[D", "\x1b[C", "\x1bOC"
HOME, END, END_VT = "\x1b[H", "\x1b[F", "\x1b[4~"
UP, DELETE, BACKSPACE = "\x1b[A", "\x1b[3~", "\x7f"


def test_cursor_editing(disk, booter):
    """A lone Esc (no sequence follows within the timeout) clears the
    line; Home, End, Left, Right and Delete over serial edit in the
    middle of the line, and the kernel gets the edited line."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, TIMEOUT)
    q.send("junk\x1b")
    q.wait_for(PROMPT, TIMEOUT)  # Esc: a fresh prompt
    keys = ("bcdeff q=1" + HOME + "a" + RIGHT * 3 + RIGHT_SS3 * 2 + DELETE
            + END + " x=12" + LEFT + BACKSPACE + END_VT + "\x01\x05 y\r")
    q.send(keys)
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("abcdef", "q=1 x=2 y")


def test_long_line_edited_across_rows(disk, booter):
    """A line longer than the terminal's row: Left goes back up across
    the row end (a VT100 does not take a backspace there; the echo moves
    up and right instead), and an edit there is where the line has it."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, TIMEOUT)
    tail = " " + " ".join("w%02d" % i for i in range(30))  # 120 chars
    q.send("abcdef" + tail + LEFT * len(tail) + " q=1")
    q.wait_for(re.escape("\x1b[A\x1b[79C"), TIMEOUT, fail=BOOTING)
    q.send(END + "\r")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("abcdef",
                                                     "q=1" + tail)


def test_history(disk, booter):
    """A failed line comes back with Up, is edited and boots."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, TIMEOUT)
    q.send("abcdef-x z=1\r")
    q.wait_for(r"(?m)^bzboot: abcdef-x\b", TIMEOUT)
    q.wait_for(PROMPT, TIMEOUT)
    q.send(UP + HOME + RIGHT * 6 + DELETE + DELETE + "\r")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("abcdef", "z=1")


def test_tab_completion(disk, booter):
    """Tab on "resc" completes the common part and lists both rescue
    labels, then the prompt again with the line; Tab on "rescue-tw"
    completes the only match."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, TIMEOUT)
    q.send("resc\t")
    q.wait_for(r"\r\nrescue-one  rescue-two  \r\nboot: rescue-", TIMEOUT)
    q.send("tw\t t=1\r")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("rescue-two", "t=1")


def test_nocomplete(bzboot, boot_files, booter):
    """NOCOMPLETE 1: Tab lists nothing, completes nothing and is not put
    in the line."""
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    d = bzimg.bzboot_disk(
        "%s/test_prompt_serial-nocomplete.img" % artifacts.IMAGES, bzboot,
        boot_files, 32, 2048, "NOCOMPLETE 1\n" + CFG, size_mib=48)
    q = booter.start(d.path)
    q.wait_for(PROMPT, TIMEOUT)
    q.send("resc\tue-one\r")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert "rescue-two" not in q.output
    assert booter.wait_marker(q).cmdline == cmdline("rescue-one")
