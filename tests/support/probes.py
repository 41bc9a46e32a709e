# SPDX-License-Identifier: BSD-2-Clause
# The probe kernels of tests/probes/: what each built image is, the report
# its setup code prints on COM1, and the boot.rst rules checked against it.
"""Probe kernels: images, reports and boot-protocol rules.

A probe is a real boot-protocol image whose setup code, entered through
the 16-bit entry, prints what the loader handed it (tests/probes/probe.inc
documents the report; docs/probes.md the rules). check() turns a report
into a list of Violation(rule, text): empty when the loader obeyed every
rule of Documentation/arch/x86/boot.rst for that probe's protocol.
"""

import os
import re
import struct
import subprocess
from dataclasses import dataclass, field

import artifacts

PROBES = ("old", "z200", "bz200", "bz201", "z202", "bz202", "rel210",
          "bz215", "lkrn207")
DIR = os.path.join(artifacts.BUILD, "probes")
FLOPPY_BOOT = os.path.join(DIR, "floppyboot.bin")

# QEMU's isa-debug-exit: the probe writes 0 to port 0xF4, QEMU exits 1.
QEMU_ARGS = ["-device", "isa-debug-exit,iobase=0xf4,iosize=0x04"]
QEMU_EXIT_STATUS = 1

START = "PROBE="
END = "PROBE-END"
SETUP_SIG = 0x5A5AAA55
DUMP_END = 0x2A0            # probe.inc: the report dumps bytes 0..DUMP_END
OLD_CL_MAGIC = 0xA33F
LEGACY_BASE = 0x90000       # boot.rst: zImage and < 2.02 real-mode code
LEGACY_CEILING = 0x9A000    # boot.rst: "do not use memory above 0x9A000"
INITRD_ADDR_MAX_OLD = 0x37FFFFFF
CMDLINE_SIZE_OLD = 255

# loadflags (boot.rst)
LOADED_HIGH = 0x01
QUIET_FLAG = 0x20
KEEP_SEGMENTS = 0x40
CAN_USE_HEAP = 0x80
LOADER_LOADFLAGS = QUIET_FLAG | KEEP_SEGMENTS | CAN_USE_HEAP

# Header fields by offset: (name, size, first version with it).
HEADER = {
    "setup_sects": (0x1F1, 1, 0),
    "root_flags": (0x1F2, 2, 0),
    "syssize": (0x1F4, 2, 0),
    "vid_mode": (0x1FA, 2, 0),
    "boot_flag": (0x1FE, 2, 0),
    "version": (0x206, 2, 0x200),
    "type_of_loader": (0x210, 1, 0x200),
    "loadflags": (0x211, 1, 0x200),
    "setup_move_size": (0x212, 2, 0x200),
    "code32_start": (0x214, 4, 0x200),
    "ramdisk_image": (0x218, 4, 0x200),
    "ramdisk_size": (0x21C, 4, 0x200),
    "heap_end_ptr": (0x224, 2, 0x201),
    "ext_loader_ver": (0x226, 1, 0x202),
    "ext_loader_type": (0x227, 1, 0x202),
    "cmd_line_ptr": (0x228, 4, 0x202),
    "initrd_addr_max": (0x22C, 4, 0x203),
    "kernel_alignment": (0x230, 4, 0x205),
    "relocatable_kernel": (0x234, 1, 0x205),
    "min_alignment": (0x235, 1, 0x20A),
    "cmdline_size": (0x238, 4, 0x206),
    "pref_address": (0x258, 8, 0x20A),
    "init_size": (0x260, 4, 0x20A),
    # The pre-2.02 command-line protocol, in the boot sector.
    "cmd_line_magic": (0x020, 2, 0),
    "cmd_line_offset": (0x022, 2, 0),
}

