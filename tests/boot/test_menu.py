# SPDX-License-Identifier: BSD-2-Clause
"""The menu (UI menu.c32), run by the menu module (build/modules/menu.bzm)
on a distribution-style tree: a title, labels with ^hotkeys and help, a
separator, a password-protected entry, a submenu with MENU EXIT, an
INCLUDEd file, TIMEOUT. Driven over COM1 with ANSI keys and on the PS/2
keyboard (INT 16h, checked on the VGA page); each boot stops at the
kernel's "Command line:" line. Without menu.bzm the boot: prompt comes
instead, with a message."""

import os
import time

import pytest

import artifacts
import bzimg

pytestmark = pytest.mark.bzboot

TIMEOUT = 60.0
TITLE = r"Test Linux boot menu"
# after the menu, the prompt follows its clear-screen on the same line
PROMPT = r"boot: "
COMMAND_LINE = r"Command line: ([^\r\n]*)\r?\n"
PASSWORD = r"Password: "
WRONG = r"bzboot: wrong password\."
DOWN, UP, ESC = "\x1b[B", "\x1b[A", "\x1b"


def entry(label, name, extra=""):
    return ("LABEL %s\n  MENU LABEL %s\n  LINUX /vmlinuz\n"
            "  INITRD /initrd.img\n  APPEND console=ttyS0 bz.test=%s\n%s"
            % (label, name, label, extra))


CFG = ("SERIAL 0 115200\nUI menu.c32\nPROMPT 0\nTIMEOUT 50\n"
       "DEFAULT linux\nMENU TITLE Test Linux boot menu\n"
       "MENU AUTOBOOT Starting in # s\n" +
       entry("linux", "^Linux",
             "  TEXT HELP\n    Boots the system as installed.\n"
             "  ENDTEXT\n") +
       entry("rescue", "^Rescue mode") +
       "MENU SEPARATOR\n" +
       entry("locked", "Loc^ked", "  MENU PASSWD opensesame\n") +
       "MENU BEGIN advanced\n  MENU LABEL ^Advanced options\n"
       "  MENU TITLE Advanced options\n"
       "  LABEL back\n    MENU LABEL ^Back\n    MENU EXIT\n" +
       entry("debug", "^Debug shell") +
       "MENU END\n"
       "LABEL more\n  MENU LABEL ^More menus\n  KERNEL vesamenu.c32\n"
       "  APPEND sub.cfg\n"
       "INCLUDE extra.cfg\n")

# menu.c32 FILE's menu (no UI line of its own: menu.c32 shows it anyway)
SUB_CFG = ("MENU TITLE Second menu\n" + entry("sub1", "^First of two") +
           entry("sub2", "^Second of two"))

# two labels sharing a first word: the menu boots each its own
EXTRA_CFG = (entry("single", "^Single user") +
             entry("live", "Li^ve system").replace(
                 "bz.test=live", "bz.test=live-disk") +
             entry("live (to RAM)", "Live ^to RAM").replace(
                 "bz.test=live (to RAM)", "bz.test=live-ram"))


def cmdline(label, extra=""):
    line = artifacts.expected_cmdline(
        "/vmlinuz", "console=ttyS0 bz.test=%s" % label, "/initrd.img")
    return line + (" " + extra if extra else "")


def make(bzboot, boot_files, name, modules, cfg=CFG):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    disk = bzimg.bzboot_disk(os.path.join(artifacts.IMAGES, name), bzboot,
                             boot_files, 32, 2048, cfg, size_mib=48)
    bzimg.write_file(disk.path, disk.start, "/extra.cfg",
                     EXTRA_CFG.encode())
    bzimg.write_file(disk.path, disk.start, "/sub.cfg", SUB_CFG.encode())
    if modules:
        bzimg.copy_modules(disk, artifacts.MODULES,
                           names=["menu", "passwd"])
    return disk


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    return make(bzboot, boot_files, "test_menu.img", True)


