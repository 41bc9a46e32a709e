# SPDX-License-Identifier: BSD-2-Clause
# Real payloads for the boot tests besides the amd64 kernel: SYSLINUX's
# memdisk with a test floppy, and Debian's i386 (686) kernel with a tiny
# static /init. Everything is made without root.
"""Inputs for tests/boot/test_payloads.py and test_nonlinux.py.

memdisk: /usr/lib/syslinux/memdisk (syslinux-common), booted as a Linux
kernel whose initrd is a 1.44 MB FAT12 floppy image; the floppy's boot
sector (tests/probes/floppyboot.asm) reports on COM1 and powers QEMU off.

i386: the kernel linux-image-686 depends on (fetch-kernel.sh CACHE 686)
and an initramfs holding only tests/support/i386-init.c, compiled with
gcc -m32: Debian's busybox-static is amd64 and apt cannot fetch the i386
one without adding the architecture to the system.

memtest86+ and iPXE: Debian 12's packages (memtest86+ 6.10, ipxe), each
fetched once with apt-get download and its /boot unpacked into
build/cache/<package>.
"""

import glob
import os
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass

import artifacts
import bzimg

MEMDISK = "/usr/lib/syslinux/memdisk"
FLOPPY_SECTORS = 2880           # 1.44 MB: 80 cylinders, 2 heads, 18 sectors
FLOPPY_LAST_MARK = b"BZ-FLOPPY-LAST!!"  # floppyboot.asm compares 16 bytes
BPB_END = 0x3E                  # FAT12 boot sector: jump + BPB + EBPB
I386_DIR = os.path.join(artifacts.BUILD, "payloads", "i386")
I386_INIT_SRC = os.path.join(artifacts.SUPPORT, "i386-init.c")
I386_CFLAGS = ["-m32", "-static", "-nostdlib", "-fno-pie", "-no-pie",
               "-ffreestanding", "-fno-stack-protector",
               "-fno-asynchronous-unwind-tables", "-Os", "-Wall", "-Wextra"]
I386_START = "I386-INIT-START"
I386_MARKER = "I386-INIT-OK"


class PayloadError(RuntimeError):
    pass


@dataclass(frozen=True)
class Header:
    """The few setup-header facts the payload tests state."""
    version: int
    loadflags: int
    setup_sects: int
    initrd_addr_max: int

    @property
    def bzimage(self):
        return self.version >= 0x200 and bool(self.loadflags & 1)


def read_header(path):
    """Read a kernel file's setup header (boot.rst offsets)."""
    with open(path, "rb") as f:
        b = f.read(0x240)
    if len(b) < 0x240 or b[0x1FE:0x200] != b"\x55\xAA":
        raise PayloadError("%s: no 0xAA55 boot flag" % path)
    version = struct.unpack_from("<H", b, 0x206)[0] \
        if b[0x202:0x206] == b"HdrS" else 0
    imax = struct.unpack_from("<I", b, 0x22C)[0] if version >= 0x203 \
        else 0x37FFFFFF
    return Header(version=version, loadflags=b[0x211] if version else 0,
                  setup_sects=b[0x1F1] or 4, initrd_addr_max=imax)


