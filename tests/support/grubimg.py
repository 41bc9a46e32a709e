# SPDX-License-Identifier: BSD-2-Clause
# GRUB 2 (i386-pc, BIOS) reference disks for the boot tests, made without
# root, loop devices or grub-install: grub-mkimage builds core.img, and this
# module does what grub-bios-setup would do to the image file.
"""Build GRUB 2 BIOS boot disks as an ordinary user.

What grub-bios-setup (util/setup.c) does for an MBR disk whose first
partition leaves a gap, and what install_grub() does here:

* boot.img (GRUB's MBR code) goes into LBA 0. The disk's own bytes 0x03-
  0x59 (where a BPB would be) and 0x1B8-0x1FF (disk signature, partition
  table, 0x55AA) are kept; the rest is boot.img's.
* boot.img's fields (include/grub/i386/pc/boot.h): the u64 at 0x5C is the
  LBA of core.img's first sector (GRUB_BOOT_MACHINE_KERNEL_SECTOR); the
  byte at 0x64 is the drive to read it from, 0xFF meaning "the drive the
  BIOS passed in DL" (GRUB_BOOT_MACHINE_BOOT_DRIVE); the two bytes at 0x66
  are a short jmp over the "is DL a hard disk?" workaround, which setup
  replaces with two NOPs for a hard disk (GRUB_BOOT_MACHINE_DRIVE_CHECK).
* core.img is written to LBA core_lba.. in the gap before the first
  partition. Its first sector is diskboot.img, which loads the rest by the
  blocklist at its end: entries of 12 bytes (struct grub_boot_blocklist:
  u64 start LBA, u16 sectors, u16 load segment) growing down from offset
  0x1F4, ended by an entry with 0 sectors. One entry is enough for the
  contiguous core.img here: start core_lba+1, the remaining sectors, and
  segment 0x820 (core.img's first sector runs at 0x8000, the rest is
  loaded right behind it at 0x8200).

core.img carries its prefix ("(hd0,msdos1)/boot/grub"), so GRUB finds
grub.cfg there; every module it needs is built in, so nothing else of
GRUB's has to be on the disk.
"""

import os
import shutil
import struct
import tempfile

import bzimg
from bzimg import SECTOR, ImageError, run

GRUB_DIR = "/usr/lib/grub/i386-pc"
BOOT_IMG = os.path.join(GRUB_DIR, "boot.img")
MKIMAGE = "grub-mkimage"

# boot.img (include/grub/i386/pc/boot.h).
BPB_START = 0x03
BPB_END = 0x5A
KERNEL_SECTOR = 0x5C        # u64: LBA of core.img's first sector
BOOT_DRIVE = 0x64           # u8: 0xFF = use DL as the BIOS gave it
DRIVE_CHECK = 0x66          # 2 bytes: jmp over the DL workaround
NT_MAGIC = 0x1B8            # from here on the sector is the disk's
NOP = 0x90

# diskboot.img, core.img's first sector: the blocklist.
BLOCKLIST_SIZE = 12         # u64 start, u16 len, u16 segment
FIRST_BLOCKLIST = SECTOR - BLOCKLIST_SIZE
KERNEL_SEG = 0x800          # where diskboot.img itself runs (0x8000)
REST_SEG = KERNEL_SEG + (SECTOR >> 4)

# The modules built into core.img: disk and partition access, the FAT
# file system, the config file and its commands, the two Linux loaders
# and the chainloader, and a serial console.
MODULES = ("biosdisk", "part_msdos", "fat", "normal", "configfile",
           "linux", "linux16", "chain", "boot", "echo", "test",
           "serial", "terminal")

PREFIX = "(hd0,msdos1)/boot/grub"
CFG_PATH = "/boot/grub/grub.cfg"

# Lines every grub.cfg here starts with: the console on COM1 (the tests
# read COM1 only) and no menu delay.
CFG_HEAD = ("serial --unit=0 --speed=115200",
            "terminal_input serial",
            "terminal_output serial",
            "set timeout=0")


