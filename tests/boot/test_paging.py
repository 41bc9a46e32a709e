# SPDX-License-Identifier: BSD-2-Clause
# The Debian kernel loaded by bzboot on a CPU with LA57 (TCG -cpu max,
# la57=on) runs with 5-level paging, and with no5lvl with 4-level; in both
# the kernel and the initrd sit where docs/memory-layout.md says.
"""4- and 5-level paging after bzboot's hand-off, seen from user space.

The initrd is the test initramfs plus a second archive whose /init runs
tests/support/paging-probe.c (built here, static, no libc) as root and
prints PAGING-* lines: whether an mmap hint above 2^47 was honoured (only
5-level paging gives user space more than 47 bits), /proc/cpuinfo's la57
flag, the kernel's lines of /proc/iomem, _text and _end of /proc/kallsyms
(kptr_restrict=0), the PT_LOAD headers of /proc/kcore (the text mapping
and the direct map) and the initrd's address in boot_params. Each boot
stops as soon as PAGING-END is read.

The 5-level boot passes nokaslr, so the numbers are exact: the kernel
runs from pref_address (0x1000000), its text mapping starts at
__START_KERNEL_map + 0x1000000 and the direct map at 0xff11000000000000.
The 4-level boot keeps KASLR and is held to the range rules instead.
docs/memory-layout.md ("After the hand-off") draws both maps with the
addresses these boots printed.
"""

import os
import re

import pytest

import artifacts
import bzimg

pytestmark = pytest.mark.bzboot

PROBE_SRC = os.path.join(artifacts.SUPPORT, "paging-probe.c")
PROBE_CFLAGS = ["-static", "-nostdlib", "-fno-pie", "-no-pie",
                "-ffreestanding", "-fno-stack-protector",
                "-mgeneral-regs-only", "-fno-asynchronous-unwind-tables",
                "-Os", "-Wall", "-Wextra", "-Werror"]
INITRDS = "/initrd.img,/paging.cpio"
LABELS = {
    "five": "console=ttyS0 nokaslr",
    "four": "console=ttyS0 no5lvl",
}
CPU = ["-cpu", "max,la57=on"]
PROMPT = r"(?m)^boot: "
PROMPT_TIMEOUT = 60.0
# bzboot's last line before the hand-off, read once it is whole.
BOOTING = r"(?m)^(Booting: [^\r\n]*)\r?\n"
BOOT_TIMEOUT = float(os.environ.get("BZ_BOOT_TIMEOUT", "180"))
FAIL_PATTERN = r"(?m)Kernel panic - not syncing|^bzboot: "

USER_47 = 1 << 47                    # end of 4-level user space
MIB = 1 << 20
PAGE = 4096
PREF_ADDRESS = 0x1000000             # the Debian kernel's pref_address
KERNEL_ALIGN = 2 * MIB               # its kernel_alignment
START_KERNEL_MAP = 0xffffffff80000000
KERNEL_IMAGE_SIZE = 1 << 30          # the text mapping with KASLR: 1 GiB
DIRECT_MAP = {5: 0xff11000000000000, 4: 0xffff888000000000}
# The direct map's region (mm.rst), where KASLR may move its start.
DIRECT_REGION = {5: (0xff11000000000000, 0xff91000000000000),
                 4: (0xffff888000000000, 0xffffc88000000000)}
PUD_SIZE = 1 << 30                   # memory KASLR's alignment
NO_PADDR = (1 << 64) - 1             # kcore's p_paddr for non-RAM ranges

# The second archive's /init: what the test reads, then power off.
INIT = r"""#!/bin/sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo 1 >/proc/sys/kernel/printk
[ -t 1 ] || exec </dev/console >/dev/console 2>&1
echo 0 >/proc/sys/kernel/kptr_restrict
echo
echo PAGING-START
/bin/paging-probe
if grep -m1 '^flags' /proc/cpuinfo | grep -qw la57; then
	echo PAGING-LA57:yes
else
	echo PAGING-LA57:no
fi
grep -E ' : (Kernel |System RAM$)' /proc/iomem | sed 's/^ */PAGING-IOMEM:/'
grep -E ' (_text|_end)$' /proc/kallsyms | sed 's/^/PAGING-SYM:/'
dmesg | grep 'RAMDISK:' | sed 's/^/PAGING-DMESG:/'
echo PAGING-END
poweroff -f
"""


