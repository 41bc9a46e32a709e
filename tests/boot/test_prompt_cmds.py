# SPDX-License-Identifier: BSD-2-Clause
"""The boot prompt's own commands (the cmds module, beyond SYSLINUX):
ls, cat, info, reboot, poweroff, layout, used only when the word typed is
not a label. One disk with the modules in /boot/bzboot/ and the config in
/boot/syslinux/, so names are relative to that directory."""

import os
import re
import subprocess

import pytest

import artifacts
import bzimg
import qemu
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT

pytestmark = pytest.mark.bzboot

APPEND = "console=ttyS0 bz.test=prompt-cmds"
CFG_DIR = "/boot/syslinux"
# A label named like a command: typing it boots it.
CONFIG = ("SERIAL 0 115200\nPROMPT 1\nDEFAULT linux\n"
          "LABEL linux\n  LINUX /vmlinuz\n  INITRD /initrd.img\n"
          "  APPEND %s\n"
          "LABEL help\n  LINUX /vmlinuz\n  INITRD /initrd.img\n"
          "  APPEND %s bz.label=help\n" % (APPEND, APPEND))
# Text with an escape sequence and a bell that cat must not pass through.
NOTES = (b"first line of the notes\r\n"
         b"escape \x1b[2J and bell \x07 shown safely\n"
         b"last line\n")
LONG = "".join("line %02d of the long file\n" % i for i in range(1, 61))
BANNER = r"(?m)^bzboot \S+\r?$"


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    d = bzimg.make_disk(os.path.join(artifacts.IMAGES,
                                     "test_prompt_cmds.img"))
    bzimg.bzboot_install(bzboot, d.path)
    bzimg.populate(d, boot_files, CFG_DIR + "/syslinux.cfg", CONFIG)
    bzimg.write_file(d.path, d.start, CFG_DIR + "/notes.txt", NOTES)
    bzimg.write_file(d.path, d.start, CFG_DIR + "/sub/A long name.txt",
                     LONG)
    bzimg.write_file(d.path, d.start, CFG_DIR + "/sub/binary.bin",
                     b"text\x00hidden after the NUL\n")
    for i in range(30):
        bzimg.write_file(d.path, d.start, CFG_DIR + "/many/file %02d" % i,
                         "x" * i)
    bzimg.copy_modules(d, artifacts.MODULES)
    return d


