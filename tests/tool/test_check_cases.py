# SPDX-License-Identifier: BSD-2-Clause
# bzboot check, the cases around the test system of test_check.py: which
# volume and config it finds (MBR, GPT, superfloppy, the installed
# partition, the search order), the branches of ifcpu64.c32 and its kin,
# the modules, what fails without a config, and its usage. Host only.
"""bzboot check: volumes, branches, modules, usage."""

import gzip
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


PROBES = MODULES.parent / "probes"


@pytest.fixture(scope="module")
def probes():
    """The Multiboot probes the boot tests boot: an a.out-kludge image
    and an ELF64 one."""
    aout, elf = PROBES / "mboot.bin", PROBES / "mboot64.elf"
    if not aout.exists() or not elf.exists():
        pytest.skip(f"no Multiboot probes in {PROBES}: run make")
    return aout.read_bytes(), elf.read_bytes()


def host_files(tmp_path, files):
    """{name on the volume: bytes} as check_tree's {name: host file}."""
    src = tmp_path / "src"
    src.mkdir(exist_ok=True)
    out = {}
    for i, (name, data) in enumerate(files.items()):
        out[name] = src / str(i)
        out[name].write_bytes(data)
    return out


def test_mboot(bzboot, kernel, probes, tmp_path):
    """mboot.c32 as the mboot module boots it: the words split as
    mb_split() does, every file read (gzip unpacked), the kernel's
    Multiboot header found and its checksum and segments checked."""
    aout, elf = probes
    at = aout.find((0x1BADB002).to_bytes(4, "little"))
    assert at >= 0
    badsum = bytearray(aout)
    badsum[at + 8] ^= 1
    res = check_tree(
        bzboot, tmp_path,
        "LABEL probe\n  KERNEL mboot.c32\n"
        "  APPEND probe.bin  one   two=2 --- moda.txt a1 --- modb.gz b1\n"
        "LABEL xen\n  COM32 /mboot.c32 k.gz dom0_mem=1G\n"
        "  APPEND --- moda.txt\n"
        "LABEL plain\n  KERNEL mboot.c32\n  APPEND moda.txt\n"
        "LABEL badsum\n  KERNEL mboot.c32\n  APPEND badsum.bin\n"
        "LABEL nomod\n  KERNEL mboot.c32\n  APPEND probe.bin --- gone.img\n"
        "LABEL empty\n  KERNEL mboot.c32\n  APPEND --- moda.txt\n",
        host_files(tmp_path, {
            "/probe.bin": aout, "/k.gz": gzip.compress(elf),
            "/badsum.bin": bytes(badsum), "/moda.txt": b"module a\n",
            "/modb.gz": gzip.compress(b"module b\n")}))
    assert res.returncode == 1
    assert lines(res)[3:9] == [
        "  other probe: mboot.c32: Multiboot kernel probe.bin (a.out "
        'kludge, entry 0x100020), command line "probe.bin one two=2"; '
        "modules moda.txt (9 bytes), modb.gz (gzip, 9 bytes unpacked)",
        "  other xen: mboot.c32: Multiboot kernel k.gz (gzip, ELF, entry "
        '0x100020), command line "k.gz dom0_mem=1G"; modules moda.txt '
        "(9 bytes)",
        "  FAIL  plain: mboot.c32: moda.txt: no Multiboot header in its "
        "first 8192 bytes (not a Multiboot kernel)",
        "  FAIL  badsum: mboot.c32: badsum.bin: its Multiboot header's "
        "checksum is wrong",
        "  FAIL  nomod: mboot.c32: Multiboot kernel probe.bin (a.out "
        'kludge, entry 0x100020), command line "probe.bin"; modules '
        "gone.img: file not found" + NOT_FOUND,
        "  FAIL  empty: mboot.c32: no kernel named (mboot.c32 kernel args "
        "--- module args ...)",
    ]


