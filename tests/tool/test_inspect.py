# SPDX-License-Identifier: BSD-2-Clause
# bzboot inspect on synthetic kernels of every boot protocol generation and
# on the Debian kernel: the header facts, the planned layout, what it
# refuses (exit 1) and bad command lines (exit 2).
import re
import struct

import pytest

from installkit import BUILD, MIB, SECTOR, run

DEBIAN_KERNEL = BUILD / "cache" / "vmlinuz"


def kernel(version=None, sects=4, pm_size=0x60000, loadflags=0, **fields):
    """
    A kernel file as the build of that generation lays it out: boot
    sector with the header, setup sectors, protected-mode part. version
    None is "old" (no HdrS). Only the fields the version defines are set;
    the rest is filler that must never be read as a field.
    """
    setup = ((sects or 4) + 1) * SECTOR
    img = bytearray(b"\xcc" * setup) + bytearray(pm_size)
    img[0x1F1] = sects
    paras = (pm_size + 15) // 16
    if version and version >= 0x0204:
        struct.pack_into("<I", img, 0x1F4, paras)
    else:
        struct.pack_into("<H", img, 0x1F4, paras & 0xFFFF)
    struct.pack_into("<HHH", img, 0x1FA, 0xFFFF, 0x0301, 0xAA55)
    if version is None:
        return bytes(img)
    end = {0x0200: 0x22C, 0x0201: 0x22C, 0x0202: 0x22C, 0x0203: 0x230,
           0x0204: 0x230, 0x0205: 0x235}.get(version, 0x26C)
    img[0x200] = 0xEB
    img[0x201] = end - 0x202
    img[0x202:0x206] = b"HdrS"
    struct.pack_into("<HIHH", img, 0x206, version, 0, 0x1000, 0)
    img[0x210] = 0
    img[0x211] = loadflags
    # A zImage's setup moves it to 0x1000 and jumps there.
    struct.pack_into("<HIIII", img, 0x212, 0x8000,
                     0x100000 if loadflags & 1 else 0x1000, 0, 0, 0)
    struct.pack_into("<H", img, 0x224, 0)
    if version >= 0x0202:
        struct.pack_into("<BBI", img, 0x226, 0, 0, 0)
    if version >= 0x0203:
        struct.pack_into("<I", img, 0x22C, fields.get("initrd_addr_max",
                                                      0x7FFFFFFF))
    if version >= 0x0205:
        struct.pack_into("<IB", img, 0x230, 0x200000, 1)
    if version >= 0x0206:
        struct.pack_into("<I", img, 0x238, 2047)
    if version >= 0x0208:
        struct.pack_into("<II", img, 0x248, 0x100, pm_size - 0x200)
        magic = fields.get("payload_magic", b"\x1f\x8b\x08")
        img[setup + 0x100:setup + 0x100 + len(magic)] = magic
    if version >= 0x020A:
        img[0x235] = 21
        struct.pack_into("<QI", img, 0x258, 0x1000000,
                         fields.get("init_size", 0x2000000))
    if version >= 0x020C:
        struct.pack_into("<H", img, 0x236, 0x03)
    if version >= 0x020F:
        kinfo = pm_size - 0x100
        struct.pack_into("<I", img, 0x268, kinfo)
        struct.pack_into("<4sIII", img, setup + kinfo, b"LToP", 16, 16,
                         0x80000009)
    if "kernel_version" in fields:
        text = fields["kernel_version"].encode() + b"\0"
        struct.pack_into("<H", img, 0x20E, 0x400 - 0x200)
        img[0x400:0x400 + len(text)] = text
    return bytes(img)


@pytest.fixture
def write_kernel(tmp_path):
    def write(name, data):
        path = tmp_path / name
        path.write_bytes(data)
        return path
    return write


def inspect(bzboot, *args):
    return run(bzboot, "inspect", *args)


def ok(res):
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""
    return res.stdout


def refused(res, *fragments):
    assert res.returncode == 1, (res.stdout, res.stderr)
    assert res.stderr.startswith("bzboot: "), res.stderr
    assert res.stderr.count("\n") == 1
    for frag in fragments:
        assert frag in res.stderr
    return res.stderr


