# SPDX-License-Identifier: BSD-2-Clause
"""A config tree the way live media start theirs, menu-less: the DEFAULT
runs whichsys.c32, whose -sys- command runs ifcpu64.c32 (amd64 -- i386),
whose amd64 label switches (CONFIG) to a prompt-driven config offering a
Linux kernel, chain.c32 (`hd0 0`, `hd1`, `boot 2`), LOCALBOOT 0x80,
0x81 and -1, reboot.c32 and poweroff.c32. The same disk boots SYSLINUX
6.04 (its own .c32 modules on the disk) and bzboot (its c32 and chain
modules); each label is typed at the prompt under both and both must do
the same thing, which is also checked against what is expected of
SYSLINUX. One exception, measured: SYSLINUX 6.04's LOCALBOOT boots the
floppy whatever its type (test_localboot_other_disk).

hd0 (test_config_compat.dual_disk): partition 1 holds both loaders and
the tree, partition 2's boot sector is tests/probes/chainboot.asm; hd1's
MBR and its partition 1 hold the probe too (test_chain's helpers), and
so does a floppy, which SeaBIOS boots after the hard disk.
Labels that restart the loader (the MBR of the boot disk, a reboot) share
one run per loader, seen by the tree being read again: bzboot prints the
SAY lines; SYSLINUX prints them on the screen only, but on COM1 its
banner each time a config's SERIAL line opens it, so twice."""

import os
import re
from dataclasses import dataclass

import pytest

import artifacts
import blkdebug
import bzimg
import qemu
from test_chain import REPORT, entry, probe_sector, put_probe
from test_config_compat import Pair, both, dual_disk, module_files
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT
from test_prompt_cmds import RebootingQemu

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

APPEND = "console=ttyS0 bz.test=c32tree"
TOP_SAY = "c32tree: syslinux.cfg read"
AMD64_SAY = "c32tree: amd64.cfg read, type a label"

# /boot/syslinux/syslinux.cfg: no prompt, the DEFAULT branches at once.
# A wrong branch tries a label whose kernel is missing, named after it.
TOP_CFG = """\
SERIAL 0 115200
SAY {say}
PROMPT 0
TIMEOUT 0
DEFAULT start

LABEL start
  COM32 whichsys.c32
  APPEND -pxe- pxe -sys- bits -iso- iso
LABEL bits
  KERNEL /boot/syslinux/ifcpu64.c32
  APPEND amd64 -- i386
LABEL amd64
  CONFIG amd64.cfg
LABEL i386
  CONFIG i386.cfg
LABEL pxe
  LINUX /pxe/vmlinuz
LABEL iso
  LINUX /iso/vmlinuz
""".format(say=TOP_SAY)

# /boot/syslinux/amd64.cfg: the prompt and what it offers; the error
# labels at the end are typed by test_errors_then_boot only.
AMD64_CFG = """\
SERIAL 0 115200
SAY {say}
PROMPT 1
TIMEOUT 0

LABEL linux
  LINUX /vmlinuz
  INITRD /initrd.img
  APPEND {append}
LABEL existing
  COM32 chain.c32
  APPEND hd0 0
LABEL second
  COM32 /boot/syslinux/chain.c32
  APPEND hd1
LABEL own2
  KERNEL chain.c32
  APPEND boot 2
LABEL local
  LOCALBOOT 0x80
LABEL local1
  LOCALBOOT 0x81
LABEL next
  LOCALBOOT -1
LABEL reboot
  COM32 reboot.c32
LABEL off
  COM32 poweroff.c32

LABEL nodisk
  COM32 chain.c32
  APPEND hd7 1
LABEL badsector
  COM32 chain.c32
  APPEND hd1 1
LABEL nolocal
  LOCALBOOT 0x86
""".format(say=AMD64_SAY, append=APPEND)

I386_SAY = "c32tree: i386.cfg read"
# Its one label's kernel is missing: the path in the message shows it.
I386_CFG = """\
SERIAL 0 115200
SAY {say}
PROMPT 1
LABEL where
  LINUX /i386/vmlinuz
""".format(say=I386_SAY)

P1_MIB, DISK_MIB = 24, 32
P2_START = 2048 + P1_MIB * 2048
P2_SECTORS = (DISK_MIB - P1_MIB) * 2048 - 2048
HD1_ID = 0xC32C32C3
HD1_P1 = 2048   # hd1's partition 1: LBA and length
HD1_SECTORS = 4096


def two_partitions(path):
    """hd0: partition 1 (active) for the loaders, partition 2 a probe."""
    p1, _ = bzimg.make_two_partitions(path, fat1=16, size1_mib=P1_MIB,
                                      fat2=12, size_mib=DISK_MIB)
    return p1


@dataclass(frozen=True)
class Disks:
    syslinux: str   # hd0 booting SYSLINUX
    bzboot: str     # hd0 booting bzboot
    hd1: str
    fd0: str


