# SPDX-License-Identifier: BSD-2-Clause
"""LOCALBOOT and chain.c32 through the chain module: a second hard disk
and a floppy whose sectors hold tests/probes/chainboot.asm, which reports
on COM1 its tag, the registers it was entered with and the 16 bytes at
DS:SI. Each boot that jumps is one QEMU run on the same images; refusals
(no 0xAA55, no such partition, break) share one run that ends with
LOCALBOOT -1, whose INT 18h makes SeaBIOS boot its next device. SYSLINUX
6.04 with its own chain.c32 is the reference for what the probe sees."""

import os
import struct
import subprocess

import pytest

import artifacts
import bzimg
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT

pytestmark = pytest.mark.bzboot

PROBE_SRC = os.path.join(artifacts.ROOT, "tests", "probes", "chainboot.asm")
TAG_OFFSET = 0x1B0  # chainboot.asm: 8 bytes, NUL-padded
CODE_START = 0x3E   # after a FAT12/16 BPB
CODE_END = 0x1B8    # the MBR's disk signature and table follow
HD1_ID = 0xC4A1B007
HD1_SECTORS = 32768  # 16 MiB
# hd1: 1 primary, 2 extended holding 5, 3 a primary with no 0xAA55
GPT_P2 = (4096, 4096, 0xED)  # hd2's partition 2, handed over as type 0xED
HD1_PARTS = {1: (2048, 2048, 0x83), 5: (6144, 2048, 0x83),
             3: (14336, 2048, 0x83)}
REPORT = (r"CHAIN-PROBE tag=(?P<tag>[\w-]*) dx=(?P<dx>[0-9a-f]{4}) "
          r"si=(?P<si>[0-9a-f]{4}) ds=(?P<ds>[0-9a-f]{4}) "
          r"sp=(?P<sp>[0-9a-f]{4}) ss=(?P<ss>[0-9a-f]{4}) "
          r"ip=(?P<ip>[0-9a-f]{4}) cs=(?P<cs>[0-9a-f]{4}) "
          r"pe=(?P<pe>[0-9a-f]{40}) end")
FAIL = BOOTED + r"|bzboot: [^\n]*\n"
SYSLINUX_MODULES = "/usr/lib/syslinux/modules/bios"

CFG = """SERIAL 0 115200
PROMPT 1
LABEL fd0
  LOCALBOOT 0
LABEL hd1
  COM32 chain.c32
  APPEND hd1
LABEL p1
  KERNEL /boot/syslinux/chain.c32
  APPEND hd0 1
LABEL logical
  COM32 chain.c32
  APPEND hd1 5
LABEL sig
  COM32 chain.c32
  APPEND mbr:0x%08x 1
LABEL gpt
  COM32 chain.c32
  APPEND hd2 2
LABEL nosig
  COM32 chain.c32
  APPEND hd1 3
LABEL nopart
  COM32 chain.c32
  APPEND hd1 9
LABEL brk
  COM32 chain.c32
  APPEND fs nohand break
LABEL next
  LOCALBOOT -1
""" % HD1_ID


def probe_sector(path, src=PROBE_SRC):
    out = path + ".bin"
    subprocess.run(["nasm", "-f", "bin", "-I",
                    os.path.dirname(src) + "/", "-o", out, src],
                   check=True)
    with open(out, "rb") as f:
        return f.read()


def put_probe(img, lba, probe, tag, keep_bpb=True):
    """The probe into sector lba with its tag: bytes 0-2 and CODE_START-
    CODE_END (a BPB and a partition table stay), or the whole sector."""
    code = bytearray(probe)
    code[TAG_OFFSET:TAG_OFFSET + 8] = tag.encode().ljust(8, b"\0")
    with open(img, "r+b") as f:
        if keep_bpb:
            f.seek(lba * 512)
            f.write(code[:3])
            f.seek(lba * 512 + CODE_START)
            f.write(code[CODE_START:CODE_END])
        else:
            f.seek(lba * 512)
            f.write(code)


