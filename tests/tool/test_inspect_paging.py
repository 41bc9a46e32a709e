# SPDX-License-Identifier: BSD-2-Clause
# bzboot inspect --paging 4|5: the Debian kernel in the x86-64 virtual
# memory maps of mm.rst, its pieces at exact addresses, and the verdict on
# each paging mode from xloadflags (a copy with the 5-level bits cleared).
import re
import struct

import pytest

from installkit import MIB
from test_inspect import (DEBIAN_KERNEL, diagram, inspect, kernel, ok,
                          region, write_kernel)  # noqa: F401 (a fixture)

TEXT = 0xFFFFFFFF81000000          # __START_KERNEL_map + 16 MiB
PAGE_OFFSET = {4: 0xFFFF888000000000, 5: 0xFF11000000000000}
INITRD = 0x1FF00000                # 1 MiB below the end of 512 MiB


@pytest.fixture(scope="module")
def debian():
    if not DEBIAN_KERNEL.exists():
        pytest.skip(f"{DEBIAN_KERNEL} missing: run "
                    "bash tests/support/fetch-kernel.sh")
    data = DEBIAN_KERNEL.read_bytes()
    xlf, = struct.unpack_from("<H", data, 0x236)
    assert xlf & 0x61 == 0x61, "expected a 64-bit, 5-level capable kernel"
    return data


def field(out, name):
    """The first line of a summary field, after its 20-column name."""
    m = re.search(rf"^  {re.escape(f'{name:20}')}(.*)$", out, re.M)
    assert m, f"no {name} in:\n{out}"
    return m.group(1)


def span(text):
    a, b = re.match(r"0x([0-9a-f]+)-0x([0-9a-f]+)", text).groups()
    return int(a, 16), int(b, 16)


@pytest.mark.parametrize("levels", [4, 5])
def test_debian_pieces(bzboot, debian, tmp_path, levels):
    rd = tmp_path / "initrd.img"
    rd.write_bytes(bytes(MIB))
    out = ok(inspect(bzboot, "--paging", str(levels), "--initrd", rd,
                     DEBIAN_KERNEL))
    init_size, = struct.unpack_from("<I", debian, 0x260)
    size = (init_size + 0x1FFFFF) & ~0x1FFFFF
    po = PAGE_OFFSET[levels]
    assert f"After the hand-off, {levels}-level paging" in out
    assert f"this kernel can run {levels}-level paging" in out
    assert "kernel boot sector" not in out  # no real-mode drawing
    assert field(out, "initrd").startswith(
        f"0x{INITRD:x}-0x{INITRD + MIB - 1:x} (1.0 MiB)")
    assert span(field(out, "kernel text")) == (TEXT, TEXT + size - 1)
    assert "phys_base = 0x0" in out
    assert span(field(out, "direct map")) == (po, po + 512 * MIB - 1)
    assert span(out.split("  initrd              ")[2]) == (
        po + INITRD, po + INITRD + MIB - 1)
    assert f"_text at 0x{TEXT:x} to 0x{0xFFFFFFFFC0000000 - size:x}" in out
    assert f"in RAM at 0x1000000 to 0x{512 * MIB - size:x}" in out
    assert f"moves up in {'1 GiB' if levels == 4 else '512 GiB'}" in out
    # The drawing: mm.rst's rows, from 0 to the last byte, no gap, and
    # the pieces where the summary says.
    rows = diagram(out)
    assert rows[0][:3] == (0, {4: 0x00007FFFFFFFF000,
                                5: 0x00FFFFFFFFFFF000}[levels],
                           "user space")
    assert all(a[1] == b[0] for a, b in zip(rows, rows[1:]))
    assert rows[-1][1] == 0xFFFFFFFFFFFFFFFF
    assert region(out, "this kernel")[:2] == (TEXT, TEXT + size)
    assert region(out, "KASLR: its text range")[:2] == (
        TEXT + size, 0xFFFFFFFFC0000000)
    assert region(out, "initrd") == (po + INITRD, po + INITRD + MIB,
                                     f"phys 0x{INITRD:x}")
    assert region(out, "kernel, direct map")[:2] == (
        po + 0x1000000, po + 0x1000000 + size)
    assert region(out, "kernel text mapping")[:2] == (
        0xFFFFFFFF80000000, TEXT)
    assert region(out, "modules")[0] == 0xFFFFFFFFC0000000
    assert region(out, "direct map")[:2] == (
        po + 512 * MIB, {4: 0xFFFFC88000000000,
                         5: 0xFF91000000000000}[levels])


def test_debian_nokaslr_no5lvl(bzboot, debian):
    out = ok(inspect(bzboot, "--paging", "5", "--cmdline",
                     "nokaslr no5lvl", DEBIAN_KERNEL))
    assert "off (nokaslr)" in out
    assert "the command line has no5lvl: it runs 4-level paging" in out
    assert "KASLR: its text range" not in out
    assert field(out, "initrd") == "none"
    # After "--" the words are init's, not the kernel's.
    out = ok(inspect(bzboot, "--paging", "5", "--cmdline",
                     "-- nokaslr no5lvl", DEBIAN_KERNEL))
    assert "off (nokaslr)" not in out
    assert "no5lvl" not in out


@pytest.mark.parametrize("clear,why", [
    (0x60, "no XLF_5LEVEL (kernels before 5.3 set neither bit"),
    (0x20, "no XLF_5LEVEL (kernels before 5.3 set neither bit"),
    (0x40, "XLF_5LEVEL without"),
])
def test_5level_bits_cleared(bzboot, debian, tmp_path, clear, why):
    img = bytearray(debian)
    xlf, = struct.unpack_from("<H", img, 0x236)
    struct.pack_into("<H", img, 0x236, xlf & ~clear)
    path = tmp_path / "vmlinuz-4level"
    path.write_bytes(img)
    out = ok(inspect(bzboot, "--paging", "5", path))
    assert "this kernel cannot run 5-level paging" in out
    assert why in out
    labels = {row[2] for row in diagram(out)}
    assert not labels & {"this kernel", "initrd", "RAM, direct map"}
    # the map is drawn all the same
    assert region(out, "direct map")[0] == PAGE_OFFSET[5]
    out = ok(inspect(bzboot, "--paging", "4", path))
    assert "this kernel can run 4-level paging" in out


def test_32bit_and_old_kernels(bzboot, write_kernel):
    img = bytearray(kernel(0x020F, pm_size=MIB, loadflags=1))
    struct.pack_into("<H", img, 0x236, 0)
    out = ok(inspect(bzboot, "--paging", "4", write_kernel("k32",
                                                           bytes(img))))
    assert "this kernel cannot run 4-level paging: no XLF_KERNEL_64" in out
    out = ok(inspect(bzboot, "--paging", "4", write_kernel(
        "k210", kernel(0x020A, pm_size=MIB, loadflags=1))))
    assert "before 2.12 has no xloadflags" in out


def test_initrds_joined(bzboot, debian, tmp_path):
    """Several --initrd, files and sizes, are one image as stage2 joins
    them: each part from a 4-byte boundary."""
    a = tmp_path / "a"
    a.write_bytes(bytes(3))
    out = ok(inspect(bzboot, "--paging", "4", "--initrd", a, "--initrd",
                     "1M", DEBIAN_KERNEL))
    start, end = span(field(out, "initrd"))
    assert end - start + 1 == 4 + MIB
    assert end < 512 * MIB and start % 4096 == 0
