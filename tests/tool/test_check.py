# SPDX-License-Identifier: BSD-2-Clause
# bzboot check on one test system, as a disk image and as a --root tree:
# every entry's line (what boots, or why stage2 would fail), the warnings
# and the exit status; the good entries boot the real Debian kernel. The
# other cases are in test_check_cases.py. Host only.
"""bzboot check: a config's entries checked against the files they name."""

import pytest

from checkkit import kernel  # noqa: F401 (a fixture)
from checkkit import (INITRD, NOT_FOUND, RSIZE, START, check_tree, lines,
                      make_image, modules, write_tree)
from installkit import run

# A config in the shape of the installers' and live systems' menus: UI
# menu.c32, a submenu with a way back, INCLUDEs (one missing), a CONFIG
# switch with a new directory, ifcpu64.c32, chain.c32 and LOCALBOOT, a
# module bzboot does not run, and the failures check must name.
MAIN_CFG = """\
# bzboot check test menu
UI menu.c32
DEFAULT live
PROMPT 0
TIMEOUT 50
MENU TITLE Test live system
FROBNICATE yes
LABEL live
  MENU LABEL ^Live system
  KERNEL vmlinuz
  APPEND boot=live quiet
  INITRD initrd.img
LABEL auto
  MENU LABEL ^Automatic
  COM32 ifcpu64.c32
  APPEND live -- safe
LABEL gone
  KERNEL /boot/nothere
LABEL text
  KERNEL readme.txt
LABEL tiny
  LINUX tiny.bin
  APPEND -
LABEL noinitrd
  LINUX vmlinuz
  APPEND initrd=/boot/initrd.img,/boot/lost.img
LABEL long
  LINUX vmlinuz
  APPEND {long}
MENU BEGIN advanced
  MENU TITLE Advanced options
  LABEL safe
    MENU LABEL ^Safe mode
    LINUX /boot/vmlinuz
    APPEND single nomodeset
    INITRD /boot/initrd.img
  INCLUDE extra.cfg
  LABEL back
    MENU LABEL Back
    MENU EXIT
MENU END
INCLUDE broken.cfg
LABEL tools
  CONFIG /boot/tools/tools.cfg
  APPEND /boot/tools
LABEL nocfg
  COM32 config.c32
  APPEND /boot/none.cfg
LABEL hd
  COM32 chain.c32
  APPEND hd0 2
LABEL next
  LOCALBOOT -1
LABEL restart
  COM32 reboot.c32
LABEL hdt
  COM32 hdt.c32
"""

EXTRA_CFG = """\
LABEL extra
  LINUX /boot/vmlinuz
  APPEND root=/dev/sda1 vga=0x317
  BADWORD here
"""

# Relative names start from CONFIG's directory, /boot/tools: ../ reaches
# /boot.
TOOLS_CFG = """\
DEFAULT rescue
LABEL rescue
  KERNEL ../vmlinuz
  APPEND rescue
  INITRD ../initrd.img
"""

LONG = "x" * 2030
BOOT = "/boot/syslinux"


def expected_main(cfgdir=BOOT):
    """The entry lines of MAIN_CFG with its files in /boot, the config in
    cfgdir (its kernels named relative to it are /boot/syslinux's)."""
    live = (f'{cfgdir}/vmlinuz (protocol 2.15), command line '
            f'"BOOT_IMAGE=vmlinuz boot=live quiet initrd=initrd.img", '
            f'initrd {cfgdir}/initrd.img ({RSIZE} bytes)')
    return [
        f"  ok    live: {live}",
        "  other auto: ifcpu64.c32: 64-bit: label live; PAE: label safe; "
        "32-bit: label safe",
        "  FAIL  gone: /boot/nothere: file not found" + NOT_FOUND,
        "  FAIL  text: readme.txt: not a Linux kernel: no 0xAA55 boot "
        "flag. Is it a Linux kernel?",
        "  FAIL  tiny: tiny.bin: only 100 bytes: not a Linux kernel",
        "  FAIL  noinitrd: /boot/lost.img: file not found" + NOT_FOUND,
        "  FAIL  long: vmlinuz: the command line is longer than the 2047 "
        "characters this kernel accepts; shorten APPEND or what was typed",
        "  ok    Advanced options > safe: /boot/vmlinuz (protocol 2.15), "
        'command line "BOOT_IMAGE=/boot/vmlinuz single nomodeset '
        f'initrd=/boot/initrd.img", initrd /boot/initrd.img ({RSIZE} '
        "bytes)",
        "  ok    Advanced options > extra: /boot/vmlinuz (protocol 2.15), "
        'command line "BOOT_IMAGE=/boot/vmlinuz root=/dev/sda1 '
        'vga=0x317", no initrd',
        "  other Advanced options > back: MENU EXIT: back to the menu "
        "above",
        "  other tools: switches to config /boot/tools/tools.cfg, "
        "directory /boot/tools",
        "  FAIL  nocfg: /boot/none.cfg: file not found" + NOT_FOUND,
        "  other hd: chain.c32: boots partition 2 of BIOS drive 0x80",
        "  other next: LOCALBOOT -1: the BIOS's next boot device (INT 18h)",
        "  other restart: reboot.c32: reboots (cold)",
        "  FAIL  hdt: hdt.c32: bzboot boots Linux kernels only; this is a "
        "SYSLINUX COM32 module entry",
    ]