@pytest.fixture(scope="module")
def images(bzboot):
    d = os.path.join(artifacts.IMAGES, "test_chain")
    os.makedirs(d, exist_ok=True)
    probe = probe_sector(os.path.join(d, "probe"))
    # hd0: bzboot on FAT16; its volume's boot sector is a probe (BPB kept)
    hd0 = bzimg.make_disk(os.path.join(d, "hd0.img"), fat=16, start=2048,
                          size_mib=32)
    bzimg.bzboot_install(bzboot, hd0.path)
    bzimg.write_file(hd0.path, hd0.start, "/bzboot.cfg", CFG)
    bzimg.copy_modules(hd0, artifacts.MODULES, names=["chain"])
    put_probe(hd0.path, hd0.start, probe, "HD0-P1")
    # hd1: probes in the MBR, primary 1 and logical 5; 3 has none
    hd1 = os.path.join(d, "hd1.img")
    if os.path.exists(hd1):
        os.unlink(hd1)
    bzimg.run(["truncate", "-s", "%d" % (HD1_SECTORS * 512), hd1])
    script = ("label: dos\nlabel-id: 0x%08x\nunit: sectors\n\n"
              "start=2048, size=2048, type=83\n"
              "start=4096, size=8192, type=5\n"
              "start=14336, size=2048, type=83\n"
              "start=6144, size=2048, type=83\n" % HD1_ID)
    bzimg.run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", hd1],
              input=script.encode())
    put_probe(hd1, 0, probe, "HD1-MBR")
    put_probe(hd1, HD1_PARTS[1][0], probe, "HD1-P1", keep_bpb=False)
    put_probe(hd1, HD1_PARTS[5][0], probe, "HD1-P5", keep_bpb=False)
    # fd0: a bare 1.44 MB floppy, the probe as its boot sector
    fd0 = os.path.join(d, "fd0.img")
    with open(fd0, "wb") as f:
        f.truncate(1474560)
    put_probe(fd0, 0, probe, "FD0", keep_bpb=False)
    # hd2: GPT, the probe in partition 2
    hd2 = os.path.join(d, "hd2.img")
    if os.path.exists(hd2):
        os.unlink(hd2)
    bzimg.run(["truncate", "-s", "8M", hd2])
    bzimg.run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", hd2],
              input=b"label: gpt\nunit: sectors\n\nstart=2048, size=2048\n"
              b"start=%d, size=%d\n" % GPT_P2[:2])
    put_probe(hd2, GPT_P2[0], probe, "HD2-P2", keep_bpb=False)
    return hd0, hd1, fd0, hd2


@pytest.fixture(scope="module")
def syslinux_hd0(images):
    """The reference: SYSLINUX 6.04 with its own chain.c32 on a disk like
    hd0 (same size and partition), the same config but for `p1` (SYSLINUX
    owns that volume's boot sector)."""
    return syslinux_chain_disk(os.path.dirname(images[0].path), CFG)


def syslinux_chain_disk(d, cfg, **disk_args):
    """syslinux-hd0.img in directory d: a 32 MiB FAT16 disk like hd0 with
    SYSLINUX 6.04, its chain.c32 and the libraries it needs, and cfg as
    its syslinux.cfg (disk_args go to bzimg.make_disk)."""
    disk = bzimg.make_disk(os.path.join(d, "syslinux-hd0.img"), fat=16,
                           start=2048, size_mib=32, **disk_args)
    bzimg.install_syslinux(disk)
    for mod in ("chain.c32", "libcom32.c32", "libutil.c32"):
        bzimg.copy_in(disk.path, disk.start,
                      os.path.join(SYSLINUX_MODULES, mod), "/" + mod)
    bzimg.write_file(disk.path, disk.start, "/syslinux.cfg", cfg)
    return disk


def start(booter, images, tag, hd0=None):
    hd0 = hd0 or images[0]
    hd1, fd0, hd2 = images[1], images[2], images[3]
    extra = ["-drive", "file=%s,format=raw,if=ide,index=1,media=disk,"
             "snapshot=on" % hd1,
             "-drive", "file=%s,format=raw,if=ide,index=2,media=disk,"
             "snapshot=on" % hd2,
             "-drive", "file=%s,format=raw,if=floppy,index=0,snapshot=on"
             % fd0]
    q = booter.start(hd0.path, tag, extra_args=extra)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)
    return q


def report(q):
    m = q.wait_for(REPORT, PROMPT_TIMEOUT, fail=FAIL)
    return m.groupdict()


def entry(hexstr):
    """(status, type, lba, sectors) of the first 16 bytes at DS:SI."""
    b = bytes.fromhex(hexstr)
    return b[0], b[4], struct.unpack_from("<I", b, 8)[0], \
        struct.unpack_from("<I", b, 12)[0]


def test_localboot_0_boots_the_floppy(images, booter):
    """SYSLINUX's disk variants take LOCALBOOT's type as the BIOS drive
    (core/localboot.c): 0 is the first floppy, entered at 0:7C00 with DX =
    the type and the stack at 0:7C00."""
    q = start(booter, images, "fd0")
    q.send("fd0\r")
    q.wait_for(r"Booting from local disk\.\.\.", PROMPT_TIMEOUT, fail=FAIL)
    r = report(q)
    assert r["tag"] == "FD0"
    assert r["dx"] == "0000"
    assert (r["cs"], r["ip"], r["ss"], r["sp"]) == \
        ("0000", "7c00", "0000", "7c00")


