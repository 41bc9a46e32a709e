# SPDX-License-Identifier: BSD-2-Clause
# Differential test of the menu: an installer-style SYSLINUX menu tree
# (tests/support/menutree.py) on two disks with the same files, one booted
# by SYSLINUX 6.04 and its own menu.c32, one by bzboot; the same keys, on
# the serial console and on the keyboard, must boot the same command line.
"""bzboot's menu against SYSLINUX's menu.c32, key script by key script.

Each script is a list of steps: a key (sent as its ANSI sequence on COM1,
or pressed on QEMU's PS/2 keyboard), text typed, or a wait for what both
loaders print on the serial console (the menu's title, the submenu's, the
password box, the boot: prompt, the F1 file). A script ends when the
kernel says what it got: "Command line: ..." from its early log, or
/proc/cmdline from the test /init when "quiet" kept the kernel silent.
QEMU is stopped there.

SYSLINUX's result per script is measured once per module and checked
against the command line the script means to boot (which proves the
script and the tree); bzboot's must then be the same string.
"""

import os
import re
import tempfile
import time

import pytest

import artifacts
import menutree

pytestmark = [pytest.mark.syslinux, pytest.mark.bzboot]

STEP_TIMEOUT = 30.0  # seconds for the menu or a prompt to appear (~1 s)
# seconds from the last key to the kernel's command line (conftest's knob)
BOOT_TIMEOUT = float(os.environ.get("BZ_BOOT_TIMEOUT", "180"))
FAIL_PATTERN = r"Kernel panic - not syncing"
KEY_GAP = 0.2        # seconds after each key: the menus read keys one by one
# menu.c32 drains the keyboard right after it draws the password box and
# again after the check: type only once the box has settled.
PASSWORD_SETTLE = 1.0
# The kernel's early log, else the test /init's report (with "quiet").
CMDLINE = r"(?:Command line: |CMDLINE:)([^\r\n]*)\r?\n"
# Before the menu: a loader that shows a prompt or boots at once has no
# menu, and waiting out STEP_TIMEOUT would only slow the failure down.
NO_MENU = r"(?<!bz)boot: |Command line: |CMDLINE:|" + FAIL_PATTERN
CSI = r"(?:\x1b\[[0-9;?]*[A-Za-z])*"  # colours, cursor moves

WAITS = {
    "menu": re.escape(menutree.TITLE),
    "sub": re.escape(menutree.SUBTITLE),
    "password": r"Password",
    "prompt": r"(?<!bz)boot: ",
    "help": re.escape(menutree.HELP_MARK),
    # the countdown's last second, e.g. "Automatic boot in 1 second..."
    "countdown": r"Automatic boot in " + CSI + "1" + CSI + " second",
}

# key -> (what a VT100 terminal sends on COM1, QEMU's qcode)
KEYS = {
    "down": ("\x1b[B", "down"),
    "up": ("\x1b[A", "up"),
    "enter": ("\r", "ret"),
    "esc": ("\x1b", "esc"),
    "tab": ("\t", "tab"),
    "f1": ("\x1bOP", "f1"),
}


def wait(what):
    return ("wait", what)


def text(s):
    return ("type", s)


def password(s):
    """Wait for the password box, type `s` and Enter."""
    return ("password", s)


# name -> (steps after the main menu appeared, label booted, words the
# steps add after the label's command line)
SCRIPTS = {
    # the separator after "Expert install" is skipped
    "down-down-enter": (["down", "down", "enter"], "rescue", ""),
    # the default entry, KERNEL with initrd= inside APPEND
    "tab-edit": (["tab", text(" bz.extra=1"), "enter"], "install",
                 " bz.extra=1"),
    # Esc and "Back.." both return to the main menu, where the submenu's
    # entry is highlighted; re-entering starts where it was left
    "submenu-esc-back": ([text("a"), "enter", wait("sub"), "esc",
                          wait("menu"), "enter", wait("sub"), "enter",
                          wait("menu"), "up", "up", "enter"], "expert", ""),
    "password": ([text("l"), "enter", password(menutree.PASSWORD)],
                 "locked", ""),
    # into the submenu and down to its protected entry: a wrong
    # plain-text password returns to the submenu; the right one boots
    "password-wrong-right": ([text("a"), "enter", wait("sub"), "down",
                              "down", "enter", password("wrong"),
                              wait("sub"), "enter",
                              password(menutree.PLAIN_PASSWORD)],
                             "lowmem", ""),
    # a wrong $6$ password, then Esc in the password box, then Esc to the
    # boot: prompt, where a label is typed with an option
    "password-esc-prompt": ([text("l"), "enter", password("nope"),
                             wait("menu"), "enter", wait("password"),
                             "esc", wait("menu"), "esc", wait("prompt"),
                             text("rescue bz.typed=1"), "enter"],
                            "rescue", " bz.typed=1"),
    "timeout": ([wait("countdown")], "install", ""),
    # the key that leaves the help screen does nothing else; a hotkey
    # only moves the highlight (no MENU IMMEDIATE): Down goes on from it
    "f1-hotkey": (["f1", wait("help"), "enter", wait("menu"), text("e"),
                   "down", "enter"], "rescue", ""),
}
# Also played on the PS/2 keyboard (INT 16h): arrows as extended keys,
# Tab and typing, a password, Esc; the screen is checked in the first.
KEYBOARD = ("down-down-enter", "tab-edit", "password-esc-prompt")
# After the two Downs of down-down-enter: the entry the screen highlights.
HIGHLIGHT = (2, "Rescue mode")
MAIN_ENTRIES = ("Install", "Expert install", "Rescue mode",
                "Advanced options", "Locked maintenance shell")


def expected(name):
    _, label, extra = SCRIPTS[name]
    return menutree.CMDLINE[label] + extra


