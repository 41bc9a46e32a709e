# SPDX-License-Identifier: BSD-2-Clause
# CONFIG file [dir] and config.c32 file [dir]: switching to a config in
# another directory, whose kernel and initrd are named relative to the new
# working directory; SYSLINUX 6.04 boots the same disk as the reference.
import os

import pytest

import artifacts
import bzimg
from test_config_compat import PROMPT, PROMPT_TIMEOUT, both, dual_disk

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

SYSLINUX_MODULES = "/usr/lib/syslinux/modules/bios"

# In /boot/syslinux, SYSLINUX's install directory: the start.
MAIN_CFG = """\
SERIAL 0 115200
PROMPT 1
TIMEOUT 10
DEFAULT other

LABEL other
  CONFIG ../alt/alt.cfg
  APPEND ../alt

LABEL missing
  CONFIG nosuch.cfg

LABEL mod
  COM32 config.c32
  APPEND /boot/alt/mod.cfg /boot/alt
"""

# In /boot/alt: the kernel and initrd next to it, named relative.
SWITCHED_CFG = """\
SERIAL 0 115200
SAY now in {name}
PROMPT 0
DEFAULT {name}

LABEL {name}
  LINUX vmlinuz
  INITRD initrd.img
  APPEND console=ttyS0 bz.test={name}
"""


def expected(name):
    return artifacts.expected_cmdline("vmlinuz",
                                      "console=ttyS0 bz.test=" + name,
                                      "initrd.img")


@pytest.fixture(scope="module")
def switching(boot_files):
    files = {
        "/boot/syslinux/syslinux.cfg": MAIN_CFG,
        "/boot/alt/alt.cfg": SWITCHED_CFG.format(name="alt"),
        "/boot/alt/mod.cfg": SWITCHED_CFG.format(name="mod"),
    }
    # SYSLINUX runs config.c32 (and its library); bzboot never does.
    for module in ("config.c32", "libcom32.c32"):
        src = os.path.join(SYSLINUX_MODULES, module)
        if not os.path.exists(src):
            pytest.skip(f"{src} is missing: apt-get install syslinux-common")
        with open(src, "rb") as f:
            files["/boot/syslinux/" + module] = f.read()
    return dual_disk("test_config_switch", boot_files, files,
                     syslinux_dir="/boot/syslinux",
                     kernel="/boot/alt/vmlinuz", initrd="/boot/alt/initrd.img")


def test_default_is_a_config_label(switching, booter):
    """Nothing typed: after TIMEOUT the DEFAULT label CONFIGs to
    ../alt/alt.cfg with APPEND ../alt as the new directory, whose PROMPT 0
    DEFAULT boots vmlinuz and initrd.img from /boot/alt."""
    (ref, _), (got, _) = both(booter, switching)
    assert ref.cmdline == expected("alt")
    assert got.cmdline == ref.cmdline


def test_typed_config_c32(switching, booter):
    """config.c32 FILE DIR typed as a label's COM32 + APPEND."""
    (ref, _), (got, _) = both(booter, switching, keys="mod\r")
    assert ref.cmdline == expected("mod")
    assert got.cmdline == ref.cmdline


def test_missing_config_keeps_the_old_one(switching, booter):
    """A CONFIG whose file is missing names it and comes back to the
    prompt with the old config in force (SYSLINUX would go on with an
    empty one: bzboot only): then its CONFIG label, typed, switches."""
    q = booter.start(switching.bzboot, "bzboot")
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send("missing\r")
    q.wait_for(r"/boot/syslinux/nosuch\.cfg: file not found", PROMPT_TIMEOUT)
    # Said once, and the file is not then tried as a kernel.
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=r"nosuch")
    q.send("other\r")
    q.wait_for(r"now in alt", PROMPT_TIMEOUT, fail=r"kernel|bzboot:")
    assert booter.wait_marker(q).cmdline == expected("alt")
