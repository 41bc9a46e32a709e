# SPDX-License-Identifier: BSD-2-Clause
# bzboot on GPT disks: stage2 in the BIOS boot partition, the FAT
# partition found through the GPT; and a FAT partition past 2 TiB (LBA
# above 2^32), where only 64-bit LBAs reach: stage1's packet, stage2's
# INT 13h reads, fs/.
"""Boots from GPT disks, one of them 3 TiB with the FAT past 2 TiB."""

import os

import pytest

import artifacts
import bzimg

pytestmark = pytest.mark.bzboot

BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649"
BASIC_DATA = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"
FAT_SECTORS = 64 * 2048         # a 64 MiB FAT32 partition


def gpt_disk(path, size, fat_start):
    """A sparse GPT image: BIOS boot partition at 2048 (1 MiB), FAT32 on
    a basic-data partition at fat_start. Returns the bzimg.Disk."""
    if os.path.exists(path):
        os.unlink(path)
    bzimg.run(["truncate", "-s", str(size), path])
    script = ("label: gpt\nunit: sectors\n\n"
              "start=2048, size=2048, type=%s\n"
              "start=%d, size=%d, type=%s\n" % (BIOS_BOOT, fat_start,
                                                 FAT_SECTORS, BASIC_DATA))
    bzimg.run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel",
               path], input=script.encode())
    argv = ["mkfs.fat", "-F", "32", "-s", "1", "--offset", str(fat_start),
            "-n", "BZGPT"]
    if fat_start < 1 << 32:
        argv += ["-h", str(fat_start)]   # hidden sectors are 32-bit
    bzimg.run(argv + [path, str(FAT_SECTORS // 2)])
    return bzimg.Disk(path=path, fat=32, start=fat_start,
                      sectors=FAT_SECTORS)


def boot_debian(booter, disk, boot_files, bzboot, tag):
    out = bzimg.bzboot_install(bzboot, disk.path).decode()
    assert "stage2 at LBA 2048-" in out       # the BIOS boot partition
    append = "console=ttyS0 bz.test=%s" % tag
    bzimg.populate(disk, boot_files, "/bzboot.cfg", bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux"))
    rep = booter.boot(disk.path)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                     "/initrd.img")


def test_gpt_bios_boot_partition(bzboot, boot_files, image_path, booter):
    disk = gpt_disk(image_path(), 96 << 20, 4096)
    boot_debian(booter, disk, boot_files, bzboot, "gpt")


def test_fat_partition_beyond_2tib(bzboot, boot_files, image_path, booter):
    """A 3 TiB disk (sparse: about 10 MB on the host) whose only FAT
    partition starts at 2.5 TiB, LBA 5368709120 > 2^32."""
    start = 5 << 30                     # sectors: 2.5 TiB
    assert start > 1 << 32
    disk = gpt_disk(image_path(), 3 << 40, start)
    try:
        boot_debian(booter, disk, boot_files, bzboot, "beyond2tib")
    finally:
        os.unlink(disk.path)            # no 3 TiB file left for others
