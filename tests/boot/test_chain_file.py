# SPDX-License-Identifier: BSD-2-Clause
"""Booting files that are boot sectors or OS loaders, through the chain
module: SYSLINUX's KERNEL x.bs/.bin/.bss and BOOT/BSS, and chain.c32's
file=, ntldr=, freedos=, grldr=, bss= and isolinux=. Every file is
tests/probes/fileboot.asm with its own tag; it reports on COM1 where it
runs (CS:IP), SS:SP, DS:SI, ES:DI, EAX, BX, DX, FLAGS, the 64 bytes at
DS:SI and its own BPB as it is in memory. One FAT16 disk carries SYSLINUX
6.04 (its VBR, ldlinux and chain.c32) and bzboot (MBR code, stage2 in the
gap, the chain module); its copy with SYSLINUX's MBR code is the
reference, booted the same way with the same config."""

import os
import struct
import subprocess

from dataclasses import dataclass

import pytest

import artifacts
from test_config_compat import dual_disk, module_files
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT

pytestmark = pytest.mark.bzboot

PROBE_SRC = os.path.join(artifacts.ROOT, "tests", "probes", "fileboot.asm")
TAG_OFFSET = 0x3F0  # fileboot.asm
START = 2048        # the FAT16 volume's first sector (partition 1)
REPORT = (r"FILE-PROBE tag=(?P<tag>[\w-]*) cs=(?P<cs>\w{4}) ip=(?P<ip>\w{4}) "
          r"ss=(?P<ss>\w{4}) sp=(?P<sp>\w{4}) ds=(?P<ds>\w{4}) "
          r"si=(?P<si>\w{4}) es=(?P<es>\w{4}) di=(?P<di>\w{4}) "
          r"bx=(?P<bx>\w{4}) dx=(?P<dx>\w{4}) fl=(?P<fl>\w{4}) "
          r"eax=(?P<eax>\w{8}) at=(?P<at>\w{128}) bpb=(?P<bpb>\w{102}) end")
FAIL = BOOTED + r"|bzboot: [^\n]*\n"

CFG = """SERIAL 0 115200
PROMPT 1
LABEL bs
  KERNEL /probe.bs
LABEL bin
  KERNEL /probe.bin
LABEL bss
  KERNEL /probe.bss
LABEL kwboot
  BOOT /kwboot.sys
LABEL kwbss
  BSS /kwbss.sys
LABEL file
  COM32 chain.c32
  APPEND hd0 1 file=/file.bs
LABEL ntldr
  COM32 chain.c32
  APPEND hd0 1 ntldr=/ntldr
LABEL freedos
  COM32 chain.c32
  APPEND hd0 1 freedos=/kernel.sys
LABEL swap
  COM32 chain.c32
  APPEND hd1 swap file=/file.bs
LABEL cmldr
  COM32 chain.c32
  APPEND hd0 1 cmldr=/cmldr
LABEL msdos
  COM32 chain.c32
  APPEND hd0 1 msdos=/io.sys
LABEL drmk
  COM32 chain.c32
  APPEND hd0 1 drmk=/dellbio.bin
LABEL reactos
  COM32 chain.c32
  APPEND hd0 1 reactos=/freeldr.sys
LABEL grldr
  COM32 chain.c32
  APPEND hd0 1 grldr=/grldr
LABEL grldrnm
  COM32 chain.c32
  APPEND hd0 1 grldr=/grldr nomaps
LABEL bsseq
  COM32 chain.c32
  APPEND hd0 1 bss=/bsseq.bs
LABEL iso
  COM32 chain.c32
  APPEND hd0 1 isolinux=/file.bs nomaps
LABEL nosig
  KERNEL /nosig.bs
LABEL big
  KERNEL /big.bin
LABEL missing
  KERNEL /missing.bs
LABEL linuxbin
  LINUX /probe.bin
"""

