# SPDX-License-Identifier: BSD-2-Clause
# A distribution-style SYSLINUX menu tree (an installer's: a menu with a
# submenu, help, hotkeys, passwords, a timeout) and one disk per loader
# holding the same files, for the menu differential test.
"""The installer-like menu tree of test_menu_diff.py, on a disk.

Modelled on the trees in ../shared/reference/realcfg (Debian's installer
menu, Fedora's lorax isolinux.cfg): `UI menu.c32`, a title and a
background, labels with `^` hotkeys whose APPEND lines differ, KERNEL
with initrd= in APPEND next to LINUX + INITRD (their command lines are
ordered differently), MENU DEFAULT, a separator, an "Advanced options"
submenu with a "Back" entry, TEXT HELP, an F1 help file with SYSLINUX's
control codes, a $6$ MENU PASSWD and a plain one, TIMEOUT and SERIAL.

Both disks hold the same file tree: the kernel and initramfs in /boot,
the config and help file in /boot/syslinux with SYSLINUX's menu.c32 and
the libraries it needs, and bzboot's modules in /boot/bzboot. Only the
boot code differs: SYSLINUX's MBR, VBR and ldlinux.sys on one, bzboot's
MBR code and stage2 on the other.
"""

import os
import subprocess
from dataclasses import dataclass

import bzimg

SYSLINUX_MODULES = "/usr/lib/syslinux/modules/bios"
# menu.c32 is a COM32 module linked against these two (6.04); ldlinux.c32
# is what ldlinux.sys loads first. The SYSLINUX installer writes its own
# ldlinux.c32; the bzboot disk gets the package's copy, so both trees
# hold the same .c32 files (bzboot never runs them).
C32 = ("ldlinux.c32", "menu.c32", "libutil.c32", "libcom32.c32")
DIR = "/boot/syslinux"
KERNEL = "/boot/vmlinuz"
INITRD = "/boot/initrd.img"

TITLE = "BZTest GNU/Linux installer boot menu"
SUBTITLE = "Advanced installer options"
HELP_MARK = "BZTEST-F1-HELP"  # a line of the F1 file
PASSWORD = "s3cret"           # the $6$ entry's
PLAIN_PASSWORD = "letmein"    # the submenu entry's, as plain text
BASE = "console=ttyS0"

# label -> the /proc/cmdline SYSLINUX 6.04 gives it booted from its menu
# or typed at boot: (BOOT_IMAGE=kernel, APPEND, then INITRD's initrd=)
CMDLINE = {
    "install": "BOOT_IMAGE=%s initrd=%s %s bz.menu=install ---" % (
        KERNEL, INITRD, BASE),
    "expert": "BOOT_IMAGE=%s %s bz.menu=expert priority=low initrd=%s" % (
        KERNEL, BASE, INITRD),
    "rescue": "BOOT_IMAGE=%s %s bz.menu=rescue rescue/enable=true "
              "initrd=%s" % (KERNEL, BASE, INITRD),
    "locked": "BOOT_IMAGE=%s %s bz.menu=locked initrd=%s" % (
        KERNEL, BASE, INITRD),
    "lowmem": "BOOT_IMAGE=%s %s bz.menu=lowmem lowmem/low=1 "
              "initrd=%s" % (KERNEL, BASE, INITRD),
}


def sha512_crypt(password, salt="bzmenudiff1"):
    """A $6$ hash as a user makes one: `openssl passwd -6`."""
    return subprocess.run(["openssl", "passwd", "-6", "-salt", salt,
                           password], check=True, capture_output=True,
                          text=True).stdout.strip()