def test_mboot_ram(bzboot, kernel, probes, tmp_path):
    """The files are placed as the mboot module places them in the RAM
    from 1 MiB of the --mem machine: one that does not fit, or does not
    once unpacked, fails with stage2's words."""
    big = bytes(3 << 20)
    res = check_tree(
        bzboot, tmp_path,
        "LABEL fits\n  KERNEL mboot.c32\n  APPEND probe.bin --- big.img\n"
        "LABEL gz\n  KERNEL mboot.c32\n  APPEND probe.bin --- big.gz\n",
        host_files(tmp_path, {"/probe.bin": probes[0], "/big.img": big,
                              "/big.gz": gzip.compress(big)}),
        args=("--mem", "4"))
    out = lines(res)
    assert res.returncode == 1
    probe = ("mboot.c32: Multiboot kernel probe.bin (a.out kludge, entry "
             '0x100020), command line "probe.bin"; modules ')
    assert out[3].startswith(f"  FAIL  fits: {probe}big.img: 3072 KiB do "
                             "not fit in the ")
    assert out[4].startswith(f"  FAIL  gz: {probe}big.gz: unpacked it "
                             "needs 3072 KiB, more than the ")
    res = check_tree(bzboot, tmp_path, "LABEL fits\n  KERNEL mboot.c32\n"
                     "  APPEND probe.bin --- big.img\n", args=("--mem", "8"))
    assert lines(res)[3] == f"  other fits: {probe}big.img (3145728 bytes)"


def aout_kernel(load, bss_end):
    """A Multiboot image with the a.out kludge only: its header at offset
    0 is loaded at `load`, entry just after it, bss to bss_end."""
    magic, flags = 0x1BADB002, 0x00010000
    words = [magic, flags, -(magic + flags) & 0xFFFFFFFF, load, load, 0,
             bss_end, load + 32]
    return b"".join(w.to_bytes(4, "little") for w in words) + bytes(480)


def test_mboot_segments(bzboot, kernel, tmp_path):
    """The kernel's segments as the mboot module checks them before it
    copies anything (mb_segment_why()): none below 1 MiB, none past the
    RAM of the --mem machine."""
    res = check_tree(
        bzboot, tmp_path,
        "LABEL ok\n  KERNEL mboot.c32\n  APPEND /ok.bin\n"
        "LABEL low\n  KERNEL mboot.c32\n  APPEND /low.bin\n"
        "LABEL high\n  KERNEL mboot.c32\n  APPEND /high.bin\n",
        host_files(tmp_path, {
            "/ok.bin": aout_kernel(0x100000, 0x180000),
            "/low.bin": aout_kernel(0x8000, 0x9000),
            "/high.bin": aout_kernel(0x100000, 0x10000000)}),
        args=("--mem", "128"))
    assert res.returncode == 1
    assert lines(res)[3:6] == [
        "  other ok: mboot.c32: Multiboot kernel /ok.bin (a.out kludge, "
        'entry 0x100020), command line "/ok.bin"',
        "  FAIL  low: mboot.c32: /low.bin: a segment at 0x8000-0x8fff lies "
        "below 1 MiB, where bzboot itself still runs",
        "  FAIL  high: mboot.c32: /high.bin: a segment at 0x100000-0xfffffff "
        "lies past the RAM free for it (too little memory?)",
    ]


def test_boot_sector_files(bzboot, kernel, tmp_path):
    """KERNEL x.bs/.bin/.bss, BOOT and BSS: the chain module boots a file
    of 512 bytes or more that ends its first sector with 0xAA55."""
    sector = bytes(510) + b"\x55\xaa"
    res = check_tree(
        bzboot, tmp_path,
        "LABEL bs\n  KERNEL /dos.bs\n"
        "LABEL bss\n  BSS /dos.bs\n"
        "LABEL nosig\n  BOOT /zero.bin\n"
        "LABEL short\n  KERNEL /short.bss\n"
        "LABEL empty\n  KERNEL /empty.bin\n"
        "LABEL gone\n  KERNEL /gone.bs\n",
        host_files(tmp_path, {
            "/dos.bs": sector + bytes(1024), "/zero.bin": bytes(512),
            "/short.bss": sector[:511], "/empty.bin": b""}))
    assert res.returncode == 1
    assert lines(res)[3:9] == [
        "  other bs: boot sector /dos.bs at 0:7C00",
        "  other bss: boot sector /dos.bs at 0:7C00, the boot volume's BPB "
        "patched in",
        "  FAIL  nosig: /zero.bin: not a boot sector (no 0xAA55 at bytes "
        "510-511)",
        "  FAIL  short: /short.bss: not a boot sector (no 0xAA55 at bytes "
        "510-511)",
        "  FAIL  empty: /empty.bin: 0 bytes; a boot file must have 1 to "
        "622592 (the room below 0x9fc00, the top of low memory)",
        "  FAIL  gone: /gone.bs: file not found" + NOT_FOUND,
    ]


