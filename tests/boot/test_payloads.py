# SPDX-License-Identifier: BSD-2-Clause
# Real payloads other than the amd64 kernel: SYSLINUX's memdisk booting a
# floppy image, and Debian's i386 (686) kernel. bzboot, with SYSLINUX as
# the reference on the same disks.
"""Payload boots: memdisk + floppy image, Debian i386 kernel."""

import os

import pytest

import artifacts
import bzimg
import payloads
import probes

FAIL_PATTERN = (r"bzboot: [^\n]*\n|Kernel panic - not syncing|"
                r"Invalid or corrupt kernel image|Could not find kernel image")
MEMDISK_TIMEOUT = 60.0
I386_TIMEOUT = float(os.environ.get("BZ_BOOT_TIMEOUT", "180"))
EXIT_TIMEOUT = 30.0

LOADERS = [pytest.param("bzboot", marks=pytest.mark.bzboot),
           pytest.param("syslinux", marks=pytest.mark.syslinux)]


def loader_disk(loader, path, files, cfg, kernel, initrd):
    """A FAT16 disk with `files` booting through `loader`; skips when
    bzboot is not built."""
    if loader == "bzboot":
        return bzimg.bzboot_disk(path, artifacts.skip_unless_bzboot(), files, 16, 2048,
                                 cfg, kernel=kernel, initrd=initrd,
                                 size_mib=32)
    return bzimg.syslinux_disk(path, files, 16, 2048, cfg, kernel=kernel,
                               initrd=initrd, size_mib=32)


def test_memdisk_is_a_bzimage():
    """memdisk is booted as a Linux kernel: protocol 2.02+ bzImage, so it
    needs nothing legacy from the loader."""
    if not os.path.exists(payloads.MEMDISK):
        pytest.fail("%s missing: apt-get install syslinux-common" %
                    payloads.MEMDISK)
    h = payloads.read_header(payloads.MEMDISK)
    assert h.version >= 0x202 and h.bzimage, h
    # Measured on Debian's syslinux-common 6.04: protocol 2.03.
    assert h.version == 0x203, "memdisk protocol %#x" % h.version


@pytest.mark.parametrize("loader", LOADERS)
def test_memdisk_floppy(loader, image_path, booter):
    """LINUX /memdisk, INITRD /floppy.img, APPEND floppy: memdisk hooks
    INT 13h and boots the floppy's boot sector, which says which drive it
    came from, its geometry, and whether the last sector reads back."""
    probes.build(())    # floppyboot.bin
    floppy = payloads.make_floppy(image_path("floppy"), probes.FLOPPY_BOOT)
    files = artifacts.BootFiles(kernel=payloads.MEMDISK, initrd=floppy,
                                kernel_version="memdisk")
    cfg = bzimg.syslinux_cfg(
        [("floppy", "/memdisk", "/floppy.img", "floppy")], "floppy")
    disk = loader_disk(loader, image_path(), files, cfg, "/memdisk",
                       "/floppy.img")
    q = booter.start(disk.path, extra_args=probes.QEMU_ARGS)
    try:
        m = q.wait_for(r"FLOPPY-BOOT drive=([0-9a-f]{2})", MEMDISK_TIMEOUT,
                       fail=FAIL_PATTERN)
        geometry = q.wait_for(r"FLOPPY-GEOMETRY=([0-9a-f:]+)\r?\n", 10)
        last = q.wait_for(r"FLOPPY-LAST-SECTOR=(\w+)\r?\n", 10)
        q.wait_for(r"FLOPPY-BOOT-OK", 10)
        status = q.wait_exit(EXIT_TIMEOUT)
    finally:
        q.close()
    assert m.group(1) == "00", "booted from drive %s, not floppy 0" % \
        m.group(1)
    # INT 13h AH=08h: CH = last cylinder 79, CL = last sector 18, DH =
    # last head 1.
    assert geometry.group(1) == "4f12:01"
    assert last.group(1) == "ok"
    assert status == probes.QEMU_EXIT_STATUS


@pytest.fixture(scope="module")
def i386_files():
    return payloads.ensure_i386_files()


@pytest.mark.parametrize("loader", LOADERS)
def test_debian_i386_kernel(loader, i386_files, image_path, booter):
    """Debian's 686 kernel (protocol 2.15, 32-bit) reaches its /init with
    exactly the command line the config asks for."""
    append = "console=ttyS0 bz.test=i386-%s" % loader
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    disk = loader_disk(loader, image_path(), i386_files, cfg, "/vmlinuz",
                       "/initrd.img")
    q = booter.start(disk.path)
    try:
        q.wait_for(payloads.I386_MARKER, I386_TIMEOUT, fail=FAIL_PATTERN)
        q.wait_exit(EXIT_TIMEOUT)
    finally:
        q.close()
    machine, release, cmdline = payloads.parse_i386(q.output)
    assert machine == "i686", "uname -m %r: not the 32-bit kernel" % machine
    assert release == i386_files.kernel_version.split()[0]
    assert cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                 "/initrd.img")