def diagram(out):
    """
    The diagram as [(start, end, label, note)], lowest address first; it
    is drawn from the end of RAM down.
    """
    rows = []
    top = label = note = None
    for line in out.splitlines():
        m = re.match(r"^  ([0-9A-F]{8,})  \+-+\+", line)
        if m:
            addr = int(m.group(1), 16)
            if label is not None:
                rows.append((addr, top, label, note))
            top, label = addr, None
            continue
        m = re.match(r"^ {12,}\|  (.{22})\|(?:  (.*))?$", line)
        if m:
            label, note = m.group(1).rstrip(), m.group(2) or ""
    return sorted(rows)


def region(out, label):
    for start, end, lab, note in diagram(out):
        if lab == label:
            return start, end, note
    pytest.fail(f"no '{label}' in the diagram:\n{out}")


def writes(out):
    """The header fields bzboot writes: {name: (offset, value)}."""
    part = out.split("Header fields bzboot writes")[1]
    found = re.findall(r"^  0x([0-9a-f]{3}) (\w+) +0x([0-9a-f]+)$", part,
                       re.M)
    return {name: (int(off, 16), int(val, 16)) for off, name, val in found}


# --- the Linux generations --------------------------------------------------

def test_old_zimage(bzboot, write_kernel):
    path = write_kernel("zImage", kernel(None, sects=0, pm_size=0x60000))
    out = ok(inspect(bzboot, "--cmdline", "root=/dev/hda1 ro", path))
    assert 'boot protocol "old"' in out
    assert re.search(r"setup_sects +4 \(0 means 4\): real-mode code 0xa00",
                     out)
    assert "initrd              not supported before 2.00" in out
    assert "cmdline_size        255 (assumed before 2.06)" in out
    assert "loadflags" not in out          # no field before 2.00
    # boot.rst's layout for it: setup at 0x90000, the rest of the first
    # 32 KiB cleared, stack to 0x9800, the command line at 0x99800.
    assert region(out, "kernel boot sector")[:2] == (0x90000, 0x90200)
    assert region(out, "kernel setup")[:2] == (0x90200, 0x90A00)
    assert region(out, "zeroed")[:2] == (0x90A00, 0x98000)
    assert region(out, "stack / heap")[:2] == (0x98000, 0x99800)
    assert region(out, "command line") == (0x99800, 0x99900,
                                           "cmd_line_offset 0x9800: "
                                           "17 characters")
    assert region(out, "protected-mode kernel")[:2] == (0x10000, 0x70000)
    assert region(out, "kernel while loading")[:2] == (0x100000, 0x160000)
    assert "jump 9020:0000, SS=DS=9000, SP 0x9800" in out
    assert "zeroed              0x90a00-0x97fff at the hand-off" in out
    # Nothing at 0x200 on: the magic and the offset only.
    assert writes(out) == {"cmd_line_magic": (0x020, 0xA33F),
                           "cmd_line_offset": (0x022, 0x9800)}


def test_old_zimage_vga(bzboot, write_kernel):
    path = write_kernel("zImage", kernel(None))
    out = ok(inspect(bzboot, "--cmdline", "vga=0x0f04", path))
    assert writes(out)["vid_mode"] == (0x1FA, 0x0F04)


def test_200_bzimage(bzboot, write_kernel):
    path = write_kernel("bz200", kernel(0x0200, pm_size=MIB, loadflags=1))
    out = ok(inspect(bzboot, "--initrd", "3M", "--cmdline", "ro", path))
    assert "bzImage, boot protocol 2.00" in out
    assert "initrd_addr_max     0x37ffffff (assumed before 2.03)" in out
    # Real mode at 0x90000 all the same; the PM part at 1 MiB.
    assert region(out, "kernel boot sector")[0] == 0x90000
    assert region(out, "protected-mode kernel")[:2] == (0x100000, 0x200000)
    assert "while loading" not in out
    assert region(out, "initrd")[:2] == (512 * MIB - 3 * MIB, 512 * MIB)
    w = writes(out)
    # No heap_end_ptr (2.01+), no CAN_USE_HEAP, no cmd_line_ptr (2.02+).
    assert "heap_end_ptr" not in w and "cmd_line_ptr" not in w
    assert "loadflags" not in w            # unchanged: 0x01
    assert w["type_of_loader"] == (0x210, 0xFF)
    assert w["setup_move_size"] == (0x212, 0x9800 + 3)
    assert w["cmd_line_magic"] == (0x020, 0xA33F)
    assert w["ramdisk_image"] == (0x218, 509 * MIB)
    assert w["ramdisk_size"] == (0x21C, 3 * MIB)