# What a loader may write, by first version (boot.rst field table: the
# "write" and "modify" fields). Every other byte of the dump must be the
# file's: "only set fields supported by the protocol version in use".
WRITABLE = [
    (0x020, 4, 0),      # cmd_line_magic/offset (boot sector, all versions)
    (0x1F2, 2, 0),      # root_flags (modify, optional)
    (0x1FA, 2, 0),      # vid_mode
    (0x1FC, 2, 0),      # root_dev (modify, optional)
    (0x208, 4, 0x200),  # realmode_swtch (hook, optional)
    (0x210, 1, 0x200),  # type_of_loader
    (0x211, 1, 0x200),  # loadflags (loader bits only, checked apart)
    (0x212, 2, 0x200),  # setup_move_size
    (0x214, 4, 0x200),  # code32_start
    (0x218, 4, 0x200),  # ramdisk_image
    (0x21C, 4, 0x200),  # ramdisk_size
    (0x224, 2, 0x201),  # heap_end_ptr
    (0x226, 1, 0x202),  # ext_loader_ver
    (0x227, 1, 0x202),  # ext_loader_type
    (0x228, 4, 0x202),  # cmd_line_ptr
    (0x23C, 4, 0x207),  # hardware_subarch
    (0x250, 8, 0x209),  # setup_data
    (0x230, 4, 0x20A),  # kernel_alignment (2.10+: may be lowered)
]

_FMT = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}


class ProbeError(AssertionError):
    pass


def fletcher(data):
    """The probe's PM-SUM/INITRD-SUM: (sum of the bytes, sum of the
    running sums), both mod 2**32."""
    a = b = 0
    for byte in data:
        a += byte
        b += a
    return a & 0xFFFFFFFF, b & 0xFFFFFFFF


@dataclass(frozen=True)
class Probe:
    """One built probe kernel, described from its own file."""
    name: str
    path: str
    data: bytes = field(repr=False)

    def get(self, name):
        off, size, since = HEADER[name]
        if self.version < since:
            return None
        return struct.unpack_from(_FMT[size], self.data, off)[0]

    @property
    def version(self):
        if self.data[0x202:0x206] != b"HdrS":
            return 0
        return struct.unpack_from("<H", self.data, 0x206)[0]

    @property
    def bzimage(self):
        return self.version >= 0x200 and bool(self.data[0x211] & LOADED_HIGH)

    @property
    def setup_size(self):
        sects = self.data[0x1F1] or 4
        return (sects + 1) * 512

    @property
    def pm(self):
        return self.data[self.setup_size:]

    @property
    def legacy(self):
        """boot.rst: the real-mode code must sit at 0x90000 (zImage,
        before 2.02); the kernel moves 2.00/2.01 there itself."""
        return not self.bzimage or self.version < 0x202

    @property
    def takes_initrd(self):
        return self.version >= 0x200

    @property
    def relocatable(self):
        return self.version >= 0x205 and bool(self.get("relocatable_kernel"))

    @property
    def cmdline_max(self):
        return self.get("cmdline_size") if self.version >= 0x206 \
            else CMDLINE_SIZE_OLD

    @property
    def initrd_addr_max(self):
        return self.get("initrd_addr_max") if self.version >= 0x203 \
            else INITRD_ADDR_MAX_OLD

    @property
    def pm_sum(self):
        return fletcher(self.pm)

    def describe(self):
        v = self.version
        kind = "bzImage" if self.bzimage else "zImage"
        proto = "%d.%02d" % (v >> 8, v & 0xFF) if v else "pre-2.00"
        return "%s: %s protocol %s, %d setup sectors, %#x bytes PM" % (
            self.name, kind, proto, self.setup_size // 512 - 1,
            len(self.pm))


