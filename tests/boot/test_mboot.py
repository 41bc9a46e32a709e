# SPDX-License-Identifier: BSD-2-Clause
"""mboot.c32 (Multiboot 1) through the mboot module. One disk, one label
each, typed at the prompt:

- xen: Debian's Xen hypervisor (xen.gz, gzip-compressed: bzboot unpacks
  it, as SYSLINUX's mboot.c32 and GRUB do) with the Debian kernel and the
  test initramfs as dom0's modules. Xen's own lines on COM1 show what it
  received: its command line, the E820 map (compared with the map QEMU's
  own multiboot loader hands the probe) and dom0's kernel and initrd. The
  run stops there: under TCG the PV dom0 crashes soon after, with QEMU's
  -kernel multiboot too, so not the loader's doing.
- probe: tests/probes/mboot.asm, an a.out-kludge image that prints the
  registers and the info structure, compared with QEMU's own -kernel
  multiboot loader and with SYSLINUX 6.04's own mboot.c32 on the same
  files (all see SeaBIOS's E820 map); elf64: the same probe as an ELF64
  file (32-bit code, no kludge), against mboot.c32.
- refusals: no header, a wrong checksum, a segment below 1 MiB, a missing
  module, too little memory for Xen: one line naming the file and why,
  then the prompt again."""

import gzip
import os
import re
import subprocess

import pytest

import artifacts
import bzimg
import qemu
from test_errors import PROMPT, PROMPT_TIMEOUT

pytestmark = pytest.mark.bzboot

MEMORY = 512
EXIT_DEVICE = ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
PROBE = os.path.join(artifacts.BUILD, "probes", "mboot.bin")
# The loader name is "bzboot VERSION", the version this build carries
# (scripts/version.sh writes it to build/version).
with open(os.path.join(artifacts.BUILD, "version")) as _f:
    LOADER_NAME = "bzboot " + _f.read().strip()
PROBE64 = os.path.join(artifacts.BUILD, "probes", "mboot64.elf")
XEN_ARGS = "com1=115200,8n1 console=com1"
CFG = """SERIAL 0 115200
PROMPT 1
LABEL xen
  KERNEL mboot.c32
  APPEND xen.gz %s --- vmlinuz console=hvc0 --- initrd.img
LABEL probe
  COM32 /boot/syslinux/mboot.c32
  APPEND probe.bin  one   two=2 --- moda.txt a1 a2 --- modb.gz b1
LABEL elf64
  KERNEL mboot.c32
  APPEND mboot64.elf 64 --- modb.gz b --- moda.txt
LABEL nohdr
  KERNEL mboot.c32
  APPEND vmlinuz --- initrd.img
LABEL badsum
  KERNEL mboot.c32
  APPEND badsum.bin
LABEL low
  KERNEL mboot.c32
  APPEND low.bin
LABEL nomod
  KERNEL mboot.c32
  APPEND probe.bin --- moda.txt --- nosuch.img
""" % XEN_ARGS
MODA = b"MODA" * 1000
MODB = b"MODB" * 3000  # stored gzip-compressed: unpacked by bzboot
FAIL = r"Booting: |Linux version|Kernel panic|MBOOT-PROBE|\(XEN\)"

HEAD = (r"MBOOT-PROBE eax=(?P<eax>\w+) flags=(?P<flags>\w+) "
        r"lower=(?P<lower>\w+) upper=(?P<upper>\w+) "
        r"bootdev=(?P<bootdev>\w+) bss=(?P<bss>\w+) "
        r"cmdline=\[(?P<cmdline>[^\]]*)\] mods=(?P<mods>\w+)")
MOD = r"MOD start=(\w+) end=(\w+) word=(\w+) str=\[([^\]]*)\]"
MMAP = r"MMAP base=(\w+) len=(\w+) type=(\w+)"