def test_201_zimage(bzboot, write_kernel):
    path = write_kernel("z201", kernel(0x0201, sects=6, pm_size=0x70000))
    out = ok(inspect(bzboot, "--cmdline", "root=/dev/hda1", path))
    assert "zImage, boot protocol 2.01" in out
    assert region(out, "stack / heap") == (0x90E00, 0x99800,
                                           "heap_end_ptr 0x9600, SP 0x9800")
    assert region(out, "protected-mode kernel")[:2] == (0x10000, 0x80000)
    w = writes(out)
    assert w["heap_end_ptr"] == (0x224, 0x9600)
    assert w["loadflags"] == (0x211, 0x80)
    assert w["setup_move_size"] == (0x212, 0x9800 + 14 + 1)
    assert "cmd_line_ptr" not in w
    assert "code32_start" not in w         # a zImage's stays 0x1000


def test_202_zimage(bzboot, write_kernel):
    path = write_kernel("z202", kernel(0x0202, pm_size=0x7FFF0))
    out = ok(inspect(bzboot, path))
    assert region(out, "command line")[0] == 0x99800
    assert region(out, "protected-mode kernel")[:2] == (0x10000, 0x8FFF0)
    w = writes(out)
    assert w["cmd_line_ptr"] == (0x228, 0x99800)
    assert "cmd_line_magic" not in w and "setup_move_size" not in w


@pytest.mark.parametrize("version", [0x0202, 0x0203, 0x0204, 0x0205, 0x0206,
                                     0x020A, 0x020C, 0x020F])
def test_bzimage_versions(bzboot, write_kernel, version):
    path = write_kernel("bz", kernel(version, sects=20, pm_size=2 * MIB,
                                     loadflags=1))
    out = ok(inspect(bzboot, "--initrd", "1M", path))
    assert f"bzImage, boot protocol 2.{version & 0xFF:02d}" in out
    # X = 0x10000, the whole segment, the command line above it.
    assert region(out, "kernel boot sector")[0] == 0x10000
    assert region(out, "stack / heap")[:2] == (0x10000 + 21 * SECTOR,
                                               0x20000)
    assert region(out, "command line")[0] == 0x20000
    assert region(out, "protected-mode kernel")[:2] == (0x100000, 0x300000)
    assert ("relocatable_kernel" in out) == (version >= 0x0205)
    assert ("cmdline_size        2047" in out) == (version >= 0x0206)
    assert ("init_size" in out) == (version >= 0x020A)
    assert ("xloadflags" in out) == (version >= 0x020C)
    assert ("payload" in out) == (version >= 0x0208)
    assert ("kernel_info" in out) == (version >= 0x020F)
    assert ("0x7fffffff" in out) == (version >= 0x0203)
    assert set(writes(out)) == {"type_of_loader", "loadflags",
                                "ramdisk_image", "ramdisk_size",
                                "heap_end_ptr", "cmd_line_ptr"}


def test_215_facts(bzboot, write_kernel):
    path = write_kernel("bz", kernel(0x020F, sects=30, pm_size=3 * MIB,
                                     loadflags=1, payload_magic=b"\x28\xb5"
                                     b"\x2f\xfd", kernel_version="6.9.0-t"))
    out = ok(inspect(bzboot, path))
    assert "kernel_version      6.9.0-t" in out
    assert "payload             zstd, 0x2ffe00 bytes at 0x100" in out
    assert f"kernel_info         at 0x{3 * MIB - 0x100:x}" in out
    assert "setup_type_max    0x80000009" in out
    assert "xloadflags          0x03 XLF_KERNEL_64 " \
           "XLF_CAN_BE_LOADED_ABOVE_4G" in out
    assert "relocatable_kernel  yes, kernel_alignment 0x200000" in out
    # The decompressed kernel: from pref_address, init_size long.
    assert region(out, "kernel runtime")[:2] == (0x1000000, 0x3000000)
    assert region(out, "kept free")[:2] == (0x400000, 0x1000000)


