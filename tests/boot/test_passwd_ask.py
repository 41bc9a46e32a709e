# SPDX-License-Identifier: BSD-2-Clause
"""MENU PASSWD and MENU MASTER PASSWD asked at boot: stage2 loads the
passwd module (build/modules/passwd.bzm in /boot/bzboot/) and asks
"Password: "; the right password (the entry's, its submenu's, or the
master password where menu.c32 accepts it) boots, a wrong one or Esc
never does. Without a good module, what a password guards is refused
with one line. Hashes are made at test time with mkpasswd."""

import os
import struct
import subprocess
import time

import pytest

import artifacts
import bzimg
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT

pytestmark = pytest.mark.bzboot

APPEND = "console=ttyS0 bz.test=passwd"
PASSWORD = r"Password: "
WRONG = r"(?m)^bzboot: wrong password\.\r?\n"


def mkpasswd(method, salt, pw):
    return subprocess.run(["mkpasswd", "-m", method, "-S", salt, pw],
                          check=True, capture_output=True,
                          text=True).stdout.strip()


def config():
    """Protected entries of each form, a protected submenu, an open entry
    and a master password."""
    md5 = mkpasswd("md5crypt", "abcdefgh", "md5pw")
    sha512 = mkpasswd("sha-512", "abcdefghijkl", "sha512pw")
    master = mkpasswd("sha-512", "masterzsalt1", "masterpw")
    sub = mkpasswd("md5crypt", "subsalt1", "subpw")
    entry = ("LABEL %s\n  MENU PASSWD %s\n  LINUX /vmlinuz\n"
             "  INITRD /initrd.img\n  APPEND " + APPEND + "\n")
    # ONERROR would boot "open <line>": it must not run after a refusal
    return ("UI menu.c32\nSERIAL 0 115200\nPROMPT 1\nDEFAULT open\n"
            "ONERROR open\n"
            "MENU MASTER PASSWD %s\n" % master +
            entry % ("plain", "plain pw") +
            entry % ("md5", md5) +
            entry % ("sha512", sha512) +
            "MENU BEGIN expert\n  MENU PASSWD %s\n" % sub +
            "  LABEL expert\n    LINUX /vmlinuz\n    INITRD /initrd.img\n"
            "    APPEND " + APPEND + "\nMENU END\n"
            "LABEL open\n  LINUX /vmlinuz\n  INITRD /initrd.img\n"
            "  APPEND " + APPEND + "\n")


def make(bzboot, boot_files, name, modules):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    disk = bzimg.bzboot_disk(os.path.join(artifacts.IMAGES, name), bzboot,
                             boot_files, 32, 2048, config())
    if modules:
        # passwd only: with menu.bzm the UI line would run the menu
        # (tests/boot/test_menu.py asks its passwords)
        bzimg.copy_modules(disk, artifacts.MODULES, names=["passwd"])
    return disk


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    return make(bzboot, boot_files, "test_passwd_ask.img", True)


def ask(q, line, password):
    """Type `line`, wait for the password prompt, type `password`."""
    q.send(line + "\r")
    q.wait_for(PASSWORD, PROMPT_TIMEOUT, fail=BOOTED)
    q.send(password + "\r")


def refused(q, line, password, message=WRONG):
    ask(q, line, password)
    q.wait_for(message, PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)


@pytest.mark.parametrize("line,password,extra", [
    ("plain", "plain pw", ""),
    ("md5", "md5pw", ""),
    ("sha512", "sha512pw", ""),
    ("expert", "subpw", ""),            # a protected submenu's label
    ("md5", "masterpw", ""),            # the master password opens it too
    ("open quiet", "masterpw", "quiet"),  # an edited line: master only
])
def test_right_password_boots(disk, booter, line, password, extra):
    q = booter.start(disk.path, line.replace(" ", "_"))
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    ask(q, line, password)
    q.wait_for(r"\*{%d}" % len(password), PROMPT_TIMEOUT, fail=BOOTED)
    rep = booter.wait_marker(q)
    want = artifacts.expected_cmdline("/vmlinuz", APPEND, "/initrd.img")
    assert rep.cmdline == (want + " " + extra if extra else want)


