# SPDX-License-Identifier: BSD-2-Clause
# Parse the report the test initramfs prints (tests/support/mkinitramfs.sh)
# and decode the boot_params setup header fields a loader writes.
"""The test /init's report, and the boot_params fields in it.

/sys/kernel/boot_params/data is the kernel's copy of the zero page
(struct boot_params, 4096 bytes); its setup header starts at 0x1F1, the
same offset as in the bzImage file (Documentation/arch/x86/boot.rst).
"""

import re
import struct
from dataclasses import dataclass

START = "BZBOOT-TEST-START"
MARKER = "BZBOOT-TEST-OK"
BOOT_PARAMS_SIZE = 4096

# name: (offset in boot_params, size in bytes), boot.rst's names.
FIELDS = {
    "ext_ramdisk_image": (0x0C0, 4),
    "ext_ramdisk_size": (0x0C4, 4),
    "ext_cmd_line_ptr": (0x0C8, 4),
    "e820_entries": (0x1E8, 1),
    "setup_sects": (0x1F1, 1),
    "root_flags": (0x1F2, 2),
    "syssize": (0x1F4, 4),
    "ram_size": (0x1F8, 2),
    "vid_mode": (0x1FA, 2),
    "root_dev": (0x1FC, 2),
    "boot_flag": (0x1FE, 2),
    "header": (0x202, 4),
    "version": (0x206, 2),
    "type_of_loader": (0x210, 1),
    "loadflags": (0x211, 1),
    "setup_move_size": (0x212, 2),
    "code32_start": (0x214, 4),
    "ramdisk_image": (0x218, 4),
    "ramdisk_size": (0x21C, 4),
    "heap_end_ptr": (0x224, 2),
    "ext_loader_ver": (0x226, 1),
    "ext_loader_type": (0x227, 1),
    "cmd_line_ptr": (0x228, 4),
    "initrd_addr_max": (0x22C, 4),
    "kernel_alignment": (0x230, 4),
    "relocatable_kernel": (0x234, 1),
    "xloadflags": (0x236, 2),
    "cmdline_size": (0x238, 4),
    "hardware_subarch": (0x23C, 4),
    "setup_data": (0x250, 8),
    "pref_address": (0x258, 8),
    "init_size": (0x260, 4),
}

# loadflags bits (boot.rst).
LOADED_HIGH = 0x01      # set by the kernel image itself
KASLR_FLAG = 0x02       # set by the kernel's decompressor when it randomizes
QUIET_FLAG = 0x20       # written by the loader
KEEP_SEGMENTS = 0x40    # obsolete, loader
CAN_USE_HEAP = 0x80     # written by the loader
# Bits the loader does not decide: mask them out before comparing loaders.
LOADFLAGS_KERNEL_OWNED = LOADED_HIGH | KASLR_FLAG

_FMT = {1: "<B", 2: "<H", 4: "<I", 8: "<Q"}

# boot_params.e820_table: the BIOS memory map the kernel's real-mode setup
# read (INT 15h E820) before it started, 20-byte entries (boot.rst's zero
# page: e820_entries at 0x1E8, the table at 0x2D0, up to 128 entries).
E820_USABLE = 1


class ReportError(AssertionError):
    pass


@dataclass
class Report:
    cmdline: str
    bp_version: str
    boot_params: bytes
    extra: str = None   # /etc/bz-extra, when a second initrd held it

    def field(self, name):
        off, size = FIELDS[name]
        return struct.unpack_from(_FMT[size], self.boot_params, off)[0]

    def header(self):
        """All FIELDS as a dict of ints."""
        return {n: self.field(n) for n in FIELDS}

    def describe(self, names=None):
        """'name=0x..' lines, for logs and reports."""
        out = []
        for n in names or FIELDS:
            off, size = FIELDS[n]
            out.append("%-18s @0x%03x = 0x%0*x" %
                       (n, off, 2 * size, self.field(n)))
        return "\n".join(out)

    def ramdisk_image(self):
        """The full 64-bit initrd address (ext_ field holds bits 32-63)."""
        return self.field("ramdisk_image") | \
            (self.field("ext_ramdisk_image") << 32)

    def ramdisk_size(self):
        return self.field("ramdisk_size") | \
            (self.field("ext_ramdisk_size") << 32)


_BP_LINE = re.compile(r"^BP:([0-9a-f]{4}):([0-9a-f]{64})\s*$")


def parse(text):
    """Parse the /init report out of a serial log; raise ReportError
    with the reason when it is missing or garbled."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    try:
        start = max(i for i, ln in enumerate(lines) if ln == START)
    except ValueError:
        raise ReportError("no %s line in the serial log" % START)
    body = lines[start + 1:]
    cmdline = _value(body, "CMDLINE:")
    bp_version = _value(body, "BPVERSION:")
    try:
        b = body.index("BOOTPARAMS-BEGIN")
        e = body.index("BOOTPARAMS-END")
    except ValueError:
        raise ReportError("boot_params dump missing or cut short")
    data = bytearray()
    for ln in body[b + 1:e]:
        m = _BP_LINE.match(ln)
        if not m:
            raise ReportError("garbled boot_params line %r" % ln)
        if int(m.group(1), 16) != len(data):
            raise ReportError("boot_params line at 0x%s, expected 0x%04x"
                              % (m.group(1), len(data)))
        data += bytes.fromhex(m.group(2))
    if len(data) != BOOT_PARAMS_SIZE:
        raise ReportError("boot_params is %d bytes, expected %d"
                          % (len(data), BOOT_PARAMS_SIZE))
    if MARKER not in body[e + 1:]:
        raise ReportError("no %s after the boot_params dump" % MARKER)
    extra = _value(body[:b], "EXTRA:", optional=True)
    return Report(cmdline=cmdline, bp_version=bp_version,
                  boot_params=bytes(data), extra=extra)


_E820_LINE = re.compile(r"BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] "
                        r"(\w+)")


def e820_from_log(text):
    """The kernel's own print of the BIOS map in a serial log ("BIOS-e820:
    [mem a-b] usable"): [(start, end exclusive, type)], usable as
    E820_USABLE and anything else as None."""
    return [(int(a, 16), int(b, 16) + 1,
             E820_USABLE if kind == "usable" else None)
            for a, b, kind in _E820_LINE.findall(text)]


def _value(lines, prefix, optional=False):
    for ln in lines:
        if ln.startswith(prefix):
            return ln[len(prefix):]
    if optional:
        return None
    raise ReportError("no %s line in the report" % prefix.rstrip(":"))


# --- what differential tests compare ------------------------------------

# Fields compared. loadflags is masked: LOADED_HIGH comes from the image
# and KASLR_FLAG is set by the kernel's decompressor when it randomizes
# (0x83 with KASLR, 0x81 with nokaslr, measured).
COMPARED = ("cmdline", "loadflags", "ramdisk_image", "ramdisk_size",
            "cmd_line_ptr", "vid_mode", "heap_end_ptr", "type_of_loader")


def handover(rep):
    """The COMPARED fields of a Report, masked as above."""
    out = {}
    for name in COMPARED:
        if name == "cmdline":
            out[name] = rep.cmdline
        elif name == "loadflags":
            out[name] = rep.field(name) & ~LOADFLAGS_KERNEL_OWNED & 0xFF
        elif name == "ramdisk_size":
            out[name] = rep.ramdisk_size()
        elif name == "ramdisk_image":
            out[name] = rep.ramdisk_image()
        else:
            out[name] = rep.field(name)
    return out


def show(v):
    """A field value for a failure message."""
    return "%#x" % v if isinstance(v, int) else repr(v)