@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    """bzboot, the kernel, the test initramfs and the probe archive; two
    labels (five, four) typed at the prompt."""
    out = os.path.join(artifacts.IMAGES, "test_paging")
    os.makedirs(out, exist_ok=True)
    probe = os.path.join(out, "paging-probe")
    bzimg.run(["gcc"] + PROBE_CFLAGS + ["-o", probe, PROBE_SRC])
    with open(probe, "rb") as f:
        prog = f.read()
    cpio = os.path.join(out, "paging.cpio")
    artifacts.make_newc(cpio, {"init": INIT, "bin/paging-probe": prog},
                        executable=("init", "bin/paging-probe"))
    labels = [(name, "/vmlinuz", INITRDS, append)
              for name, append in LABELS.items()]
    cfg = bzimg.syslinux_cfg(labels, "five", prompt=1, timeout=0)
    img = bzimg.bzboot_disk(os.path.join(out, "disk.img"), bzboot,
                            boot_files, 32, 2048, cfg)
    bzimg.copy_in(img.path, img.start, cpio, "/paging.cpio")
    return img


class Seen:
    """The PAGING-* lines of one boot and bzboot's "Booting:" line."""

    def __init__(self, booting, text):
        self.booting = booting
        self.text = text
        self.lines = re.findall(r"(?m)^PAGING-([A-Z0-9]+):([^\r\n]*)", text)

    def all(self, key):
        return [v for k, v in self.lines if k == key]

    def one(self, key):
        vals = self.all(key)
        assert len(vals) == 1, "want one PAGING-%s line, got %r\n%s" % (
            key, vals, self.text)
        return vals[0]

    def mmap(self):
        hint, got = (int(x, 16) for x in self.one("MMAP").split())
        return hint, got

    def iomem(self, name):
        """[(start, end)] of the /proc/iomem lines called `name`."""
        out = []
        for v in self.all("IOMEM"):
            span, what = v.split(" : ", 1)
            a, b = span.split("-")
            if what == name:
                out.append((int(a, 16), int(b, 16) + 1))
        assert out, "no %r in /proc/iomem:\n%s" % (name, self.text)
        return out

    def sym(self, name):
        for v in self.all("SYM"):
            addr, _, sym = v.split()
            if sym == name:
                return int(addr, 16)
        raise AssertionError("no %s in /proc/kallsyms:\n%s" % (name,
                                                              self.text))

    def loads(self):
        return [tuple(int(x, 16) for x in v.split())
                for v in self.all("LOAD")]

    def initrd(self):
        """(start, end) bzboot printed and the kernel's boot_params hold."""
        m = re.search(r"initrd (0x[0-9a-f]+)-(0x[0-9a-f]+)", self.booting)
        assert m, self.booting
        start, end = int(m.group(1), 16), int(m.group(2), 16)
        image, size = (int(x, 16) for x in self.one("BP").split())
        assert (image, image + size) == (start, end), \
            "boot_params' initrd %#x+%#x is not bzboot's %#x-%#x" % (
                image, size, start, end)
        # The kernel's early log gives the initrd's pages.
        m = re.search(r"RAMDISK: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]",
                      self.one("DMESG"))
        assert m and (int(m.group(1), 16), int(m.group(2), 16) + 1) == (
            start, -(-end // PAGE) * PAGE), \
            "dmesg %r is not bzboot's initrd %#x-%#x" % (self.one("DMESG"),
                                                         start, end)
        return start, end


def boot(booter, disk, label):
    """Boot `label` on the LA57 CPU; read up to PAGING-END, then stop."""
    q = booter.start(disk.path, tag=label, extra_args=CPU)
    try:
        q.wait_for(PROMPT, PROMPT_TIMEOUT)
        q.send(label + "\r")
        booting = q.wait_for(BOOTING, PROMPT_TIMEOUT,
                             fail=FAIL_PATTERN).group(1)
        start = q.wait_for(r"PAGING-START", BOOT_TIMEOUT, fail=FAIL_PATTERN)
        end = q.wait_for(r"PAGING-END", 60, fail=FAIL_PATTERN)
        return Seen(booting, q.output[start.start():end.end()])
    finally:
        q.close()


def check_common(seen, levels):
    """What holds with KASLR or without: the kernel is where the planner
    let it run, its text mapping and direct map are in their regions of
    the `levels`-level map, and the initrd bzboot placed is direct-mapped."""
    lo, hi = DIRECT_REGION[levels]
    ram = seen.iomem("System RAM")
    (code, _), = seen.iomem("Kernel code")
    (_, bss_end), = seen.iomem("Kernel bss")
    rd_start, rd_end = seen.initrd()
    assert code >= PREF_ADDRESS and code % KERNEL_ALIGN == 0, \
        "Kernel code at %#x: below pref_address or not 2 MiB-aligned" % code
    assert any(a <= code and bss_end <= b for a, b in ram), \
        "kernel %#x-%#x outside System RAM %s" % (code, bss_end, ram)
    assert bss_end <= rd_start or rd_end <= code, \
        "kernel %#x-%#x over the initrd %#x-%#x" % (code, bss_end, rd_start,
                                                   rd_end)
    text = seen.sym("_text")
    assert START_KERNEL_MAP + PREF_ADDRESS <= text and \
        seen.sym("_end") <= START_KERNEL_MAP + KERNEL_IMAGE_SIZE and \
        text % KERNEL_ALIGN == 0, "_text %#x out of the text mapping" % text
    loads = seen.loads()
    assert [p for v, p, _ in loads if v == text] == [code], \
        "/proc/kcore's text segment does not map _text to Kernel code " \
        "%#x: %s" % (code, loads)
    # RAM segments: a physical address and not the text. The others
    # (vmalloc, vmemmap, modules) have none, and with KASLR vmalloc may
    # start inside the direct map's nominal region.
    offsets = {v - p for v, p, _ in loads if p != NO_PADDR and v != text}
    assert len(offsets) == 1, \
        "RAM in /proc/kcore not at one page_offset_base: %s" % loads
    base = offsets.pop()
    assert lo <= base < hi and base % PUD_SIZE == 0, \
        "page_offset_base %#x: not 1 GiB-aligned in %#x-%#x" % (base, lo, hi)
    direct = base + rd_start
    assert any(v <= direct and direct + (rd_end - rd_start) <= v + size
               for v, _, size in loads), \
        "initrd's direct map %#x is not in /proc/kcore: %s" % (direct, loads)
    return code, text, base


def host_lacks_la57():
    """Under KVM (BZ_QEMU_ACCEL=kvm) the guest gets LA57 only when the
    host has it; TCG emulates it on any host."""
    if os.environ.get("BZ_QEMU_ACCEL", "tcg") != "kvm":
        return False
    with open("/proc/cpuinfo") as f:
        return not re.search(r"(?m)^flags\s*:.*\bla57\b", f.read())


def test_five_level(booter, disk):
    """la57 CPU, nokaslr: 5-level paging (the mmap hint above 2^47 is
    honoured, cpuinfo has la57); the kernel at exactly pref_address, its
    text at __START_KERNEL_map + 0x1000000, the direct map at the start
    of its 5-level region."""
    if host_lacks_la57():
        pytest.skip("BZ_QEMU_ACCEL=kvm on a host without la57")
    seen = boot(booter, disk, "five")
    hint, got = seen.mmap()
    assert got == hint, \
        "mmap hint %#x gave %#x: the kernel is not using 5-level paging" % (
            hint, got)
    assert seen.one("LA57") == "yes", "no la57 in /proc/cpuinfo"
    code, text, base = check_common(seen, 5)
    assert code == PREF_ADDRESS, \
        "nokaslr: Kernel code at %#x, not pref_address" % code
    assert text == START_KERNEL_MAP + PREF_ADDRESS, "_text %#x" % text
    assert base == DIRECT_MAP[5], "page_offset_base %#x" % base


def test_four_level(booter, disk):
    """Same CPU, no5lvl, KASLR on: 4-level paging (the hint is ignored,
    the address is below 2^47; no la57 in cpuinfo), the kernel and the
    direct map wherever KASLR put them within their 4-level ranges."""
    seen = boot(booter, disk, "four")
    hint, got = seen.mmap()
    assert got < USER_47, \
        "mmap hint %#x gave %#x: above 2^47 under no5lvl" % (hint, got)
    assert seen.one("LA57") == "no", "la57 in /proc/cpuinfo under no5lvl"
    check_common(seen, 4)
