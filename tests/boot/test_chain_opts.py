# SPDX-License-Identifier: BSD-2-Clause
"""chain.c32's disk-side options through the chain module: swap (an
INT 13h hook), hide/hideall/unhide (in memory only), setbpb and the older
sethid/setgeo/setdrv (the loaded sector's BPB), and the guid:/label:
selectors on a GPT disk. The sectors booted hold tests/probes/chainopt.asm,
which reports its tag, DL, the 20 bytes at DS:SI, its own BPB bytes
0x18-0x27 and partition table as loaded, and the disk signatures it reads
through INT 13h from drives 0x80 and 0x81. SYSLINUX 6.04 with its own
chain.c32 on the same disks is the reference; its hide writes the types to
the disk, bzboot's must leave every disk byte-identical."""

import os
import shutil
import struct

import pytest

import artifacts
import bzimg
from test_chain import entry, probe_sector, syslinux_chain_disk
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT

pytestmark = pytest.mark.bzboot

PROBE_SRC = os.path.join(artifacts.ROOT, "tests", "probes", "chainopt.asm")
TAG_OFFSET = 0x1B0  # chainopt.asm: 8 bytes, NUL-padded
HD0_ID = 0x42425A42  # bzimg.make_disk's disk_id, on both loaders' hd0
HD1_ID = 0x0C4A1B0B
HD1_SECTORS = 32768  # 16 MiB
# hd1: 1 hidden FAT32 LBA, 2 FAT16, 3 extended holding 5 (hidden FAT32)
HD1_TABLE = ((2048, 2048, 0x1C), (4096, 2048, 0x06), (6144, 8192, 0x05))
HD1_P5 = (8192, 2048, 0x1B)
# hd2: GPT, partition 2 named "beta" holds the probe
HD2_DISK_GUID = "6D0A2A1E-3C44-4B7E-9A55-0D15C0DE0002"
HD2_P2_GUID = "B0B0B0B0-1111-4222-8333-444455556666"
HD2_P2 = (4096, 4096)
REPORT = (r"CHAIN-OPT tag=(?P<tag>[\w-]*) dl=(?P<dl>[0-9a-f]{2}) "
          r"pe=(?P<pe>[0-9a-f]{40}) bp=(?P<bp>[0-9a-f]{32}) "
          r"pt=(?P<pt>[0-9a-f]{128}) m0=(?P<m0>[0-9a-f]{8}) "
          r"m1=(?P<m1>[0-9a-f]{8}) end")
FAIL = BOOTED + r"|bzboot: [^\n]*\n|Booting\.\.\.\s+Chainboot failed"

CFG = """SERIAL 0 115200
PROMPT 1
LABEL mbrhide
  COM32 chain.c32
  APPEND hd1 hide
LABEL mbrunhide
  COM32 chain.c32
  APPEND hd1 unhideall
LABEL p1
  COM32 chain.c32
  APPEND hd1 1 hide setbpb swap
LABEL logical
  COM32 chain.c32
  APPEND hd1 5 hideall setbpb
LABEL label
  COM32 chain.c32
  APPEND label:beta
LABEL guid
  COM32 chain.c32
  APPEND guid:%s
LABEL diskguid
  COM32 chain.c32
  APPEND guid:{%s},2 sethid setgeo setdrv
LABEL nolabel
  COM32 chain.c32
  APPEND label:gamma
LABEL noguid
  COM32 chain.c32
  APPEND guid:00000000-1111-2222-3333-444444444444 2
LABEL gpthide
  COM32 chain.c32
  APPEND hd2 2 hide
""" % (HD2_P2_GUID, HD2_DISK_GUID.lower())


def fat16_bpb():
    """Bytes 0x0B-0x3D of a FAT16 boot sector, version 4.0, with the
    fields setbpb changes set to what no disk has: 1 sector per track, 1
    head, 0x11111111 hidden sectors, drive 0x7F."""
    b = bytearray(0x3E)
    struct.pack_into("<HBHBHHBHHHII", b, 0x0B, 512, 4, 1, 2, 512, 2048,
                     0xF8, 8, 1, 1, 0x11111111, 0)
    b[0x24] = 0x7F
    b[0x26] = 0x29
    b[0x2B:0x36] = b"NO NAME    "
    b[0x36:0x3E] = b"FAT16   "
    return bytes(b[0x0B:])


def put_probe(img, lba, probe, tag, keep_table=False, bpb=False):
    """The probe into sector lba with its tag; an MBR keeps its disk
    signature and table, a volume gets a FAT16 BPB."""
    code = bytearray(probe)
    code[TAG_OFFSET:TAG_OFFSET + 8] = tag.encode().ljust(8, b"\0")
    if bpb:
        code[0x0B:0x3E] = fat16_bpb()
    with open(img, "r+b") as f:
        f.seek(lba * 512)
        f.write(code[:0x1B8] if keep_table else code)


