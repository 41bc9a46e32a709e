# SPDX-License-Identifier: BSD-2-Clause
# bzboot install on disk images made without root: what it writes, that it
# writes nothing else, and what it refuses (leaving the image untouched).
import os
import re
import shutil
import struct
import subprocess

import pytest

from installkit import (S2_HEADER, FMT, SECTOR, assert_refused, fill_gap,
                        make_disk, raw_stage2, refuse, run, seal, sh,
                        write_at)

CODE = FMT["BZ_MBR_CODE_SIZE"]


def outside_install(img, s2_sectors):
    """Every byte bzboot must not write: MBR 440.. and LBA M+1 on."""
    return img[CODE:SECTOR], img[(1 + s2_sectors) * SECTOR:]


def assert_kept(before, after, s2_sectors):
    assert len(after) == len(before), "the image changed size"
    for old, new in zip(outside_install(before, s2_sectors),
                        outside_install(after, s2_sectors)):
        if old != new:
            at = next(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
            pytest.fail(f"a byte outside MBR 0..439 and LBA 1..M changed "
                        f"(offset {at} of the kept region)")


def expected_mbr_code(stage1, s2_sectors):
    code = bytearray(stage1[:CODE])
    struct.pack_into("<H", code, FMT["BZ_MBR_S2_SECTORS"], s2_sectors)
    struct.pack_into("<Q", code, FMT["BZ_MBR_S2_LBA"], 1)
    return bytes(code)


def assert_installed(img, stage1, stage2):
    m = len(stage2) // SECTOR
    assert img[:CODE] == expected_mbr_code(stage1, m)
    assert struct.unpack_from("<H", img, FMT["BZ_MBR_S2_SECTORS"])[0] == m
    assert struct.unpack_from("<Q", img, FMT["BZ_MBR_S2_LBA"])[0] == 1
    assert img[SECTOR:(1 + m) * SECTOR] == stage2


@pytest.fixture
def disk(tmp_path, s2_sectors):
    """The usual layout: partition at 2048, random bytes after stage2."""
    path = make_disk(tmp_path / "disk.img")
    fill_gap(path, s2_sectors + 1, 2047)
    return path


# --- what install writes --------------------------------------------------

def test_install_writes_only_mbr_code_and_stage2(bzboot, disk, stage1,
                                                  stage2, s2_sectors):
    before = disk.read_bytes()
    res = run(bzboot, "install", "--no-modules", disk)
    assert res.returncode == 0, res.stderr
    assert res.stdout == (
        f"installed: stage1 in MBR, stage2 at LBA 1-{s2_sectors} "
        f"({len(stage2)} bytes); partition table and disk signature kept\n")
    after = disk.read_bytes()
    assert_installed(after, stage1, stage2)
    assert_kept(before, after, s2_sectors)


def test_install_keeps_the_fat_partition_readable(bzboot, disk):
    assert run(bzboot, "install", "--no-modules", disk).returncode == 0
    out = sh("mtype", "-i", f"{disk}@@{2048 * SECTOR}", "::/HELLO.TXT")
    assert out == "kept across install\n"


def test_reinstall_over_bzboot_needs_no_force(bzboot, disk, stage1, stage2,
                                              s2_sectors):
    assert run(bzboot, "install", "--no-modules", disk).returncode == 0
    before = disk.read_bytes()
    res = run(bzboot, "install", "--no-modules", disk)
    assert res.returncode == 0, res.stderr
    after = disk.read_bytes()
    assert after == before
    assert_installed(after, stage1, stage2)


def test_reinstall_over_another_bzboot_stage2(bzboot, tmp_path, disk,
                                              stage1, stage2, s2_sectors):
    """An older bzboot (another stage2 with our magic) is replaced."""
    older = tmp_path / "older.bin"
    older.write_bytes(seal(raw_stage2(3 * SECTOR)))
    assert run(bzboot, "install", "--no-modules", "--stage2", older,
               disk).returncode == 0
    before = disk.read_bytes()
    res = run(bzboot, "install", "--no-modules", disk)
    assert res.returncode == 0, res.stderr
    after = disk.read_bytes()
    assert_installed(after, stage1, stage2)
    assert_kept(before, after, s2_sectors)


def test_stage_options_install_given_files(bzboot, tmp_path, disk):
    s1 = os.urandom(SECTOR)
    s2 = seal(raw_stage2(8 * SECTOR))  # header + 4096 bytes: 9 sectors
    (tmp_path / "s1.bin").write_bytes(s1)
    (tmp_path / "s2.bin").write_bytes(s2)
    fill_gap(disk, 1, 2047, bytes(2047 * SECTOR))
    before = disk.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--stage1",
              tmp_path / "s1.bin",
              "--stage2", tmp_path / "s2.bin", disk)
    assert res.returncode == 0, res.stderr
    assert "stage2 at LBA 1-9 (4608 bytes)" in res.stdout
    after = disk.read_bytes()
    assert_installed(after, s1, s2)
    assert_kept(before, after, 9)


