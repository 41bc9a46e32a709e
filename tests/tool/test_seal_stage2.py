# SPDX-License-Identifier: BSD-2-Clause
# seal-stage2: padding, sector count, checksum, the 62-sector budget; and the
# build's stage2.bin is a sealed image.
import struct

import pytest

from installkit import (BUILD, FMT, S2_HEADER, SECTOR, pack_unpack,
                        raw_stage2, run, seal, word_sum)

MAX = FMT["BZ_S2_MAX_SECTORS"]


def seal_file(tool, tmp_path, raw):
    (tmp_path / "in.raw").write_bytes(raw)
    return run(tool, tmp_path / "in.raw", tmp_path / "out.bin")


@pytest.mark.parametrize("body", [0, 1, SECTOR - S2_HEADER, SECTOR, 5000,
                                  MAX * SECTOR - S2_HEADER])
def test_seal_pads_counts_and_checksums(seal_tool, tmp_path, body):
    raw = raw_stage2(body)
    res = seal_file(seal_tool, tmp_path, raw)
    assert res.returncode == 0, res.stderr
    out = (tmp_path / "out.bin").read_bytes()
    sectors = -(-len(raw) // SECTOR)
    assert res.stdout == f"stage2: {len(raw)} bytes, {sectors} of 62 sectors\n"
    assert len(out) == sectors * SECTOR
    assert struct.unpack_from("<H", out, 0x0A)[0] == sectors
    assert word_sum(out) == 0
    assert out == seal(raw)
    # Only the two header fields change; the pad is zeroes.
    assert out[:0x0A] == raw[:0x0A] and out[0x10:len(raw)] == raw[0x10:]
    assert out[len(raw):] == bytes(len(out) - len(raw))


def test_seal_refuses_over_budget(seal_tool, tmp_path):
    res = seal_file(seal_tool, tmp_path, raw_stage2(MAX * SECTOR - S2_HEADER + 1))
    assert res.returncode == 1
    assert "stage2 is 63 sectors, the budget is 62 (31 KiB, the gap of a " \
        "disk partitioned at sector 63): make it smaller" in res.stderr
    assert not (tmp_path / "out.bin").exists()


def test_seal_refuses_wrong_magic(seal_tool, tmp_path):
    raw = bytearray(raw_stage2(100))
    raw[4:8] = b"XXXX"
    res = seal_file(seal_tool, tmp_path, raw)
    assert res.returncode == 1
    assert "magic" in res.stderr
    assert not (tmp_path / "out.bin").exists()


def test_seal_refuses_wrong_abi(seal_tool, tmp_path):
    raw = raw_stage2(100, abi=FMT["BZ_S2_ABI"] + 1)
    res = seal_file(seal_tool, tmp_path, raw)
    assert res.returncode == 1
    assert "ABI" in res.stderr


def test_seal_refuses_short_file(seal_tool, tmp_path):
    res = seal_file(seal_tool, tmp_path, b"\xeb\x1eBZS2")
    assert res.returncode == 1
    assert "shorter than the stage2 header" in res.stderr


def test_seal_usage(seal_tool):
    res = run(seal_tool)
    assert res.returncode == 2
    assert "usage: seal-stage2 IN.raw OUT.bin" in res.stderr


def test_built_stage2_is_sealed(stage2):
    img = stage2
    assert len(img) % SECTOR == 0
    assert struct.unpack_from("<IHH", img, 4) == (
        FMT["BZ_S2_MAGIC"], FMT["BZ_S2_ABI"], len(img) // SECTOR)
    assert len(img) // SECTOR <= MAX
    assert word_sum(img) == 0


def test_built_stage2_unpacks_to_the_linked_image():
    """The payload of build/stage2.bin is build/stage2.raw, packed."""
    img = (BUILD / "stage2.bin").read_bytes()
    main = (BUILD / "stage2.raw").read_bytes()
    off, packed, unpacked = struct.unpack_from("<III", img, 0x10)
    assert off % 4 == 0 and off >= S2_HEADER
    assert unpacked == len(main)
    assert pack_unpack(img[off:off + packed], unpacked) == main
    # The entry before the payload is the entry link, unpacked.
    entry = (BUILD / "stage2-entry.raw").read_bytes()
    assert img[S2_HEADER:len(entry)] == entry[S2_HEADER:]