def patched_probe(probe, checksum=0, shift=0):
    """The probe with its checksum word changed by `checksum`, or its
    a.out addresses (header, load, load end, bss end, entry) lowered by
    `shift` (the checksum covers only magic, flags and itself)."""
    b = bytearray(probe)
    words = [int.from_bytes(b[i:i + 4], "little") for i in range(0, 32, 4)]
    words[2] = (words[2] + checksum) & 0xFFFFFFFF
    for i in range(3, 8):
        words[i] -= shift
    for i, w in enumerate(words):
        b[i * 4:i * 4 + 4] = w.to_bytes(4, "little")
    return bytes(b)


@pytest.fixture(scope="module")
def files(boot_files):
    """The files on the disk, by name (xen.gz fetched once into
    build/cache by tests/support/fetch-xen.sh)."""
    subprocess.run(["make", "-s", PROBE, PROBE64], cwd=artifacts.ROOT,
                   check=True)
    subprocess.run(["bash", os.path.join(artifacts.SUPPORT, "fetch-xen.sh"),
                    artifacts.CACHE], check=True, stdout=subprocess.DEVNULL)
    with open(PROBE, "rb") as f:
        probe = f.read()
    d = os.path.join(artifacts.IMAGES, "test_mboot")
    os.makedirs(d, exist_ok=True)
    out = {}
    for name, data in (("moda.txt", MODA), ("modb.gz", gzip.compress(MODB)),
                       ("badsum.bin", patched_probe(probe, checksum=1)),
                       ("low.bin", patched_probe(probe, shift=0xF0000))):
        out[name] = os.path.join(d, name)
        with open(out[name], "wb") as f:
            f.write(data)
    out["probe.bin"] = PROBE
    out["mboot64.elf"] = PROBE64
    out["xen.gz"] = os.path.join(artifacts.CACHE, "xen.gz")
    out["vmlinuz"] = boot_files.kernel
    out["initrd.img"] = boot_files.initrd
    return out


@pytest.fixture(scope="module")
def disk(bzboot, files):
    path = os.path.join(artifacts.IMAGES, "test_mboot", "hd0.img")
    d = bzimg.make_disk(path, fat=32, start=2048, size_mib=64)
    bzimg.bzboot_install(bzboot, d.path)
    bzimg.write_file(d.path, d.start, "/bzboot.cfg", CFG)
    for name, src in files.items():
        bzimg.copy_in(d.path, d.start, src, "/" + name)
    bzimg.copy_modules(d, artifacts.MODULES, names=["mboot"])
    return d


@pytest.fixture(scope="module")
def qemu_probe(files):
    """What the probe reports under QEMU's own -kernel multiboot loader,
    with the same files and memory (its cmdline starts with the host path
    of the image; it does not unpack modb.gz)."""
    q = qemu.Qemu(None, log_path=os.path.join(
        artifacts.LOGS, "test_mboot-qemu-kernel.log"), memory=MEMORY,
        extra_args=EXIT_DEVICE)
    # no disk at all: Qemu's own argv always boots one
    q.argv = lambda: [q.qemu] + qemu.accel_args() + [
        "-m", str(MEMORY), "-display", "none", "-serial", "stdio",
        "-monitor", "none", "-nic", "none", "-no-reboot",
        "-kernel", files["probe.bin"], "-append", "one two=2",
        "-initrd", "%s a1 a2,%s b1" % (files["moda.txt"], files["modb.gz"])
    ] + EXIT_DEVICE
    with q:
        q.wait_for("MBOOT-PROBE end", PROMPT_TIMEOUT)
        return q.output


@pytest.fixture(scope="module")
def syslinux_disk(files):
    """The reference: SYSLINUX 6.04 with its own mboot.c32 (Debian's
    syslinux-common) on a disk holding the same files and config."""
    mods = "/usr/lib/syslinux/modules/bios"
    if not os.path.exists(os.path.join(mods, "mboot.c32")):
        pytest.skip("no %s/mboot.c32: apt-get install syslinux-common" %
                    mods)
    path = os.path.join(artifacts.IMAGES, "test_mboot", "syslinux.img")
    d = bzimg.make_disk(path, fat=32, start=2048, size_mib=64)
    bzimg.install_syslinux(d)
    bzimg.write_file(d.path, d.start, "/syslinux.cfg", CFG)
    bzimg.mkdir(d.path, d.start, "/boot/syslinux")
    for mod in ("mboot.c32", "libcom32.c32"):
        for dst in ("/", "/boot/syslinux/"):
            bzimg.copy_in(d.path, d.start, os.path.join(mods, mod),
                          dst + mod)
    for name, src in files.items():
        bzimg.copy_in(d.path, d.start, src, "/" + name)
    return d


