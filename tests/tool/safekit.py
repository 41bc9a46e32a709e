# SPDX-License-Identifier: BSD-2-Clause
"""Helpers for the safe-install tests (dry run, backup and restore,
interrupted installs): one image per install layout, and the dry run's
listing parsed."""

import hashlib
import os
import re
import struct
from pathlib import Path

from installkit import FMT, SECTOR, make_disk, sh, write_at

BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649"
BASIC_DATA = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"


def sha(data):
    return hashlib.sha256(data).hexdigest()


def mbr_disk(path):
    """MBR table, FAT16 partition at 2048, random MBR code and tail."""
    return make_disk(path, size_mib=4, tail_mib=1)


def gpt_disk(path):
    """GPT: a BIOS boot partition at 2048, a basic-data one after it."""
    sh("truncate", "-s", "4M", path)
    sh("sfdisk", "-q", path, stdin=(
        f"label: gpt\nstart=2048, size=2048, type={BIOS_BOOT}\n"
        f"start=4096, type={BASIC_DATA}\n"))
    write_at(path, 0, os.urandom(FMT["BZ_MBR_CODE_SIZE"]))
    return Path(path)


def superfloppy32(path):
    """One FAT32 volume, no table: PBR, FAT32 backup boot sector, stage2."""
    sh("mkfs.fat", "-C", "-F", "32", "-s", "1", "-R", "72", "-n", "BZSAFE",
       path, 34 * 1024)
    return Path(path)


def pbr_disk(path):
    """MBR table with partition 2 active and FAT16 partition 1 (-R 72);
    the MBR code is someone else's (random)."""
    sh("truncate", "-s", "12M", path)
    sh("sfdisk", "-q", path, stdin=(
        "label: dos\nlabel-id: 0x1234abcd\n"
        "start=2048, size=16384, type=6\n"
        "start=18432, type=83, bootable\n"))
    sh("mkfs.fat", "-F", "16", "-s", "1", "-R", "72", "--offset", "2048",
       "-h", "2048", "-n", "BZPBR", path, 8192)
    write_at(path, 0, os.urandom(FMT["BZ_MBR_CODE_SIZE"]))
    return Path(path)


# name: (builder, install options, LBA of the sector that switches the boot
# path: the MBR, or the volume's boot sector)
LAYOUTS = {
    "mbr": (mbr_disk, (), 0),
    "gpt": (gpt_disk, (), 0),
    "superfloppy32": (superfloppy32, (), 0),
    "pbr-set-active": (pbr_disk, ("--pbr", "--partition", "1",
                                  "--set-active"), 0),
}


WRITE = re.compile(r"^(\d+)\. (\S+) offset (\d+) length (\d+) "
                   r"\(LBA (\d+)(?:-(\d+))?\): (.*)$")
NOTE = re.compile(r"^   offset (\d+) length (\d+): (.*)$")


def parse_dry_run(stdout):
    """[(offset, length, what, [(offset, length, what), ...]), ...] in the
    order listed; each write's LBAs checked against its offset."""
    writes = []
    for line in stdout.splitlines():
        m = WRITE.match(line)
        if m:
            off, length = int(m[3]), int(m[4])
            first = int(m[5])
            last = int(m[6]) if m[6] else first
            assert off == first * SECTOR
            assert length == (last - first + 1) * SECTOR
            assert int(m[1]) == len(writes) + 1
            writes.append((off, length, m[7], []))
            continue
        m = NOTE.match(line)
        if m:
            writes[-1][3].append((int(m[1]), int(m[2]), m[3]))
    return writes


def changed_bytes(before, after):
    """Offsets of the bytes that differ (the images are a few MiB)."""
    assert len(before) == len(after)
    out = []
    step = SECTOR
    for base in range(0, len(before), step):
        a, b = before[base:base + step], after[base:base + step]
        if a != b:
            out.extend(base + i for i in range(step) if a[i] != b[i])
    return out


def sector(img, lba, count=1):
    return img[lba * SECTOR:(lba + count) * SECTOR]


# The backup file, read as docs/install.md describes it.
HDR = 128
REC = 96


def parse_backup(data):
    assert data[:8] == b"BZBACKUP"
    assert hashlib.sha256(data[:-32]).digest() == data[-32:]
    version, n, size, flags, sig = struct.unpack_from("<IIQII", data, 8)
    guid = data[0x20:0x30]
    n_around, = struct.unpack_from("<I", data, 0x30)
    around_hash = data[0x38:0x58]
    bzversion = data[0x58:0x78].rstrip(b"\0").decode()
    records = []
    for i in range(n):
        lba, count = struct.unpack_from("<QI", data, HDR + i * REC)
        what = data[HDR + i * REC + 16:HDR + (i + 1) * REC]
        records.append((lba, count, what.rstrip(b"\0").decode()))
    at = HDR + n * REC
    around = list(struct.unpack_from(f"<{n_around}Q", data, at))
    at += 8 * n_around
    saved = []
    for lba, count, _ in records:
        old = data[at:at + count * SECTOR]
        new = data[at + count * SECTOR:at + 2 * count * SECTOR]
        saved.append((old, new))
        at += 2 * count * SECTOR
    assert at + 32 == len(data)
    return dict(version=version, size=size, flags=flags, sig=sig, guid=guid,
                around=around, around_hash=around_hash, bzversion=bzversion,
                records=records, saved=saved)


def total_sectors(dry_run_writes):
    return sum(length // SECTOR for _, length, _, _ in dry_run_writes)


