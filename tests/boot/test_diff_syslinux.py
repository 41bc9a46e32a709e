# SPDX-License-Identifier: BSD-2-Clause
# Differential test: the same kernel, initramfs and config booted by
# SYSLINUX and by bzboot must hand the kernel the same setup header.
"""bzboot vs SYSLINUX, field by field.

Each disk gets the same files and the same config text (syslinux.cfg for
SYSLINUX, bzboot.cfg for bzboot). A field may differ only when it is
listed in BY_DESIGN with the reason.
"""

import pytest

import bzimg
from bootreport import COMPARED, handover, show

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

# field -> (the value bzboot writes, why it differs from SYSLINUX on
# purpose). The value is asserted too: a by-design difference is pinned,
# not ignored.
BY_DESIGN = {
    "type_of_loader": (0xFF, "SYSLINUX writes its assigned ID (0x30); "
                       "bzboot has no assigned ID and writes 0xFF as "
                       "boot.rst asks of unregistered loaders"),
    "vid_mode": (0xFFFF, "without vga= SYSLINUX writes 0 (menu entry 0); "
                 "bzboot keeps the kernel's built-in default (0xFFFF, "
                 "NORMAL_VGA), as GRUB and QEMU's -kernel do: the kernel "
                 "was built to want it"),
}


@pytest.mark.parametrize("fat", [32], ids=["fat32"])
def test_same_handover_as_syslinux(fat, bzboot, boot_files, image_path,
                                   booter):
    append = "console=ttyS0 bz.test=diff"
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", append)], "linux")
    ref = bzimg.syslinux_disk(image_path("syslinux"), boot_files, fat, 2048,
                              cfg)
    ours = bzimg.bzboot_disk(image_path("bzboot"), bzboot, boot_files, fat,
                             2048, cfg)
    want = handover(booter.boot(ref.path, "syslinux"))
    got = handover(booter.boot(ours.path, "bzboot"))

    diffs = ["%s: SYSLINUX %s, bzboot %s" % (n, show(want[n]), show(got[n]))
             for n in COMPARED if want[n] != got[n] and n not in BY_DESIGN]
    assert not diffs, "bzboot differs from SYSLINUX:\n  " + "\n  ".join(diffs)
    for name, (value, why) in BY_DESIGN.items():
        assert got[name] == value, "%s: bzboot wrote %s, expected %s (%s)" % (
            name, show(got[name]), show(value), why)