@pytest.fixture(scope="module")
def syslinux_disk(boot_files):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return menutree.syslinux_disk(
        os.path.join(artifacts.IMAGES, "test_menu_diff.syslinux.img"),
        boot_files, artifacts.MODULES)


@pytest.fixture(scope="module")
def bzboot_disk(bzboot, boot_files):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return menutree.bzboot_disk(
        os.path.join(artifacts.IMAGES, "test_menu_diff.bzboot.img"),
        bzboot, boot_files, artifacts.MODULES)


def vga_cells(q):
    """The VGA text page as 25 rows of (text, attribute bytes)."""
    with tempfile.TemporaryDirectory(prefix="bzvga") as d:
        path = os.path.join(d, "vga.bin")
        q.qmp("pmemsave", val=0xB8000, size=80 * 25 * 2, filename=path)
        with open(path, "rb") as f:
            cells = f.read()
    chars, attrs = cells[0::2].decode("latin-1"), cells[1::2]
    return [(chars[i:i + 80], attrs[i:i + 80]) for i in range(0, 2000, 80)]


def highlighted(rows):
    """The main menu's entries whose colour is not the one most entries
    have (the highlight), read from each entry's second letter (its
    first may be the hotkey's colour)."""
    colour = {}
    for label in MAIN_ENTRIES:
        for chars, attrs in rows:
            col = chars.find(" " + label)
            if col >= 0:
                colour[label] = attrs[col + 2]
                break
    values = list(colour.values())
    common = max(set(values), key=values.count) if values else None
    return [label for label, a in colour.items() if a != common], colour


def check_screen(q):
    """The screen shows the title and highlights exactly HIGHLIGHT's
    entry (the menus redraw row by row: poll until it settles)."""
    deadline = time.monotonic() + STEP_TIMEOUT
    while True:
        rows = vga_cells(q)
        shown = [chars.rstrip() for chars, _ in rows]
        lit, colour = highlighted(rows)
        title = any(menutree.TITLE in r for r in shown)
        if title and lit == [HIGHLIGHT[1]]:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                "the screen does not show the title with only %r "
                "highlighted (highlighted: %r, entry colours %r):\n%s" % (
                    HIGHLIGHT[1], lit, colour, "\n".join(shown)))
        time.sleep(0.2)


def press(q, key, keyboard):
    serial, qcode = KEYS[key]
    if keyboard:
        q.sendkey(qcode, delay=KEY_GAP)
    else:
        q.send(serial)
        time.sleep(KEY_GAP)


def play(booter, disk, name, keyboard, tag):
    """Boot `disk`, play script `name` once the menu is up, and return
    the command line the kernel got."""
    steps = SCRIPTS[name][0]
    q = booter.start(disk.path, tag, qmp=keyboard)
    try:
        q.wait_for(WAITS["menu"], STEP_TIMEOUT, fail=NO_MENU)
        time.sleep(KEY_GAP)
        for i, step in enumerate(steps):
            if isinstance(step, str):
                press(q, step, keyboard)
                if keyboard and name == KEYBOARD[0] and i == HIGHLIGHT[0] - 1:
                    check_screen(q)
                continue
            kind, arg = step
            if kind == "wait":
                q.wait_for(WAITS[arg], STEP_TIMEOUT, fail=FAIL_PATTERN)
                time.sleep(KEY_GAP)
                continue
            if kind == "password":
                q.wait_for(WAITS["password"], STEP_TIMEOUT,
                           fail=FAIL_PATTERN)
                time.sleep(PASSWORD_SETTLE)
                arg += "\r"
            if keyboard:
                q.type_keys(arg, delay=0.1)
            else:
                q.send(arg)
            time.sleep(KEY_GAP)
        return q.wait_for(CMDLINE, BOOT_TIMEOUT, fail=FAIL_PATTERN).group(1)
    finally:
        q.close()


# (script, keyboard) -> what SYSLINUX booted, measured once per module
_reference = {}


def reference(booter, disk, name, keyboard):
    key = (name, keyboard)
    if key not in _reference:
        got = play(booter, disk, name, keyboard, "syslinux")
        assert got == expected(name), (
            "SYSLINUX booted %r for script %s (%s), expected %r: the "
            "script or the tree is wrong" % (
                got, name, "keyboard" if keyboard else "serial",
                expected(name)))
        _reference[key] = got
    return _reference[key]


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_syslinux_serial(name, syslinux_disk, booter):
    """SYSLINUX's menu.c32 boots what each script means, over COM1."""
    reference(booter, syslinux_disk, name, False)


@pytest.mark.parametrize("name", KEYBOARD)
def test_syslinux_keyboard(name, syslinux_disk, booter):
    """The same on the PS/2 keyboard; SYSLINUX's screen is checked."""
    reference(booter, syslinux_disk, name, True)


@pytest.mark.parametrize("name", list(SCRIPTS))
def test_bzboot_serial(name, syslinux_disk, bzboot_disk, booter):
    """bzboot boots what SYSLINUX booted for the same keys on COM1."""
    want = reference(booter, syslinux_disk, name, False)
    got = play(booter, bzboot_disk, name, False, "bzboot")
    assert got == want, "script %s over serial: SYSLINUX booted %r, " \
        "bzboot %r" % (name, want, got)


@pytest.mark.parametrize("name", KEYBOARD)
def test_bzboot_keyboard(name, syslinux_disk, bzboot_disk, booter):
    """The same keys on the keyboard; bzboot's screen is checked."""
    want = reference(booter, syslinux_disk, name, True)
    got = play(booter, bzboot_disk, name, True, "bzboot")
    assert got == want, "script %s on the keyboard: SYSLINUX booted " \
        "%r, bzboot %r" % (name, want, got)