def missing():
    """The GRUB files this module needs that are not installed (empty
    list: none). Debian's grub-pc-bin has them all."""
    need = [BOOT_IMG, os.path.join(GRUB_DIR, "diskboot.img"),
            os.path.join(GRUB_DIR, "kernel.img")]
    out = [p for p in need if not os.path.exists(p)]
    if shutil.which(MKIMAGE) is None:
        out.append(MKIMAGE)
    return out


def mkimage(prefix=PREFIX, modules=MODULES):
    """Return the bytes of a core.img for BIOS disks with `prefix` built
    in (grub-mkimage -O i386-pc)."""
    gone = missing()
    if gone:
        raise ImageError("GRUB for BIOS is not installed (missing %s): "
                         "run scripts/setup.sh (package grub-pc-bin)" %
                         ", ".join(gone))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "core.img")
        run([MKIMAGE, "-O", "i386-pc", "-d", GRUB_DIR, "-o", out,
             "-p", prefix] + list(modules))
        with open(out, "rb") as f:
            return f.read()


def partition_starts(img):
    """Start LBAs of the used primary entries in `img`'s MBR."""
    with open(img, "rb") as f:
        mbr = f.read(SECTOR)
    if mbr[510:] != b"\x55\xaa":
        raise ImageError("%s has no MBR signature" % img)
    starts = []
    for i in range(4):
        e = mbr[0x1BE + 16 * i:0x1BE + 16 * (i + 1)]
        start, count = struct.unpack_from("<II", e, 8)
        if e[4] and count:
            starts.append(start)
    return starts


def patch_boot_img(boot, disk_mbr, core_lba):
    """boot.img made ready for LBA 0 of a hard disk whose sector 0 is now
    `disk_mbr`, loading core.img from `core_lba`."""
    if len(boot) != SECTOR or len(disk_mbr) != SECTOR:
        raise ImageError("boot.img and the MBR must be %d bytes" % SECTOR)
    out = bytearray(boot)
    out[BPB_START:BPB_END] = disk_mbr[BPB_START:BPB_END]
    out[NT_MAGIC:] = disk_mbr[NT_MAGIC:]
    struct.pack_into("<Q", out, KERNEL_SECTOR, core_lba)
    out[BOOT_DRIVE] = 0xFF
    if out[DRIVE_CHECK] != 0xEB:
        raise ImageError("boot.img: no jmp at the drive check (0x%02x)" %
                         out[DRIVE_CHECK])
    out[DRIVE_CHECK:DRIVE_CHECK + 2] = bytes((NOP, NOP))
    return bytes(out)


def patch_core_img(core, core_lba):
    """core.img padded to whole sectors, its blocklist saying the rest of
    it is at core_lba+1.. (one run of sectors)."""
    sectors = (len(core) + SECTOR - 1) // SECTOR
    if sectors < 2:
        raise ImageError("core.img is only %d bytes" % len(core))
    out = bytearray(core) + bytes(sectors * SECTOR - len(core))
    # Clear the list (grub-mkimage leaves one entry filled in), then write
    # the one entry; the zero entry below it ends the list.
    pos = FIRST_BLOCKLIST
    while struct.unpack_from("<H", out, pos + 8)[0]:
        out[pos:pos + BLOCKLIST_SIZE] = bytes(BLOCKLIST_SIZE)
        pos -= BLOCKLIST_SIZE
        if pos <= 0:
            raise ImageError("core.img: no end to the blocklist")
    struct.pack_into("<QHH", out, FIRST_BLOCKLIST, core_lba + 1,
                     sectors - 1, REST_SEG)
    if struct.unpack_from("<H", out, FIRST_BLOCKLIST - BLOCKLIST_SIZE +
                          8)[0]:
        raise ImageError("core.img: the blocklist has no terminator")
    return bytes(out)


