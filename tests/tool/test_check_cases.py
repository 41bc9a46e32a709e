# SPDX-License-Identifier: BSD-2-Clause
# bzboot check, the cases around the test system of test_check.py: which
# volume and config it finds (MBR, GPT, superfloppy, the installed
# partition, the search order), the branches of ifcpu64.c32 and its kin,
# the modules, what fails without a config, and its usage. Host only.
"""bzboot check: volumes, branches, modules, usage."""

import shutil

import pytest

from checkkit import kernel  # noqa: F401 (a fixture)
from checkkit import (INITRD, KSIZE, MODULES, NOT_FOUND, RSIZE, START,
                      check_tree, lines, make_image, modules)
from installkit import SECTOR, run, sh


def test_all_good_exits_0(bzboot, kernel, tmp_path):
    cfg = ("DEFAULT linux\nLABEL linux\n  KERNEL /vmlinuz\n"
           "  APPEND root=/dev/sda1\n  INITRD /initrd.img\n"
           "LABEL hd\n  LOCALBOOT 0x80\n")
    img = make_image(tmp_path / "good.img", {
        "/syslinux.cfg": cfg.encode(), "/vmlinuz": kernel.read_bytes(),
        "/initrd.img": INITRD.read_bytes(), **modules()})
    res = run(bzboot, "check", img)
    assert res.returncode == 0, res.stdout
    assert lines(res)[2:] == [
        "/syslinux.cfg (directory /):",
        '  ok    linux: /vmlinuz (protocol 2.15), command line '
        '"BOOT_IMAGE=/vmlinuz root=/dev/sda1 initrd=/initrd.img", '
        f"initrd /initrd.img ({RSIZE} bytes)",
        "  other hd: LOCALBOOT 0x80: the boot sector of BIOS drive 0x80",
        "",
        "2 entries: 1 boot Linux, 1 do something else, 0 would fail",
    ]


def test_gpt(bzboot, kernel, tmp_path):
    img = make_image(tmp_path / "gpt.img", {
        "/boot/bzboot/bzboot.cfg": b"LABEL l\n  KERNEL /vmlinuz\n",
        "/vmlinuz": kernel.read_bytes()}, label="gpt")
    res = run(bzboot, "check", img)
    assert res.returncode == 0, res.stdout + res.stderr
    assert lines(res)[0] == f"{img}: partition 1 (GPT, LBA {START}), FAT16"
    assert lines(res)[2:4] == [
        "/boot/bzboot/bzboot.cfg (directory /boot/bzboot):",
        '  ok    l: /vmlinuz (protocol 2.15), command line '
        '"BOOT_IMAGE=/vmlinuz", no initrd']


def test_search_order_and_default(bzboot, kernel, tmp_path):
    """/bzboot.cfg comes before SYSLINUX's names, as in stage2; a DEFAULT
    that names no label is checked as a command line."""
    img = make_image(tmp_path / "order.img", {
        "/bzboot.cfg": b"DEFAULT /vmlinuz quiet\n",
        "/syslinux.cfg": b"DEFAULT /missing\n",
        "/vmlinuz": kernel.read_bytes()})
    res = run(bzboot, "check", img)
    assert res.returncode == 0, res.stdout
    assert lines(res)[2:4] == [
        "/bzboot.cfg (directory /):",
        '  ok    DEFAULT /vmlinuz quiet: /vmlinuz (protocol 2.15), command '
        'line "BOOT_IMAGE=/vmlinuz quiet", no initrd']


def test_no_config(bzboot, tmp_path):
    img = make_image(tmp_path / "empty.img", {"/hello.txt": b"hi\n"},
                     size_mib=20)
    res = run(bzboot, "check", img)
    assert res.returncode == 1
    assert lines(res)[2].startswith("no config file (looked for "
                                    "/bzboot.cfg, /boot/bzboot/bzboot.cfg")


def test_root_does_not_leave_the_tree(bzboot, kernel, tmp_path):
    """FAT's root has no "..": a name above it is not found, even when
    the host has the file there."""
    shutil.copy(kernel, tmp_path / "vmlinuz")
    res = check_tree(bzboot, tmp_path, "LABEL up\n  KERNEL ../vmlinuz\n")
    assert res.returncode == 1
    assert "  FAIL  up: ../vmlinuz: file not found" + NOT_FOUND in lines(res)


