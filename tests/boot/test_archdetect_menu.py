# SPDX-License-Identifier: BSD-2-Clause
"""An installer's way into its menu, as the Debian installer's and Tails'
isolinux trees do it: the DEFAULT label runs ifcpu64.c32, whose 64-bit
label is `KERNEL vesamenu.c32` with `APPEND menu64.cfg`, a second config
file whose menu then boots its first entry when its TIMEOUT runs out (its
DEFAULT line does not preselect there: menu.c32 reads the file without
a UI line). No key is typed. SYSLINUX 6.04 runs its own ifcpu64.c32 and vesamenu.c32 on the
same disk; bzboot must boot the same entry with the same command line
(the c32 module branches, the menu module shows menu64.cfg's menu)."""

import pytest

import artifacts
from test_config_compat import both, dual_disk, module_files

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

# The main config: no menu of its own, PROMPT 0, the DEFAULT branches.
CONFIG = """\
SERIAL 0 115200
PATH /boot/syslinux
DEFAULT archdetect
PROMPT 0
TIMEOUT 0

LABEL archdetect
  KERNEL ifcpu64.c32
  APPEND amd64 -- i386
LABEL amd64
  KERNEL vesamenu.c32
  APPEND menu64.cfg
LABEL i386
  KERNEL vesamenu.c32
  APPEND menu32.cfg
"""

MENU = """\
MENU TITLE Installer boot menu ({arch})
MENU BACKGROUND splash.png
DEFAULT install
TIMEOUT 10

LABEL rescue
  MENU LABEL ^Rescue mode
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND console=ttyS0 bz.test={arch}-rescue
LABEL install
  MENU LABEL ^Install
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND console=ttyS0 bz.test={arch}-install
"""


@pytest.fixture(scope="module")
def disk(boot_files):
    files = {"/boot/syslinux/syslinux.cfg": CONFIG,
             "/boot/syslinux/menu64.cfg": MENU.format(arch="amd64"),
             "/boot/syslinux/menu32.cfg": MENU.format(arch="i386")}
    files.update(module_files(("ifcpu64.c32", "vesamenu.c32",
                               "libcom32.c32", "libutil.c32"),
                              ("c32", "menu")))
    return dual_disk("test_archdetect_menu", boot_files, files,
                     syslinux_dir="/boot/syslinux")


def test_ifcpu64_then_second_menu_times_out(disk, booter):
    """Nothing typed on a 64-bit CPU: ifcpu64.c32 picks amd64, whose
    vesamenu.c32 shows menu64.cfg; its TIMEOUT boots the first entry
    (measured on SYSLINUX 6.04: DEFAULT install is not what boots)."""
    (ref, _), (got, _) = both(booter, disk, prompt=False)
    want = artifacts.expected_cmdline(
        "/vmlinuz", "console=ttyS0 bz.test=amd64-rescue", "/initrd.img")
    assert ref.cmdline == want
    assert got.cmdline == ref.cmdline
