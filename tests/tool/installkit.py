# SPDX-License-Identifier: BSD-2-Clause
"""Helpers for the installer tests: the on-disk offsets read from
stage1/format.h, the built tools, and disk images made without root."""

import os
import re
import struct
import subprocess
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]


BUILD = ROOT / "build"


BZBOOT = BUILD / "bzboot"


SEAL = BUILD / "seal-stage2"


STAGE1 = BUILD / "stage1" / "mbr.bin"


STAGE2 = BUILD / "stage2.bin"


SECTOR = 512


MIB = 1 << 20


def read_format_h():
    """The numbers of stage1/format.h, so the tests follow the format."""
    text = (ROOT / "stage1" / "format.h").read_text()
    found = re.findall(r"#define\s+(BZ_\w+)\s+(0x[0-9A-Fa-f]+|\d+)", text)
    return {name: int(value, 0) for name, value in found}


FMT = read_format_h()


def run(tool, *args, check=False):
    return subprocess.run([str(tool), *map(str, args)], capture_output=True,
                          text=True, check=check)


def sh(*args, stdin=None, env=None):
    """Run an image-making command; fail the test with its stderr."""
    full_env = dict(os.environ, MTOOLS_SKIP_CHECK="1", **(env or {}))
    res = subprocess.run(list(map(str, args)), input=stdin, text=True,
                         capture_output=True, env=full_env)
    if res.returncode:
        pytest.fail(f"{' '.join(map(str, args))} failed: {res.stderr}")
    return res.stdout


def seal(raw):
    """An independent sealer: pad, sector count, checksum to sum zero."""
    img = bytearray(raw)
    img += bytes(-len(img) % SECTOR)
    struct.pack_into("<HI", img, 0x0A, len(img) // SECTOR, 0)
    total = sum(struct.unpack(f"<{len(img) // 4}I", img)) & 0xFFFFFFFF
    struct.pack_into("<I", img, 0x0C, -total & 0xFFFFFFFF)
    return bytes(img)


# sizeof(struct bz_stage2_header)
S2_HEADER = 0x30


class _Bits:
    """The stream of tools/pack.h: bytes in order, a bit byte taken from
    it when a bit is needed and none is left."""

    def __init__(self, data):
        self.data, self.i, self.byte, self.left = data, 0, 0, 0

    def byte_(self):
        assert self.i < len(self.data), "input ends inside an item"
        self.i += 1
        return self.data[self.i - 1]

    def bit(self):
        if not self.left:
            self.byte, self.left = self.byte_(), 8
        self.left -= 1
        return self.byte >> self.left & 1

    def gamma(self):
        v = 1
        while self.bit():
            v = v << 1 | self.bit()
        return v


def pack_unpack(data, size):
    """tools/pack.h's format, as stage2/entry.asm unpacks it: exactly size
    bytes from exactly all of data."""
    out, bits, off, item = bytearray(), _Bits(data), 1, "run"
    while len(out) < size:
        if item == "run":
            for _ in range(bits.gamma()):
                out.append(bits.byte_())
        else:
            if item == "new":
                off = ((bits.gamma() - 1) << 8 | bits.byte_()) + 1
                n = bits.gamma() + 1
            else:  # at the last offset
                n = bits.gamma()
            assert off <= len(out), "match reaches before the start"
            for _ in range(n):
                out.append(out[-off])
        assert len(out) <= size, "output longer than its size"
        if len(out) < size:
            item = "new" if bits.bit() else "rep" if item == "run" else "run"
    assert bits.i == len(data), "input longer than the output needs"
    return bytes(out)


def raw_stage2(body_len, abi=FMT["BZ_S2_ABI"]):
    """A stand-in raw stage2: header with magic and ABI, random body."""
    hdr = b"\xeb\x1e\x90\x90" + struct.pack("<IHHI", FMT["BZ_S2_MAGIC"],
                                            abi, 0, 0)
    # payload_off, packed_size, unpacked_size, reserved: nothing packed
    return hdr + bytes(16) + b"test".ljust(16, b"\0") + os.urandom(body_len)


def word_sum(img):
    return sum(struct.unpack(f"<{len(img) // 4}I", img)) & 0xFFFFFFFF


def write_at(path, offset, data):
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(data)


def make_disk(path, start=2048, size_mib=8, label="dos", fat=True,
              tail_mib=1):
    """
    A partitioned image: one partition from `start` to `tail_mib` before
    the end, FAT16 with a file on it when `fat`. The bytes a test must see
    kept are random: MBR boot code, the two bytes after the disk
    signature, the gap after stage2's sectors, the unpartitioned tail.
    """
    sh("truncate", "-s", f"{size_mib}M", path)
    total = size_mib * MIB // SECTOR
    size = total - start - tail_mib * MIB // SECTOR
    script = f"label: {label}\n"
    if label == "dos":
        script += "label-id: 0x{:08x}\n".format(
            int.from_bytes(os.urandom(4), "little") | 1)
    ptype = "c" if label == "dos" else "L"
    script += f"start={start}, size={size}, type={ptype}\n"
    sh("sfdisk", "-q", path, stdin=script)
    if fat:
        sh("mkfs.fat", "--offset", start, "-n", "BZTEST", path,
           size * SECTOR // 1024)
        hello = Path(path).with_suffix(".txt")
        hello.write_text("kept across install\n")
        sh("mcopy", "-i", f"{path}@@{start * SECTOR}", hello, "::/HELLO.TXT")
    if label == "dos":
        write_at(path, 0, os.urandom(FMT["BZ_MBR_CODE_SIZE"]))
        write_at(path, FMT["BZ_MBR_SIG_OFF"] + 4, os.urandom(2))
    write_at(path, (total - tail_mib * MIB // SECTOR) * SECTOR,
             os.urandom(tail_mib * MIB))
    return path


def fill_gap(path, first, last, data=None):
    """Random (or given) bytes in LBA first..last."""
    n = (last - first + 1) * SECTOR
    write_at(path, first * SECTOR, data if data is not None else os.urandom(n))


def assert_refused(res, *fragments):
    assert res.returncode == 1, res.stderr
    assert res.stdout == ""
    assert res.stderr.startswith("bzboot: "), res.stderr
    for frag in fragments:
        assert frag in res.stderr


def refuse(bzboot, path, *fragments, args=(), names=None):
    """Exit 1, a message naming `names` (the disk) and the reason."""
    before = path.read_bytes()
    res = run(bzboot, "install", *args, path)
    assert_refused(res, str(names or path), *fragments)
    assert path.read_bytes() == before, "a refused install wrote the image"
