# SPDX-License-Identifier: BSD-2-Clause
# bzboot install into a FAT volume's boot sector: a superfloppy (the whole
# image is one FAT volume) and --pbr (a partition, the MBR left alone).
# Each test checks the bytes bzboot owns and that every other byte of the
# image is what it was.
"""The installer's volume path (tools/pbr.c)."""

import hashlib
import os
import struct
from pathlib import Path

import pytest

from installkit import (BUILD, FMT, S2_HEADER, SECTOR, STAGE1, make_disk,
                        refuse, run, sh, word_sum, write_at)

PBR = BUILD / "stage1" / "pbr.bin"
PART_VOLUME = FMT["BZ_S2_PART_VOLUME"]
PARTITION_FIELD = 0x1C
BPB_END = FMT["BZ_PBR_CODE"]    # bytes 3..0x59 are the volume's


@pytest.fixture(scope="session")
def pbr(bzboot):
    return PBR.read_bytes()


def superfloppy(path, fat=12, size_kib=4096, reserved=72, extra=()):
    """A FAT image with no partition table and a file on it; the unused
    reserved sectors hold zeros as mkfs.fat leaves them."""
    sh("mkfs.fat", "-C", "-F", fat, "-R", reserved, "-n", "BZFLOPPY",
       *extra, path, size_kib)
    hello = Path(path).with_suffix(".txt")
    hello.write_text("kept across install\n")
    sh("mcopy", "-i", path, hello, "::/HELLO.TXT")
    return Path(path)


def sectors(img, first, count=1):
    return img[first * SECTOR:(first + count) * SECTOR]


def check_boot_sector(new, old, pbr, s2_rel, s2_sectors, hidden=None):
    """bzboot's bytes from pbr.bin, the BPB from the volume."""
    assert new[:3] == pbr[:3] == b"\xeb\x58\x90"
    assert new[3:0x1C] == old[3:0x1C]           # the BPB up to hidden
    if hidden is None:
        assert new[0x1C:BPB_END] == old[0x1C:BPB_END]
    else:
        assert struct.unpack_from("<I", new, 0x1C)[0] == hidden
        assert new[0x20:BPB_END] == old[0x20:BPB_END]
    fields = FMT["BZ_PBR_S2_SECTORS"]
    assert new[BPB_END:fields] == pbr[BPB_END:fields]
    assert struct.unpack_from("<H", new, fields)[0] == s2_sectors
    assert struct.unpack_from("<Q", new, FMT["BZ_PBR_S2_LBA"])[0] == s2_rel
    # The rest of the packet is stage1's, as built.
    assert new[FMT["BZ_PBR_DAP"]:FMT["BZ_PBR_S2_LBA"]] == \
        pbr[FMT["BZ_PBR_DAP"]:FMT["BZ_PBR_S2_LBA"]]
    assert new[510:512] == b"\x55\xaa"


def check_stage2(got, stage2):
    """The built stage2 with its header's partition set to 'the volume the
    PBR names', sealed again; nothing else differs."""
    assert len(got) == len(stage2)
    assert struct.unpack_from("<I", got, PARTITION_FIELD)[0] == PART_VOLUME
    assert word_sum(got) == 0
    assert got[:0xC] == stage2[:0xC]
    assert got[0x10:PARTITION_FIELD] == stage2[0x10:PARTITION_FIELD]
    assert got[S2_HEADER:] == stage2[S2_HEADER:]