@pytest.fixture(scope="module")
def images(bzboot):
    d = os.path.join(artifacts.IMAGES, "test_chain_opts")
    os.makedirs(d, exist_ok=True)
    probe = probe_sector(os.path.join(d, "probe"), PROBE_SRC)
    hd0 = bzimg.make_disk(os.path.join(d, "hd0.img"), fat=16, start=2048,
                          size_mib=32, disk_id=HD0_ID)
    bzimg.bzboot_install(bzboot, hd0.path)
    bzimg.write_file(hd0.path, hd0.start, "/bzboot.cfg", CFG)
    bzimg.copy_modules(hd0, artifacts.MODULES, names=["chain"])
    hd1 = os.path.join(d, "hd1.img")
    if os.path.exists(hd1):
        os.unlink(hd1)
    bzimg.run(["truncate", "-s", "%d" % (HD1_SECTORS * 512), hd1])
    script = "label: dos\nlabel-id: 0x%08x\nunit: sectors\n\n" % HD1_ID
    for start, size, ptype in HD1_TABLE + (HD1_P5,):
        script += "start=%d, size=%d, type=%x\n" % (start, size, ptype)
    bzimg.run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", hd1],
              input=script.encode())
    put_probe(hd1, 0, probe, "OPT-MBR", keep_table=True)
    put_probe(hd1, HD1_TABLE[0][0], probe, "OPT-P1", bpb=True)
    put_probe(hd1, HD1_P5[0], probe, "OPT-P5", bpb=True)
    hd2 = os.path.join(d, "hd2.img")
    if os.path.exists(hd2):
        os.unlink(hd2)
    bzimg.run(["truncate", "-s", "8M", hd2])
    bzimg.run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", hd2],
              input=("label: gpt\nlabel-id: %s\nunit: sectors\n\n"
                     "start=2048, size=2048, name=alpha\n"
                     "start=%d, size=%d, name=beta, uuid=%s\n"
                     % ((HD2_DISK_GUID,) + HD2_P2 + (HD2_P2_GUID,))
                     ).encode())
    put_probe(hd2, HD2_P2[0], probe, "OPT-G2", bpb=True)
    return hd0, hd1, hd2


@pytest.fixture(scope="module")
def syslinux_hd0(images):
    """SYSLINUX 6.04 with its own chain.c32 on a disk like hd0, with the
    same config (and disk signature, which swap's probe reads)."""
    return syslinux_chain_disk(os.path.dirname(images[0].path), CFG,
                               disk_id=HD0_ID)


def start(booter, images, tag, hd0=None, hd1=None):
    """QEMU on hd0 (bzboot's unless given) with hd1 and hd2; hd1 is
    written through when a path is given, else a snapshot."""
    hd1_opt = "file=%s,format=raw,if=ide,index=1,media=disk" % (
        hd1 or images[1])
    extra = ["-drive", hd1_opt + ("" if hd1 else ",snapshot=on"),
             "-drive", "file=%s,format=raw,if=ide,index=2,media=disk,"
             "snapshot=on" % images[2]]
    q = booter.start((hd0 or images[0]).path, tag, extra_args=extra)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)
    return q


def boot(booter, images, label, hd0=None, hd1=None, tag=None):
    q = start(booter, images, tag or label, hd0=hd0, hd1=hd1)
    q.send(label + "\r")
    r = q.wait_for(REPORT, PROMPT_TIMEOUT, fail=FAIL).groupdict()
    q.close()
    return r


def bpb(hexstr):
    """(sectors per track, heads, hidden sectors, drive) of bytes
    0x18-0x27."""
    b = bytes.fromhex(hexstr)
    spt, heads, hidden = struct.unpack_from("<HHI", b, 0)
    return spt, heads, hidden, b[0x24 - 0x18]


def types(hexstr):
    b = bytes.fromhex(hexstr)
    return tuple(b[16 * i + 4] for i in range(4))


def sig(hexstr):
    return struct.unpack("<I", bytes.fromhex(hexstr))[0]


@pytest.mark.parametrize("label,want", [
    # 6 -> 0x16; 0x1C stays; the extended 5 has no hidden twin
    ("mbrhide", (0x1C, 0x16, 0x05, 0x00)),
    ("mbrunhide", (0x0C, 0x06, 0x05, 0x00)),
])
def test_hide_mbr_in_memory_only(images, syslinux_hd0, booter, tmp_path,
                                 label, want):
    """`hd1 hide` / `hd1 unhideall` boot hd1's MBR with the hideable
    primaries hidden / shown in its table as loaded, as SYSLINUX's
    chain.c32 shows them; SYSLINUX wrote those types to hd1, bzboot left
    hd1 byte-identical."""
    with open(images[1], "rb") as f:
        original = f.read()
    got = {}
    for loader, hd0 in (("bzboot", None), ("syslinux", syslinux_hd0)):
        copy = str(tmp_path / ("%s-hd1.img" % loader))
        shutil.copyfile(images[1], copy)
        got[loader] = boot(booter, images, label, hd0=hd0, hd1=copy,
                           tag=loader + "-" + label)
        with open(copy, "rb") as f:
            after = f.read()
        if loader == "bzboot":
            assert after == original, "bzboot wrote to hd1"
        else:  # the reference did write: the check above can fail
            assert after != original
            assert types(after[0x1BE:0x1FE].hex()) == want
    r = got["bzboot"]
    assert r["tag"] == "OPT-MBR"
    assert types(r["pt"]) == want
    assert entry(r["pe"]) == (0x80, 0xDA, 0, HD1_SECTORS)
    for r in got.values():  # past the 16 bytes: whatever memory held
        r["pe"] = r["pe"][:32]
    assert got["bzboot"] == got["syslinux"]


