# SPDX-License-Identifier: BSD-2-Clause
# GRUB 2 as the second live reference: Debian's GRUB 2.06 (i386-pc) boots
# the same kernel and initramfs with `linux` and `linux16`; what it hands
# over is compared with bzboot's; and GRUB chainloads bzboot's PBR.
"""GRUB reference boots, bzboot vs GRUB, and chainloading from GRUB.

The GRUB disks are made by tests/support/grubimg.py without root or
grub-install. A field may differ between GRUB and bzboot only when it is
in BY_DESIGN, and GRUB's value of it is pinned (grub_pins()).

The reference reports are kept for the module (the `reports` fixture):
test_grub_boots boots GRUB once per loader and the differential test
reuses those reports, booting only what is not there yet (e.g. when run
alone with -k).
"""

import os

import pytest

import artifacts
import bzimg
import grubimg
from bootreport import (CAN_USE_HEAP, COMPARED, LOADFLAGS_KERNEL_OWNED,
                        handover, show)

pytestmark = pytest.mark.grub

LOADERS = ("linux", "linux16")
APPEND = "console=ttyS0 bz.test=grub-ref"
PAGE = 4096

# What Debian's GRUB 2.06-13+deb12u2 wrote into the setup header, measured
# here (QEMU i440fx, 512 MiB) for each loader command.
GRUB_HEADER = {
    "linux": {
        "type_of_loader": 0x72,   # ID 7 (GRUB), version nibble 2
        "cmd_line_ptr": 0x8F000,  # the zero page and command line GRUB
                                  # allocates in low memory itself
        "heap_end_ptr": 0x8E00,   # written, though the 32-bit entry does
                                  # not run setup
        "vid_mode": 0xFFFF,       # the kernel's own default, kept
    },
    "linux16": {
        "type_of_loader": 0x72,
        "cmd_line_ptr": 0x99000,  # setup at 0x90000, command line +0x9000
        "heap_end_ptr": 0x8E00,   # heap up to 0x9000 - 0x200 in setup's
                                  # segment
        "vid_mode": 0xFFFF,
    },
}

# GRUB puts the initrd, page-aligned, right below this address (the
# highest free memory its allocator had left), measured with initrds of
# several sizes: ramdisk_image = (ceiling - size) & ~0xFFF.
INITRD_CEILING = {"linux": 0x1F73A000, "linux16": 0x1F729000}

# field -> why bzboot differs from GRUB on purpose. GRUB's value of each
# is pinned by grub_pins(); bzboot's values are pinned against SYSLINUX in
# test_diff_syslinux.py.
BY_DESIGN = {
    "cmdline": "GRUB writes BOOT_IMAGE=<kernel> and the arguments; bzboot "
               "builds SYSLINUX's form, which also ends in initrd=<INITRD> "
               "(the tests' expected_cmdline)",
    "type_of_loader": "GRUB writes its assigned ID (0x72); bzboot has none "
                      "and writes 0xFF, as boot.rst asks",
    "ramdisk_image": "GRUB takes the highest free block its allocator has "
                     "below the memory it uses itself; bzboot puts the "
                     "initrd at the top of usable RAM below "
                     "initrd_addr_max, as SYSLINUX does",
    "cmd_line_ptr": "GRUB's linux16 loads setup at 0x90000 (command line "
                    "at +0x9000), its linux allocates the zero page and "
                    "command line in low memory; bzboot loads setup at "
                    "0x10000 with the command line at +0x10000, as "
                    "SYSLINUX does",
    "heap_end_ptr": "follows from where setup and the command line are: "
                    "GRUB 0x9000 - 0x200, bzboot 0x10000 - 0x200",
}


def grub_pins(loader, files, append=APPEND, kernel="/vmlinuz"):
    """GRUB's value of every BY_DESIGN field, for `loader`."""
    size = os.path.getsize(files.initrd)
    hdr = GRUB_HEADER[loader]
    return {
        "cmdline": "BOOT_IMAGE=%s %s" % (kernel, append),
        "type_of_loader": hdr["type_of_loader"],
        "ramdisk_image": (INITRD_CEILING[loader] - size) & ~(PAGE - 1),
        "cmd_line_ptr": hdr["cmd_line_ptr"],
        "heap_end_ptr": hdr["heap_end_ptr"],
    }


def grub_cfg(loader, append=APPEND):
    return grubimg.grub_cfg(grubimg.linux_entry(append, loader=loader))