def command(q, line, want):
    """Type `line`; wait for each pattern of `want`, then the prompt."""
    q.send(line + "\r")
    for pattern in want:
        q.wait_for(pattern, PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    return q.output


def since(q, mark):
    return q.output[mark:]


def test_ls_cat_info(disk, booter, tmp_path):
    # a second, blank disk for info's list of disks
    blank = tmp_path / "blank.img"
    with open(blank, "wb") as f:
        f.truncate(16 << 20)
    q = booter.start(disk.path, extra_args=[
        "-drive", "file=%s,format=raw,if=ide,index=1,media=disk" % blank])
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)

    # ls: the config's directory, then / and a subdirectory, in
    # directory order, with sizes and a '/' after directories
    mark = len(q.output)
    command(q, "ls", [r"(?m)^ +%d  notes\.txt\r?$" % len(NOTES)])
    out = since(q, mark)
    assert re.search(r"(?m)^ +\d+  syslinux\.cfg\r?$", out), out
    assert re.search(r"(?m)^ +sub/\r?$", out), out
    assert out.index("syslinux.cfg") < out.index("notes.txt") < \
        out.index("sub/"), out
    mark = len(q.output)
    command(q, "ls /", [r"(?m)^ +boot/\r?$"])
    out = since(q, mark)
    assert re.search(r"(?m)^ +\d+  vmlinuz\r?$", out), out
    # the order the files were written in, not sorted
    assert out.index("vmlinuz") < out.index("initrd.img") < \
        out.index("boot/"), out
    command(q, "ls sub", [r"(?m)^ +%d  A long name\.txt\r?$" % len(LONG)])
    command(q, "ls /boot/bzboot/", [r"(?m)^ +\d+  cmds\.bzm\r?$"])
    # a screenful at a time: the 25th row waits for a key
    mark = len(q.output)
    q.send("ls many\r")
    q.wait_for(r"-- more --", PROMPT_TIMEOUT, fail=BOOTED)
    assert re.search(r"(?m)^ +23  file 23\r?$", since(q, mark))
    assert "file 24" not in since(q, mark)
    q.send("q")
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    assert "file 24" not in since(q, mark)
    # errors name the path and say why
    command(q, "ls nope", [r"(?m)^bzboot: /boot/syslinux/nope: "
                           r"file not found"])

    # cat: the text, control characters made visible, CR dropped
    mark = len(q.output)
    command(q, "cat notes.txt", [r"last line"])
    out = since(q, mark)
    assert "first line of the notes\r\n" in out or \
        "first line of the notes\n" in out, out
    assert "escape ^[[2J and bell ^G shown safely" in out, out
    assert "\x1b[2J" not in out and "\x07" not in out, out
    command(q, "cat sub/binary.bin",
            [r"(?m)^bzboot: cat: /boot/syslinux/sub/binary\.bin: stopped "
             r"at a NUL byte"])
    assert "hidden after" not in q.output

    # a screenful at a time: q at "-- more --" stops it
    mark = len(q.output)
    q.send('cat "sub/A long name.txt"\r')
    q.wait_for(r"-- more --", PROMPT_TIMEOUT, fail=BOOTED)
    assert "line 24 of" in since(q, mark)
    assert "line 25 of" not in since(q, mark)
    q.send(" ")
    q.wait_for(r"-- more --", PROMPT_TIMEOUT, fail=BOOTED)
    assert "line 48 of" in since(q, mark)
    assert "line 49 of" not in since(q, mark)
    q.send("q")
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    assert "line 49 of" not in since(q, mark)

    # info: version, volume, the E820 map by name, disks, console
    mark = len(q.output)
    command(q, "info", [r"(?m)^console: serial COM1 at 115200 baud"])
    out = since(q, mark)
    assert re.search(r"(?m)^bzboot \S+\r?$", out), out
    assert re.search(r"(?m)^boot volume: partition 1 \(MBR, LBA 2048, "
                     r"\d+ MiB\), FAT32, \d+-byte clusters, config "
                     r"directory /boot/syslinux\r?$", out), out
    assert re.search(r"(?m)^  0000000000000000-000000000009[0-9a-f]{4}  "
                     r"usable\r?$", out), out
    assert re.search(r"(?m)^  0000000000100000-[0-9a-f]{16}  usable\r?$",
                     out), out
    assert re.search(r"(?m)^  [0-9a-f]{16}-[0-9a-f]{16}  reserved\r?$",
                     out), out
    assert re.search(r"(?m)^low memory: \d+ KiB usable, up to 0x9[0-9a-f]+ "
                     r"\(EBDA at 0x9[0-9a-f]+\); A20 on\r?$", out), out
    assert re.search(r"(?m)^  0x80 \(boot\): EDD \(LBA\), 131072 sectors "
                     r"\(64 MiB\)", out), out
    assert re.search(r"(?m)^  0x81: EDD \(LBA\), 32768 sectors \(16 MiB\)",
                     out), out