def test_options_may_follow_disk(bzboot, tmp_path, disk, stage1):
    s2 = seal(raw_stage2(SECTOR))
    (tmp_path / "s2.bin").write_bytes(s2)
    res = run(bzboot, "install", "--no-modules", disk, "--stage2",
              tmp_path / "s2.bin")
    assert res.returncode == 0, res.stderr
    assert_installed(disk.read_bytes(), stage1, s2)


@pytest.mark.parametrize("start,fits", [(63, True), (62, False)])
def test_largest_stage2_fits_a_disk_partitioned_at_63(bzboot, tmp_path,
                                                      stage1, start, fits):
    big = seal(raw_stage2(FMT["BZ_S2_MAX_SECTORS"] * SECTOR - S2_HEADER))
    assert len(big) == FMT["BZ_S2_MAX_SECTORS"] * SECTOR
    (tmp_path / "big.bin").write_bytes(big)
    path = make_disk(tmp_path / "d.img", start=start, fat=False)
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--stage2",
              tmp_path / "big.bin", path)
    if fits:
        assert res.returncode == 0, res.stderr
        assert_installed(path.read_bytes(), stage1, big)
        assert_kept(before, path.read_bytes(), len(big) // SECTOR)
    else:
        assert_refused(res, "the gap before the first partition is 61 "
                       "sectors; bzboot's stage2 needs 62")
        assert path.read_bytes() == before


def test_install_with_force_over_foreign_data(bzboot, disk, stage1, stage2,
                                              s2_sectors):
    fill_gap(disk, 1, s2_sectors)
    before = disk.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--force", disk)
    assert res.returncode == 0, res.stderr
    after = disk.read_bytes()
    assert_installed(after, stage1, stage2)
    assert_kept(before, after, s2_sectors)


# --- what install refuses, leaving the image byte-identical ---------------

def test_refuses_disk_without_mbr_signature(bzboot, tmp_path):
    path = tmp_path / "blank.img"
    path.write_bytes(os.urandom(510) + b"\0\0" + os.urandom(4 * 1 << 20))
    refuse(bzboot, path, "has no MBR partition table: create one first, "
           "e.g. with fdisk/sfdisk")


def test_refuses_gpt_without_bios_boot_partition(bzboot, tmp_path):
    path = make_disk(tmp_path / "gpt.img", label="gpt", fat=False)
    refuse(bzboot, path, "is a GPT disk without a BIOS boot partition",
           "21686148-6449-6E6F-744E-656564454649")


def test_refuses_gap_too_small(bzboot, tmp_path, s2_sectors):
    # The last start that is too small: LBA 1..start-1 hold M-1 sectors.
    start = min(32, s2_sectors)
    path = make_disk(tmp_path / "small.img", start=start, fat=False)
    refuse(bzboot, path,
           f"the gap before the first partition is {start - 1} sectors; "
           f"bzboot's stage2 needs {s2_sectors}: repartition so that the "
           f"first partition starts at sector 63 or later (2048 is usual)")


def test_refuses_partition_at_lba_1(bzboot, tmp_path):
    path = make_disk(tmp_path / "one.img", start=1, fat=False)
    refuse(bzboot, path, "the gap before the first partition is 0 sectors")


def test_refuses_smallest_start_of_any_entry(bzboot, tmp_path, s2_sectors):
    """The first partition is the lowest start, not entry 1."""
    path = make_disk(tmp_path / "two.img", fat=False)
    entry2 = FMT["BZ_MBR_PTABLE_OFF"] + 16
    write_at(path, entry2, struct.pack("<B3sB3sII", 0, b"\0" * 3, 0x83,
                                       b"\0" * 3, 8, 16))
    refuse(bzboot, path, "the gap before the first partition is 7 sectors")


def test_refuses_partition_over_lba_0(bzboot, tmp_path):
    path = make_disk(tmp_path / "zero.img", fat=False)
    entry1 = FMT["BZ_MBR_PTABLE_OFF"]
    write_at(path, entry1 + 8, struct.pack("<I", 0))
    refuse(bzboot, path, "partition 1 starts at LBA 0")


def test_refuses_empty_partition_table(bzboot, tmp_path):
    path = make_disk(tmp_path / "empty.img", fat=False)
    write_at(path, FMT["BZ_MBR_PTABLE_OFF"], bytes(64))
    refuse(bzboot, path, "has no partition")


def test_refuses_ntfs_without_partition_table(bzboot, tmp_path):
    """An NTFS boot sector where the MBR should be: not a table, and not
    a FAT volume bzboot's PBR could go into."""
    path = tmp_path / "ntfs.img"
    sh("truncate", "-s", "8M", path)
    sector = bytearray(SECTOR)
    sector[0:3] = b"\xeb\x52\x90"
    sector[3:11] = b"NTFS    "
    sector[510:512] = b"\x55\xaa"
    write_at(path, 0, bytes(sector))
    refuse(bzboot, path, "LBA 0 holds a file system (NTFS), not a "
           "partition table")


def test_refuses_sector_with_bad_boot_flags(bzboot, tmp_path):
    """Boot code where the table should be: not a partition table."""
    path = make_disk(tmp_path / "vbr.img", fat=False)
    write_at(path, FMT["BZ_MBR_PTABLE_OFF"] + 16, b"\x3c")
    refuse(bzboot, path, "LBA 0 is not a partition table (entry 2 has "
           "boot flag 0x3c)")


def test_refuses_foreign_data_in_stage2_sectors(bzboot, disk, s2_sectors):
    fill_gap(disk, 1, s2_sectors)
    refuse(bzboot, disk, f"LBA 1-{s2_sectors} hold data that is not "
           "bzboot's (another boot loader's stage?); rerun with --force to "
           "overwrite it")


def test_refuses_one_foreign_byte_in_last_stage2_sector(bzboot, disk,
                                                        s2_sectors):
    fill_gap(disk, 1, s2_sectors, bytes(s2_sectors * SECTOR))
    write_at(disk, s2_sectors * SECTOR + 511, b"\x01")
    refuse(bzboot, disk, "rerun with --force")


def test_refuses_truncated_image(bzboot, tmp_path, s2_sectors):
    path = make_disk(tmp_path / "cut.img", fat=False)
    os.truncate(path, 2 * SECTOR)
    refuse(bzboot, path, "is the image truncated?")


def test_refuses_file_smaller_than_a_sector(bzboot, tmp_path):
    path = tmp_path / "tiny.img"
    path.write_bytes(b"\x55\xaa" * 10)
    refuse(bzboot, path, "too small to hold an MBR")


def test_refuses_unsealed_stage2(bzboot, tmp_path, disk):
    bad = bytearray(seal(raw_stage2(SECTOR)))
    bad[100] ^= 1
    (tmp_path / "bad.bin").write_bytes(bad)
    refuse(bzboot, disk, "checksum", args=("--stage2", tmp_path / "bad.bin"),
           names=tmp_path / "bad.bin")


def test_refuses_stage1_of_wrong_size(bzboot, tmp_path, disk):
    (tmp_path / "s1.bin").write_bytes(os.urandom(440))
    refuse(bzboot, disk, "must be exactly 512",
           args=("--stage1", tmp_path / "s1.bin"), names=tmp_path / "s1.bin")


def test_refuses_missing_disk(bzboot, tmp_path):
    res = run(bzboot, "install", "--no-modules", tmp_path / "nope.img")
    assert_refused(res, "cannot open", "nope.img")


def test_refuses_directory(bzboot, tmp_path):
    res = run(bzboot, "install", "--no-modules", tmp_path)
    assert res.returncode == 1
    assert res.stderr.startswith("bzboot: ")


# --- the command line -----------------------------------------------------

@pytest.mark.parametrize("args", [
    [], ["frob"], ["--frob"], ["install"], ["install", "--frob", "x.img"],
    ["install", "a.img", "b.img"], ["install", "x.img", "--stage1"],
])
def test_usage_errors_exit_2(bzboot, args):
    res = run(bzboot, *args)
    assert res.returncode == 2
    assert res.stderr.startswith("bzboot: ")
    assert "usage: bzboot" in res.stderr
    assert res.stdout == ""


def test_version(bzboot):
    res = run(bzboot, "--version")
    # which version: test_version.py
    assert res.returncode == 0
    assert re.fullmatch(r"bzboot \d+\.\d+\.\d+\S*\n", res.stdout)


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["install", "--help"]])
def test_help(bzboot, args):
    res = run(bzboot, *args)
    assert res.returncode == 0
    assert res.stdout.startswith("usage: bzboot")
    assert "install [--force] [--pbr] [--partition N] [--set-active]\n" \
        "          [--active-pmbr] [--dry-run] [--backup FILE\n" \
        "          [--overwrite-backup]] [--no-modules] [--modules DIR]\n" \
        "          [--stage1 FILE] [--stage2 FILE] DISK" \
        in res.stdout
    assert "restore [--dry-run] [--force] FILE DISK" in res.stdout


