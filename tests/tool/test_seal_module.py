# SPDX-License-Identifier: BSD-2-Clause
# seal-module and the built modules (docs/architecture.md, "Modules"): the
# header stage2's loader checks (protocol/bzmod.h), the word sum, and the
# identity of the very stage2 the module was linked against.
import struct
import subprocess

import pytest

from installkit import BUILD, run, word_sum

SEAL_MODULE = BUILD / "seal-module"
PASSWD = BUILD / "modules" / "passwd.bzm"
MAGIC = 0x444D5A42  # "BZMD"
HEADER = struct.Struct("<IHHIII16s4I")
MEM_MODULE = 0x90000


@pytest.fixture(scope="module")
def tool():
    if not SEAL_MODULE.exists() or not PASSWD.exists():
        pytest.skip("modules not built: run make")
    return SEAL_MODULE


def ident(data):
    """protocol/bzmod.c's bzmod_ident in Python."""
    h = 0
    for (w,) in struct.iter_unpack("<I", data):
        h = (((h << 5) | (h >> 27)) + w) & 0xFFFFFFFF
    return h


def ident_range():
    syms = {}
    out = subprocess.run(["nm", str(BUILD / "stage2.elf")], check=True,
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    base = syms["_start32"]
    return syms["_ident_start"] - base, syms["_ident_end"] - base


def test_passwd_module_is_sealed_for_this_stage2(tool):
    img = PASSWD.read_bytes()
    magic, abi, nent, size, _, stage2_id, name, *entry = \
        HEADER.unpack_from(img)
    assert (magic, abi, nent) == (MAGIC, 1, 1)
    assert size == len(img) and size % 4 == 0
    assert word_sum(img) == 0
    assert name.rstrip(b"\0") == b"passwd"
    assert MEM_MODULE + HEADER.size <= entry[0] < MEM_MODULE + size
    start, end = ident_range()
    raw = (BUILD / "stage2.raw").read_bytes()
    assert stage2_id == ident(raw[start:end])


def raw_module(body=b"\x90" * 37):
    return HEADER.pack(MAGIC, 1, 1, 0, 0, 0, b"probe", 0x90040, 0, 0, 0) + \
        body


def seal(tool, tmp_path, raw, start="0", end="64"):
    (tmp_path / "s2.raw").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "m.raw").write_bytes(raw)
    return run(tool, tmp_path / "s2.raw", start, end, tmp_path / "m.raw",
               tmp_path / "m.bzm")


def test_seal_pads_and_stores_identity(tool, tmp_path):
    raw = raw_module()
    res = seal(tool, tmp_path, raw)
    assert res.returncode == 0, res.stderr
    out = (tmp_path / "m.bzm").read_bytes()
    assert len(out) == (len(raw) + 3) // 4 * 4
    assert out[len(raw):] == bytes(len(out) - len(raw))
    assert word_sum(out) == 0
    want = ident((bytes(range(256)) * 4)[0:64])
    assert HEADER.unpack_from(out)[5] == want
    assert res.stdout == "module probe: %d bytes (stage2 identity %08x)\n" \
        % (len(out), want)


@pytest.mark.parametrize("raw,start,end,msg", [
    (b"\0" * 64, "0", "64", "not a bzboot module (bad magic)"),
    (raw_module()[:8], "0", "64", "file too short for a module"),
    (raw_module(), "0", "63", "is not whole words"),
    (raw_module(), "0", "2048", "is not whole words"),
])
def test_seal_refuses(tool, tmp_path, raw, start, end, msg):
    res = seal(tool, tmp_path, raw, start, end)
    assert res.returncode == 1
    assert msg in res.stderr
    assert not (tmp_path / "m.bzm").exists()