def test_xloadflags_names(bzboot, write_kernel):
    """
    Every bit bootparam.h defines by its name, wrapped under the value;
    one it does not (8, 15) as such.
    """
    img = bytearray(kernel(0x020F, pm_size=MIB, loadflags=1))
    struct.pack_into("<H", img, 0x236, 0x81FF)
    img[0x211] = 0x1D  # LOADED_HIGH, bits 2-4 unknown
    out = ok(inspect(bzboot, write_kernel("bz", bytes(img))))
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines)
              if line.startswith("  xloadflags"))
    assert lines[at].startswith("  xloadflags          0x81ff ")
    words = " ".join(lines[at:at + 5]).split()
    names = ["XLF_KERNEL_64", "XLF_CAN_BE_LOADED_ABOVE_4G",
             "XLF_EFI_HANDOVER_32", "XLF_EFI_HANDOVER_64", "XLF_EFI_KEXEC",
             "XLF_5LEVEL", "XLF_5LEVEL_ENABLED", "XLF_MEM_ENCRYPTION"]
    assert words[2:2 + len(names)] == names
    assert "bit 8 (unknown)" in out and "bit 15 (unknown)" in out
    assert "bit 9 " not in out
    lf = next(i for i, line in enumerate(lines)
              if line.startswith("  loadflags"))
    assert " ".join(lines[lf:at]).split() == [
        "loadflags", "0x1d", "LOADED_HIGH", "bit", "2", "(unknown)", "bit",
        "3", "(unknown)", "bit", "4", "(unknown)"]


@pytest.mark.parametrize("magic,name", [
    (b"\x1f\x8b", "gzip"), (b"BZh", "bzip2"), (b"\x5d\x00\x00", "lzma"),
    (b"\xfd7zXZ\x00", "xz"), (b"\x89LZO", "lzo"), (b"\x02\x21\x4c\x18", "lz4"),
    (b"\x28\xb5\x2f\xfd", "zstd"), (b"\x7fELF", "ELF, not compressed"),
    (b"\x00\x00", "unknown format")])
def test_payload_formats(bzboot, write_kernel, magic, name):
    path = write_kernel("bz", kernel(0x0208, pm_size=MIB, loadflags=1,
                                     payload_magic=magic))
    out = ok(inspect(bzboot, path))
    assert f"payload             {name}, " in out


def test_mem_and_mem_option(bzboot, write_kernel):
    path = write_kernel("bz", kernel(0x020A, pm_size=MIB, loadflags=1))
    out = ok(inspect(bzboot, "--mem", "128", "--initrd", "4M", path))
    assert "end of RAM (128 MiB)" in out
    assert region(out, "initrd")[:2] == (124 * MIB, 128 * MIB)
    # mem= on the command line is obeyed, as stage2 does.
    out = ok(inspect(bzboot, "--initrd", "4M", "--cmdline", "mem=96M", path))
    assert region(out, "initrd")[:2] == (92 * MIB, 96 * MIB)


# --- refusals: exit 1 with the planner's reason ------------------------------

def test_refuse_initrd_for_old_kernel(bzboot, write_kernel):
    path = write_kernel("zImage", kernel(None))
    refused(inspect(bzboot, "--initrd", "1M", path),
            "kernel too old for an initrd")


def test_refuse_big_zimage(bzboot, write_kernel):
    path = write_kernel("zImage", kernel(0x0202, pm_size=0x80010))
    err = refused(inspect(bzboot, path))
    assert "zImage kernel does not fit below its setup at 0x90000" in err
    assert "0x80010 bytes" in err and "holds 0x80000" in err
    # Exactly 512 KiB fits.
    ok(inspect(bzboot, write_kernel("z", kernel(0x0202, pm_size=0x80000))))


def test_refuse_initrd_too_big(bzboot, write_kernel):
    path = write_kernel("bz", kernel(0x0203, pm_size=MIB, loadflags=1,
                                     initrd_addr_max=0x3FFFFFF))
    err = refused(inspect(bzboot, "--initrd", "63M", path))
    assert "the initrd (63.0 MiB) does not fit in RAM below 0x4000000" in err


def test_refuse_long_cmdline(bzboot, write_kernel):
    path = write_kernel("z", kernel(0x0201))
    refused(inspect(bzboot, "--cmdline", "x" * 256, path),
            "command line is longer than the kernel accepts",
            "256 characters, at most 255")
    ok(inspect(bzboot, "--cmdline", "x" * 255, path))


def test_refuse_kernel_over_ram(bzboot, write_kernel):
    path = write_kernel("bz", kernel(0x020A, pm_size=MIB, loadflags=1,
                                     init_size=0x8000000))
    refused(inspect(bzboot, "--mem", "64", path),
            "kernel does not fit in memory")


def test_refuse_bad_cmdline_options(bzboot, write_kernel):
    path = write_kernel("bz", kernel(0x020A, pm_size=MIB, loadflags=1))
    refused(inspect(bzboot, "--cmdline", "vga=blue", path), "vga=blue")
    refused(inspect(bzboot, "--cmdline", "mem=lots", path), "mem=lots")


