# SPDX-License-Identifier: BSD-2-Clause
# SAY and DISPLAY files on the serial console, bzboot against SYSLINUX 6.04
# booting the same disk.
"""SAY lines and DISPLAY files (control codes, colours, mode filters).

One config at /boot/syslinux/syslinux.cfg says a line, shows two DISPLAY
files named relative to it and one that is missing, and says another
line. bzboot's COM1 bytes up to "boot:" are checked exactly. SYSLINUX
6.04 shows parse-time text on the screen only (see the test), so its F1
output of the same file at its prompt is what bzboot's DISPLAY is
compared with, rendered (colours, clears); the differences are pinned
in the test with their reason.
"""

import os
import re

import pytest

from test_config_compat import PROMPT, PROMPT_TIMEOUT, dual_disk

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

CFG = """\
SERIAL 0 115200
SAY say-first line
DISPLAY boot.msg
DISPLAY missing.msg
DISPLAY ff.msg
SAY say-last
F1 boot.msg
PROMPT 1
TIMEOUT 0
DEFAULT linux
LABEL linux
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND console=ttyS0 bz.test=display
"""

# ^O1f ^L: clear to bright white on blue; ^O1e: bright yellow on blue;
# ^X: an LSS16 image that is not there, its name line skipped; ^Q: text
# screen only; ^T: serial only (raw); ^W: all again; ^Z ends the file.
# DOS line ends.
BOOT_MSG = (b"\x0f1f\x0cCLEARED\x0f07\r\n"
            b"\x0f1eCOLOUR\x0f07 plain\r\n"
            b"\x18nosuch.lss\r\n"
            b"\x11TEXT-ONLY\x14SERIAL-ONLY\n\x17"
            b"\x0f4aALL\x0f07\r\n"
            b"\x1aAFTER-EOF\r\n")
# SYSLINUX reads the file into a signed char: 0xFF is taken for EOF.
FF_MSG = b"FF-BEFORE\xffFF-AFTER\r\n"

# What bzboot sends, byte for byte, from the first SAY to the last.
BZBOOT_BYTES = (
    "say-first line\r\n"
    "\x1b[1;37m\x1b[44m\x1b[2J\x1b[H\x1b[0m"
    "\x1b[1;37m\x1b[44mCLEARED"
    "\x1b[0m\x1b[37m\x1b[40m\r\n"
    "\x1b[0m\x1b[1;33m\x1b[44mCOLOUR"
    "\x1b[0m\x1b[37m\x1b[40m plain\r\n"
    "\x1b[0mSERIAL-ONLY\r\n"
    "\x1b[1;32m\x1b[41mALL"
    "\x1b[0m\x1b[37m\x1b[40m\r\n\x1b[0m"
    "bzboot: DISPLAY file /boot/syslinux/missing.msg not found; nothing "
    "shown.\r\n"
    "\x1b[37m\x1b[40mFF-BEFORE\x1b[0m"
    "say-last\r\n")

# The same rendered: {attribute} before each change, <CLS attribute>.
RENDERED = (
    "say-first line\n"
    "<CLS 1;37/44><HOME>{1;37/44}CLEARED\n"
    "{1;33/44}COLOUR{37/40} plain\n"
    "{-}SERIAL-ONLY\n"
    "{1;32/41}ALL\n"
    "{-}bzboot: DISPLAY file /boot/syslinux/missing.msg not found; nothing "
    "shown.\n"
    "{37/40}FF-BEFORE{-}say-last\n")

# The VGA text page at "boot:": rows as (text, attribute of each cell).
# After the ^L every cell is 1F; bzboot's own text (the teletype) keeps
# the colour of the cell it writes over.
SCREEN = [
    ("CLEARED", "1F" * 7),
    ("COLOUR plain", "1E" * 6 + "07" * 6),
    ("TEXT-ONLYALL", "07" * 9 + "4A" * 3),
    ("bzboot: DISPLAY file", "1F" * 20),
    ("FF-BEFOREsay-last", "07" * 9 + "1F" * 8),
    ("boot: ", "1F" * 6),
]
# SYSLINUX's page: the same rows from the file; its own text is written
# in grey on black (pinned difference 5 below).
SYSLINUX_SCREEN = SCREEN[:3] + [
    ("FF-BEFOREsay-last", "07" * 17),
    ("boot: ", "07" * 6),
]


def check_screen(q, rows):
    """The VGA text page (QMP pmemsave of 0xB8000) starts with `rows`, and
    the ^L filled row 0 to its end."""
    page = os.path.splitext(q.log_path)[0] + ".vga"
    q.qmp("pmemsave", val=0xB8000, size=80 * 25 * 2, filename=page)
    with open(page, "rb") as f:
        vga = f.read()
    for row, (want, attrs) in enumerate(rows):
        cells = vga[row * 160:row * 160 + 2 * len(want)]
        assert cells[0::2].decode("latin-1") == want, "row %d" % row
        assert cells[1::2].hex().upper() == attrs, "row %d" % row
    assert vga[159] == 0x1F


