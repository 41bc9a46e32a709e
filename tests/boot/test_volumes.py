# SPDX-License-Identifier: BSD-2-Clause
# bzboot's partition boot record (stage1/pbr.asm): from a FAT12 floppy
# (BIOS drive 0x00, no INT 13h extensions: CHS all the way), from disks
# formatted whole as FAT12 or FAT32 (superfloppies), from a FAT partition
# whose MBR is another boot loader's, and chainloaded by SYSLINUX's
# chain.c32.
"""Boots through the PBR: superfloppies and chainloading."""

import os
import re

import pytest

import artifacts
import bzimg
import probes
from screen import sercon_args, wait_file

pytestmark = pytest.mark.bzboot

PROBE = "rel210"
PROBE_APPEND = "probe.test=1 vga=0x317 probe.name=floppy"
PROBE_TIMEOUT = 30.0


def probe_initrd():
    """An odd-length initrd whose every byte is known."""
    return bytes((i * 37 + (i >> 9)) & 0xFF for i in range(30001))


def debian_cfg(tag):
    append = "console=ttyS0 bz.test=%s" % tag
    return append, bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")


def test_floppy_fat12(bzboot, image_path, booter):
    """A 1.44 MB floppy: the BIOS boots it as drive 0x00 and SeaBIOS has
    no INT 13h extensions for floppies, so stage1 and stage2 read by CHS
    (18 sectors a track, 2 heads). A probe kernel reports what it was
    handed and checks it against boot.rst."""
    probe = probes.build([PROBE])[PROBE]
    disk = bzimg.make_superfloppy(image_path(), fat=12, size_kib=1440)
    out = bzimg.bzboot_install(bzboot, disk.path).decode()
    assert "FAT12 volume at LBA 0" in out
    bzimg.copy_in(disk.path, 0, probe.path, "/probe")
    bzimg.write_file(disk.path, 0, "/initrd", probe_initrd())
    bzimg.write_file(disk.path, 0, "/bzboot.cfg", bzimg.syslinux_cfg(
        [("p", "/probe", "/initrd", PROBE_APPEND)], "p"))
    drive = "file=%s,format=raw,if=floppy,index=0,snapshot=on" % disk.path
    q = booter.start(disk.path, drive=drive, boot="a",
                     extra_args=probes.QEMU_ARGS)
    try:
        q.wait_for(r"\n%s\r?\n" % probes.END, PROBE_TIMEOUT,
                   fail=r"bzboot: [^\n]*\n")
        status = q.wait_exit(PROBE_TIMEOUT)
    finally:
        q.close()
    rep = probes.parse(q.output)
    exp = probes.Expect(
        cmdline=artifacts.expected_cmdline("/probe", PROBE_APPEND, "/initrd"),
        initrd=probe_initrd(), type_of_loader=0xFF)
    bad = probes.check(rep, probe, exp)
    assert not bad, "\n".join(map(str, bad))
    assert status == probes.QEMU_EXIT_STATUS


@pytest.mark.parametrize("fat,size_kib,spc", [(12, 24 * 1024, 16),
                                              (32, 64 * 1024, 1)],
                         ids=["fat12", "fat32"])
def test_superfloppy_disk(fat, size_kib, spc, bzboot, boot_files,
                          image_path, booter):
    """A hard disk formatted whole (no partition table), as some USB
    sticks are: the PBR at LBA 0 boots the Debian kernel."""
    disk = bzimg.make_superfloppy(image_path(), fat=fat, size_kib=size_kib,
                                  cluster_sectors=spc)
    out = bzimg.bzboot_install(bzboot, disk.path).decode()
    assert "FAT%d volume at LBA 0" % fat in out
    append, cfg = debian_cfg("superfloppy%d" % fat)
    bzimg.populate(disk, boot_files, "/bzboot.cfg", cfg)
    rep = booter.boot(disk.path)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                     "/initrd.img")


@pytest.mark.parametrize("fat", [16, 32], ids=["fat16", "fat32"])
def test_pbr_behind_foreign_mbr(fat, bzboot, boot_files, image_path,
                                booter):
    """SYSLINUX's MBR (someone else's) loads the active partition's boot
    sector, which is bzboot's PBR: `bzboot install --pbr` left the MBR
    alone."""
    disk = bzimg.make_disk(image_path(), fat=fat, size_mib=64, reserved=72)
    bzimg.write_mbr_code(disk.path)
    with open(disk.path, "rb") as f:
        mbr = f.read(512)
    out = bzimg.bzboot_install(bzboot, disk.path, "--pbr").decode()
    assert "volume at LBA %d" % disk.start in out
    with open(disk.path, "rb") as f:
        assert f.read(512) == mbr
    append, cfg = debian_cfg("pbr%d" % fat)
    bzimg.populate(disk, boot_files, "/bzboot.cfg", cfg)
    rep = booter.boot(disk.path)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                     "/initrd.img")


def test_pbr_damaged_stage2_says_so(bzboot, image_path, booter, test_name):
    """Reserved sectors that no longer hold bzboot's stage2: the PBR says
    so on the screen and does not jump into them."""
    disk = bzimg.make_superfloppy(image_path(), fat=12, size_kib=4096)
    bzimg.bzboot_install(bzboot, disk.path)
    with open(disk.path, "r+b") as f:
        f.seek(512 + 4)          # stage2's magic, in reserved sector 1
        f.write(b"XXXX")
    screen = os.path.join(artifacts.LOGS, test_name + ".screen.log")
    q = booter.start(disk.path, extra_args=sercon_args(screen))
    wait_file(screen, re.escape("bzboot: no stage2 (reinstall)"), 30.0)
    assert "bzboot" not in q.output, "stage2 ran: %r" % q.output




def test_chainloaded_by_syslinux_chain_c32(bzboot, boot_files, image_path,
                                           booter):
    """SYSLINUX (MBR, partition 1) runs chain.c32, which loads partition
    2's boot sector: bzboot's PBR, whose stage2 boots the kernel from
    partition 2. SYSLINUX's own files stay on partition 1."""
    first, second, out = bzimg.syslinux_chain_disk(image_path(), bzboot)
    assert "FAT32 volume at LBA %d" % second.start in out
    append, cfg = debian_cfg("chain-c32")
    bzimg.populate(second, boot_files, "/bzboot.cfg", cfg)
    q = booter.start(second.path)
    try:
        rep = booter.wait_marker(q)
    finally:
        q.close()
    # The path: SYSLINUX's banner, then bzboot's.
    out = q.output
    assert 0 <= out.find("SYSLINUX 6.04") < out.find("bzboot 0.")
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                     "/initrd.img")


def test_pbr_volume_unreadable_says_so(bzboot, image_path, booter):
    """The PBR loaded stage2, but the volume's BPB is then broken (3
    sectors per cluster): stage2 names the volume and the fix, and shows
    the prompt; it never reads a partition table instead."""
    disk = bzimg.make_superfloppy(image_path(), fat=12, size_kib=4096)
    bzimg.bzboot_install(bzboot, disk.path)
    with open(disk.path, "r+b") as f:
        f.seek(0x0D)                # sectors per cluster: not a power of 2
        f.write(b"\x03")
    q = booter.start(disk.path)
    try:
        m = q.wait_for(r"bzboot: the FAT volume at LBA 0 \(its boot sector "
                       r"loaded bzboot\): ([^\r\n]*)\. Check it with "
                       r"fsck\.fat\.", 30.0)
        q.wait_for(r"\nboot: ", 30.0)
    finally:
        q.close()
    assert "cluster" in m.group(1)
    assert "partition" not in q.output