@pytest.mark.parametrize("data", [
    b"",
    b"hello, world\n" * 100,
    bytes(510) + b"\x55\xaa",                  # an empty boot sector
    bytes(510) + b"\x55\xaa" + bytes(1440 * 1024 - 512),   # a floppy
], ids=["empty", "text", "boot-sector", "floppy"])
def test_not_a_kernel(bzboot, write_kernel, data):
    res = inspect(bzboot, write_kernel("file", data))
    why = ("a boot sector, no kernel" if data[510:512] == b"\x55\xaa"
           else "no 0xAA55 boot flag")
    assert refused(res) == \
        f"bzboot: {res.args[-1]}: not a Linux kernel: {why}\n"
    assert res.stdout == ""


def test_not_a_kernel_stage2(bzboot):
    res = inspect(bzboot, BUILD / "stage2.bin")
    refused(res, "not a Linux kernel")


def test_truncated_kernel(bzboot, write_kernel):
    data = kernel(0x020F, sects=30, pm_size=MIB, loadflags=1)
    refused(inspect(bzboot, write_kernel("k", data[:-4096])),
            "kernel file is truncated (boot protocol 2.15)")


def test_missing_file(bzboot, tmp_path):
    refused(inspect(bzboot, tmp_path / "nothing"), "cannot read",
            "No such file")


# --- usage errors: exit 2 ----------------------------------------------------

@pytest.mark.parametrize("args", [
    [], ["--mem"], ["--mem", "1", "k"], ["--mem", "lots", "k"],
    ["--mem", "2G", "k"], ["--initrd", "12Q", "k"], ["--initrd", "-1", "k"],
    ["--bogus", "k"], ["a", "b"], ["--cmdline"], ["--paging", "3", "k"],
    ["--paging", "45", "k"], ["--paging"], ["--initrd", "/nonexistent", "k"],
    ["--initrd", "/", "k"], ["--initrd", "1"] * 9 + ["k"],
])
def test_usage_errors(bzboot, args):
    res = inspect(bzboot, *args)
    assert res.returncode == 2, res
    assert res.stderr.startswith("bzboot: inspect: ")
    assert "usage: bzboot" in res.stderr
    assert res.stdout == ""


def test_help_lists_inspect(bzboot):
    out = ok(run(bzboot, "--help"))
    assert "inspect [--cmdline STR] [--initrd SIZE|FILE ...] [--mem MIB]\n" \
           "          [--paging 4|5] FILE" in out


# --- the Debian kernel --------------------------------------------------------

@pytest.fixture
def debian_kernel():
    if not DEBIAN_KERNEL.exists():
        pytest.skip(f"{DEBIAN_KERNEL} missing: run "
                    "bash tests/support/fetch-kernel.sh")
    return DEBIAN_KERNEL


def test_debian_kernel(bzboot, debian_kernel):
    data = debian_kernel.read_bytes()
    sects = data[0x1F1]
    version, = struct.unpack_from("<H", data, 0x206)
    out = ok(inspect(bzboot, "--initrd", "1M", "--cmdline",
                     "console=ttyS0", debian_kernel))
    assert f"boot protocol {version >> 8}.{version & 0xFF:02d}" in out
    assert f"setup_sects         {sects}: real-mode code " \
           f"0x{(sects + 1) * SECTOR:x} bytes" in out
    assert re.search(r"payload +(gzip|bzip2|lzma|xz|lzo|lz4|zstd), ", out)
    assert "kernel_info         at 0x" in out
    rows = diagram(out)
    assert rows[0] == (0, 0x10000, "bzboot, BIOS data",
                       "stage2 runs the hand-off from here")
    assert region(out, "kernel boot sector")[0] == 0x10000
    assert region(out, "command line")[0] == 0x20000
    pm = region(out, "protected-mode kernel")
    assert pm[:2] == (0x100000, 0x100000 + len(data) - (sects + 1) * SECTOR)
    start, end, _ = region(out, "initrd")
    assert end == 512 * MIB and start == 511 * MIB
    # The diagram covers 0 to the end of RAM without a gap or overlap.
    assert all(a[1] == b[0] for a, b in zip(rows, rows[1:]))
    assert rows[-1][1] == 512 * MIB
    assert writes(out)["cmd_line_ptr"] == (0x228, 0x20000)