def booted(q):
    """The kernel's command line, as soon as the kernel prints it."""
    return q.wait_for(COMMAND_LINE, TIMEOUT, fail=PROMPT).group(1)


def test_serial_down_enter_and_hotkeys(disk, booter):
    """Down + Enter boots the second entry; before that a hotkey and
    Enter open the submenu, its MENU EXIT comes back, and Up skips the
    separator on the way to the top."""
    q = booter.start(disk.path, "down")
    q.wait_for(TITLE, TIMEOUT)
    q.wait_for(r"Boots the system as installed", TIMEOUT)  # TEXT HELP
    q.send("a\r")  # ^Advanced options, opened
    q.wait_for(r"Advanced options", TIMEOUT)
    q.send("\r")  # its first entry, ^Back: MENU EXIT
    q.wait_for(TITLE, TIMEOUT)
    q.send(UP + UP + UP)  # Advanced -> Locked -> Rescue -> Linux
    q.send(DOWN + "\r")
    assert booted(q) == cmdline("rescue")


def test_serial_submenu_hotkey_boots(disk, booter):
    """A hotkey in a submenu selects its entry; Enter boots it. The
    INCLUDEd file's label is a hotkey of the top menu too."""
    q = booter.start(disk.path, "submenu")
    q.wait_for(TITLE, TIMEOUT)
    q.send("a\r")
    q.wait_for(r"ebug shell", TIMEOUT)  # ^D is drawn apart
    q.send("d\r")
    assert booted(q) == cmdline("debug")


def test_serial_tab_edit(disk, booter):
    """Tab edits the highlighted entry's line; Enter boots the edit."""
    q = booter.start(disk.path, "tab")
    q.wait_for(TITLE, TIMEOUT)
    q.send("\t")
    q.wait_for(r"bz\.test=linux", TIMEOUT)
    q.send(" edited=1\r")
    line = booted(q)
    assert "bz.test=linux" in line and line.endswith(" edited=1"), line


def test_timeout_boots_default(disk, booter):
    """No key: the countdown runs out and the DEFAULT label boots."""
    q = booter.start(disk.path, "timeout")
    q.wait_for(TITLE, TIMEOUT)
    q.wait_for(r"Starting in ", TIMEOUT)  # the countdown
    assert booted(q) == cmdline("linux")


def test_label_sharing_first_word(disk, booter):
    """"live (to RAM)" after "live": its entry boots its own label, not
    "live" with the words "(to RAM)"."""
    q = booter.start(disk.path, "live")
    q.wait_for(TITLE, TIMEOUT)
    q.wait_for(r"o RAM", TIMEOUT)  # ^t is drawn apart
    q.send("t\r")
    line = booted(q)
    assert line == artifacts.expected_cmdline(
        "/vmlinuz", "console=ttyS0 bz.test=live-ram", "/initrd.img"), line


def test_menu_module_with_file(disk, booter):
    """KERNEL vesamenu.c32 + APPEND sub.cfg: sub.cfg's own menu, whose
    entries boot."""
    q = booter.start(disk.path, "sub")
    q.wait_for(TITLE, TIMEOUT)
    q.wait_for(r"ore menus", TIMEOUT)
    q.send("m\r")
    q.wait_for(r"Second menu", TIMEOUT, fail=COMMAND_LINE)
    q.wait_for(r"econd of two", TIMEOUT, fail=COMMAND_LINE)
    q.send("s\r")
    assert booted(q) == cmdline("sub2")


def test_esc_prompt_and_back(disk, booter):
    """Esc leaves for boot: (no timeout there); an empty Enter opens the
    menu again; a label typed at boot: boots."""
    q = booter.start(disk.path, "esc")
    q.wait_for(TITLE, TIMEOUT)
    q.send(ESC)
    q.wait_for(PROMPT, TIMEOUT)
    mark = len(q.output)
    q.send("\r")
    q.wait_for(TITLE, TIMEOUT)
    assert len(q.output) > mark
    q.send(ESC)
    q.wait_for(PROMPT, TIMEOUT)
    q.send("single\r")
    assert booted(q) == cmdline("single")