def render(raw):
    """The text of an ANSI stream with its colours: "{bold;fg/bg}" before
    text drawn in another colour than the text before it, "{-}" for the
    terminal's default, "<CLS ...>" and "<HOME>" for ESC[2J and ESC[H.
    CR is dropped and LF is a new line, so only what shows is compared."""
    out, shown = [], "-"
    fg = bg = None
    bold = blink = False
    i = 0
    while i < len(raw):
        c = raw[i]
        m = re.match(r"\x1b\[([0-9;]*)([A-Za-z])", raw[i:])
        if m:
            i += m.end()
            if m.group(2) == "m":
                for p in (m.group(1) or "0").split(";"):
                    n = int(p or "0")
                    if n == 0:
                        fg = bg = None
                        bold = blink = False
                    elif n == 1:
                        bold = True
                    elif n == 5:
                        blink = True
                    elif 30 <= n <= 37:
                        fg = n
                    elif 40 <= n <= 47:
                        bg = n
            elif m.group(2) == "J":
                out.append("<CLS %s>" % attr(fg, bg, bold, blink))
            elif m.group(2) == "H":
                out.append("<HOME>")
            continue
        i += 1
        if c == "\r":
            continue
        if c != "\n":
            now = attr(fg, bg, bold, blink)
            if now != shown:
                out.append("{%s}" % now)
                shown = now
        out.append(c)
    return "".join(out)


def attr(fg, bg, bold, blink):
    if fg is None and bg is None and not bold and not blink:
        return "-"
    return "%s%s%s/%s" % ("1;" if bold else "", fg, "" if not blink else
                          ";5", bg)


def test_say_and_display(boot_files, booter):
    """bzboot at "boot:": SAY and DISPLAY, byte for byte; then SYSLINUX on
    the same disk: its F1 (the same file) rendered as bzboot's DISPLAY."""
    pair = dual_disk(
        "test_display", boot_files,
        {"/boot/syslinux/syslinux.cfg": CFG,
         "/boot/syslinux/boot.msg": BOOT_MSG,
         "/boot/syslinux/ff.msg": FF_MSG},
        syslinux_dir="/boot/syslinux")
    q = booter.start(pair.bzboot, "bzboot", qmp=True)
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    text = q.output
    check_screen(q, SCREEN)
    # F1 at the prompt shows the file again and then the prompt: the key
    # as a VT100 sends it on serial, then pressed on the keyboard (INT 16h),
    # then as Ctrl-F 1 (SYSLINUX's way on a terminal without F-keys).
    fkeys = []
    for press in (lambda: q.send("\x1bOP"), lambda: q.sendkey("f1"),
                  lambda: q.send("\x06" "1")):
        before = len(q.output)
        press()
        q.wait_for(PROMPT, PROMPT_TIMEOUT)
        fkeys.append(q.output[before:])
    q.close()
    got = text[text.index("say-first line"):]
    got = got[:got.index("say-last\r\n") + len("say-last\r\n")]
    assert got == BZBOOT_BYTES
    assert render(got) == RENDERED

    q = booter.start(pair.syslinux, "syslinux", qmp=True)
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    parsed = q.output
    check_screen(q, SYSLINUX_SCREEN)
    q.send("\x1bOP")  # F1, as a VT100 sends it
    q.wait_for(r"\x1b\[\?25l", PROMPT_TIMEOUT)  # the prompt's redraw
    ref = q.output[len(parsed):]
    q.close()

    # Pinned differences, each with its reason:
    # 1. SYSLINUX 6.04 sets up its serial console for printf only after
    #    the whole config is parsed (ldlinux.c main(): parse_configs(),
    #    then __syslinux_set_serial_console_info()), so while parsing only
    #    its raw path reaches COM1: SAY text and DISPLAY text shown on the
    #    screen never do, a ^T stretch does (with a bare LF). bzboot
    #    shows both consoles the same, as SYSLINUX does for F-key files.
    assert "say-first" not in parsed and "COLOUR" not in parsed
    assert "SERIAL-ONLY\n" in parsed
    # 2. A ^T stretch goes out through SYSLINUX's raw write_serial, which
    #    leaves LF bare; bzboot sends CR LF, so the terminal does not
    #    stair-step.
    assert "SERIAL-ONLY\n" in ref and "SERIAL-ONLY\r\n" not in ref
    # 3. A missing DISPLAY file: SYSLINUX says nothing (doc/syslinux.txt:
    #    "simply ignored"); bzboot names the file in one line.
    assert "missing" not in parsed
    # 4. SYSLINUX repeats the colour around every character; bzboot sends
    #    it when it changes. The terminal shows the same:
    ref = ref[ref.index("\r\n") + 2:ref.index("\x1b[?25l")]
    mine = got[got.index("\x1b"):got.index("bzboot: DISPLAY")]
    assert render(ref) == render(mine) == (
        "<CLS 1;37/44><HOME>{1;37/44}CLEARED\n"
        "{1;33/44}COLOUR{37/40} plain\n"
        "{-}SERIAL-ONLY\n"
        "{1;32/41}ALL\n")
    # bzboot's F1, from either keyboard, is SYSLINUX's F1.
    for f1 in fkeys:
        f1 = f1[f1.index("\x1b"):f1.rindex("boot: ")]
        assert render(f1).startswith(render(ref)), render(f1)
    # 5. On the screen SYSLINUX writes its own later text in grey on
    #    black over the ^L's colour; bzboot's teletype keeps the colour
    #    of each cell it writes (SCREEN against SYSLINUX_SCREEN).
    # Nothing after ^Z or 0xFF, no image name, no text-screen-only text.
    for hidden in ("AFTER-EOF", "FF-AFTER", "nosuch", "TEXT-ONLY"):
        assert hidden not in ref and hidden not in got