FILES = {"/probe.bs": "BS", "/probe.bin": "BIN", "/probe.bss": "BSS",
         "/kwboot.sys": "KWBOOT", "/kwbss.sys": "KWBSS", "/file.bs": "FILE",
         "/ntldr": "NTLDR", "/kernel.sys": "FREEDOS", "/grldr": "GRLDR",
         "/bsseq.bs": "BSSEQ", "/cmldr": "CMLDR", "/io.sys": "MSDOS",
         "/dellbio.bin": "DRMK", "/freeldr.sys": "REACTOS"}


def probe_image(d):
    out = os.path.join(d, "fileboot.bin")
    subprocess.run(["nasm", "-f", "bin", "-I",
                    os.path.dirname(PROBE_SRC) + "/", "-o", out, PROBE_SRC],
                   check=True)
    with open(out, "rb") as f:
        return f.read()


def tagged(probe, tag):
    b = bytearray(probe)
    b[TAG_OFFSET:TAG_OFFSET + 8] = tag.encode().ljust(8, b"\0")
    return bytes(b)


@pytest.fixture(scope="module")
def disk():
    artifacts.skip_unless_bzboot()
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    probe = probe_image(artifacts.IMAGES)
    files = module_files(["chain.c32", "libcom32.c32", "libutil.c32"],
                         ["chain"], syslinux_dir="")
    files["/syslinux.cfg"] = CFG
    for path, tag in FILES.items():
        files[path] = tagged(probe, tag)
    nosig = bytearray(tagged(probe, "NOSIG"))
    nosig[510:512] = b"\0\0"
    files["/nosig.bs"] = bytes(nosig)
    files["/big.bin"] = tagged(probe, "BIG") * 700
    # hd1 for swap: an MBR and one partition, nothing else
    hd1 = os.path.join(artifacts.IMAGES, "test_chain_file-hd1.img")
    with open(hd1, "wb") as f:
        f.truncate(4 << 20)
    subprocess.run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel",
                    hd1], input=b"label: dos\nstart=2048, type=83\n",
                   check=True)
    pair = dual_disk("test_chain_file", None, files, kernel=None, fat=16,
                     size_mib=32)
    return Disks(pair.bzboot, pair.syslinux, hd1)


@dataclass(frozen=True)
class Disks:
    """The dual disk's two copies, and the second disk both boot with."""
    bzboot: str
    syslinux: str
    hd1: str


def run(booter, img, label, tag, hd1=None):
    extra = ["-drive", "file=%s,format=raw,if=ide,index=1,media=disk,"
             "snapshot=on" % hd1] if hd1 else []
    q = booter.start(img, tag, extra_args=extra)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)
    q.send(label + "\r")
    return q


def report(booter, img, label, tag, hd1=None):
    q = run(booter, img, label, tag, hd1)
    m = q.wait_for(REPORT, PROMPT_TIMEOUT, fail=FAIL)
    q.close()
    return m.groupdict()


def same(got, ref, *skip):
    """got and ref agree but for the fields in skip."""
    for k in skip:
        got.pop(k), ref.pop(k)
    assert got == ref


# What SYSLINUX 6.04 does differently for a KERNEL boot-sector file, on
# purpose: its SP is its own stack's (0x7BA4, StackBuf + 44 in
# core/diskboot.inc) where bzboot gives 0x7C00 as a BIOS does; its ES:DI
# is what its MBR left (0080:0000 here) where bzboot passes the BIOS's
# $PnP header (F000:xxxx), which is what SYSLINUX passes on when the BIOS
# booted it; DS:SI's 16 bytes are the entry, past them memory differs.
KERNEL_DIFFS = ("sp", "es", "di")


@pytest.mark.parametrize("label,tag", [
    ("bs", "BS"), ("bin", "BIN"), ("kwboot", "KWBOOT"), ("bss", "BSS"),
    ("kwbss", "KWBSS")])