def changed_sectors(before, after):
    return [i for i in range(len(before) // SECTOR)
            if sectors(before, i) != sectors(after, i)]


def test_pbr_image_layout(pbr):
    """pbr.bin: a short jump past the FAT32 BPB, zeros where the BPB goes,
    the installer's fields at format.h's offsets, the boot signature."""
    assert len(pbr) == SECTOR
    assert pbr[0] == 0xEB and pbr[1] + 2 == BPB_END and pbr[2] == 0x90
    assert pbr[3:BPB_END] == bytes(BPB_END - 3)
    assert FMT["BZ_PBR_S2_LBA"] == FMT["BZ_PBR_DAP"] + 8
    assert pbr[FMT["BZ_PBR_DAP"]] == 0x10      # the packet's size byte
    assert pbr[510:] == b"\x55\xaa"


@pytest.mark.parametrize("fat,size_kib", [(12, 1440), (12, 4096),
                                          (16, 32768)])
def test_superfloppy_fat12_16(bzboot, pbr, stage2, s2_sectors, tmp_path,
                              fat, size_kib):
    path = superfloppy(tmp_path / "sf.img", fat=fat, size_kib=size_kib)
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", path)
    assert res.returncode == 0, res.stderr
    assert f"FAT{fat} volume at LBA 0 (BPB kept)" in res.stdout
    assert f"reserved sectors 1-{s2_sectors}" in res.stdout
    after = path.read_bytes()
    check_boot_sector(after, before, pbr, 1, s2_sectors)
    check_stage2(sectors(after, 1, s2_sectors), stage2)
    assert changed_sectors(before, after) == list(range(s2_sectors + 1))
    sh("fsck.fat", "-n", path)
    assert sh("mtype", "-i", path, "::/HELLO.TXT") == "kept across install\n"


def test_superfloppy_fat32_keeps_fsinfo_and_backup(bzboot, pbr, stage2,
                                                   s2_sectors, tmp_path):
    """FAT32: stage2 goes after the FSInfo sector (1) and the backup boot
    sectors (6-8); the backup boot sector gets the new boot sector too, so
    that fsck.fat finds them equal."""
    path = superfloppy(tmp_path / "sf32.img", fat=32, size_kib=65536)
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", path)
    assert res.returncode == 0, res.stderr
    assert "backup boot sector updated" in res.stdout
    after = path.read_bytes()
    check_boot_sector(after, before, pbr, 9, s2_sectors)
    assert sectors(after, 6) == sectors(after, 0)
    check_stage2(sectors(after, 9, s2_sectors), stage2)
    assert changed_sectors(before, after) == \
        [0, 6] + list(range(9, 9 + s2_sectors))
    assert sectors(after, 1) == sectors(before, 1)      # FSInfo
    sh("fsck.fat", "-n", path)


def test_reinstall_is_the_same(bzboot, tmp_path):
    path = superfloppy(tmp_path / "sf.img")
    assert run(bzboot, "install", "--no-modules", path).returncode == 0
    once = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", path)
    assert res.returncode == 0, res.stderr
    assert path.read_bytes() == once


def test_refuses_foreign_data_in_reserved_sectors(bzboot, tmp_path,
                                                  s2_sectors):
    path = superfloppy(tmp_path / "sf.img")
    write_at(path, 20 * SECTOR, b"someone's data")
    refuse(bzboot, path, f"LBA 1-{s2_sectors} hold data that is not "
           "bzboot's", "--force")
    res = run(bzboot, "install", "--no-modules", "--force", path)
    assert res.returncode == 0, res.stderr


def test_refuses_partition_number_on_superfloppy(bzboot, tmp_path):
    path = superfloppy(tmp_path / "sf.img")
    refuse(bzboot, path, "is one FAT volume without a partition table: it "
           "has no partition 2", args=("--partition", "2"))


def test_refuses_stage1_option_for_a_volume(bzboot, tmp_path):
    path = superfloppy(tmp_path / "sf.img")
    refuse(bzboot, path, "--stage1 names MBR code", args=("--stage1", STAGE1))


def test_refuses_table_and_bpb_in_one_sector(bzboot, tmp_path):
    """A FAT boot sector whose bytes at 0x1BE also read as a valid
    partition table: either install would destroy the other's data."""
    path = superfloppy(tmp_path / "sf.img", size_kib=8192)
    entry = struct.pack("<B3sB3sII", 0x80, b"\0\0\0", 0x0C, b"\0\0\0",
                        2048, 4096)
    write_at(path, FMT["BZ_MBR_PTABLE_OFF"], entry + bytes(48))
    refuse(bzboot, path, "LBA 0 reads both as a FAT boot sector and as a "
           "partition table")


def test_refuses_non_fat_volume_for_pbr(bzboot, tmp_path):
    path = make_disk(tmp_path / "disk.img", fat=False)
    refuse(bzboot, path, "LBA 2048 is not a FAT file system bzboot can "
           "boot from", args=("--pbr",))


# --- --pbr: a partition, the MBR untouched ---------------------------------

def partitioned(tmp_path, hidden=2048):
    """A FAT16 partition at 2048 with 64 reserved sectors; random MBR code
    (someone else's boot loader)."""
    path = tmp_path / "disk.img"
    sh("truncate", "-s", "16M", path)
    sh("sfdisk", "-q", path, stdin="label: dos\nstart=2048, type=e\n")
    sh("mkfs.fat", "-F", "16", "-R", "64", "-h", hidden, "--offset", "2048",
       path, (16 * 1024 - 1024))
    write_at(path, 0, os.urandom(FMT["BZ_MBR_CODE_SIZE"]))
    return path


def digest(data):
    return hashlib.sha256(data).hexdigest()


def test_pbr_partition(bzboot, pbr, stage2, s2_sectors, tmp_path):
    path = partitioned(tmp_path)
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--pbr", path)
    assert res.returncode == 0, res.stderr
    assert "FAT16 volume at LBA 2048" in res.stdout
    after = path.read_bytes()
    assert digest(sectors(after, 0)) == digest(sectors(before, 0))
    check_boot_sector(sectors(after, 2048), sectors(before, 2048), pbr, 1,
                      s2_sectors)
    check_stage2(sectors(after, 2049, s2_sectors), stage2)
    assert changed_sectors(before, after) == \
        list(range(2048, 2049 + s2_sectors))


def test_pbr_sets_hidden_sectors(bzboot, pbr, s2_sectors, tmp_path):
    """mkfs.fat --offset leaves hidden sectors 0; the PBR finds stage2 by
    them, so the installer sets them to the partition's start and says
    so."""
    path = partitioned(tmp_path, hidden=0)
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--pbr", "--partition", "1",
              path)
    assert res.returncode == 0, res.stderr
    assert "hidden sectors said 0, the partition starts at 2048" in \
        res.stdout
    check_boot_sector(sectors(path.read_bytes(), 2048),
                      sectors(before, 2048), pbr, 1, s2_sectors, hidden=2048)


def test_pbr_refuses_missing_partition(bzboot, tmp_path):
    path = partitioned(tmp_path)
    refuse(bzboot, path, "has no partition 3; it has:",
           args=("--pbr", "--partition", "3"))