@pytest.mark.parametrize("label", ["p1", "logical", "label"])
def test_same_as_syslinux(images, syslinux_hd0, booter, label):
    """What the probe sees after bzboot is what it sees after SYSLINUX
    6.04's chain.c32: `hd1 1 hide setbpb swap` (partition 1 unhidden in
    the entry, its BPB's geometry, hidden sectors and drive set, DL = 0x80
    and INT 13h's drives 0x80 and 0x81 traded), `hd1 5 hideall setbpb`
    (a logical partition reached by hideall only) and `label:beta` (a GPT
    partition by name)."""
    got = {}
    for loader, hd0 in (("bzboot", None), ("syslinux", syslinux_hd0)):
        got[loader] = boot(booter, images, label, hd0=hd0,
                           tag=loader + "-" + label)
    r = got["bzboot"]
    if label == "p1":
        assert r["tag"] == "OPT-P1"
        assert r["dl"] == "80"
        assert entry(r["pe"]) == (0x00, 0x0C, 2048, 2048)
        spt, heads, hidden, drive = bpb(r["bp"])
        assert (hidden, drive) == (2048, 0x80)
        assert spt > 1 and heads > 1
        # through the hook, 0x80 is hd1 and 0x81 is hd0
        assert (sig(r["m0"]), sig(r["m1"])) == (HD1_ID, HD0_ID)
    elif label == "logical":
        assert r["tag"] == "OPT-P5"
        assert r["dl"] == "81"
        assert entry(r["pe"]) == (0x00, 0x0B) + HD1_P5[:2]
        assert bpb(r["bp"])[2:] == (HD1_P5[0], 0x81)
        assert (sig(r["m0"]), sig(r["m1"])) == (HD0_ID, HD1_ID)
    else:
        assert r["tag"] == "OPT-G2"
        assert r["dl"] == "82"
        assert entry(r["pe"]) == (0x80, 0xED) + HD2_P2
        assert r["pe"][32:] == "80000000"  # the GPT entry's length
        assert bpb(r["bp"])[2:] == (0x11111111, 0x7F)  # untouched
    if label != "label":  # past the 16 bytes: whatever memory held
        for x in got.values():
            x["pe"] = x["pe"][:32]
    assert got["bzboot"] == got["syslinux"]


def test_guid_forms_and_refusals(images, booter):
    """An unknown name, an unknown GUID and hide on a GPT disk each say
    what was asked and return to boot:; then guid: finds partition 2 by
    its unique GUID."""
    q = start(booter, images, "refusals")
    q.send("nolabel\r")
    q.wait_for(r"bzboot: chain\.c32 label:gamma: no GPT partition of the "
               r"3 hard disks is named \"gamma\"\.", PROMPT_TIMEOUT,
               fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("noguid\r")
    q.wait_for(r"bzboot: chain\.c32 guid:00000000-1111-2222-3333-"
               r"444444444444 2: no GPT disk or partition of the 3 hard "
               r"disks has that GUID\.", PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("gpthide\r")
    q.wait_for(r"bzboot: chain\.c32 hd2 2 hide: hide and unhide work on "
               r"MBR partition tables only; this disk has a GPT\.",
               PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send("guid\r")
    r = q.wait_for(REPORT, PROMPT_TIMEOUT, fail=FAIL).groupdict()
    assert r["tag"] == "OPT-G2"
    assert r["dl"] == "82"
    assert entry(r["pe"]) == (0x80, 0xED) + HD2_P2


def test_disk_guid_and_old_bpb_words(images, booter):
    """guid: with the disk's GUID (in braces) and ",2" boots its partition
    2; sethid, setgeo and setdrv (chain.c32's names before setbpb) set
    the three BPB fields: hidden sectors = 4096, drive 0x82."""
    r = boot(booter, images, "diskguid")
    assert r["tag"] == "OPT-G2"
    assert entry(r["pe"])[1:] == (0xED,) + HD2_P2
    spt, heads, hidden, drive = bpb(r["bp"])
    assert (hidden, drive) == (HD2_P2[0], 0x82)
    assert spt > 1 and heads > 1
