# SPDX-License-Identifier: BSD-2-Clause
# bzboot's quoting extension to the SYSLINUX config language: a kernel and
# an initrd in a directory whose name holds a blank (docs/config.md,
# "File names with blanks").
"""Boots a kernel and initrd named with blanks, quoted in the config."""

import os

import pytest

import bzimg

pytestmark = pytest.mark.bzboot


def test_quoted_names_with_blanks(bzboot, boot_files, image_path, booter):
    kdir = "/boot/Debian Kernels"
    kernel = kdir + "/vmlinuz-6.1.0-amd64"
    initrd = kdir + "/initrd.img-6.1.0-amd64"
    append = "console=ttyS0 bz.test=blanknames"
    # By hand: bzimg.syslinux_cfg() does not quote.
    cfg = ('DEFAULT deb\n'
           'LABEL deb\n'
           '  LINUX "%s"\n'
           '  INITRD "%s"\n'
           '  APPEND %s\n' % (kernel, initrd, append))
    disk = bzimg.bzboot_disk(image_path(), bzboot, boot_files, 32, 2048, cfg,
                             kernel=kernel, initrd=initrd)
    rep = booter.boot(disk.path)
    # Quoted the way the kernel's next_arg() reads a value with blanks.
    assert rep.cmdline == ('BOOT_IMAGE="%s" %s initrd="%s"'
                           % (kernel, append, initrd))
    assert rep.ramdisk_size() == os.path.getsize(boot_files.initrd)

    # The same files named on the DEFAULT line, as if typed at boot:.
    typed = 'console=ttyS0 bz.test=blanknames-typed initrd="%s"' % initrd
    bzimg.write_file(disk.path, disk.start, "/bzboot.cfg",
                     'DEFAULT "%s" %s\n' % (kernel, typed))
    rep = booter.boot(disk.path, tag="typed")
    assert rep.cmdline == 'BOOT_IMAGE="%s" %s' % (kernel, typed)
    assert rep.ramdisk_size() == os.path.getsize(boot_files.initrd)
