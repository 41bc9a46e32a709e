# SPDX-License-Identifier: BSD-2-Clause
# bzboot check on disk images made as the other tool tests make them
# (sfdisk, mkfs.fat --offset, mtools) and on a --root tree: every entry's
# line (what boots, or why stage2 would fail), the warnings and the exit
# status. The good entries boot the real Debian kernel. Host only.
"""bzboot check: a config's entries checked against the files they name."""

import os
import shutil

import pytest

from installkit import BUILD, SECTOR, run, sh

KERNEL = BUILD / "cache" / "vmlinuz"
INITRD = BUILD / "cache" / "initrd.img"
START = 2048  # the partition's first LBA

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
# stage2's advice after a name it cannot find (protocol/boot_msg.h)
NOT_FOUND = ". Check the name (ls it on the FAT partition) or type another"
BOOT = "/boot/syslinux"
KSIZE = KERNEL.stat().st_size if KERNEL.exists() else 0
RSIZE = INITRD.stat().st_size if INITRD.exists() else 0


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


@pytest.fixture(scope="module")
def kernel():
    if not KERNEL.exists() or not INITRD.exists():
        pytest.skip(f"{KERNEL} or {INITRD} missing: run make (the cache)")
    return KERNEL


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
    }


def write_tree(root, files):
    """files ({name on the volume: bytes}) under the directory root."""
    for name, data in files.items():
        dst = root / name.lstrip("/")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
    return root


# sfdisk's partition type for a FAT volume stage2 chooses by itself
FAT_TYPE = {"dos": "e", "gpt": "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"}


def make_image(path, files, size_mib=48, label="dos"):
    """A disk with one FAT16 partition at START holding files (an MBR or
    a GPT, whose backup at the end the partition must leave alone)."""
    sh("truncate", "-s", f"{size_mib}M", path)
    sh("sfdisk", "-q", path,
       stdin=f"label: {label}\nstart={START}, type={FAT_TYPE[label]}\n")
    sh("mkfs.fat", "-F", "16", "--offset", START, path,
       ((size_mib - 1) * 1024 * 1024 // SECTOR - START) * SECTOR // 1024)
    staging = write_tree(path.parent / (path.name + ".d"), files)
    sh("mcopy", "-s", "-i", f"{path}@@{START * SECTOR}",
       *sorted(staging.iterdir()), "::/")
    shutil.rmtree(staging)
    return path


@pytest.fixture(scope="module")
def image(kernel, tmp_path_factory):
    return make_image(tmp_path_factory.mktemp("check") / "disk.img",
                      tree_files(kernel))


def check_tree(bzboot, tmp_path, cfg, files=()):
    """bzboot check --root on a tree of /syslinux.cfg (cfg) and files
    ({name: host file to copy})."""
    root = write_tree(tmp_path / "root", {
        "/syslinux.cfg": cfg.encode(),
        **{name: src.read_bytes() for name, src in dict(files).items()}})
    return run(bzboot, "check", "--root", root, root / "syslinux.cfg")


def lines(res):
    return res.stdout.splitlines()


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


def test_all_good_exits_0(bzboot, kernel, tmp_path):
    cfg = ("DEFAULT linux\nLABEL linux\n  KERNEL /vmlinuz\n"
           "  APPEND root=/dev/sda1\n  INITRD /initrd.img\n"
           "LABEL hd\n  LOCALBOOT 0x80\n")
    img = make_image(tmp_path / "good.img", {
        "/syslinux.cfg": cfg.encode(), "/vmlinuz": kernel.read_bytes(),
        "/initrd.img": INITRD.read_bytes()})
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


def test_partition_missing(bzboot, image):
    res = run(bzboot, "check", "--partition", "3", image)
    assert res.returncode == 2
    assert res.stderr == f"bzboot: {image}: partition table: no such " \
        "partition on this disk; it has 1\n"


def test_image_without_fat(bzboot, tmp_path):
    img = tmp_path / "blank.img"
    sh("truncate", "-s", "4M", img)
    res = run(bzboot, "check", img)
    assert res.returncode == 2
    assert "partition table" in res.stderr


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