def start(booter, disk, label, tag=None, **kw):
    q = booter.start(disk.path, tag or label, memory=MEMORY, **kw)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)
    q.send(label + "\r")
    return q


def report(text):
    head = re.search(HEAD, text)
    assert head, "no probe report"
    return (head.groupdict(), re.findall(MOD, text),
            re.findall(MMAP, text), re.search(r"LOADER \[([^\]]*)\]", text))


def test_probe_info_as_qemu_multiboot(disk, booter, qemu_probe):
    q = start(booter, disk, "probe", extra_args=EXIT_DEVICE)
    q.wait_for("MBOOT-PROBE end", PROMPT_TIMEOUT)
    head, mods, mmap, loader = report(q.output)
    qhead, qmods, qmmap, _ = report(qemu_probe)
    assert head["eax"] == "2badb002"
    # memory, boot device, cmdline, mods, mmap and loader name: 0x24f
    for key in ("eax", "flags", "lower", "upper", "bootdev", "bss", "mods"):
        assert head[key] == qhead[key], key
    # the words joined by single blanks, the file name first (GRUB's and
    # SYSLINUX's way; QEMU gives the host path of the image)
    assert head["cmdline"] == "probe.bin one two=2"
    assert qhead["cmdline"].endswith("mboot.bin one two=2")
    assert [m[3] for m in mods] == ["moda.txt a1 a2", "modb.gz b1"]
    assert [m[3] for m in qmods] == [os.path.join(
        os.path.dirname(disk.path), "moda.txt a1 a2"), os.path.join(
        os.path.dirname(disk.path), "modb.gz b1")]
    starts = [int(m[0], 16) for m in mods]
    ends = [int(m[1], 16) for m in mods]
    # page aligned, above the kernel's bss (1 MiB + 0x2dc + 68 KiB), in
    # order, each the file's size (modb.gz unpacked, as SYSLINUX does)
    assert all(s % 4096 == 0 for s in starts)
    assert starts[0] >= 0x100000 + 0x11000 and starts[1] >= ends[0]
    assert [e - s for s, e in zip(starts, ends)] == [len(MODA), len(MODB)]
    assert [m[2] for m in mods] == ["41444f4d", "42444f4d"]  # "MODA" "MODB"
    assert mmap == qmmap and len(mmap) >= 3
    assert loader.group(1) == LOADER_NAME


@pytest.mark.parametrize("label,cmdline", [
    ("probe", "probe.bin one two=2"),  # the a.out kludge
    ("elf64", "mboot64.elf 64"),       # ELF64, 32-bit entry, no kludge
])
def test_probe_info_as_syslinux(disk, syslinux_disk, booter, label,
                                cmdline):
    """SYSLINUX's mboot.c32 on the same files: the same command lines,
    memory fields, map and (unpacked) modules. Its flags lack
    boot_device (bzboot gives it, as GRUB and QEMU do) and, for ELF, have
    the section headers (flag 5) bzboot does not give."""
    runs = []
    for d, tag in ((disk, "bzboot"), (syslinux_disk, "syslinux")):
        q = start(booter, d, label, label + "-" + tag,
                  extra_args=EXIT_DEVICE)
        q.wait_for("MBOOT-PROBE end", PROMPT_TIMEOUT)
        runs.append(report(q.output))
        q.close()
    (head, mods, mmap, loader), (shead, smods, smmap, sloader) = runs
    assert head["flags"] == "0000024f"
    assert int(shead["flags"], 16) & ~0x20 | 2 == int(head["flags"], 16)
    assert head["cmdline"] == cmdline
    for key in ("eax", "lower", "upper", "bss", "cmdline", "mods"):
        assert head[key] == shead[key], key
    # the same sizes, contents and strings, on pages; for the a.out
    # kludge the same places too (the pages after the kernel's bss: for
    # ELF, mboot.c32 puts the section headers on the first)
    def sizes(m):
        return [(int(e, 16) - int(b, 16), w, t) for b, e, w, t in m]
    assert sizes(mods) == sizes(smods)
    assert all(int(m[0], 16) % 4096 == 0 for m in mods + smods)
    if label == "probe":
        assert mods == smods
    assert mmap == smmap
    assert sloader.group(1).startswith("SYSLINUX 6.04")