def test_kernel_boot_sector_as_syslinux(disk, booter, label, tag):
    """KERNEL x.bs, KERNEL x.bin, BOOT x, KERNEL x.bss and BSS x: the file
    at 0:7C00, DL = the boot drive, DS:SI = 0:07EE -> the boot partition's
    MBR entry, IF clear; for .bss and BSS the volume's BPB (bytes
    0x0B-0x3D of its boot sector: 2048 hidden sectors, label "BZTEST")
    patched into the file, the others' BPB as written."""
    ref = report(booter, disk.syslinux, label, "syslinux-" + label)
    got = report(booter, disk.bzboot, label, "bzboot-" + label)
    assert got["tag"] == tag
    assert (got["cs"], got["ip"], got["ss"], got["sp"]) == \
        ("0000", "7c00", "0000", "7c00")
    assert (got["ds"], got["si"], got["dx"]) == ("0000", "07ee", "0080")
    assert got["es"] == "f000" and int(got["di"], 16)  # the $PnP header
    assert int(got["fl"], 16) & 0x200 == 0
    entry = bytes.fromhex(got["at"][:32])
    assert entry[4] == 0x0E and struct.unpack_from("<I", entry, 8)[0] == START
    hidden = struct.unpack_from("<I", bytes.fromhex(got["bpb"]),
                                0x1C - 0x0B)[0]
    assert hidden == (START if label in ("bss", "kwbss") else 0x33333333)
    got["at"], ref["at"] = got["at"][:32], ref["at"][:32]
    same(got, ref, *KERNEL_DIFFS)


@pytest.mark.parametrize("label,tag,cs_ip,ds_si", [
    # file=: a sector image at 0:7C00, the entry handed over at 0:07BE
    ("file", "FILE", ("0000", "7c00"), ("0000", "07be")),
    # ntldr=: at 2000:0000, DS:SI -> the partition's sector at 0:7C00
    ("ntldr", "NTLDR", ("2000", "0000"), ("0000", "7c00")),
    # freedos=: at 0060:0000 (over all of stage2), the sector at 1FE0:7C00
    ("freedos", "FREEDOS", ("0060", "0000"), ("1fe0", "7c00")),
    # cmldr=: as ntldr=, "cmdcons" written into the sector at byte 3
    ("cmldr", "CMLDR", ("2000", "0000"), ("0000", "7c00")),
    ("msdos", "MSDOS", ("0070", "0000"), ("8000", "7c00")),
    ("drmk", "DRMK", ("0070", "0000"), ("2000", "0000")),
    ("reactos", "REACTOS", ("0f80", "0000"), ("0000", "7c00")),
    # grldr= (with nomaps, which 6.04 needs): DH = partition - 1
    ("grldrnm", "GRLDR", ("0000", "7c00"), ("0000", "0000")),
    # bss=: the sector's fixed BPB copied into the file
    ("bsseq", "BSSEQ", ("0000", "7c00"), ("0000", "07be")),
])
def test_chain_file_as_syslinux(disk, booter, label, tag, cs_ip, ds_si):
    """chain.c32's file= and OS loaders under bzboot hand over what
    SYSLINUX 6.04's own chain.c32 does on the same disk: every register
    the probe reports, the 64 bytes at DS:SI (ntldr= and freedos=: the
    partition's boot sector with setbpb's hidden sectors, BIOS geometry
    and drive) and the file's BPB (bss=: patched)."""
    ref = report(booter, disk.syslinux, label, "syslinux-" + label)
    got = report(booter, disk.bzboot, label, "bzboot-" + label)
    assert got["tag"] == tag
    assert (got["cs"], got["ip"]) == cs_ip
    assert (got["ds"], got["si"]) == ds_si
    assert got["dx"] == got["bx"] == "0080"
    if ds_si[1] != "07be" and label != "grldrnm":  # DS:SI -> the sector
        sector = bytes.fromhex(got["at"])
        assert struct.unpack_from("<I", sector, 0x1C)[0] == START
        assert sector[0x24] == 0x80
        assert (sector[3:11] == b"cmdcons\0") == (label == "cmldr")
    if label == "bsseq":
        assert struct.unpack_from("<I", bytes.fromhex(got["bpb"]),
                                  0x1C - 0x0B)[0] == START
    if label == "grldrnm":  # DS:SI is not handed over: whatever is at 0:0
        got.pop("at"), ref.pop("at")
    same(got, ref)