@pytest.mark.parametrize("label,tag,dl,want", [
    # the whole disk: chain.c32's raw hand-over entry
    ("hd1", "HD1-MBR", 0x81, (0x80, 0xDA, 0, HD1_SECTORS)),
    # bzboot's own FAT16 partition, active in its MBR
    ("p1", "HD0-P1", 0x80, (0x80, 0x0E, 2048, 32 * 2048 - 2048)),
    # a logical partition: its absolute LBA, not the EBR's relative one
    ("logical", "HD1-P5", 0x81, (0x00, 0x83, 6144, 2048)),
    ("sig", "HD1-P1", 0x81, (0x00, 0x83, 2048, 2048)),
    # GPT: chain.c32's synthesised MBR-style entry
    ("gpt", "HD2-P2", 0x82, (0x80,) + GPT_P2[2:] + GPT_P2[:2]),
])
def test_chain_c32(images, booter, label, tag, dl, want):
    q = start(booter, images, label)
    q.send(label + "\r")
    r = report(q)
    assert r["tag"] == tag
    assert int(r["dx"], 16) & 0xFF == dl
    assert (r["cs"], r["ip"], r["ss"], r["sp"], r["ds"], r["si"]) == \
        ("0000", "7c00", "0000", "7c00", "0000", "07be")
    assert entry(r["pe"]) == want
    if label == "gpt":  # then the GPT entry's length, as chain.c32 has it
        assert r["pe"][32:] == "80000000"


def test_refusals_then_localboot_minus_1(images, booter):
    """A sector without 0xAA55, a partition the disk has not got and
    `break` each say so and return to boot:; LOCALBOOT -1 then hands back
    to the BIOS, which boots its next device: the floppy's probe."""
    q = start(booter, images, "refusals")
    q.send("nosig\r")
    q.wait_for(r"bzboot: chain\.c32 hd1 3: BIOS drive 0x81, sector %d is "
               r"not a boot sector \(no 0xAA55 at its end\); not booting "
               r"it\." % HD1_PARTS[3][0], PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("nopart\r")
    q.wait_for(r"bzboot: chain\.c32 hd1 9: partition 9 of BIOS drive "
               r"0x81: [^\n]*\(it has: 1 2 3 5\)\.", PROMPT_TIMEOUT,
               fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("brk\r")
    q.wait_for(r"break: the sector was read; not booting it\.",
               PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("next\r")
    q.wait_for(r"Booting from local disk\.\.\.", PROMPT_TIMEOUT, fail=FAIL)
    r = report(q)
    assert r["tag"] == "FD0"
    assert r["dx"][2:] == "00"  # the BIOS's own boot: DL = 0


def test_without_the_module(images, booter):
    """No chain.bzm on the volume: the module loader's line, then boot:
    again; neither the boot sector nor the old refusal runs."""
    hd0 = images[0]
    bare = bzimg.Disk(path=os.path.join(os.path.dirname(hd0.path),
                                        "hd0-bare.img"),
                      fat=hd0.fat, start=hd0.start, sectors=hd0.sectors)
    with open(hd0.path, "rb") as src, open(bare.path, "wb") as dst:
        dst.write(src.read())
    bzimg.run(["mdel", "-i", bare.mtools_spec, "::/boot/bzboot/chain.bzm"])
    q = start(booter, images, "bare", hd0=bare)
    q.send("hd1\r")
    q.wait_for(r"bzboot: module chain\.bzm not found in /boot/bzboot/",
               PROMPT_TIMEOUT, fail=r"CHAIN-PROBE|Linux kernels only")
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=r"CHAIN-PROBE")


@pytest.mark.parametrize("label", ["hd1", "logical", "sig", "gpt", "fd0"])
def test_same_as_syslinux(images, syslinux_hd0, booter, label):
    """What the probe sees after bzboot is what it sees after SYSLINUX
    6.04's chain.c32 (or its LOCALBOOT) on the same disks: DX, CS:IP,
    SS:SP, DS:SI and the entry, CHS bytes included, and for GPT the
    length of the GPT entry that follows it. LOCALBOOT hands over
    no entry: SYSLINUX leaves SI at its sector buffer, so SI and the
    bytes there are not compared."""
    got = {}
    for loader, hd0 in (("bzboot", None), ("syslinux", syslinux_hd0)):
        q = start(booter, images, loader + "-" + label, hd0=hd0)
        q.send(label + "\r")
        got[loader] = report(q)
        q.close()
    for r in got.values():
        if label == "fd0":
            del r["si"], r["pe"]
        elif label != "gpt":  # past the 16 bytes: whatever memory held
            r["pe"] = r["pe"][:32]
    assert got["bzboot"] == got["syslinux"]