def config():
    """The syslinux.cfg text (both loaders read the same file)."""
    return """\
# An installer's boot menu, in the shape Debian's and Fedora's have.
SERIAL 0 115200
UI menu.c32
PROMPT 0
TIMEOUT 50
F1 f1.txt
MENU TITLE {title}
MENU BACKGROUND splash.png
MENU TABMSG Press [Tab] to edit the entry, F1 for help

LABEL install
  MENU LABEL ^Install
  MENU DEFAULT
  KERNEL {kernel}
  APPEND initrd={initrd} {base} bz.menu=install ---
  TEXT HELP
  Install the system on this machine, with the usual questions.
  ENDTEXT

LABEL expert
  MENU LABEL ^Expert install
  LINUX {kernel}
  INITRD {initrd}
  APPEND {base} bz.menu=expert priority=low

MENU SEPARATOR

LABEL rescue
  MENU LABEL ^Rescue mode
  LINUX {kernel}
  APPEND {base} bz.menu=rescue rescue/enable=true
  INITRD {initrd}

MENU BEGIN advanced
  MENU LABEL ^Advanced options
  MENU TITLE {subtitle}
  LABEL mainmenu
    MENU LABEL ^Back..
    MENU EXIT
  LABEL nomodeset
    MENU LABEL Install without ^graphics drivers
    LINUX {kernel}
    INITRD {initrd}
    APPEND {base} bz.menu=nomodeset nomodeset
  LABEL lowmem
    MENU LABEL Install with little ^memory (password)
    MENU PASSWD {plain}
    LINUX {kernel}
    INITRD {initrd}
    APPEND {base} bz.menu=lowmem lowmem/low=1
MENU END

LABEL locked
  MENU LABEL ^Locked maintenance shell
  MENU PASSWD {hash}
  LINUX {kernel}
  INITRD {initrd}
  APPEND {base} bz.menu=locked
  TEXT HELP
  Asks for the maintenance password first.
  ENDTEXT
""".format(title=TITLE, subtitle=SUBTITLE, kernel=KERNEL, initrd=INITRD,
           base=BASE, hash=sha512_crypt(PASSWORD), plain=PLAIN_PASSWORD)


def help_file():
    """F1's file, as an installer's f1.txt: ^L clears the screen, ^O
    sets colours (0f bright white, 07 back to grey)."""
    return ("\x0c\x0f0f%s\x0f07\r\n\r\n"
            "Press F1 for this page, Enter or any other key for the menu."
            "\r\n" % HELP_MARK)


@dataclass(frozen=True)
class Trees:
    syslinux: bzimg.Disk
    bzboot: bzimg.Disk


def _fill(disk, files, modules_dir):
    """The file tree both disks share."""
    bzimg.copy_in(disk.path, disk.start, files.kernel, KERNEL)
    bzimg.copy_in(disk.path, disk.start, files.initrd, INITRD)
    bzimg.write_file(disk.path, disk.start, DIR + "/syslinux.cfg", config())
    bzimg.write_file(disk.path, disk.start, DIR + "/f1.txt", help_file())
    for name in C32:
        if not bzimg.exists(disk.path, disk.start, DIR + "/" + name):
            bzimg.copy_in(disk.path, disk.start,
                          os.path.join(SYSLINUX_MODULES, name),
                          DIR + "/" + name)
    if modules_dir and os.path.isdir(modules_dir):
        bzimg.copy_modules(disk, modules_dir)


def syslinux_disk(path, files, modules_dir=None):
    """The tree booted by SYSLINUX 6.04 installed in /boot/syslinux."""
    disk = bzimg.make_disk(path, fat=32, start=2048, size_mib=48)
    bzimg.install_syslinux(disk, directory=DIR)
    _fill(disk, files, modules_dir)
    return disk


def bzboot_disk(path, tool, files, modules_dir):
    """The same tree booted by bzboot (`bzboot install`); it finds the
    config at /boot/syslinux/syslinux.cfg as SYSLINUX does."""
    disk = bzimg.make_disk(path, fat=32, start=2048, size_mib=48)
    bzimg.bzboot_install(tool, disk.path)
    _fill(disk, files, modules_dir)
    return disk