def xen_e820(mmap):
    """Xen's "Xen-e820 RAM map" lines for probe MMAP entries."""
    names = {1: "usable", 2: "reserved", 3: "ACPI data", 4: "ACPI NVS"}
    return ["(XEN)  [%016x, %016x] (%s)" % (
        int(b, 16), int(b, 16) + int(n, 16) - 1, names[int(t, 16)])
        for b, n, t in mmap]


def test_xen(disk, booter, files, qemu_probe):
    q = start(booter, disk, "xen")
    q.wait_for(r"Command line: .*\n", 120)
    line = re.search(r"\(XEN\) Command line: (.*?)\r?\n", q.output)
    # Xen drops the image name GRUB and mboot.c32 put first
    assert line.group(1) == XEN_ARGS
    assert "(XEN) Bootloader: " + LOADER_NAME in q.output
    m = q.wait_for(r"Init\. ramdisk: +(\w+)->(\w+)\r?\n", 120,
                   fail=r"Panic|FATAL")
    out = q.output
    # the E820 map as SeaBIOS gives it (QEMU's loader handed the same)
    got = re.search(r"Xen-e820 RAM map:\r?\n((?:\(XEN\)  \[.*\r?\n)+)", out)
    assert got.group(1).replace("\r", "").splitlines() == \
        xen_e820(report(qemu_probe)[2])
    # module 1 is dom0's kernel (a 64-bit bzImage Xen understood) ...
    assert re.search(r"Dom0 kernel: 64-bit, PAE, lsb, paddr 0x1000000 ->",
                     out)
    # ... and module 2 its initrd, unpacked (as SYSLINUX's mboot.c32 does)
    with gzip.open(files["initrd.img"], "rb") as f:
        size = len(f.read())
    assert int(m.group(2), 16) - int(m.group(1), 16) == size


REFUSALS = [
    ("nohdr", r"bzboot: vmlinuz: no Multiboot header in its first 8192 "
     r"bytes \(not a Multiboot kernel\); nothing booted\."),
    ("badsum", r"bzboot: badsum\.bin: its Multiboot header's checksum is "
     r"wrong; nothing booted\."),
    ("low", r"bzboot: low\.bin: a segment at 0x10000-0x\w+ lies below "
     r"1 MiB, where bzboot itself still runs; nothing booted\."),
    ("nomod", r"bzboot: /?nosuch\.img: file not found"),
]


def test_refusals(disk, booter):
    """Each refusal names the file and why, and the prompt comes back
    (one run: each label typed in turn)."""
    q = start(booter, disk, REFUSALS[0][0])
    for i, (label, why) in enumerate(REFUSALS):
        if i:
            q.send(label + "\r")
        q.wait_for(why, PROMPT_TIMEOUT, fail=FAIL)
        q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)


def test_too_little_memory(disk, booter):
    """With 8 MiB, Xen's segment (2-5.6 MiB) meets the files bzboot read
    to the top of RAM (xen.gz and its unpacked image): refused, the
    prompt comes back."""
    q = booter.start(disk.path, "xen", memory=8)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)
    q.send("xen\r")
    q.wait_for(r"bzboot: xen\.gz: a segment at 0x200000-0x\w+ lies past "
               r"the RAM free for it \(too little memory\?\); nothing "
               r"booted\.", PROMPT_TIMEOUT, fail=FAIL)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=FAIL)