@pytest.mark.parametrize("args, message", [
    ((), "check: no IMAGE or CONFIG given"),
    (("--mem", "1", "x.img"), "check: --mem '1': give the RAM in MiB"),
    (("--partition", "0", "x.img"), "--partition '0' is not a partition"),
    (("--root", "/nonexistent-dir", "x.cfg"), "not a directory"),
    (("/nonexistent.img",), "cannot open /nonexistent.img"),
])
def test_usage_and_unreadable(bzboot, args, message):
    res = run(bzboot, "check", *args)
    assert res.returncode == 2
    assert message in res.stderr


def test_image_without_fat(bzboot, tmp_path):
    img = tmp_path / "blank.img"
    sh("truncate", "-s", "4M", img)
    res = run(bzboot, "check", img)
    assert res.returncode == 2
    assert "partition table" in res.stderr


def test_follows_the_installed_partition(bzboot, kernel, tmp_path):
    """Two FAT partitions, the first active: stage2 chooses the first,
    unless bzboot install --partition 2 set its header to the second;
    check follows the stage2 on the disk, and --partition overrides it."""
    img = tmp_path / "two.img"
    sh("truncate", "-s", "40M", img)
    sh("sfdisk", "-q", img, stdin="label: dos\n"
       "start=2048, size=36864, type=e, bootable\n"
       "start=38912, type=e\n")
    for start, size, cfg in ((2048, 36864, "LABEL one\n  KERNEL /k1\n"),
                             (38912, 40960, "LABEL two\n  KERNEL /k2\n")):
        sh("mkfs.fat", "-F", "16", "--offset", start, img,
           size * SECTOR // 1024)
        src = tmp_path / "syslinux.cfg"
        src.write_text(cfg)
        sh("mcopy", "-i", f"{img}@@{start * SECTOR}", src, "::/syslinux.cfg")

    def entry(*args):
        res = run(bzboot, "check", *args, img)
        return [ln for ln in lines(res) if ln.startswith("  FAIL")]

    assert entry() == ["  FAIL  one: /k1: file not found" + NOT_FOUND]
    res = run(bzboot, "install", "--partition", "2", img)
    assert res.returncode == 0, res.stderr
    assert lines(run(bzboot, "check", img))[0] == \
        f"{img}: bzboot's stage2 at LBA 1 boots partition 2"
    assert entry() == ["  FAIL  two: /k2: file not found" + NOT_FOUND]
    assert entry("--partition", "1") == ["  FAIL  one: /k1: file not found" + NOT_FOUND]


def test_nothing_to_boot(bzboot, tmp_path):
    """A config whose INCLUDE is missing and that names nothing else
    boots nothing: that fails too."""
    res = check_tree(bzboot, tmp_path, "PROMPT 0\nINCLUDE menu.cfg\n")
    assert res.returncode == 1
    assert lines(res)[3:] == [
        "  FAIL  (nothing): no LABEL, DEFAULT or ONTIMEOUT: stage2 would "
        "show boot: with nothing to boot",
        "",
        "1 entries: 0 boot Linux, 0 do something else, 1 would fail",
        "",
        "warnings bzboot prints at boot:",
        "  /syslinux.cfg:2: included file not read: menu.cfg: file not "
        "found" + NOT_FOUND,
    ]


def test_superfloppy_broken_chain(bzboot, kernel, tmp_path):
    """A disk that is one FAT volume is that volume; a kernel whose
    directory entry says more than its cluster chain holds fails as
    stage2's read would (fs/ finds the chain's early end)."""
    img = tmp_path / "floppy.img"
    sh("mkfs.fat", "-C", "-F", "16", img, 20000)
    cfg = tmp_path / "syslinux.cfg"
    cfg.write_text("LABEL k\n  KERNEL /vmlinuz\n")
    sh("mcopy", "-i", img, cfg, "::/syslinux.cfg")
    sh("mcopy", "-i", img, kernel, "::/vmlinuz")
    assert run(bzboot, "check", img).returncode == 0
    data = bytearray(img.read_bytes())
    at = data.find(b"VMLINUZ    ")
    assert at > 0
    data[at + 28:at + 32] = (KSIZE + 65536).to_bytes(4, "little")
    img.write_bytes(data)
    res = run(bzboot, "check", img)
    assert res.returncode == 1
    assert lines(res)[0] == f"{img}: one FAT16 volume, no partition table"
    assert lines(res)[3] == "  FAIL  k: /vmlinuz: corrupt filesystem: " \
        "cluster chain ends early. Run fsck.fat on the partition"


def test_branches(bzboot, kernel, tmp_path):
    """ifcpu.c32, whichsys.c32 and ifcpu64.c32 choices: a label is named,
    a command line is checked in brackets (its failure fails the entry),
    an empty one is the DEFAULT, and a loop stops at 8."""
    res = check_tree(
        bzboot, tmp_path,
        "DEFAULT big\n"
        "LABEL big\n  KERNEL /vmlinuz\n"
        "LABEL cpu\n  COM32 ifcpu.c32\n  APPEND pae hvm -- big -- /vmlinuz "
        "small\n"
        "LABEL sys\n  COM32 whichsys.c32\n  APPEND -iso- x -sys- /gone\n"
        "LABEL empty\n  COM32 ifcpu64.c32\n  APPEND -- big\n"
        "LABEL loop\n  COM32 ifcpu64.c32\n  APPEND loop\n"
        "LABEL off\n  COM32 poweroff.c32\n", {"/vmlinuz": kernel})
    assert res.returncode == 1
    out = lines(res)
    ok = '/vmlinuz (protocol 2.15), command line "BOOT_IMAGE=/vmlinuz'
    assert out[3:9] == [
        f'  ok    big: {ok}", no initrd',
        "  other cpu: ifcpu.c32: the CPU has it: label big; lacks it: "
        f'"/vmlinuz small" ({ok} small", no initrd)',
        '  FAIL  sys: whichsys.c32 -sys-: "/gone" (/gone: file not found'
        + NOT_FOUND + ")",
        "  other empty: ifcpu64.c32: 64-bit: label big; PAE: label big; "
        "32-bit: label big",
        "  FAIL  loop: ifcpu64.c32: 64-bit: label loop: 8 branches in a row "
        "(a loop?); PAE: label loop: 8 branches in a row (a loop?); 32-bit: "
        "label loop: 8 branches in a row (a loop?)",
        "  other off: poweroff.c32: powers the machine off",
    ]


def test_modules(bzboot, kernel, tmp_path):
    """What needs a module fails without it, as stage2's module_load()
    says; a damaged module is refused; the menu's falls back to boot:."""
    chain = bytearray((MODULES / "chain.bzm").read_bytes())
    chain[-1] ^= 1
    damaged = tmp_path / "chain.bzm"
    damaged.write_bytes(chain)
    res = check_tree(
        bzboot, tmp_path,
        "UI menu.c32\nLABEL hd\n  LOCALBOOT 0x80\n"
        "LABEL off\n  COM32 reboot.c32\n"
        "LABEL locked\n  KERNEL /vmlinuz\n  MENU PASSWD secret\n",
        {"/vmlinuz": kernel, "/boot/bzboot/chain.bzm": damaged}, mods=False)
    assert res.returncode == 1
    missing = "module {0}.bzm not found in /boot/bzboot/ or /: run bzboot " \
        "install (it writes the modules) or copy build/modules/{0}.bzm " \
        "to /boot/bzboot/"
    out = lines(res)
    assert out[3:6] == [
        "  FAIL  hd: /boot/bzboot/chain.bzm: checksum mismatch: the file is "
        "damaged: copy "
        "build/modules/chain.bzm of the build that made this stage2 "
        "(reinstall both)",
        "  FAIL  off: " + missing.format("c32"),
        "  FAIL  locked: " + missing.format("passwd")]
    assert out[out.index("warnings bzboot prints at boot:") + 1] == \
        "  /syslinux.cfg: " + missing.format("menu")
