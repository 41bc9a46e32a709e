# SPDX-License-Identifier: BSD-2-Clause
# A SYSLINUX user's config boots unchanged with bzboot: the same disk, the
# same config file, booted by SYSLINUX 6.04 and by bzboot, must agree.
"""SYSLINUX configs under bzboot, with SYSLINUX as the live reference.

Every disk here has both loaders installed on the same files: SYSLINUX's
VBR and ldlinux in the FAT, bzboot's MBR code and stage2 in the gap. The
".syslinux" copy gets SYSLINUX's MBR code back and boots SYSLINUX; the
other boots bzboot. Configs carry "SERIAL 0 115200" so SYSLINUX talks on
COM1 (bzboot always does). /proc/cmdline and the marker must match.
A test marked xfail with a "BUG:" reason documents a stage2 defect; it is
strict, so a fix shows up as XPASS and the marker must go, and it expects
BzbootBug only, so a SYSLINUX or harness failure still fails.
"""

import os
import re
import shutil
from dataclasses import dataclass

import pytest

import artifacts
import bzimg
import qemu

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

# At the start of a line, so "bzboot: " is not taken for the prompt.
PROMPT = r"(?m)^boot: "
PROMPT_TIMEOUT = 60.0
# Both loaders print "Loading <kernel>" when they start loading; a prompt
# coming back instead means the boot failed (the log tail says why).
LOADING = r"(?m)^Loading "


class BzbootBug(AssertionError):
    """bzboot, not SYSLINUX or the harness, did the wrong thing: the only
    failure an xfail "BUG:" marker here accepts."""


@dataclass(frozen=True)
class Pair:
    """One disk, twice: `bzboot` boots bzboot, `syslinux` SYSLINUX."""
    bzboot: str
    syslinux: str


def dual_disk(name, files, configs, syslinux_dir=None, kernel="/vmlinuz",
              initrd="/initrd.img", fat=32, size_mib=64, disk=None):
    """build/test-images/<name>.img with SYSLINUX (installed in
    `syslinux_dir`, default the root) and bzboot, the kernel and initrd at
    `kernel` and `initrd` (None: no kernel), and `configs` ({path: text}).
    `disk`: a function making the bzimg.Disk at a path (e.g. with
    make_two_partitions), instead of make_disk's one FAT`fat` partition.
    Returns a Pair; the SYSLINUX copy differs only in the MBR's code."""
    artifacts.skip_unless_bzboot()
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    path = os.path.join(artifacts.IMAGES, name + ".img")
    d = disk(path) if disk else bzimg.make_disk(path, fat=fat,
                                                size_mib=size_mib)
    bzimg.install_syslinux(d, directory=syslinux_dir)
    bzimg.bzboot_install(artifacts.BZBOOT, d.path)
    if kernel:
        bzimg.copy_in(d.path, d.start, files.kernel, kernel)
        bzimg.copy_in(d.path, d.start, files.initrd, initrd)
    for cfg_path, text in configs.items():
        bzimg.write_file(d.path, d.start, cfg_path, text)
    ref = os.path.join(artifacts.IMAGES, name + ".syslinux.img")
    shutil.copyfile(path, ref)
    bzimg.write_mbr_code(ref)
    return Pair(bzboot=path, syslinux=ref)


def module_files(syslinux, bzboot, syslinux_dir="/boot/syslinux"):
    """{path: bytes} for dual_disk: SYSLINUX's own .c32 modules (names in
    `syslinux`, from Debian's syslinux-common) in `syslinux_dir`, and
    bzboot's modules (names in `bzboot`) in /boot/bzboot, as
    docs/install.md asks; the same files on both copies of the disk."""
    files = {}
    for module in syslinux:
        src = os.path.join("/usr/lib/syslinux/modules/bios", module)
        if not os.path.exists(src):
            pytest.skip(f"{src} is missing: apt-get install syslinux-common")
        with open(src, "rb") as f:
            files[syslinux_dir + "/" + module] = f.read()
    for module in bzboot:
        with open(os.path.join(artifacts.MODULES, module + ".bzm"),
                  "rb") as f:
            files["/boot/bzboot/%s.bzm" % module] = f.read()
    return files


