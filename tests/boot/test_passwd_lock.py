# SPDX-License-Identifier: BSD-2-Clause
"""MENU PASSWD and MENU MASTER PASSWD before bzboot can ask for them: a
protected entry is refused with one line, never booted without its
password, whether it is typed or the config's own DEFAULT after TIMEOUT;
open entries still boot."""

import os

import pytest

import artifacts
import bzimg
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT, at_prompt, \
    expect_failure

pytestmark = pytest.mark.bzboot

APPEND = "console=ttyS0 bz.test=passwd-lock"

# Shaped like an installer's menu: a protected default, a protected
# submenu, an open entry, and a master password.
CFG = """\
UI menu.c32
SERIAL 0 115200
PROMPT 1
TIMEOUT 10
DEFAULT rescue
MENU MASTER PASSWD $6$rounds=5000$salt$notreal
LABEL rescue
  MENU LABEL ^Rescue
  MENU PASSWD $1$salt$notreal
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND %(append)s
MENU BEGIN expert
  MENU PASSWD secret
  LABEL expert
    LINUX /vmlinuz
    INITRD /initrd.img
    APPEND %(append)s
MENU END
LABEL open
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND %(append)s
""" % {"append": APPEND}

LOCKED = (r"^bzboot: %s: the config protects this entry with MENU PASSWD, "
          r"and this bzboot cannot ask for passwords yet")
MASTER = r"^bzboot: %s: the config sets MENU MASTER PASSWD"


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return bzimg.bzboot_disk(
        os.path.join(artifacts.IMAGES, "test_passwd_lock.img"), bzboot,
        boot_files, 32, 2048, CFG)


def test_protected_entries_never_boot(disk, booter):
    """The DEFAULT after TIMEOUT, the label typed, the submenu's label
    typed and an open label edited under the master password are each
    refused; the open label as written boots."""
    q = booter.start(disk.path)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    # TIMEOUT 10 runs out: DEFAULT rescue is refused, the prompt returns.
    m = q.wait_for(r"(?m)^(bzboot: [^\r\n]*)\r?\n", PROMPT_TIMEOUT,
                   fail=BOOTED)
    assert m.group(1).startswith("bzboot: rescue: the config protects"), \
        m.group(1)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    expect_failure(q, "rescue", LOCKED % "rescue")
    expect_failure(q, "rescue init=/bin/sh", LOCKED % "rescue init=/bin/sh")
    expect_failure(q, "expert", LOCKED % "expert")
    expect_failure(q, "open single", MASTER % "open single")
    expect_failure(q, "/vmlinuz", MASTER % "/vmlinuz")
    q.send("open\r")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline("/vmlinuz", APPEND,
                                                     "/initrd.img")