def test_built_in_images_are_the_build_outputs(bzboot, tmp_path, disk,
                                               stage1, stage2):
    """No --stage options: the embedded images equal build/ outputs."""
    assert len(stage1) == 512
    assert run(bzboot, "install", "--no-modules", disk).returncode == 0
    assert_installed(disk.read_bytes(), stage1, stage2)


# --- block devices (root only: a loop device) -----------------------------

def attach_loop(path, *extra):
    if os.geteuid() != 0 or not shutil.which("losetup"):
        pytest.skip("block-device tests need root and losetup")
    res = subprocess.run(["losetup", "-f", "--show", *extra, str(path)],
                         capture_output=True, text=True)
    if res.returncode:
        pytest.skip(f"losetup does not work here: {res.stderr.strip()}")
    return res.stdout.strip()


def test_block_device(bzboot, disk, stage1, stage2, s2_sectors):
    before = disk.read_bytes()
    dev = attach_loop(disk)
    try:
        res = run(bzboot, "install", "--no-modules", dev)
    finally:
        subprocess.run(["losetup", "-d", dev], check=True)
    assert res.returncode == 0, res.stderr
    after = disk.read_bytes()
    assert_installed(after, stage1, stage2)
    assert_kept(before, after, s2_sectors)


def test_block_device_with_4k_sectors_is_refused(bzboot, disk):
    before = disk.read_bytes()
    dev = attach_loop(disk, "--sector-size", "4096")
    try:
        res = run(bzboot, "install", "--no-modules", dev)
    finally:
        subprocess.run(["losetup", "-d", dev], check=True)
    assert_refused(res, "has 4096-byte logical sectors")
    assert disk.read_bytes() == before
