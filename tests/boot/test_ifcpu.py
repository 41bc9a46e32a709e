# SPDX-License-Identifier: BSD-2-Clause
"""ifcpu64.c32, ifcpu.c32, whichsys.c32, reboot.c32 and poweroff.c32, run
by bzboot itself (the c32 module) whatever path the config gives them.
One disk: the DEFAULT is whichsys.c32, whose -sys- command is a label
running ifcpu64.c32, whose long-mode label boots the Debian kernel
(compared with SYSLINUX 6.04 running its own modules on the same disk).
The other branches are labels whose kernel is missing on purpose: the
name in bzboot's "file not found" line shows which one was chosen without
booting a kernel (which would not run on a 32-bit CPU anyway)."""

import re

import pytest

import artifacts
import bzimg
import qemu
from test_config_compat import both, dual_disk, module_files
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT
from test_prompt_cmds import BANNER, RebootingQemu

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

APPEND = "console=ttyS0 bz.test=long"

# TIMEOUT 30: the tests that type wait for the prompt and type at once.
CONFIG = """\
SERIAL 0 115200
PROMPT 1
TIMEOUT 30
DEFAULT /boot/syslinux/whichsys.c32 -iso- iso -pxe- pxe -sys- arch

LABEL arch
  COM32 /boot/syslinux/ifcpu64.c32
  APPEND long -- pae -- i386
LABEL two
  KERNEL ifcpu64.c32
  APPEND long -- i386
LABEL hyp
  COM32 ifcpu.c32
  APPEND hypervisor -- vm -- metal
LABEL nolm
  COM32 ifcpu.c32
  APPEND 64 pae -- long -- nolm64
LABEL badflag
  COM32 ifcpu.c32
  APPEND 64 sse9 -- long -- i386
LABEL nosys
  COM32 whichsys.c32
  APPEND -iso- long -pxe- long
LABEL loop
  COM32 ifcpu64.c32
  APPEND loop
LABEL warm
  COM32 /any/dir/reboot.c32
  APPEND -w
LABEL off
  COM32 poweroff.c32

LABEL long
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND {append}
""".format(append=APPEND)
# Each other branch: a label whose kernel is missing, named after it.
BRANCHES = ("pae", "i386", "vm", "metal", "nolm64", "iso", "pxe")
CONFIG += "".join("LABEL %s\n  LINUX /%s/vmlinuz\n" % (b, b)
                  for b in BRANCHES)


def chose(q, line, branch):
    """Type `line`; bzboot tries to boot the label `branch`."""
    q.send(line + "\r")
    q.wait_for(r"/%s/vmlinuz: file not found" % branch, PROMPT_TIMEOUT,
               fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)


def says(q, line, pattern):
    q.send(line + "\r")
    q.wait_for(pattern, PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)


@pytest.fixture(scope="module")
def disk(boot_files):
    files = {"/boot/syslinux/syslinux.cfg": CONFIG}
    # SYSLINUX runs its own modules (and their libraries); bzboot never:
    # it runs its c32 module.
    files.update(module_files(("ifcpu64.c32", "whichsys.c32",
                               "libcom32.c32", "libutil.c32"), ("c32",)))
    return dual_disk("test_ifcpu", boot_files, files,
                     syslinux_dir="/boot/syslinux")


def test_default_whichsys_ifcpu64_long(disk, booter):
    """Nothing typed, -cpu qemu64: the DEFAULT whichsys.c32 takes -sys-
    (label arch), whose ifcpu64.c32 takes the long-mode label, as SYSLINUX
    6.04 does with its own whichsys.c32 and ifcpu64.c32."""
    (ref, _), (got, _) = both(booter, disk)
    want = artifacts.expected_cmdline("/vmlinuz", APPEND, "/initrd.img")
    assert ref.cmdline == want
    assert got.cmdline == ref.cmdline


def test_typed_and_labels_on_qemu64(disk, booter):
    """Labels and a typed module line on a 64-bit CPU; TCG's CPUID sets
    the hypervisor bit (QEMU sets it for every accelerator)."""
    q = booter.start(disk.bzboot, "bzboot")
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    chose(q, "ifcpu64.c32 pae -- i386", "pae")   # typed: long is the first
    chose(q, "hyp", "vm")
    chose(q, "/x/ifcpu.c32 pae -- vm -- metal", "vm")
    says(q, "badflag", r"ifcpu\.c32: sse9: unknown flag")
    says(q, "nosys", r"whichsys\.c32: no -sys- command")
    says(q, "ifcpu.c32 debug dry-run 64 -- iso -- pxe",
         r"the CPU has what was asked: dry-run, would boot 'iso'")
    # SeaBIOS writes an MP table (smp); QEMU's one core is no multicore
    says(q, "ifcpu.c32 dry-run smp -- iso -- pxe", r"has what was asked")
    says(q, "ifcpu.c32 dry-run multicore -- iso -- pxe",
         r"lacks what was asked: dry-run, would boot 'pxe'")
    # whichsys.c32 typed: its -sys- command is itself a module line
    chose(q, "whichsys.c32 -iso- iso -sys- ifcpu64.c32 pxe -- i386", "pxe")
    # a label choosing itself: stopped, and the prompt comes back
    says(q, "loop", r"loop: 8 branches in a row \(a loop\?\); stopped")


@pytest.mark.parametrize("cpu,arch,two,nolm", [
    ("qemu64,-lm", "pae", "i386", "nolm64"),
    ("pentium", "i386", "i386", "nolm64"),
], ids=["pae-no-lm", "pentium"])
def test_cpu_without_long_mode(disk, booter, cpu, arch, two, nolm):
    """ifcpu64.c32's three labels pick pae on a PAE CPU without long mode
    and the 32-bit one without either; two labels: the second for both."""
    q = booter.start(disk.bzboot, cpu, extra_args=["-cpu", cpu])
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    chose(q, "arch", arch)
    chose(q, "two", two)
    chose(q, "nolm", nolm)
    # an empty command boots the DEFAULT (whichsys.c32 -> arch), as in
    # SYSLINUX
    chose(q, "ifcpu64.c32 long --", arch)


def test_syslinux_picks_pae_without_long_mode(disk, booter):
    """The reference: SYSLINUX 6.04's own ifcpu64.c32 on qemu64,-lm tries
    the pae label too (its kernel is missing: its own message)."""
    q = booter.start(disk.syslinux, "syslinux",
                     extra_args=["-cpu", "qemu64,-lm"])
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send("arch\r")
    q.wait_for(r"/pae/vmlinuz", PROMPT_TIMEOUT, fail=BOOTED + "|/i386/")


def test_reboot_c32(disk, booter, monkeypatch):
    """reboot.c32 -w: a warm reboot, SeaBIOS starts bzboot again."""
    monkeypatch.setattr(qemu, "Qemu", RebootingQemu)
    q = booter.start(disk.bzboot, "reboot")
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send("warm\r")
    q.wait_for(r"Rebooting \(warm\)", PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(BANNER, PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    assert len(re.findall(BANNER, q.output)) == 2


def test_poweroff_c32(disk, booter):
    """poweroff.c32: QEMU exits (APM, SeaBIOS has it)."""
    q = booter.start(disk.bzboot, "poweroff")
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send("off\r")
    q.wait_for(r"Powering off", PROMPT_TIMEOUT, fail=BOOTED)
    assert q.wait_exit(PROMPT_TIMEOUT) == 0
    assert "bzboot: poweroff:" not in q.output