EXPECTED_TOOLS = [
    "/boot/tools/tools.cfg (directory /boot/tools, from tools):",
    "  ok    rescue: /boot/tools/../vmlinuz (protocol 2.15), command line "
    '"BOOT_IMAGE=../vmlinuz rescue initrd=../initrd.img", initrd '
    f"/boot/tools/../initrd.img ({RSIZE} bytes)",
]


def expected_warnings(cfgdir=BOOT):
    return [
        "warnings bzboot prints at boot:",
        f"  {cfgdir}/syslinux.cfg:7: unknown directive ignored",
        f"  {cfgdir}/extra.cfg:4: unknown directive ignored",
        f"  {cfgdir}/syslinux.cfg:42: included file not read: "
        f"{cfgdir}/broken.cfg: file not found" + NOT_FOUND,
        f"  {cfgdir}/syslinux.cfg:57: label type cannot be booted",
    ]


def tree_files(kernel):
    """{name on the volume: bytes} of the test system."""
    return {
        "/boot/syslinux/syslinux.cfg": MAIN_CFG.format(long=LONG).encode(),
        "/boot/syslinux/extra.cfg": EXTRA_CFG.encode(),
        "/boot/syslinux/vmlinuz": kernel.read_bytes(),
        "/boot/syslinux/initrd.img": INITRD.read_bytes(),
        "/boot/syslinux/readme.txt": b"not a kernel\n" * 200,
        "/boot/syslinux/tiny.bin": bytes(100),
        "/boot/vmlinuz": kernel.read_bytes(),
        "/boot/initrd.img": INITRD.read_bytes(),
        "/boot/tools/tools.cfg": TOOLS_CFG.encode(),
        **modules(),
    }


@pytest.fixture(scope="module")
def image(kernel, tmp_path_factory):
    return make_image(tmp_path_factory.mktemp("check") / "disk.img",
                      tree_files(kernel))


def assert_main_output(out):
    """The lines of the test system, whether from an image or a tree."""
    first = out.index(f"{BOOT}/syslinux.cfg (directory {BOOT}):")
    assert out[first + 1:first + 17] == expected_main()
    tools = out.index(EXPECTED_TOOLS[0])
    assert out[tools:tools + 2] == EXPECTED_TOOLS
    assert "17 entries: 4 boot Linux, 6 do something else, 7 would fail" \
        in out
    warn = out.index("warnings bzboot prints at boot:")
    assert out[warn:] == expected_warnings()


def test_image_every_entry(bzboot, image):
    res = run(bzboot, "check", image)
    assert res.returncode == 1, res.stdout + res.stderr
    out = lines(res)
    assert out[0] == f"{image}: partition 1 (MBR, LBA {START}), FAT16"
    assert_main_output(out)
    assert res.stderr == ""


def test_kernel_too_big_for_mem(bzboot, image):
    """The Debian kernel's init_size is 63.6 MiB from 1 MiB: 64 MiB of RAM
    is too little, and every Linux entry says so."""
    res = run(bzboot, "check", "--mem", "64", image)
    assert res.returncode == 1
    assert "  FAIL  Advanced options > safe: /boot/vmlinuz: the kernel " \
        "needs RAM at 0x100000-0x4f98000 (78.6 MiB; it runs from " \
        "0x1000000), but RAM above 1 MiB ends at 0x4000000 (64.0 MiB). " \
        "Boot it with more RAM" in lines(res)
    assert "0 boot Linux" in res.stdout


def test_root_tree(bzboot, kernel, tmp_path):
    """The same system as a host directory: the same lines, names found
    without regard to case as on FAT."""
    files = tree_files(kernel)
    # FAT ignores case: so does a tree
    files[f"{BOOT}/VMLINUZ"] = files.pop(f"{BOOT}/vmlinuz")
    root = write_tree(tmp_path / "root", files)
    cfg = root / "boot" / "syslinux" / "syslinux.cfg"
    res = run(bzboot, "check", "--root", root, cfg)
    assert res.returncode == 1, res.stdout + res.stderr
    out = lines(res)
    assert out[0] == f"{cfg} as {BOOT}/syslinux.cfg under {root}"
    assert_main_output(out)


def test_partition_missing(bzboot, image):
    res = run(bzboot, "check", "--partition", "3", image)
    assert res.returncode == 2
    assert res.stderr == f"bzboot: {image}: partition table: no such " \
        "partition on this disk; it has 1\n"


def test_loader_options(bzboot, kernel, tmp_path):
    """mem= caps where the initrd may go and vga= must be readable, as
    stage2 reads them from the command line."""
    res = check_tree(
        bzboot, tmp_path,
        "LABEL capped\n  KERNEL vmlinuz\n  APPEND mem=16M\n"
        "  INITRD initrd.img\n"
        "LABEL mode\n  KERNEL vmlinuz\n  APPEND vga=bogus\n",
        {"/vmlinuz": kernel, "/initrd.img": INITRD})
    assert res.returncode == 1
    out = lines(res)
    tenths = (RSIZE * 10 + (1 << 19)) >> 20  # stage2's print_size()
    assert f"  FAIL  capped: initrd.img: the initrd ({tenths // 10}." \
        f"{tenths % 10} MiB) does not fit in free RAM: RAM above 1 MiB " \
        "ends at 0x20000000, the kernel takes 0x100000-0x4f98000, initrds " \
        "must end below 0x1000000 (mem=); remove mem= or use a smaller " \
        "initrd" in out
    assert any(ln.startswith("  FAIL  mode: vga=bogus: ") for ln in out), out