@pytest.fixture(scope="module")
def reports():
    """Boot reports by tag ("grub-linux", "grub-linux16", "bzboot"),
    shared by the tests of this module."""
    return {}


def grub_report(loader, reports, files, image_path, booter):
    tag = "grub-" + loader
    if tag not in reports:
        disk = grubimg.grub_disk(image_path(tag), files, grub_cfg(loader))
        reports[tag] = booter.boot(disk.path, tag)
    return reports[tag]


def bzboot_report(reports, tool, files, image_path, booter):
    if "bzboot" not in reports:
        cfg = bzimg.syslinux_cfg(
            [("linux", "/vmlinuz", "/initrd.img", APPEND)], "linux")
        disk = bzimg.bzboot_disk(image_path("bzboot"), tool, files, 32,
                                 2048, cfg)
        reports["bzboot"] = booter.boot(disk.path, "bzboot")
    return reports["bzboot"]


@pytest.mark.parametrize("loader", LOADERS)
def test_grub_boots(loader, reports, boot_files, image_path, booter):
    """GRUB from the MBR and gap boots the Debian kernel and the test
    initramfs from FAT32, with `linux` (32-bit entry) or `linux16`
    (setup's real-mode entry, as bzboot and SYSLINUX boot)."""
    rep = grub_report(loader, reports, boot_files, image_path, booter)
    pins = grub_pins(loader, boot_files)
    assert rep.cmdline == pins["cmdline"]
    for name, value in GRUB_HEADER[loader].items():
        assert rep.field(name) == value, "%s = %#x, expected %#x" % (
            name, rep.field(name), value)
    assert rep.field("loadflags") & ~LOADFLAGS_KERNEL_OWNED == CAN_USE_HEAP
    assert rep.ramdisk_size() == os.path.getsize(boot_files.initrd)
    image = rep.ramdisk_image()
    assert image == pins["ramdisk_image"], "initrd at %#x, expected %#x" % (
        image, pins["ramdisk_image"])
    assert image + rep.ramdisk_size() <= rep.field("initrd_addr_max") + 1


@pytest.mark.bzboot
@pytest.mark.parametrize("loader", LOADERS)
def test_same_handover_as_grub(loader, bzboot, reports, boot_files,
                               image_path, booter):
    """The same kernel, initramfs and arguments on the same FAT32 layout,
    booted by GRUB and by bzboot: every field test_diff_syslinux compares
    is equal, or in BY_DESIGN with GRUB's value pinned."""
    want = handover(grub_report(loader, reports, boot_files, image_path,
                                booter))
    got = handover(bzboot_report(reports, bzboot, boot_files, image_path,
                                 booter))
    assert got["cmdline"] == artifacts.expected_cmdline(
        "/vmlinuz", APPEND, "/initrd.img")
    diffs = ["%s: GRUB %s, bzboot %s" % (n, show(want[n]), show(got[n]))
             for n in COMPARED if want[n] != got[n] and n not in BY_DESIGN]
    assert not diffs, "bzboot differs from GRUB %s:\n  %s" % (
        loader, "\n  ".join(diffs))
    pins = grub_pins(loader, boot_files)
    assert set(pins) == set(BY_DESIGN)
    for name, why in BY_DESIGN.items():
        assert want[name] == pins[name], \
            "%s: GRUB %s wrote %s, pinned %s (%s)" % (
                name, loader, show(want[name]), show(pins[name]), why)


@pytest.mark.bzboot
@pytest.mark.parametrize("fat", [16, 32], ids=["fat16", "fat32"])
def test_chainload_from_grub(fat, bzboot, boot_files, image_path, booter):
    """GRUB in the MBR and gap, its grub.cfg on partition 1 (FAT16):
    `set root=(hd0,msdos2); chainloader +1; boot` runs partition 2's boot
    sector, which is bzboot's PBR (`bzboot install --pbr --partition 2`),
    and bzboot boots the kernel from partition 2."""
    append = "console=ttyS0 bz.test=grub-chain-fat%d" % fat
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    p1, p2, out = grubimg.chainload_disk(image_path(), bzboot, boot_files,
                                         cfg, fat2=fat)
    assert "FAT%d volume at LBA %d" % (fat, p2.start) in out
    assert grubimg.is_installed(p1.path), \
        "bzboot install --pbr changed GRUB's MBR or core.img"
    rep = booter.boot(p1.path)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", append,
                                                     "/initrd.img")
    assert rep.field("type_of_loader") == 0xFF  # bzboot's, not GRUB's
    assert "Booting `bzboot'" in booter.runs[-1].output  # GRUB's menu entry
