# SPDX-License-Identifier: BSD-2-Clause
# bzboot on the disk layouts issue 5 names: a partition at sector 63 (the
# old fdisk layout, the 62-sector gap), a kernel in a long-named
# subdirectory, and a kernel and initrd fragmented on purpose.
"""Boots from FAT layouts that stress the installer and fs/."""

import os
import subprocess

import pytest

import artifacts
import bzimg

pytestmark = pytest.mark.bzboot


def boot_and_check(booter, img, kernel, initrd, append):
    rep = booter.boot(img)
    assert rep.cmdline == artifacts.expected_cmdline(kernel, append, initrd)
    return rep


# QEMU's IDE geometry for the 64 MiB disk: the default (SeaBIOS picks
# one), or an odd one (7 heads, 29 sectors a track) that matches neither
# the CHS fields sfdisk wrote into the table (255/63) nor anything usual.
GEOMETRY = {"default": None, "odd": "cyls=645,heads=7,secs=29"}


@pytest.mark.parametrize("fat,geometry", [(16, "default"), (32, "default"),
                                          (16, "odd")],
                         ids=["fat16", "fat32", "fat16-odd-geometry"])
def test_partition_at_sector_63(fat, geometry, bzboot, boot_files,
                                image_path, booter):
    """The 62-sector gap of disks partitioned by older tools holds all of
    stage2; the BIOS geometry does not matter (LBA everywhere)."""
    append = "console=ttyS0 bz.test=start63"
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    disk = bzimg.bzboot_disk(image_path(), bzboot, boot_files, fat, 63, cfg)
    kw = {}
    if GEOMETRY[geometry]:
        kw = dict(drive="file=%s,format=raw,if=none,id=d0,snapshot=on" %
                  disk.path,
                  extra_args=["-device", "ide-hd,drive=d0,bootindex=0," +
                              GEOMETRY[geometry]])
    rep = booter.boot(disk.path, **kw)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                     "/initrd.img")


def test_kernel_in_long_named_subdirectory(bzboot, boot_files, image_path,
                                           booter):
    kdir = "/boot/Debian-Kernels.d"
    kernel = kdir + "/vmlinuz-6.1.0-amd64"
    initrd = kdir + "/initrd.img-6.1.0-amd64"
    append = "console=ttyS0 bz.test=longdir"
    # Long names (not 8.3) all the way down, the directories made as the
    # files are copied in. Names with blanks need bzboot's quoting
    # extension: tests/boot/test_blank_names.py.
    cfg = bzimg.syslinux_cfg([("linux", kernel, initrd, append)], "linux")
    disk = bzimg.bzboot_disk(image_path(), bzboot, boot_files, 32, 2048, cfg,
                             kernel=kernel, initrd=initrd)
    boot_and_check(booter, disk.path, kernel, initrd, append)


def fragment(disk, tmp_path, tag, count=24, size=12 * 1024):
    """Fill the free space's start with small files, then delete every
    other one: the next big file gets scattered over the holes."""
    blob = tmp_path / "filler"
    blob.write_bytes(os.urandom(size))
    names = ["/%s%02d.bin" % (tag, i) for i in range(count)]
    for n in names:
        bzimg.copy_in(disk.path, disk.start, str(blob), n)
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    for n in names[::2]:
        subprocess.run(["mdel", "-i", disk.mtools_spec, "::" + n],
                       check=True, env=env)
    if disk.fat == 32:
        forget_next_free(disk)


def forget_next_free(disk):
    """FAT32 keeps a "next free cluster" hint (FSInfo) that makes mtools
    allocate past the holes; "unknown" (0xFFFFFFFF) makes it search from
    the start."""
    with open(disk.path, "r+b") as f:
        f.seek(disk.offset + 0x30)
        fsinfo = int.from_bytes(f.read(2), "little")
        f.seek(disk.offset + fsinfo * 512 + 0x1EC)
        f.write(b"\xff\xff\xff\xff")


def runs_of(disk, path):
    """The number of contiguous cluster runs of `path`, from mshowfat."""
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    out = subprocess.run(["mshowfat", "-i", disk.mtools_spec, "::" + path],
                         check=True, env=env, capture_output=True,
                         text=True).stdout
    return out.count("<")


@pytest.mark.parametrize("fat", [16, 32], ids=["fat16", "fat32"])
def test_fragmented_kernel_and_initrd(fat, bzboot, boot_files, image_path,
                                      booter, tmp_path):
    append = "console=ttyS0 bz.test=fragmented"
    # Enough clusters for mtools to treat FAT32 as FAT32.
    disk = bzimg.make_disk(image_path(), fat=fat,
                           cluster_sectors=4 if fat == 16 else 1)
    bzimg.bzboot_install(bzboot, disk.path)
    fragment(disk, tmp_path, "a")
    bzimg.copy_in(disk.path, disk.start, boot_files.initrd, "/initrd.img")
    fragment(disk, tmp_path, "b")
    bzimg.copy_in(disk.path, disk.start, boot_files.kernel, "/vmlinuz")
    bzimg.write_file(disk.path, disk.start, "/bzboot.cfg", bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux"))
    # The point of the test: both files really are in many pieces.
    assert runs_of(disk, "/vmlinuz") >= 10
    assert runs_of(disk, "/initrd.img") >= 2
    boot_and_check(booter, disk.path, "/vmlinuz", "/initrd.img", append)