def boot(booter, img, tag, keys=None, prompt=True):
    """Boot `img` to the marker. With `prompt`, wait for "boot: " and type
    `keys` (None: type nothing). Returns (report, seconds from the prompt
    to the "Loading" line, or None without a prompt)."""
    q = booter.start(img, tag)
    shown = None
    if prompt:
        q.wait_for(PROMPT, PROMPT_TIMEOUT)
        shown = q.elapsed()
        if keys is not None:
            q.send(keys)
    q.wait_for(LOADING, PROMPT_TIMEOUT, fail=PROMPT)
    waited = q.elapsed() - shown if shown is not None else None
    return booter.wait_marker(q), waited


def both(booter, pair, **kw):
    """Boot SYSLINUX, then bzboot, the same way; return both results."""
    return (boot(booter, pair.syslinux, "syslinux", **kw),
            boot(booter, pair.bzboot, "bzboot", **kw))


# --- (a) /boot/syslinux/syslinux.cfg with names relative to it -----------

# SYSLINUX's working directory is the config file's directory
# (core/fs/lib/loadconfig.c: "If found, set the current working directory
# to match"; doc/syslinux-cli.txt, WORKING DIRECTORY), so Arch-style
# "../vmlinuz" in /boot/syslinux/syslinux.cfg is /boot/vmlinuz.
RELATIVE_CFG = """\
SERIAL 0 115200
DEFAULT arch
PROMPT 0
TIMEOUT 0

LABEL arch
    LINUX ../vmlinuz
    APPEND console=ttyS0 bz.test=relative
    INITRD ../initrd.img
"""


def test_relative_paths_in_boot_syslinux(boot_files, booter):
    """The config at /boot/syslinux/syslinux.cfg, the kernel and initrd
    in /boot, named relative to the config's directory; no key typed."""
    pair = dual_disk("test_config_compat-relative", boot_files,
                     {"/boot/syslinux/syslinux.cfg": RELATIVE_CFG},
                     syslinux_dir="/boot/syslinux", kernel="/boot/vmlinuz",
                     initrd="/boot/initrd.img")
    (ref, _), (got, _) = both(booter, pair, prompt=False)
    # SYSLINUX passes the names as written.
    assert ref.cmdline == artifacts.expected_cmdline(
        "../vmlinuz", "console=ttyS0 bz.test=relative", "../initrd.img")
    assert got.cmdline == ref.cmdline
    assert got.ramdisk_size() == ref.ramdisk_size() == \
        os.path.getsize(boot_files.initrd)


# --- (b)-(e): one extlinux.conf written for a menu ------------------------

# menu.c32 is not on the disk and there is no UI line: SYSLINUX's plain
# prompt reads this file and ignores MENU lines and the TEXT HELP block
# (whose "LINUX /wrong" must not be taken for a directive).
EXTLINUX_CONF = """\
# /extlinux.conf, as written for a menu
SERIAL 0 115200
PROMPT 1
TIMEOUT 10
MENU TITLE Boot menu
MENU COLOR sel 7;37;40 #e0ffffff #20ffffff all
APPEND console=ttyS0 bz.test=global
DEFAULT linux

LABEL first
\tMENU LABEL ^First (own APPEND)
\tMENU DEFAULT
\tLINUX /vmlinuz
\tINITRD /initrd.img
\tAPPEND console=ttyS0 bz.test=first
\tTEXT HELP
\t  Help for the first entry.
\t  LINUX /wrong
\tENDTEXT

MENU SEPARATOR

LABEL linux
\tMENU LABEL ^Linux (global APPEND)
\tLINUX /vmlinuz
\tINITRD /initrd.img
"""
GLOBAL = artifacts.expected_cmdline(
    "/vmlinuz", "console=ttyS0 bz.test=global", "/initrd.img")
FIRST = artifacts.expected_cmdline(
    "/vmlinuz", "console=ttyS0 bz.test=first", "/initrd.img")


@pytest.fixture(scope="module")
def extlinux(boot_files):
    return dual_disk("test_config_compat-extlinux", boot_files,
                     {"/extlinux.conf": EXTLINUX_CONF})


def test_extlinux_default_gets_global_append(extlinux, booter):
    """Enter on an empty line boots DEFAULT (a label; MENU DEFAULT on
    another label does not count without a menu), and that label, having
    no APPEND, gets the global one."""
    (ref, _), (got, _) = both(booter, extlinux, keys="\r")
    assert ref.cmdline == GLOBAL
    assert got.cmdline == ref.cmdline


