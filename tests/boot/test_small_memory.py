# SPDX-License-Identifier: BSD-2-Clause
# A 48 MiB initrd on machines with 48, 64 and 128 MiB of RAM: bzboot puts
# it where the kernel can use it or refuses, naming the sizes, and never
# lets a load land on stage2, the EBDA or memory the BIOS reserved.
"""Small-memory boots: the initrd placed correctly, or a refusal.

The Debian kernel runs from pref_address (16 MiB) and needs init_size
(about 63.6 MiB) there (boot.rst): it cannot run on 48 or 64 MiB at all,
whatever the initrd, and bzboot must say so, with the sizes, instead of
starting a kernel that dies. With 128 MiB the runtime window ends near
79.6 MiB and the initrd (48 MiB) just fits above it, below the top of RAM.
The initrd is the test initramfs padded with zeros to 48 MiB: it boots
the same, and the loader has to find room for all of it.
"""

import os
import re

import pytest

import artifacts
import bootreport
import bzimg

pytestmark = pytest.mark.bzboot

MIB = 1024 * 1024
INITRD_SIZE = 48 * MIB
APPEND = "console=ttyS0 bz.test=small-memory"
PROMPT = r"(?m)^boot: "
PROMPT_TIMEOUT = 60.0
# The end of a load attempt: the kernel started, or one failure line.
OUTCOME = r"(?m)^(Booting: [^\r\n]*|bzboot: [^\r\n]*)\r?\n"
# stage2's image, stack and buffers live below 0x10000 (stage2/memmap.h).
STAGE2_END = 0x10000
LOW_MEMORY_END = 0x100000


class BzbootBug(AssertionError):
    """bzboot did the wrong thing (not the harness): the only failure an
    xfail "BUG:" marker here accepts."""


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    """bzboot, the kernel and the 48 MiB initrd; one label, typed."""
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    initrd = artifacts.padded_initrd(
        boot_files.initrd, INITRD_SIZE,
        os.path.join(artifacts.IMAGES, "test_small_memory.initrd-48m"))
    files = artifacts.BootFiles(kernel=boot_files.kernel, initrd=initrd,
                                kernel_version=boot_files.kernel_version)
    cfg = bzimg.syslinux_cfg([("linux", "/vmlinuz", "/initrd.img", APPEND)],
                             "linux", prompt=1, timeout=0)
    return bzimg.bzboot_disk(os.path.join(artifacts.IMAGES,
                                          "test_small_memory.img"),
                             bzboot, files, 32, 2048, cfg, size_mib=96)


def kernel_header(boot_files):
    with open(boot_files.kernel, "rb") as f:
        head = f.read(bootreport.BOOT_PARAMS_SIZE)
    return bootreport.Report(cmdline="", bp_version="", boot_params=head)


def load(booter, disk, memory):
    """Boot `disk` on a machine with `memory` MiB, type the label; return
    (Qemu, the "Booting: ..." or "bzboot: ..." line)."""
    q = booter.start(disk.path, tag="%dM" % memory, memory=memory)
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send("linux\r")
    return q, q.wait_for(OUTCOME, PROMPT_TIMEOUT).group(1)


def names_size(line, value):
    """Whether `line` gives `value` (bytes or an address) in one of the
    ways stage2 prints numbers: hex, or MiB with one decimal."""
    for hexnum in re.findall(r"0x([0-9a-fA-F]+)", line):
        if int(hexnum, 16) == value:
            return True
    for mib in re.findall(r"(\d+(?:\.\d)?) MiB", line):
        if abs(float(mib) * MIB - value) <= MIB / 10:
            return True
    return False


def overlaps(a, b, c, d):
    return a < d and c < b


def check_placement(start, size, e820, k):
    """The initrd [start, start+size) is whole, in usable E820 RAM, above
    low memory (so off stage2, the real-mode block and the EBDA), outside
    every reserved range and the kernel's runtime window, and ends at or
    below initrd_addr_max."""
    end = start + size
    where = "initrd %#x-%#x" % (start, end)
    assert size == INITRD_SIZE, "ramdisk size %#x" % size
    assert start % 4096 == 0, where
    assert start >= STAGE2_END, where + " over stage2"
    assert start >= LOW_MEMORY_END, where + " in low memory (the EBDA)"
    assert any(kind == bootreport.E820_USABLE and a <= start and end <= b
               for a, b, kind in e820), \
        "%s not inside one usable E820 range: %s" % (where, e820)
    bad = [(a, b, kind) for a, b, kind in e820
           if kind != bootreport.E820_USABLE and overlaps(start, end, a, b)]
    assert not bad, "%s over E820 %s" % (where, bad)
    window = k.field("pref_address"), k.field("pref_address") + \
        k.field("init_size")
    assert not overlaps(start, end, *window), \
        "%s over the kernel's runtime %#x-%#x" % ((where,) + window)
    assert end - 1 <= k.field("initrd_addr_max"), where


def test_128m_places_the_initrd(disk, boot_files, booter):
    """128 MiB: the kernel starts with the whole initrd, placed right.
    What the kernel received is read from its own early log (the command
    line, the BIOS map, "RAMDISK: [mem a-b]"), not from the initramfs: with
    48 MiB of initrd held until it is unpacked, 128 MiB is too little for
    the Debian kernel to reach user space reliably (it runs out of memory
    while unpacking, sometimes), which is the kernel's limit, not the
    loader's."""
    q, said = load(booter, disk, 128)
    assert said.startswith("Booting: "), said
    cmdline = q.wait_for(r"Command line: ([^\r\n]*)\r?\n", 60).group(1)
    assert cmdline == artifacts.expected_cmdline("/vmlinuz", APPEND,
                                                 "/initrd.img")
    rd = q.wait_for(r"RAMDISK: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]", 60)
    start, last = int(rd.group(1), 16), int(rd.group(2), 16)
    e820 = bootreport.e820_from_log(q.output)
    assert e820, "the kernel printed no BIOS-e820 lines"
    check_placement(start, last + 1 - start, e820, kernel_header(boot_files))


@pytest.mark.parametrize("memory", [48, 64], ids=["48M", "64M"])
def test_too_small_refuses_the_kernel(memory, disk, boot_files, booter):
    """48 and 64 MiB: no room for the kernel's runtime window (16 MiB +
    init_size), so bzboot refuses it before loading anything, with one
    line naming the kernel and the sizes that do not fit, then the
    prompt. It is the kernel that is refused: the initrd is never
    weighed."""
    q, said = load(booter, disk, memory)
    assert said.startswith("bzboot: /vmlinuz: "), said
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=r"Booting: ")
    k = kernel_header(boot_files)
    need = (k.field("init_size"),
            k.field("pref_address") + k.field("init_size"))
    have = [memory * MIB - kib * 1024 for kib in range(0, 1025, 4)]
    if not any(names_size(said, n) for n in need) or \
            not any(names_size(said, h) for h in have):
        raise BzbootBug("the refusal does not name the kernel's need "
                        "(%#x at %#x) and the RAM there is (%d MiB): %r" %
                        (k.field("init_size"), k.field("pref_address"),
                         memory, said))


def test_96m_refuses_the_initrd(disk, booter):
    """96 MiB (not one of the issue's sizes, the one between): the
    kernel's window fits, the 48 MiB initrd does not fit above it: one
    line naming the initrd and its size, then the prompt."""
    q, said = load(booter, disk, 96)
    assert said.startswith("bzboot: /initrd.img: "), said
    assert names_size(said, INITRD_SIZE), said
    assert "does not fit" in said, said
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=r"Booting: ")