def make_floppy(path, boot_sector):
    """A 1.44 MB FAT12 floppy image booting `boot_sector` (512 bytes, as
    built from floppyboot.asm): mkfs.fat's jump and BPB are kept, the code
    and the 0xAA55 come from boot_sector, and the last sector holds
    FLOPPY_LAST_MARK for the boot sector to read back."""
    with open(boot_sector, "rb") as f:
        code = f.read()
    if len(code) != 512 or code[510:] != b"\x55\xAA":
        raise PayloadError("%s is not a 512-byte boot sector" % boot_sector)
    if os.path.exists(path):
        os.unlink(path)
    bzimg.run(["mkfs.fat", "-C", "-F", "12", "-n", "BZFLOPPY",
               "-i", "42425a46", path, str(FLOPPY_SECTORS // 2)])
    with open(path, "r+b") as f:
        bpb = f.read(BPB_END)
        if bpb[0] != 0xEB:
            raise PayloadError("mkfs.fat wrote no short jump at byte 0")
        f.seek(0)
        f.write(code[:3] + bpb[3:BPB_END] + code[BPB_END:])
        f.seek((FLOPPY_SECTORS - 1) * bzimg.SECTOR)
        f.write(FLOPPY_LAST_MARK.ljust(bzimg.SECTOR, b"\0"))
    if os.path.getsize(path) != FLOPPY_SECTORS * bzimg.SECTOR:
        raise PayloadError("%s is not a 1.44 MB image" % path)
    return path


def _newc(name, mode, data=b"", rdev=(0, 0), ino=1):
    """One newc cpio entry (fixed owner and time: reproducible)."""
    name_b = name.encode() + b"\0"
    fields = (ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1],
              len(name_b), 0)
    hdr = b"070701" + b"".join(b"%08X" % v for v in fields)
    out = hdr + name_b
    out += b"\0" * (-len(out) % 4)
    out += data + b"\0" * (-len(data) % 4)
    return out


def ensure_i386_files(quiet=True):
    """Fetch the 686 kernel (cached) and build the i386 initramfs when it
    is missing or older than its sources. Return artifacts.BootFiles."""
    # under a lock: another pytest-xdist worker may be making them too
    with artifacts.locked(os.path.join(artifacts.CACHE, "686.lock")):
        out = subprocess.run(
            ["bash", os.path.join(artifacts.SUPPORT, "fetch-kernel.sh"),
             artifacts.CACHE, "686"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if out.returncode != 0:
            raise PayloadError("fetch-kernel.sh %s 686 failed:\n%s" %
                               (artifacts.CACHE, out.stdout))
        if not quiet:
            print(out.stdout.strip())
        cache = os.path.join(artifacts.CACHE, "686")
        os.makedirs(I386_DIR, exist_ok=True)
        init = os.path.join(I386_DIR, "init")
        initrd = os.path.join(I386_DIR, "initrd.img")
        stamp = max(os.path.getmtime(I386_INIT_SRC),
                    os.path.getmtime(__file__))
        if not os.path.exists(initrd) or os.path.getmtime(initrd) < stamp:
            bzimg.run(["gcc"] + I386_CFLAGS + ["-o", init, I386_INIT_SRC])
            with open(init, "rb") as f:
                prog = f.read()
            if prog[:4] != b"\x7fELF" or prog[4] != 1:
                raise PayloadError("%s is not a 32-bit ELF program" % init)
            # The node for /dev/console is in the archive: no mknod, no
            # root.
            cpio = (_newc("dev", 0o040755, ino=1) +
                    _newc("dev/console", 0o020600, rdev=(5, 1), ino=2) +
                    _newc("proc", 0o040755, ino=3) +
                    _newc("init", 0o100755, prog, ino=4) +
                    _newc("TRAILER!!!", 0, ino=0))
            with open(initrd + ".tmp", "wb") as f:
                f.write(cpio + b"\0" * (-len(cpio) % 512))
            os.replace(initrd + ".tmp", initrd)
    with open(os.path.join(cache, "kernel-version")) as f:
        version = f.readline().strip()
    return artifacts.BootFiles(kernel=os.path.join(cache, "vmlinuz"),
                               initrd=initrd, kernel_version=version)


def parse_i386(text):
    """(machine, release, cmdline) from the i386 /init's report."""
    lines = [ln.rstrip("\r") for ln in text.split("\n")]
    try:
        start = max(i for i, ln in enumerate(lines) if ln == I386_START)
    except ValueError:
        raise PayloadError("no %s line in the serial log" % I386_START)
    vals = {}
    for ln in lines[start + 1:]:
        if ln == I386_MARKER:
            break
        key, _, val = ln.partition(":")
        vals[key] = val
    else:
        raise PayloadError("no %s after %s" % (I386_MARKER, I386_START))
    machine, _, release = vals.get("UNAME", "").partition(" ")
    return machine, release, vals.get("CMDLINE")


def ensure_package_boot(package):
    """Debian package `package`, its ./boot unpacked into
    build/cache/<package> on first use, with its version in
    package-version there; later calls touch nothing. Needs no root.
    Returns that directory."""
    out = os.path.join(artifacts.CACHE, package)
    stamp = os.path.join(out, "package-version")
    if os.path.exists(stamp):
        return out
    os.makedirs(artifacts.CACHE, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".deb.", dir=artifacts.CACHE)
    try:
        # apt-get download writes into the current directory; as root it
        # warns that _apt cannot write there, which is harmless.
        p = subprocess.run(["apt-get", "download", "-q", package],
                           cwd=tmp, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        debs = glob.glob(os.path.join(tmp, "*.deb"))
        if p.returncode != 0 or not debs:
            raise PayloadError("apt-get download %s failed (run apt-get "
                               "update?):\n%s" % (package, p.stdout))
        root = os.path.join(tmp, "root")
        os.makedirs(root)
        # Only ./boot: the rest (memtest86+'s two ISO images, 12 MB) is
        # not needed.
        deb = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", debs[0]],
                               stdout=subprocess.PIPE)
        tar = subprocess.run(["tar", "-x", "-C", root, "./boot"],
                             stdin=deb.stdout, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
        deb.stdout.close()
        if deb.wait() != 0 or tar.returncode != 0:
            raise PayloadError("unpacking %s failed:\n%s" %
                               (debs[0], tar.stdout))
        version = subprocess.run(["dpkg-deb", "-f", debs[0], "Version"],
                                 check=True, stdout=subprocess.PIPE,
                                 text=True).stdout.strip()
        boot = os.path.join(root, "boot")
        with open(os.path.join(boot, "package-version"), "w") as f:
            f.write(version + "\n")
        try:
            os.rename(boot, out)
        except OSError:
            # Another run got there first: its copy is the same package.
            if not os.path.exists(stamp):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


def ensure_memtest():
    """memtest86+x64.bin, ia32.bin and the .efi files: their directory."""
    return ensure_package_boot("memtest86+")


def ensure_ipxe():
    """ipxe.lkrn and ipxe.efi: their directory."""
    return ensure_package_boot("ipxe")