def test_password_entry(disk, booter):
    """A MENU PASSWD entry asks; a wrong password says so and boots
    nothing (back to the menu), as does Esc at the password Tab asks
    for; the right one boots."""
    q = booter.start(disk.path, "passwd")
    q.wait_for(TITLE, TIMEOUT)
    q.send("k")  # Loc^ked
    q.send("\r")
    q.wait_for(PASSWORD, TIMEOUT, fail=COMMAND_LINE)
    q.send("wrong\r")
    q.wait_for(WRONG, TIMEOUT, fail=COMMAND_LINE)
    # straight back to the menu, as menu.c32 (no key to press)
    q.wait_for(TITLE, TIMEOUT, fail=COMMAND_LINE)
    # Tab on it asks too (menu.c32 would let it be edited unasked); Esc
    # at the password: the menu again, nothing booted
    q.send("\t")
    q.wait_for(PASSWORD, TIMEOUT, fail=COMMAND_LINE)
    q.send(ESC)
    q.wait_for(TITLE, TIMEOUT, fail=COMMAND_LINE)
    q.send("k\r")
    q.wait_for(PASSWORD, TIMEOUT, fail=COMMAND_LINE)
    q.send("opensesame\r")
    assert booted(q) == cmdline("locked")


def screen_has(q, want, timeout=60.0):
    """Wait until a row of the VGA text page contains `want`."""
    deadline = time.monotonic() + timeout
    while True:
        rows = q.screen()
        if any(want in r for r in rows):
            return rows
        assert time.monotonic() < deadline, "\n".join(rows)
        time.sleep(0.2)


def test_keyboard(disk, booter):
    """On the PS/2 keyboard: the VGA page shows the menu and its box;
    Down and Enter (INT 16h extended keys) boot the second entry."""
    q = booter.start(disk.path, "keyboard", qmp=True)
    q.wait_for(TITLE, TIMEOUT)
    rows = screen_has(q, "Press [Tab] to edit options")  # drawn last
    for want in ("Test Linux boot menu", "Rescue mode", "Single user",
                 "Boots the system as installed"):
        assert any(want in r for r in rows), (want, rows)
    # the box in CP437 on the VGA page (0xDA, read as latin-1: plain
    # ASCII is only for serial)
    assert any("\u00da" in r for r in rows), rows
    q.sendkey("down")
    q.sendkey("ret")
    assert booted(q) == cmdline("rescue")


def test_missing_module_falls_back(bzboot, boot_files, booter):
    """Without menu.bzm: one line says so, then boot: (with the
    TIMEOUT), where a label still boots."""
    bare = make(bzboot, boot_files, "test_menu_bare.img", False)
    q = booter.start(bare.path)
    q.wait_for(r"bzboot: module menu\.bzm not found", TIMEOUT,
               fail=COMMAND_LINE)
    q.wait_for(PROMPT, TIMEOUT, fail=COMMAND_LINE)
    q.send("rescue\r")
    assert booted(q) == cmdline("rescue")


def test_default_menu_after_prompt_timeout(bzboot, boot_files, booter):
    """DEFAULT menu.c32 (no UI) under PROMPT 1: boot: first, and its
    TIMEOUT runs the DEFAULT, the menu (as ldlinux does), not the label
    the menu starts on."""
    cfg = CFG.replace("UI menu.c32\nPROMPT 0\nTIMEOUT 50\n"
                      "DEFAULT linux\n",
                      "PROMPT 1\nTIMEOUT 20\nDEFAULT menu.c32\n")
    assert cfg != CFG
    img = make(bzboot, boot_files, "test_menu_prompt.img", True, cfg)
    q = booter.start(img.path, "prompt")
    q.wait_for(PROMPT, TIMEOUT, fail=COMMAND_LINE)
    q.wait_for(TITLE, TIMEOUT, fail=COMMAND_LINE)
    q.send(DOWN + "\r")
    assert booted(q) == cmdline("rescue")