def test_swap_with_a_file(disk, booter):
    """hd1 swap file=F: the file is read from bzboot's volume first, then
    swap's INT 13h hook goes in (reading the file through it would reach
    hd1); DL = 0x80, the drive swapped in, with hd1's whole-disk entry at
    0:07BE, as chain.c32 6.04 hands them over (its stub sets DS, ES, SI,
    DI and CX again before the jump)."""
    ref = report(booter, disk.syslinux, "swap", "syslinux-swap", disk.hd1)
    got = report(booter, disk.bzboot, "swap", "bzboot-swap", disk.hd1)
    assert (got["tag"], got["cs"], got["ip"]) == ("FILE", "0000", "7c00")
    assert (got["dx"], got["ds"], got["si"]) == ("0080", "0000", "07be")
    assert bytes.fromhex(got["at"])[4] == 0xDA  # the whole disk
    got["at"], ref["at"] = got["at"][:32], ref["at"][:32]
    same(got, ref, "fl")  # its stub's shifts leave ZF and PF set


def test_grldr_without_nomaps(disk, booter):
    """doc/chain.txt: grldr= sets nosect, which sets nomaps. chain.c32
    6.04's code leaves maps on and refuses ("Option 'maps' requires a
    sector."); bzboot does what the documentation says."""
    got = report(booter, disk.bzboot, "grldr", "grldr")
    assert (got["tag"], got["cs"], got["ip"], got["dx"]) == \
        ("GRLDR", "0000", "7c00", "0080")


def test_refusals_then_typed(disk, booter):
    """What cannot boot says so, naming the file, and boot: comes back: no
    0xAA55 (SYSLINUX boots such a file unchecked), too big for low memory
    (SYSLINUX: "Too large for a boostrap"), no such file, isolinux=
    off a CD (as chain.c32 6.04 refuses it); LINUX x.bin is a Linux kernel
    whatever its name. Then a boot-sector file typed by name boots."""
    q = run(booter, disk.bzboot, "nosig", "refusals")
    q.wait_for(r"bzboot: /nosig\.bs: not a boot sector \(no 0xAA55 at "
               r"bytes 510-511\); not booting it\.", PROMPT_TIMEOUT,
               fail=BOOTED)
    for label, msg in (
            ("big", r"bzboot: /big\.bin: 716800 bytes; a boot file must "
                    r"have 1 to \d+ [^\n]*LINUX, not KERNEL\."),
            ("missing", r"bzboot: /missing\.bs: file not found\."),
            ("iso", r"bzboot: chain\.c32 hd0 1 isolinux=/file\.bs nomaps: "
                    r"isolinux= is only valid when booted by ISOLINUX"),
            ("linuxbin", r"bzboot: /probe\.bin: [^\n]*Linux")):
        q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
        q.send(label + "\r")
        q.wait_for(msg, PROMPT_TIMEOUT, fail=BOOTED + "|FILE-PROBE")
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED + "|FILE-PROBE")
    q.send("/probe.bs\r")
    assert q.wait_for(REPORT, PROMPT_TIMEOUT, fail=FAIL)["tag"] == "BS"


def test_isolinux_refused_by_syslinux_too(disk, booter):
    """The reference: chain.c32 6.04 off a disk refuses isolinux= (with
    nomaps; without, its maps check refuses it first, as for grldr=)."""
    q = run(booter, disk.syslinux, "iso", "syslinux-iso")
    q.wait_for(r"The isolinux= option is only valid when run from "
               r"ISOLINUX\.", PROMPT_TIMEOUT, fail="FILE-PROBE")