@pytest.fixture(scope="module")
def disks(boot_files):
    files = {"/boot/syslinux/syslinux.cfg": TOP_CFG,
             "/boot/syslinux/amd64.cfg": AMD64_CFG,
             "/boot/syslinux/i386.cfg": I386_CFG}
    files.update(module_files(
        ("whichsys.c32", "ifcpu64.c32", "ifcpu.c32", "chain.c32",
         "reboot.c32", "poweroff.c32", "libcom32.c32", "libutil.c32"),
        ("c32", "chain")))
    pair = dual_disk("test_c32_tree", boot_files, files,
                     syslinux_dir="/boot/syslinux", disk=two_partitions)
    probe = probe_sector(os.path.join(artifacts.IMAGES, "test_c32_tree"))
    for img in (pair.bzboot, pair.syslinux):
        put_probe(img, P2_START, probe, "HD0-P2", keep_bpb=False)
    hd1 = os.path.join(artifacts.IMAGES, "test_c32_tree-hd1.img")
    if os.path.exists(hd1):
        os.unlink(hd1)
    bzimg.run(["truncate", "-s", "%d" % (HD1_SECTORS * 512), hd1])
    bzimg.run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", hd1],
              input=b"label: dos\nlabel-id: 0x%08x\nunit: sectors\n\n"
              b"start=%d, size=%d, type=83\n" % (HD1_ID, HD1_P1, 2048))
    put_probe(hd1, 0, probe, "HD1-MBR")
    put_probe(hd1, HD1_P1, probe, "HD1-P1", keep_bpb=False)
    # fd0: what SeaBIOS boots after the hard disk (LOCALBOOT -1)
    fd0 = os.path.join(artifacts.IMAGES, "test_c32_tree-fd0.img")
    with open(fd0, "wb") as f:
        f.truncate(1474560)
    put_probe(fd0, 0, probe, "FD0", keep_bpb=False)
    return Disks(pair.syslinux, pair.bzboot, hd1, fd0)


def others(disks, hd1_drive=None):
    """-drive arguments for hd1 (or `hd1_drive` instead) and fd0."""
    return ["-drive", hd1_drive or "file=%s,format=raw,if=ide,index=1,"
            "media=disk,snapshot=on" % disks.hd1,
            "-drive", "file=%s,format=raw,if=floppy,index=0,snapshot=on"
            % disks.fd0]


# What each loader shows on COM1 as it reads syslinux.cfg and amd64.cfg.
TREE = {"syslinux": [r"SYSLINUX 6\.04 "] * 2,
        "bzboot": [re.escape(TOP_SAY), re.escape(AMD64_SAY)]}
# Nothing booted, no error line, no other branch taken.
TREE_FAIL = BOOTED + r"|bzboot: |CHAIN-PROBE|i386\.cfg|/(pxe|iso)/"


def at_prompt(booter, loader, disks, tag, hd1_drive=None, **kw):
    """QEMU on `loader`'s hd0, hd1 and fd0, at amd64.cfg's prompt."""
    q = booter.start(getattr(disks, loader), tag,
                     extra_args=others(disks, hd1_drive), **kw)
    tree_read(q, loader)
    return q


def tree_read(q, loader):
    """The tree is read from the top, then boot:."""
    for pattern in TREE[loader] + [PROMPT]:
        q.wait_for(pattern, PROMPT_TIMEOUT, fail=TREE_FAIL)


def test_i386_branch(disks, booter):
    """On a CPU without long mode (pentium3) ifcpu64.c32 takes the i386
    label under both loaders: its config's label is the one typed."""
    tree = {"syslinux": TREE["syslinux"],
            "bzboot": [re.escape(TOP_SAY), re.escape(I386_SAY)]}
    for loader in ("syslinux", "bzboot"):
        q = booter.start(getattr(disks, loader), loader,
                         extra_args=["-cpu", "pentium3"])
        for pattern in tree[loader] + [PROMPT]:
            q.wait_for(pattern, PROMPT_TIMEOUT,
                       fail=BOOTED + "|" + re.escape(AMD64_SAY))
        q.send("where\r")
        q.wait_for(r"/i386/vmlinuz", PROMPT_TIMEOUT, fail=BOOTED)
        q.close()


def test_linux(disks, booter):
    """`linux`: the kernel's /proc/cmdline is SYSLINUX's."""
    (ref, _), (got, _) = both(booter, Pair(disks.bzboot, disks.syslinux),
                              keys="linux\r")
    want = artifacts.expected_cmdline("/vmlinuz", APPEND, "/initrd.img")
    assert ref.cmdline == want
    assert got.cmdline == ref.cmdline


def test_restarts_then_poweroff(disks, booter, monkeypatch):
    """`existing` (chain.c32 hd0 0: the boot disk's MBR, the loader's
    own) and `reboot` (reboot.c32; QEMU resets, as without -no-reboot)
    each start the loader again, which reads the tree again to this
    prompt; `off` (poweroff.c32) then ends QEMU with status 0. bzboot's
    `local` (LOCALBOOT 0x80) restarts it too; SYSLINUX 6.04 boots the
    floppy instead (test_localboot_other_disk)."""
    monkeypatch.setattr(qemu, "Qemu", RebootingQemu)
    for loader in ("syslinux", "bzboot"):
        q = at_prompt(booter, loader, disks, loader + "-restarts")
        labels = ["existing", "reboot"]
        if loader == "bzboot":
            labels.insert(1, "local")
        for label in labels:
            q.send(label + "\r")
            tree_read(q, loader)
        q.send("off\r")
        assert q.wait_exit(PROMPT_TIMEOUT) == 0, loader
    # what bzboot said it was booting
    assert "Booting LOCALBOOT 0x80...\n" in q.output.replace("\r", "")