def test_timeout_boots_default(extlinux, booter):
    """PROMPT 1, TIMEOUT 10, nothing typed: the default boots about one
    second after the prompt, as with SYSLINUX."""
    (ref, ref_wait), (got, wait) = both(booter, extlinux)
    assert ref.cmdline == GLOBAL
    assert got.cmdline == ref.cmdline
    # 1.0 s nominal; BIOS ticks are 55 ms and TCG adds some slack.
    assert 0.8 <= ref_wait <= 3.0, "SYSLINUX waited %.2f s" % ref_wait
    assert 0.8 <= wait <= 3.0, "bzboot waited %.2f s" % wait


def test_typed_arguments_follow(extlinux, booter):
    """A label with its own APPEND (and a TEXT HELP block that must be
    skipped), typed extra words: they end /proc/cmdline, after initrd=."""
    typed = "first extra=1 bz.more=two"
    (ref, _), (got, _) = both(booter, extlinux, keys=typed + "\r")
    assert ref.cmdline == FIRST + " extra=1 bz.more=two"
    assert got.cmdline == ref.cmdline


def test_prompt_editing(extlinux, booter):
    """Ctrl-U erases the line; DEL (0x7F, what serial terminals send) and
    Backspace (0x08) erase one character each."""
    keys = "junk words\x15linuxx\x7f bz.bs=okk\x08\r"
    (ref, _), (got, _) = both(booter, extlinux, keys=keys)
    assert ref.cmdline == GLOBAL + " bz.bs=ok"
    assert got.cmdline == ref.cmdline


# --- where the config file is found ----------------------------------------

# SYSLINUX 6 looks in its install directory, then /boot/syslinux,
# /syslinux and /, for extlinux.conf and then syslinux.cfg in each
# (core/fs/lib/loadconfig.c). Installed in / here, so / comes first.
# Each config's only label names a kernel that is not there: the name in
# the "not found" message tells which file was read; no kernel is booted.
PLACES = {
    "boot-syslinux-cfg": ["/boot/syslinux/syslinux.cfg"],
    "boot-syslinux-extlinux": ["/boot/syslinux/extlinux.conf"],
    "syslinux-cfg": ["/syslinux/syslinux.cfg"],
    "syslinux-extlinux": ["/syslinux/extlinux.conf"],
    "root-cfg": ["/syslinux.cfg"],
    "root-extlinux": ["/extlinux.conf"],
    # Both in one directory: extlinux.conf wins.
    "boot-syslinux-both": ["/boot/syslinux/extlinux.conf",
                           "/boot/syslinux/syslinux.cfg"],
    "root-both": ["/extlinux.conf", "/syslinux.cfg"],
}


def _tag(path):
    return re.sub(r"[^a-z]+", "-", path.strip("/"))


@pytest.mark.parametrize("case", [
    "boot-syslinux-cfg",
    "boot-syslinux-extlinux",
    "syslinux-cfg",
    "syslinux-extlinux",
    "root-cfg",
    "root-extlinux",
    "boot-syslinux-both",
    "root-both",
])
def test_config_search(case, boot_files, booter):
    paths = PLACES[case]
    configs = {p: "SERIAL 0 115200\nPROMPT 1\nDEFAULT x\nLABEL x\n"
               "  LINUX /from-%s\n" % _tag(p) for p in paths}
    want = "/from-" + _tag(paths[0])
    pair = dual_disk("test_config_compat-search-" + case, boot_files,
                     configs, kernel=None, fat=16, size_mib=16)
    for img, tag in ((pair.syslinux, "syslinux"), (pair.bzboot, "bzboot")):
        fault = BzbootBug if tag == "bzboot" else AssertionError
        q = booter.start(img, tag)
        try:
            q.wait_for(PROMPT, PROMPT_TIMEOUT)
            q.send("x\r")
            # The prompt coming back first: no config file was read.
            m = q.wait_for(r"(/from-[a-z-]+)[^a-z-]", PROMPT_TIMEOUT,
                           fail=PROMPT)
        except qemu.BootError as e:
            raise fault("%s: %s" % (tag, e)) from e
        finally:
            q.close()
        if m.group(1) != want:
            raise fault("%s read the config naming %s, not %s" % (
                tag, m.group(1), want))