def install_grub(img, core_lba=1, prefix=PREFIX, modules=MODULES):
    """Install GRUB's boot.img into `img`'s MBR and core.img at
    `core_lba`.., in the gap before the first partition. Return the
    number of sectors core.img takes."""
    core = patch_core_img(mkimage(prefix, modules), core_lba)
    sectors = len(core) // SECTOR
    first = min(partition_starts(img) or [0])
    if core_lba < 1 or core_lba + sectors > first:
        raise ImageError("core.img (%d sectors at LBA %d) does not fit "
                         "before the first partition (LBA %d)" %
                         (sectors, core_lba, first))
    with open(BOOT_IMG, "rb") as f:
        boot = f.read()
    with open(img, "r+b") as f:
        mbr = f.read(SECTOR)
        f.seek(core_lba * SECTOR)
        f.write(core)
        f.seek(0)
        f.write(patch_boot_img(boot, mbr, core_lba))
    return sectors


def is_installed(img, core_lba=1):
    """True when LBA 0 is boot.img as install_grub() patched it and LBA
    core_lba starts with diskboot.img's code (another tool since wrote
    neither)."""
    with open(BOOT_IMG, "rb") as f:
        boot = f.read()
    with open(os.path.join(GRUB_DIR, "diskboot.img"), "rb") as f:
        diskboot = f.read()
    with open(img, "rb") as f:
        mbr = f.read(SECTOR)
        f.seek(core_lba * SECTOR)
        first = f.read(SECTOR)
    code = FIRST_BLOCKLIST - BLOCKLIST_SIZE
    return (mbr == patch_boot_img(boot, mbr, core_lba) and
            first[:code] == diskboot[:code])


def grub_cfg(body, head=CFG_HEAD):
    """grub.cfg: the serial console lines, then `body` (a str or lines)."""
    if not isinstance(body, str):
        body = "\n".join(body)
    return "\n".join(head) + "\n" + body.rstrip("\n") + "\n"


def linux_entry(append, kernel="/vmlinuz", initrd="/initrd.img",
                loader="linux", title="linux"):
    """A menuentry booting `kernel` with GRUB's `linux` (32-bit boot
    protocol) or `linux16` (real-mode entry) command."""
    if loader not in ("linux", "linux16"):
        raise ValueError("loader must be linux or linux16, not %r" %
                         (loader,))
    initrd_cmd = "initrd16" if loader == "linux16" else "initrd"
    lines = ["menuentry '%s' {" % title,
             "  %s %s %s" % (loader, kernel, append)]
    if initrd:
        lines.append("  %s %s" % (initrd_cmd, initrd))
    lines.append("}")
    return "\n".join(lines)


def grub_disk(path, files, cfg, fat=32, start=2048, size_mib=64,
              kernel="/vmlinuz", initrd="/initrd.img"):
    """A FAT disk booting through GRUB: boot.img in the MBR, core.img in
    the gap, the kernel and initramfs, and `cfg` as /boot/grub/grub.cfg."""
    disk = bzimg.make_disk(path, fat=fat, start=start, size_mib=size_mib)
    install_grub(disk.path)
    bzimg.populate(disk, files, CFG_PATH, cfg, kernel=kernel, initrd=initrd)
    return disk


def chainload_disk(path, tool, files, bzboot_cfg, fat2=32, reserved2=72,
                   kernel="/vmlinuz", initrd="/initrd.img"):
    """GRUB in the MBR and gap, grub.cfg on partition 1 chainloading
    partition 2's boot sector, which is bzboot's PBR (`tool install --pbr
    --partition 2`); bzboot.cfg, the kernel and initramfs on partition 2.
    `reserved2` None: partition 2 as plain mkfs.fat makes it (stage2 then
    goes in as a file). Return (Disk 1, Disk 2, the installer's output)."""
    p1, p2 = bzimg.make_two_partitions(path, fat2=fat2, reserved2=reserved2)
    install_grub(path)
    bzimg.write_file(path, p1.start, CFG_PATH, grub_cfg(
        ["menuentry 'bzboot' {",
         "  set root=(hd0,msdos2)",
         "  chainloader +1",
         "  boot",
         "}"]))
    out = bzimg.bzboot_install(tool, path, "--pbr", "--partition", "2")
    bzimg.populate(p2, files, "/bzboot.cfg", bzboot_cfg, kernel=kernel,
                   initrd=initrd)
    return p1, p2, out.decode("utf-8", "replace")