def probe_both(booter, disks, label):
    """{loader: the probe's report} after typing `label` under each."""
    got = {}
    for loader in ("syslinux", "bzboot"):
        q = at_prompt(booter, loader, disks, loader + "-" + label)
        q.send(label + "\r")
        got[loader] = q.wait_for(REPORT, PROMPT_TIMEOUT,
                                 fail=BOOTED + r"|\nboot: ").groupdict()
        q.close()
    return got


@pytest.mark.parametrize("label,tag,dl,want", [
    # the whole second disk: chain.c32's raw entry for it
    ("second", "HD1-MBR", 0x81, (0x80, 0xDA, 0, HD1_SECTORS)),
    # partition 2 of the disk the loader booted from
    ("own2", "HD0-P2", 0x80, (0x00, 0x01, P2_START, P2_SECTORS)),
    # LOCALBOOT -1: INT 18h, SeaBIOS boots its next device, the floppy
    ("next", "FD0", 0x00, None),
])
def test_probe(disks, booter, label, tag, dl, want):
    """What the probe reports after SYSLINUX is what is expected of it,
    and after bzboot the same (with an entry, its CHS bytes too)."""
    got = probe_both(booter, disks, label)
    ref = got["syslinux"]
    assert ref["tag"] == tag
    assert int(ref["dx"], 16) & 0xFF == dl
    assert (ref["cs"], ref["ip"]) == ("0000", "7c00")
    for r in got.values():
        if want:
            r["pe"] = r["pe"][:32]  # past the entry: what memory held
        else:  # SI and what it points at are left over
            del r["si"], r["ds"], r["pe"]
    if want:
        assert (ref["ds"], ref["si"]) == ("0000", "07be")
        assert entry(ref["pe"]) == want
    assert got["bzboot"] == ref


def test_errors_then_boot(disks, booter):
    """Issue 11's Errors bullet, for what test_chain (no 0xAA55, no such
    partition) and test_ifcpu (an unknown flag among known ones) leave
    out: a disk the BIOS has not got (chain.c32 and LOCALBOOT), a sector
    that cannot be read (QEMU's blkdebug fails hd1's partition 1, whose
    probe would otherwise report), a lone unknown flag; each is one line
    naming what was asked and why it failed, then the prompt, and a label
    still boots after them."""
    conf = os.path.join(artifacts.IMAGES, "test_c32_tree-blkdebug.conf")
    q = at_prompt(booter, "bzboot", disks, "errors",
                  hd1_drive=blkdebug.drive(disks.hd1, HD1_P1, conf, index=1))
    for line, says in (
        ("nodisk", r"bzboot: chain\.c32 hd7 1: BIOS drive 0x87: [^\n]+\. "
         r"Check that the disk exists\."),
        ("badsector", r"bzboot: chain\.c32 hd1 1: BIOS drive 0x81, sector "
         r"%d: [^\n]*read[^\n]*\." % HD1_P1),
        ("nolocal", r"bzboot: LOCALBOOT 0x86: BIOS drive 0x86: [^\n]+\. "
         r"Check that the disk exists\."),
        ("ifcpu.c32 hyp -- second -- second",
         r"bzboot: ifcpu\.c32: hyp: unknown flag [^\n]*; nothing booted\."),
    ):
        q.send(line + "\r")
        q.wait_for(says, PROMPT_TIMEOUT, fail=BOOTED + "|CHAIN-PROBE")
        q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED + "|CHAIN-PROBE")
    q.send("second\r")
    assert q.wait_for(REPORT, PROMPT_TIMEOUT).group("tag") == "HD1-MBR"


def test_localboot_other_disk(disks, booter):
    """LOCALBOOT 0x81: bzboot boots hd1's sector 0 with DX = 0x0081, as
    SYSLINUX documents it and its disk variants did up to 4.x. SYSLINUX
    6.04 hands over the same registers but reads the first floppy's
    sector 0 whatever the type (core/localboot.c clears its registers
    before the read, so DL is 0; with no floppy the read fails and its
    kaboom says "Boot error"): measured here, a SYSLINUX bug bzboot does
    not copy, so LOCALBOOT 0x80 from SYSLINUX on a disk boots no disk."""
    got = probe_both(booter, disks, "local1")
    assert got["syslinux"]["tag"] == "FD0"
    assert got["bzboot"]["tag"] == "HD1-MBR"
    for r in got.values():
        del r["tag"], r["si"], r["ds"], r["pe"]  # no entry handed over
    assert got["syslinux"]["dx"] == "0081"
    assert got["bzboot"] == got["syslinux"]