def test_wrong_passwords_never_boot(disk, booter):
    """Each wrong answer says so and returns to the prompt; an entry's own
    password does not open an edited line (master only); Esc cancels;
    Backspace edits; then the open label still boots."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    refused(q, "plain", "plain")
    refused(q, "md5", "md5pW")
    refused(q, "sha512", "md5pw")
    refused(q, "expert", "sha512pw")
    refused(q, "md5 single", "md5pw")  # editing: the master password only
    refused(q, "/vmlinuz", "subpw")    # a free command line: likewise
    # Esc at the password prompt: back to boot:, nothing printed, no boot
    q.send("sha512\r")
    q.wait_for(PASSWORD, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("sha512pw\x1b")
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED + "|wrong password")
    # Backspace: "plain pwx" then one Backspace is the right password
    ask(q, "plain", "plain pwx\x7f")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", APPEND,
                                                     "/initrd.img")


def module_bytes():
    with open(os.path.join(artifacts.MODULES, "passwd.bzm"), "rb") as f:
        return bytearray(f.read())


def refix_checksum(img):
    """Seal again as tools/seal-module.c does: the word sum is zero."""
    struct.pack_into("<I", img, 0x0C, 0)
    total = sum(struct.unpack_from("<%dI" % (len(img) // 4), img))
    struct.pack_into("<I", img, 0x0C, (-total) & 0xFFFFFFFF)
    return img


def other_build():
    img = module_bytes()
    ident, = struct.unpack_from("<I", img, 0x10)
    struct.pack_into("<I", img, 0x10, ident ^ 0x00010000)
    return refix_checksum(img)


def flipped():
    img = module_bytes()
    img[len(img) // 2] ^= 0x20
    return img


@pytest.mark.parametrize("module,message", [
    (None, r"bzboot: module passwd\.bzm not found in /boot/bzboot/ or /: "
     r"run bzboot install \(it writes the modules\) or copy "
     r"build/modules/passwd\.bzm to /boot/bzboot/\."),
    (other_build, r"bzboot: /boot/bzboot/passwd\.bzm: built for another "
     r"bzboot build: copy build/modules/passwd\.bzm"),
    (flipped, r"bzboot: /boot/bzboot/passwd\.bzm: checksum mismatch: the "
     r"file is damaged: copy build/modules/passwd\.bzm"),
], ids=["missing", "other-build", "flipped-byte"])
def test_bad_module_refuses(bzboot, boot_files, booter, module, message):
    """Without a good module nothing a password guards boots: one line,
    the prompt again, and the open label still boots."""
    tag = module.__name__ if module else "missing"
    bare = make(bzboot, boot_files, "test_passwd_ask_%s.img" % tag, False)
    if module is not None:
        bzimg.write_file(bare.path, bare.start, "/boot/bzboot/passwd.bzm",
                         bytes(module()))
    q = booter.start(bare.path, tag)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    for line in ("plain", "md5", "expert", "open single"):
        q.send(line + "\r")
        q.wait_for(r"(?m)^" + message, PROMPT_TIMEOUT, fail=BOOTED)
        q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("open\r")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", APPEND,
                                                     "/initrd.img")


def last_row(q, want, timeout=20.0):
    """Wait until the last non-blank row of the VGA text page is `want`."""
    deadline = time.monotonic() + timeout
    while True:
        rows = [r for r in q.screen() if r.strip()]
        if rows and rows[-1] == want:
            return
        assert time.monotonic() < deadline, "\n".join(rows)
        time.sleep(0.2)


def test_keyboard_password(disk, booter):
    """On the PS/2 keyboard (INT 16h): the screen shows the prompt and a
    '*' per key, never the password; a wrong one is refused on the
    screen too, Backspace edits, and the right one boots."""
    q = booter.start(disk.path, qmp=True)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.type_keys("md5\r")
    q.wait_for(PASSWORD, PROMPT_TIMEOUT, fail=BOOTED)
    q.type_keys("md5px\r")
    q.wait_for(WRONG, PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    rows = q.screen()
    assert "Password: *****" in rows and "bzboot: wrong password." in rows, \
        rows
    assert not any("md5p" in r for r in rows), rows
    q.type_keys("md5\r")
    q.wait_for(PASSWORD, PROMPT_TIMEOUT, fail=BOOTED)
    q.type_keys("md5pwx")
    q.sendkey("backspace")
    last_row(q, "Password: *****")  # 6 keys, one taken back
    q.sendkey("ret")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", APPEND,
                                                     "/initrd.img")
