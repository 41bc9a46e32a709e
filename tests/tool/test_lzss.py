# SPDX-License-Identifier: BSD-2-Clause
# tools/lzss.c through seal-stage2: every packed payload unpacks (with the
# format as stage2/entry.asm reads it) to exactly its input, and the packer
# finds the smallest encoding the format has, checked against a reference
# optimum computed here.
import os
import random
import struct

import pytest

from installkit import BUILD, lzss_unpack, raw_stage2, run

WINDOW, MIN, MAX = 4096, 3, 18


def pack(seal_tool, tmp_path, data):
    """seal-stage2 with a stand-in entry and data as the main image: the
    packed payload."""
    (tmp_path / "entry.raw").write_bytes(raw_stage2(0))
    (tmp_path / "main.raw").write_bytes(data)
    res = run(seal_tool, tmp_path / "entry.raw", tmp_path / "out.bin",
              tmp_path / "main.raw")
    assert res.returncode == 0, res.stderr
    img = (tmp_path / "out.bin").read_bytes()
    off, packed, unpacked = struct.unpack_from("<III", img, 0x10)
    assert unpacked == len(data)
    return img[off:off + packed]


def optimal_size(data):
    """The fewest bytes the format can pack data into: fewest bits, with a
    literal 9 (flag + byte) and a match 17 (flag + word), any length from
    MIN to the longest match in the window."""
    longest, seen = [0] * len(data), {}
    for i in range(len(data)):
        key = data[i:i + MIN]
        if len(key) < MIN:
            break
        limit = min(MAX, len(data) - i)
        for cand in reversed(seen.get(key, [])):
            if i - cand > WINDOW or longest[i] == limit:
                break
            n = 0
            while n < limit and data[cand + n] == data[i + n]:
                n += 1
            longest[i] = max(longest[i], n)
        seen.setdefault(key, []).append(i)
    bits = [0] * (len(data) + 1)
    for i in range(len(data) - 1, -1, -1):
        bits[i] = 9 + bits[i + 1]
        for n in range(MIN, longest[i] + 1):
            bits[i] = min(bits[i], 17 + bits[i + n])
    return -(-bits[0] // 8)


def rnd(seed, n, alphabet=range(256)):
    gen = random.Random(seed)
    return bytes(gen.choice(alphabet) for _ in range(n))


EDGE = {
    "empty": b"",
    "one": b"x",
    "two": b"xy",
    "three": b"xyz",
    "repeat-once": b"xyzxyz",
    "zeros-3": bytes(3),
    "zeros-4": bytes(4),
    "zeros-19": bytes(19),  # one byte past the longest match
    "zeros-21": bytes(21),
    "zeros-30000": bytes(30000),
    "random": os.urandom(20000),
    # Period 4096: every match is exactly the farthest offset there is.
    "period-4096": rnd(1, 4096) * 5,
    # Period 4097: the repeat is one byte out of reach.
    "period-4097": rnd(2, 4097) * 4,
    "all-bytes": bytes(range(256)) * 80,
    "two-letters": rnd(3, 20000, b"ab"),
}


@pytest.mark.parametrize("name", EDGE)
def test_pack_round_trips(seal_tool, tmp_path, name):
    data = EDGE[name]
    assert lzss_unpack(pack(seal_tool, tmp_path, data)) == data


def test_pack_round_trips_stage2_raw(seal_tool, tmp_path):
    data = (BUILD / "stage2.raw").read_bytes()
    assert lzss_unpack(pack(seal_tool, tmp_path, data)) == data


# Inputs where the longest match now is often not the cheapest choice.
SMALL = {
    "two-letters": rnd(4, 3000, b"ab"),
    "four-letters": rnd(5, 3000, b"abcd"),
    "words": b" ".join(rnd(i, 1 + i % 7, b"abcdef")
                       for i in range(700)),
    "greedy-trap": b"abcdXbcdefgYabcdefg" * 50,
}


@pytest.mark.parametrize("name", SMALL)
def test_pack_is_optimal(seal_tool, tmp_path, name):
    data = SMALL[name]
    packed = pack(seal_tool, tmp_path, data)
    assert lzss_unpack(packed) == data
    assert len(packed) == optimal_size(data)


def test_pack_is_optimal_on_stage2_code(seal_tool, tmp_path):
    data = (BUILD / "stage2.raw").read_bytes()[:8192]
    assert len(pack(seal_tool, tmp_path, data)) == optimal_size(data)