def test_label_named_like_command_wins(disk, booter):
    q = booter.start(disk.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("help\r")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline(
        "/vmlinuz", APPEND + " bz.label=help", "/initrd.img")


@pytest.mark.parametrize("line,machine", [
    ("poweroff", None),        # APM: SeaBIOS has it
    ("poweroff -a", None),     # ACPI S5 by hand, i440fx (PIIX4 PM)
    ("poweroff -a", "q35"),    # and ICH9
], ids=["apm", "acpi-i440fx", "acpi-q35"])
def test_poweroff(disk, booter, line, machine):
    q = booter.start(disk.path, line + "-" + str(machine), machine=machine)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send(line + "\r")
    q.wait_for(r"Powering off", PROMPT_TIMEOUT, fail=BOOTED)
    assert q.wait_exit(PROMPT_TIMEOUT) == 0
    assert "bzboot: poweroff:" not in q.output


class RebootingQemu(qemu.Qemu):
    """QEMU that resets on a reboot, as a machine does (-no-reboot would
    end it instead)."""

    def argv(self):
        return [a for a in super().argv() if a != "-no-reboot"]


@pytest.mark.parametrize("line", ["reboot", "reboot -w"])
def test_reboot(disk, booter, monkeypatch, line):
    monkeypatch.setattr(qemu, "Qemu", RebootingQemu)
    q = booter.start(disk.path, line)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send(line + "\r")
    q.wait_for(r"Rebooting \(%s\)" % ("warm" if "-w" in line else "cold"),
               PROMPT_TIMEOUT, fail=BOOTED)
    # the BIOS runs again and loads bzboot again
    q.wait_for(BANNER, PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    assert len(re.findall(BANNER, q.output)) == 2


def test_missing_module(bzboot, booter, tmp_path):
    """Without cmds.bzm: the module loader's line, and the prompt again;
    a label still boots (here: none to boot, so only the message)."""
    d = bzimg.make_disk(str(tmp_path / "bare.img"))
    bzimg.bzboot_install(bzboot, d.path)
    bzimg.write_file(d.path, d.start, "/bzboot.cfg",
                     "SERIAL 0 115200\nPROMPT 1\n")
    q = booter.start(d.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    for line in ("ls", "info"):
        q.send(line + "\r")
        q.wait_for(r"(?m)^bzboot: module cmds\.bzm not found in "
                   r"/boot/bzboot/ or /: run bzboot install \(it writes "
                   r"the modules\) or copy build/modules/cmds\.bzm to "
                   r"/boot/bzboot/\.", PROMPT_TIMEOUT, fail=BOOTED)
        q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)


def test_master_password_guards(bzboot, booter, tmp_path):
    """Under MENU MASTER PASSWD a command is a free command line: cat
    would show the config and its passwords. A wrong password runs
    nothing; the right one runs it."""
    d = bzimg.make_disk(str(tmp_path / "master.img"))
    bzimg.bzboot_install(bzboot, d.path)
    bzimg.write_file(d.path, d.start, "/bzboot.cfg",
                     "SERIAL 0 115200\nPROMPT 1\n"
                     "MENU MASTER PASSWD secret pw\n")
    bzimg.copy_modules(d, artifacts.MODULES)
    q = booter.start(d.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("cat bzboot.cfg\r")
    q.wait_for(r"Password: ", PROMPT_TIMEOUT, fail=BOOTED)
    q.send("wrong\r")
    q.wait_for(r"(?m)^bzboot: wrong password\.", PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    assert "secret pw" not in q.output
    q.send("cat bzboot.cfg\r")
    q.wait_for(r"Password: ", PROMPT_TIMEOUT, fail=BOOTED)
    q.send("secret pw\r")
    q.wait_for(r"MENU MASTER PASSWD secret pw", PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)


BOUNDARY = re.compile(r"^  ([0-9A-F]{8,9})  \+-+\+")
ROW = re.compile(r"^ +\|  (\S.*?) *\|")


def drawing(text):
    """{label: (start, end)} of the drawing's rows, top down (a label
    that holds two runs keeps the lower)."""
    rows, above, label = {}, None, None
    for line in text.splitlines():
        m = BOUNDARY.match(line)
        if m:
            addr = int(m.group(1), 16)
            if label is not None:
                rows[label] = (addr, above)
            above, label = addr, None
            continue
        m = ROW.match(line)
        if m:
            label = m.group(1)
    return rows


def test_layout(disk, booter, bzboot, boot_files):
    """`layout linux` draws what `bzboot inspect` draws for the same
    kernel, initrd size and command line, at the same addresses; the
    initrd sits as far below the end of RAM (the top row, QEMU's E820
    map's, not inspect's) as inspect puts it below its own."""
    cmdline = artifacts.expected_cmdline("/vmlinuz", APPEND, "/initrd.img")
    initrd_size = os.path.getsize(boot_files.initrd)
    ref = subprocess.run(
        [bzboot, "inspect", "--mem", "512", "--initrd", str(initrd_size),
         "--cmdline", cmdline, boot_files.kernel],
        check=True, capture_output=True, text=True).stdout
    want = drawing(ref)
    ref_top = int(re.search(r"(?m)^  ([0-9A-F]+)  \+-+\+  end of RAM",
                            ref).group(1), 16)

    q = booter.start(disk.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    mark = len(q.output)
    command(q, "layout linux", [r"\|  bzboot, BIOS data"])
    out = since(q, mark)
    assert re.search(r"(?m)^linux: /vmlinuz, boot protocol 2\.\d\d, "
                     r"command line %d characters\r?$" % len(cmdline),
                     out), out
    got = drawing(out)
    top = int(re.search(r"(?m)^  ([0-9A-F]+)  \+-+\+  end of RAM",
                        out).group(1), 16)
    for label in ("kernel boot sector", "kernel setup", "stack / heap",
                  "command line", "protected-mode kernel",
                  "kernel runtime", "bzboot, BIOS data"):
        assert got.get(label) == want[label], (label, out, ref)
    start, end = got["initrd"]
    assert end - start == want["initrd"][1] - want["initrd"][0], out
    assert top - start == ref_top - want["initrd"][0], (out, ref)
    # the map's reserved ranges by their E820 names
    assert "|  reserved " in out, out

    # the default line, when no label is given: the same drawing
    mark = len(q.output)
    command(q, "layout", [r"\|  bzboot, BIOS data"])
    assert drawing(since(q, mark)) == got

    # no such label: one line saying so, and the prompt again
    mark = len(q.output)
    command(q, "layout nosuchlabel",
            [r"(?m)^bzboot: layout: nosuchlabel: no such label"])
    assert "|  " not in since(q, mark)