def test_chain_file_and_options(bzboot, kernel, tmp_path):
    """chain.c32's whole line through the chain module's parser: a file
    it loads must be there (and be a sector where it boots as one); an
    unknown or refused option fails with the module's words."""
    sector = bytes(510) + b"\x55\xaa"
    res = check_tree(
        bzboot, tmp_path,
        "LABEL nt\n  COM32 chain.c32\n  APPEND hd0 1 ntldr=/ntldr\n"
        "LABEL bs\n  COM32 chain.c32\n  APPEND boot file=/dos.bs\n"
        "LABEL gone\n  COM32 chain.c32\n  APPEND hd0 1 ntldr=/bootmgr\n"
        "LABEL nosig\n  COM32 chain.c32\n  APPEND fs file=/ntldr\n"
        "LABEL bpb\n  COM32 chain.c32\n  APPEND hd0 1 bs=/dos.bs setbpb\n"
        "LABEL iso\n  COM32 chain.c32\n  APPEND hd0 isolinux=/dos.bs\n"
        "LABEL low\n  COM32 chain.c32\n  APPEND hd0 file=/ntldr seg=0x40\n"
        "LABEL typo\n  COM32 chain.c32\n  APPEND hd0 1 swpa\n",
        host_files(tmp_path, {"/ntldr": b"loader" * 100, "/dos.bs": sector}))
    assert res.returncode == 1
    assert lines(res)[3:11] == [
        "  other nt: chain.c32: boots file /ntldr, from partition 1 of "
        "BIOS drive 0x80",
        "  other bs: chain.c32: boots file /dos.bs, from the boot disk",
        "  FAIL  gone: chain.c32: /bootmgr: file not found" + NOT_FOUND,
        "  FAIL  nosig: chain.c32: /ntldr: not a boot sector (no 0xAA55 at "
        "bytes 510-511)",
        "  FAIL  bpb: chain.c32: option 'setbpb' needs the partition's "
        "sector (nosect, grldr=, isolinux= and bs= leave it out)",
        "  FAIL  iso: chain.c32: isolinux= is only valid when booted by "
        "ISOLINUX from a CD (it fills in the boot info table); bzboot boots "
        "from disks",
        "  FAIL  low: chain.c32: seg=0x40: is not an address chain.c32 "
        "loads at (segment:offset:ip from 0x500 up) or names too long a file",
        "  FAIL  typo: chain.c32: swpa: is not a chain.c32 option",
    ]


def test_mboot_and_sector_modules(bzboot, tmp_path):
    """mboot.c32 needs mboot.bzm, a boot-sector file chain.bzm, as
    stage2's chain_call() loads them."""
    res = check_tree(bzboot, tmp_path,
                     "LABEL xen\n  KERNEL mboot.c32\n  APPEND /xen.gz\n"
                     "LABEL bs\n  KERNEL /dos.bs\n", mods=False)
    missing = "module {0}.bzm not found in /boot/bzboot/ or /: run bzboot " \
        "install (it writes the modules) or copy build/modules/{0}.bzm " \
        "to /boot/bzboot/"
    assert lines(res)[3:5] == ["  FAIL  xen: " + missing.format("mboot"),
                               "  FAIL  bs: " + missing.format("chain")]
