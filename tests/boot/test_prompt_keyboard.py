# SPDX-License-Identifier: BSD-2-Clause
# The boot: prompt typed on the PS/2 keyboard (QEMU's send-key): the keys
# reach bzboot through INT 16h, arrows and Delete as extended keys (AL=0
# or 0xE0), and the VGA text page shows what the line editor drew.
"""bzboot's boot: prompt driven from the keyboard, checked on screen."""

import os
import time

import pytest

import artifacts
import bzimg
from test_prompt_serial import BOOTING, CFG, PROMPT, TIMEOUT, cmdline

pytestmark = pytest.mark.bzboot


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return bzimg.bzboot_disk(
        "%s/test_prompt_keyboard.img" % artifacts.IMAGES, bzboot,
        boot_files, 32, 2048, CFG, size_mib=48)


def wait_screen(q, want, timeout=20.0):
    """Wait until the last "boot: " row of the VGA text page is `want`;
    return the page."""
    deadline = time.monotonic() + timeout
    while True:
        rows = q.screen()
        prompts = [r for r in rows if r.startswith("boot: ")]
        if prompts and prompts[-1] == want:
            return rows
        if time.monotonic() > deadline:
            raise AssertionError("the screen's last prompt row is not %r:"
                                 "\n%s" % (want, "\n".join(rows)))
        time.sleep(0.2)


def test_keyboard_history_and_editing(disk, booter):
    """A line that fails comes back with Up; Home, Right, Delete, End,
    Left, Backspace, Ctrl-A and Ctrl-E edit it; the screen shows the
    edited line and the kernel gets it."""
    q = booter.start(disk.path, qmp=True)
    q.wait_for(PROMPT, TIMEOUT)
    q.type_keys("junk")
    q.sendkey("esc")  # clears the line: a fresh prompt
    q.wait_for(PROMPT, TIMEOUT)
    q.type_keys("abcdef-x k=1\r")
    q.wait_for(r"(?m)^bzboot: abcdef-x\b", TIMEOUT)
    q.wait_for(PROMPT, TIMEOUT)
    q.sendkey("up", "home", *["right"] * 6, "delete", "delete", "end")
    q.type_keys(" m=23")
    q.sendkey("left", "backspace", "ctrl-a", "ctrl-e")
    rows = wait_screen(q, "boot: abcdef k=1 m=3")
    assert any(r.startswith("bzboot: abcdef-x") for r in rows), rows
    q.sendkey("ret")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("abcdef", "k=1 m=3")


def test_keyboard_tab_completion(disk, booter):
    """Tab on the keyboard lists the matching labels on the screen, and
    completes the only one."""
    q = booter.start(disk.path, qmp=True)
    q.wait_for(PROMPT, TIMEOUT)
    q.type_keys("resc\t")
    rows = wait_screen(q, "boot: rescue-")
    assert "rescue-one  rescue-two" in rows, rows
    q.type_keys("o\t x")
    wait_screen(q, "boot: rescue-one x")
    q.wait_for(r"boot: rescue-one x", TIMEOUT)  # the serial mirror
    q.sendkey("ret")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("rescue-one", "x")


def test_long_line_on_screen(disk, booter):
    """A line longer than a screen row, edited at its start: the cursor
    goes back across the row boundary (the teletype's backspace stops at
    column 0) and the screen shows the edited line over two rows."""
    q = booter.start(disk.path, qmp=True)
    q.wait_for(PROMPT, TIMEOUT)
    q.send("abcdef " + "y" * 80 + "\x1b[H" + "\x1b[C" * 6 + " z=1")
    want = "boot: abcdef z=1 " + "y" * 80
    deadline = time.monotonic() + 20
    while True:
        rows = q.screen()
        at = [i for i, r in enumerate(rows) if r.startswith("boot: ")]
        shown = rows[at[-1]] + rows[at[-1] + 1] if at else ""
        if shown == want:
            break
        assert time.monotonic() < deadline, "\n".join(rows)
        time.sleep(0.2)
    q.send("\r")
    q.wait_for(BOOTING, TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == cmdline("abcdef",
                                                    "z=1 " + "y" * 80)
