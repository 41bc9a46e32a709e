# SPDX-License-Identifier: BSD-2-Clause
"""Other boot loaders reaching `bzboot install --pbr` on a FAT volume
made by plain mkfs.fat (too few reserved sectors for stage2, so the
installer writes it as /boot/bzboot/bzboot.sys and the PBR loads it from
the sectors it recorded): SYSLINUX's mbr.bin booting the active FAT16
partition, GRUB 2's `chainloader +1` and SYSLINUX 6.04's chain.c32
`hd0 2`. One image per case, built once; each test is one boot, ended by
the kernel's /init reporting the command line it was given."""

import os

import pytest

import artifacts
import bzimg
import grubimg

pytestmark = pytest.mark.bzboot

S2FILE = "stage2 as /boot/bzboot/bzboot.sys (contiguous)"


def append_for(case):
    return "console=ttyS0 bz.test=chain-%s" % case


def bzboot_cfg(case):
    return bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append_for(case))], "linux")


def reserved_sectors(disk):
    with open(disk.path, "rb") as f:
        f.seek(disk.offset + 14)
        return int.from_bytes(f.read(2), "little")


@pytest.fixture(scope="module")
def image_dir():
    d = os.path.join(artifacts.IMAGES, "test_install_chain")
    os.makedirs(d, exist_ok=True)
    return d


@pytest.fixture(scope="module")
def mbr_fat16(image_dir, bzboot, boot_files):
    """SYSLINUX's mbr.bin; bzboot's PBR on the active FAT16 partition."""
    disk = bzimg.make_disk(os.path.join(image_dir, "mbr-fat16.img"),
                           fat=16, start=2048, size_mib=48)
    bzimg.write_mbr_code(disk.path)
    out = bzimg.bzboot_install(bzboot, disk.path, "--pbr").decode()
    bzimg.populate(disk, boot_files, "/bzboot.cfg", bzboot_cfg("mbr"))
    return disk, out


@pytest.fixture(scope="module")
def grub_fat32(image_dir, bzboot, boot_files):
    """GRUB in the MBR and gap; its grub.cfg on partition 1 chainloads
    partition 2, a plain FAT32 volume holding bzboot's PBR."""
    p1, p2, out = grubimg.chainload_disk(
        os.path.join(image_dir, "grub-fat32.img"), bzboot, boot_files,
        bzboot_cfg("grub"), fat2=32, reserved2=None)
    return p1, p2, out


@pytest.fixture(scope="module")
def chain_c32_fat16(image_dir, bzboot, boot_files):
    """SYSLINUX 6.04 on the active partition 1 runs chain.c32 hd0 2;
    bzboot's PBR on partition 2, a plain FAT16 volume."""
    p1, p2, out = bzimg.syslinux_chain_disk(
        os.path.join(image_dir, "chain-c32-fat16.img"), bzboot, fat2=16,
        size_mib=48, reserved2=None)
    bzimg.populate(p2, boot_files, "/bzboot.cfg", bzboot_cfg("c32"))
    return p1, p2, out


def check_booted(booter, img, case):
    rep = booter.boot(img)
    assert rep.cmdline == artifacts.expected_cmdline(
        "/vmlinuz", append_for(case), "/initrd.img")
    assert rep.field("type_of_loader") == 0xFF  # bzboot's


def test_mbr_bin_then_pbr_on_plain_fat16(mbr_fat16, booter):
    """mbr.bin loads the active partition's boot sector: bzboot's PBR on
    a FAT16 volume with mkfs.fat's few reserved sectors."""
    disk, out = mbr_fat16
    assert reserved_sectors(disk) < 8, "not a plain mkfs.fat FAT16"
    assert S2FILE in out, out
    check_booted(booter, disk.path, "mbr")


def test_grub_chainloader_to_plain_fat32(grub_fat32, booter):
    p1, p2, out = grub_fat32
    assert reserved_sectors(p2) == 32, "not a plain mkfs.fat FAT32"
    assert S2FILE in out, out
    assert grubimg.is_installed(p1.path), \
        "bzboot install --pbr changed GRUB's MBR or core.img"
    check_booted(booter, p1.path, "grub")
    assert "Booting `bzboot'" in booter.runs[-1].output  # GRUB's entry


def test_syslinux_chain_c32_to_plain_fat16(chain_c32_fat16, booter):
    p1, p2, out = chain_c32_fat16
    assert reserved_sectors(p2) < 8, "not a plain mkfs.fat FAT16"
    assert S2FILE in out, out
    check_booted(booter, p1.path, "c32")
    # the path: SYSLINUX's banner on COM1, then bzboot's
    out = booter.runs[-1].output
    assert 0 <= out.find("SYSLINUX 6.04") < out.find("bzboot 0.")