def build(names=PROBES):
    """Make the probes (a no-op when up to date) and return {name: Probe}.
    Raises ProbeError with make's output when that fails."""
    targets = [os.path.relpath(os.path.join(DIR, n + ".bin"), artifacts.ROOT)
               for n in names] + \
        [os.path.relpath(FLOPPY_BOOT, artifacts.ROOT)]
    argv = ["make", "--no-print-directory", "-s"]
    with open(os.path.join(artifacts.ROOT, "Makefile")) as f:
        if "tests/probes/module.mk" not in f.read():
            # Until the top Makefile includes the probes' rules.
            argv += ["-f", "Makefile", "-f", "tests/probes/module.mk"]
    # One make at a time: another pytest-xdist worker may build them too.
    with artifacts.locked(DIR + ".lock"):
        p = subprocess.run(argv + targets,
                           cwd=artifacts.ROOT, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    if p.returncode != 0:
        raise ProbeError("make %s failed:\n%s" %
                         (" ".join(targets), p.stdout))
    out = {}
    for n in names:
        path = os.path.join(DIR, n + ".bin")
        with open(path, "rb") as f:
            out[n] = Probe(name=n, path=path, data=f.read())
    return out


@dataclass
class Report:
    """What a probe printed."""
    name: str
    regs: dict
    values: dict
    mem: bytes = field(repr=False)
    cmdline: str = None

    def get(self, name):
        off, size, _ = HEADER[name]
        return struct.unpack_from(_FMT[size], self.mem, off)[0]

    def num(self, key):
        return int(self.values[key], 16)

    @property
    def x(self):
        """The real-mode base the probe ran at, from CS."""
        return (self.regs["CS"] - 0x20) << 4

    def block(self, prefix):
        """(addr, size, head bytes, (a, b)) of the PM or INITRD lines, or
        None when the probe printed none."""
        if prefix + "-ADDR" not in self.values:
            return None
        head = bytes.fromhex(self.values.get(prefix + "-HEAD", ""))
        s = self.values.get(prefix + "-SUM")
        sums = tuple(int(v, 16) for v in s.split(":")) if s else None
        return (self.num(prefix + "-ADDR"), self.num(prefix + "-SIZE"),
                head, sums)


_ESC = re.compile(r"\\(\\|x[0-9a-f]{2})")


def unescape(text):
    return _ESC.sub(lambda m: "\\" if m.group(1) == "\\"
                    else chr(int(m.group(1)[1:], 16)), text)


def parse(text):
    """Parse the last probe report in a serial log."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    starts = [i for i, ln in enumerate(lines) if ln.startswith(START)]
    if not starts:
        raise ProbeError("no %s line in the serial log" % START)
    body = lines[starts[-1]:]
    try:
        end = body.index(END)
    except ValueError:
        raise ProbeError("the report stops before %s" % END)
    values = {}
    mem = bytearray()
    for ln in body[1:end]:
        key, sep, val = ln.partition("=")
        if not sep:
            raise ProbeError("garbled report line %r" % ln)
        if key == "MEM":
            off, _, hexbytes = val.partition(":")
            if int(off, 16) != len(mem):
                raise ProbeError("MEM line at %s, expected %04x" %
                                 (off, len(mem)))
            mem += bytes.fromhex(hexbytes)
        else:
            values[key] = val
    if len(mem) != DUMP_END:
        raise ProbeError("MEM dump is %#x bytes, expected %#x" %
                         (len(mem), DUMP_END))
    regs = {}
    for item in values.pop("REGS", "").split():
        k, _, v = item.partition(":")
        regs[k] = int(v, 16)
    if set(regs) != {"CS", "DS", "ES", "FS", "GS", "SS", "SP", "FLAGS"}:
        raise ProbeError("REGS line incomplete: %r" % regs)
    cmdline = values.get("CMDLINE")
    return Report(name=body[0][len(START):], regs=regs, values=values,
                  mem=bytes(mem),
                  cmdline=unescape(cmdline) if cmdline is not None else None)


@dataclass(frozen=True)
class Violation:
    rule: str
    text: str

    def __str__(self):
        return "%s: %s" % (self.rule, self.text)


@dataclass(frozen=True)
class Expect:
    """What the test gave the loader, and how strict to be."""
    cmdline: str
    vid_mode: int = 0x317
    initrd: bytes = None          # None: no initrd was configured
    type_of_loader: int = None    # None: any assigned ID (not 0)


def _align_up(v, a):
    return (v + a - 1) // a * a


def check(rep, probe, exp):
    """Every boot.rst rule for this probe's protocol, against what its
    report shows. Returns a list of Violation (empty: all obeyed)."""
    out = []

    def bad(rule, fmt, *args):
        out.append(Violation(rule, fmt % args if args else fmt))

    v = probe.version
    r = rep.regs
    seg = r["DS"]
    x = seg << 4
    if rep.name != probe.name:
        bad("report", "probe %r reported, %r booted", rep.name, probe.name)
    if rep.num("SIG") != SETUP_SIG:
        bad("setup-sectors", "the last dword of setup is %#x, not %#x: "
            "not all %d setup sectors were loaded (setup_sects 0 means 4)",
            rep.num("SIG"), SETUP_SIG, probe.setup_size // 512 - 1)

    # Running the Kernel: CS = X/16 + 0x20, DS = ES = SS = X/16.
    if not (r["ES"] == r["SS"] == seg and r["CS"] == seg + 0x20):
        bad("segments", "CS=%04x DS=%04x ES=%04x SS=%04x: want CS = "
            "DS+0x20 and DS = ES = SS", r["CS"], r["DS"], r["ES"], r["SS"])
    if not (r["FS"] == r["GS"] == seg):
        bad("fs-gs", "FS=%04x GS=%04x: boot.rst recommends DS's %04x",
            r["FS"], r["GS"], seg)
    if r["FLAGS"] & 0x200:
        bad("interrupts", "IF=1 at entry (FLAGS=%04x)", r["FLAGS"])

    # Where X may be.
    if probe.legacy:
        if x != LEGACY_BASE:
            bad("real-addr", "X = %#x; a %s must have its real-mode code "
                "at 0x90000", x, "zImage" if not probe.bzimage else
                "protocol %x kernel" % v)
    else:
        if x < 0x10000:
            bad("real-addr", "X = %#x is below 0x10000", x)
    low_top = rep.num("INT12") * 1024

    # The heap (2.01+) and the stack.
    sp = r["SP"] or 0x10000
    heap_end = None
    if v >= 0x201:
        flags = rep.get("loadflags")
        hep = rep.get("heap_end_ptr")
        if not flags & CAN_USE_HEAP or not hep:
            bad("heap", "loadflags=%02x heap_end_ptr=%04x: a 2.01+ loader "
                "sets heap_end_ptr and CAN_USE_HEAP", flags, hep)
        else:
            heap_end = hep + 0x200
            if heap_end <= probe.setup_size or heap_end > 0x10000:
                bad("heap", "heap end %#x (heap_end_ptr %#x) is not "
                    "between the setup end %#x and 0x10000", heap_end, hep,
                    probe.setup_size)
    if sp <= probe.setup_size:
        bad("stack", "SP=%04x is inside the setup code (up to %#x)",
            r["SP"], probe.setup_size)
    if heap_end is not None and not heap_end - 0x10 <= sp <= heap_end:
        bad("stack", "SP=%04x: should point to the top of the heap (%#x)",
            r["SP"], heap_end)
    if x + sp > low_top:
        bad("low-memory", "the stack top %#x is above INT 12h's %#x",
            x + sp, low_top)
    if heap_end is not None and x + heap_end > low_top:
        bad("low-memory", "the heap ends at %#x, above INT 12h's %#x",
            x + heap_end, low_top)

    # type_of_loader (2.00+).
    if v >= 0x200:
        tol = rep.get("type_of_loader")
        if exp.type_of_loader is not None and tol != exp.type_of_loader:
            bad("type_of_loader", "%#x, want %#x", tol, exp.type_of_loader)
        elif tol == 0:
            bad("type_of_loader", "0 (reserved for pre-2.00 loaders)")
        flags, fflags = rep.get("loadflags"), probe.get("loadflags")
        if (flags ^ fflags) & ~LOADER_LOADFLAGS & 0xFF:
            bad("loadflags", "%02x from %02x: a loader may only set "
                "CAN_USE_HEAP, QUIET_FLAG, KEEP_SEGMENTS", flags, fflags)

    # The command line.
    addr = rep.num("CMDLINE-ADDR")
    cl = rep.cmdline
    if rep.values.get("CMDLINE-END") != "nul" or cl is None:
        bad("cmdline", "no NUL-terminated command line found (%s at %#x)",
            rep.values.get("CMDLINE-END"), addr)
        cl = ""
    elif cl != exp.cmdline:
        bad("cmdline", "%r, want %r", cl, exp.cmdline)
    if len(cl) > probe.cmdline_max:
        bad("cmdline", "%d characters; this kernel takes %d", len(cl),
            probe.cmdline_max)
    cl_end = addr + len(cl) + 1
    if v >= 0x202:
        ptr = rep.get("cmd_line_ptr")
        if not ptr:
            bad("cmd_line_ptr", "0: a 2.02+ loader must set it")
        elif heap_end is not None and ptr < x + heap_end:
            bad("cmd_line_ptr", "%#x is inside the setup heap (ends "
                "%#x)", ptr, x + heap_end)
        elif ptr < x + probe.setup_size:
            bad("cmd_line_ptr", "%#x is below the end of setup", ptr)
    else:
        magic, off = rep.get("cmd_line_magic"), rep.get("cmd_line_offset")
        if magic != OLD_CL_MAGIC:
            bad("cmd_line_magic", "%#x at 0x20, want 0xA33F", magic)
        elif off < probe.setup_size or (heap_end and off < heap_end):
            bad("cmd_line_magic", "cmd_line_offset %#x is inside the setup "
                "code or heap", off)
        if v >= 0x200:
            sms = rep.get("setup_move_size")
            if magic == OLD_CL_MAGIC and sms < off + len(cl) + 1:
                bad("setup_move_size", "%#x does not cover the command line "
                    "at offset %#x (%d bytes with the NUL)", sms, off,
                    len(cl) + 1)
    if addr and cl_end > min(low_top, 0xA0000):
        bad("low-memory", "the command line ends at %#x, above INT 12h's "
            "%#x", cl_end, low_top)
    if probe.legacy:
        top = max(x + sp, cl_end if addr else 0,
                  x + heap_end if heap_end else 0)
        if top > LEGACY_CEILING:
            bad("legacy-ceiling", "memory up to %#x used (command line "
                "%#x-%#x, stack top %#x): nothing above 0x9A000", top, addr,
                cl_end, x + sp)

    # vid_mode, all versions.
    if rep.get("vid_mode") != exp.vid_mode:
        bad("vid_mode", "%#x, want %#x (vga=)", rep.get("vid_mode"),
            exp.vid_mode)

    # The protected-mode part.
    pm = rep.block("PM")
    want = probe.pm_sum
    if pm is None:
        bad("pm", "no PM lines in the report")
    else:
        paddr, psize, head, sums = pm
        if not probe.bzimage:
            if paddr != 0x10000:
                bad("pm", "read at %#x", paddr)
            if v >= 0x200 and \
                    rep.get("code32_start") != probe.get("code32_start"):
                bad("code32_start", "%#x changed from %#x for a zImage",
                    rep.get("code32_start"), probe.get("code32_start"))
        elif paddr != 0x100000:
            align = probe.get("kernel_alignment") or 1
            if v >= 0x20A and probe.get("min_alignment"):
                align = min(align, 1 << probe.get("min_alignment"))
            if not probe.relocatable:
                bad("code32_start", "%#x: the kernel is not relocatable "
                    "and loads at 0x100000", paddr)
            elif paddr < 0x100000 or paddr % align:
                bad("code32_start", "%#x: not %#x-aligned above 1 MiB",
                    paddr, align)
        if probe.bzimage and not probe.relocatable and \
                rep.get("code32_start") != probe.get("code32_start"):
            # At 1 MiB it is the image's, whatever that says (SYSLINUX,
            # GRUB; boot.rst lets a loader change it only for a moved
            # relocatable kernel or a hook).
            bad("code32_start", "%#x changed from the image's %#x",
                rep.get("code32_start"), probe.get("code32_start"))
        if sums is None:
            bad("pm", "the probe could not read %#x: %s", paddr,
                rep.values.get("PM-ERR"))
        elif head != probe.pm[:16] or sums != want:
            bad("pm", "bytes at %#x are not the protected-mode part (head "
                "%s, sum %08x:%08x; want %s, %08x:%08x)", paddr, head.hex(),
                sums[0], sums[1], probe.pm[:16].hex(), want[0], want[1])
        pm_range = (paddr, paddr + len(probe.pm))

    # The initrd (2.00+).
    if v >= 0x200:
        image, size = rep.get("ramdisk_image"), rep.get("ramdisk_size")
        rd = rep.block("INITRD")
        if exp.initrd is None:
            if image or size:
                bad("initrd", "ramdisk_image=%#x size=%#x with no initrd",
                    image, size)
        elif size != len(exp.initrd):
            bad("initrd", "ramdisk_size %#x, want %#x", size,
                len(exp.initrd))
        else:
            lim = probe.initrd_addr_max
            if image % 4096:
                bad("initrd", "ramdisk_image %#x is not page-aligned", image)
            if image < 0x100000:
                bad("initrd", "ramdisk_image %#x is in low memory", image)
            if image + size - 1 > lim:
                bad("initrd", "%#x-%#x goes above initrd_addr_max %#x",
                    image, image + size - 1, lim)
            if pm is not None and image < pm_range[1] and \
                    image + size > pm_range[0]:
                bad("initrd", "%#x-%#x overlaps the kernel %#x-%#x", image,
                    image + size, *pm_range)
            if probe.version >= 0x20A:
                load = pm_range[0] if pm else 0x100000
                if probe.relocatable:
                    start = _align_up(max(load, probe.get("pref_address")),
                                      probe.get("kernel_alignment"))
                else:
                    start = probe.get("pref_address")
                end = start + probe.get("init_size")
                if image < end and image + size > start:
                    bad("initrd", "%#x-%#x is inside the kernel's init_size "
                        "window %#x-%#x", image, image + size, start, end)
            if rd is None or rd[3] is None:
                bad("initrd", "the probe printed no initrd sum")
            elif rd[2] != exp.initrd[:16] or rd[3] != fletcher(exp.initrd):
                bad("initrd", "bytes at %#x are not the initrd", image)

    # Header bytes the loader may not write.
    allowed = set()
    for off, size, since in WRITABLE:
        if v >= since:
            allowed.update(range(off, off + size))
    changed = [a for a in range(DUMP_END)
               if rep.mem[a] != probe.data[a] and a not in allowed]
    if changed:
        bad("header-fields", "bytes the protocol %s does not let a loader "
            "write were changed at %s", "%x" % v if v else "pre-2.00",
            _ranges(changed))

    # Pre-2.00: zero from the end of setup to the 32 KiB mark.
    if v < 0x200:
        count, _, first = rep.values.get("ZERO", "ffff@0").partition("@")
        if int(count, 16):
            bad("zeroed", "%d non-zero bytes between the end of setup and "
                "0x8000, the first at offset %s", int(count, 16), first)
    return out


def _ranges(addrs):
    out, start, prev = [], None, None
    for a in addrs + [None]:
        if start is not None and (a is None or a != prev + 1):
            out.append("%#x" % start if start == prev else
                       "%#x-%#x" % (start, prev))
            start = None
        if a is not None and start is None:
            start = a
        prev = a
    return ", ".join(out)
