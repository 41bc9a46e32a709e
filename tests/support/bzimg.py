# SPDX-License-Identifier: BSD-2-Clause
# Disk images for the boot tests, made without root, mounts or loop devices:
# truncate + sfdisk (MBR) + mkfs.fat --offset + mtools, all on a plain file.
"""Build partitioned FAT disk images and fill them, as an ordinary user.

Every function takes the image path and the partition's start sector; the
file system is addressed by mtools as ``IMG@@<start*512>``.
"""

import glob
import os
import re
import struct
import subprocess
from dataclasses import dataclass

SECTOR = 512

# SYSLINUX's classic MBR: its first 440 bytes are code, then the disk
# signature and the partition table, which must stay ours.
SYSLINUX_MBR = "/usr/lib/syslinux/mbr/mbr.bin"
MBR_CODE_BYTES = 440

# LBA partition types: the loaders under test read by LBA, and these say so.
PTYPE = {12: 0x01, 16: 0x0E, 32: 0x0C}


class ImageError(RuntimeError):
    """A host tool failed while building an image; the message says which."""


@dataclass(frozen=True)
class Disk:
    path: str
    fat: int  # 12, 16 or 32
    start: int  # first sector of the FAT partition
    sectors: int  # partition length in sectors

    @property
    def offset(self):
        """Byte offset of the file system inside the image."""
        return self.start * SECTOR

    @property
    def mtools_spec(self):
        return mtools_spec(self.path, self.start)


def mtools_spec(img, start):
    """The mtools -i argument for the file system at sector `start`."""
    return "%s@@%d" % (img, start * SECTOR)


def _env():
    env = dict(os.environ)
    # The image has no real drive geometry; mtools would refuse some of
    # mkfs.fat's choices without this.
    env["MTOOLS_SKIP_CHECK"] = "1"
    env.setdefault("LC_ALL", "C")
    return env


def run(argv, input=None):
    """Run a host tool; raise ImageError with its output when it fails."""
    p = subprocess.run(argv, input=input, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, env=_env())
    if p.returncode != 0:
        out = p.stdout.decode("utf-8", "replace") if p.stdout else ""
        raise ImageError("%s exited %d:\n%s" %
                         (" ".join(map(str, argv)), p.returncode, out))
    return p.stdout


def make_disk(path, fat=32, start=2048, size_mib=64, label="BZTEST",
              volume_id=0x42425A42, disk_id=0x42425A42, bootable=True,
              ptype=None, cluster_sectors=None, reserved=None):
    """Create a sparse disk image with one MBR partition holding FAT.

    The partition runs from `start` to the end of the disk. The FAT's BPB
    gets hidden sectors = start (mkfs.fat --offset alone leaves it 0).
    Returns a Disk.
    """
    if fat not in PTYPE:
        raise ValueError("fat must be 12, 16 or 32, not %r" % (fat,))
    total = size_mib * 1024 * 1024 // SECTOR
    if start < 1 or start >= total:
        raise ValueError("start sector %d outside a %d MiB disk" %
                         (start, size_mib))
    sectors = total - start
    if os.path.exists(path):
        os.unlink(path)
    run(["truncate", "-s", "%dM" % size_mib, path])

    script = "label: dos\nlabel-id: 0x%08x\nunit: sectors\n\n" % disk_id
    script += "start=%d, size=%d, type=%x%s\n" % (
        start, sectors, ptype if ptype is not None else PTYPE[fat],
        ", bootable" if bootable else "")
    run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", path],
        input=script.encode())

    # --offset is in sectors; the trailing count is the size in KiB.
    argv = ["mkfs.fat", "-F", str(fat), "--offset", str(start),
            "-h", str(start), "-i", "%08x" % volume_id, "-n", label]
    if cluster_sectors:
        argv += ["-s", str(cluster_sectors)]
    if reserved:
        argv += ["-R", str(reserved)]
    argv += [path, str(sectors * SECTOR // 1024)]
    run(argv)
    return Disk(path=path, fat=fat, start=start, sectors=sectors)


def make_superfloppy(path, fat=12, size_kib=1440, reserved=72,
                    cluster_sectors=None, label="BZFLOPPY",
                    volume_id=0x42425A42):
    """Create an image that is one FAT volume, no partition table (a
    floppy, or a disk formatted whole): the Disk starts at sector 0.
    `reserved` sectors leave room for bzboot's stage2 after the boot
    sector."""
    if os.path.exists(path):
        os.unlink(path)
    argv = ["mkfs.fat", "-C", "-F", str(fat), "-R", str(reserved),
            "-i", "%08x" % volume_id, "-n", label]
    if cluster_sectors:
        argv += ["-s", str(cluster_sectors)]
    run(argv + [path, str(size_kib)])
    return Disk(path=path, fat=fat, start=0,
                sectors=size_kib * 1024 // SECTOR)


def make_two_partitions(path, fat1=16, size1_mib=16, fat2=32,
                        size_mib=64, reserved2=72, disk_id=0x47525542):
    """A disk with two primary FAT partitions: 1 from sector 2048,
    `size1_mib` long, made with `fat1`; 2 right after it to the end,
    `fat2` with `reserved2` reserved sectors (room for bzboot's stage2).
    Partition 1 is the active one. Return (Disk 1, Disk 2)."""
    for fat in (fat1, fat2):
        if fat not in PTYPE:
            raise ValueError("fat must be 12, 16 or 32, not %r" % (fat,))
    total = size_mib * 1024 * 1024 // SECTOR
    start1, len1 = 2048, size1_mib * 1024 * 1024 // SECTOR
    start2 = start1 + len1
    len2 = total - start2
    if len2 <= 0:
        raise ValueError("partition 1 fills the %d MiB disk" % size_mib)
    if os.path.exists(path):
        os.unlink(path)
    run(["truncate", "-s", "%dM" % size_mib, path])
    script = ("label: dos\nlabel-id: 0x%08x\nunit: sectors\n\n"
              "start=%d, size=%d, type=%x, bootable\n"
              "start=%d, size=%d, type=%x\n" %
              (disk_id, start1, len1, PTYPE[fat1],
               start2, len2, PTYPE[fat2]))
    run(["sfdisk", "--quiet", "--no-reread", "--no-tell-kernel", path],
        input=script.encode())
    disks = []
    for n, (fat, start, count, reserved) in enumerate(
            ((fat1, start1, len1, None), (fat2, start2, len2, reserved2)),
            1):
        argv = ["mkfs.fat", "-F", str(fat), "--offset", str(start),
                "-h", str(start), "-i", "%08x" % (0x42500000 + n),
                "-n", "PART%d" % n]
        if reserved:
            argv += ["-R", str(reserved)]
        run(argv + [path, str(count * SECTOR // 1024)])
        disks.append(Disk(path=path, fat=fat, start=start, sectors=count))
    return disks[0], disks[1]


def mkdir(img, start, path):
    """Create directory `path` (and its parents) in the FAT file system."""
    parts = [p for p in path.strip("/").split("/") if p]
    for i in range(1, len(parts) + 1):
        d = "::/" + "/".join(parts[:i])
        if not exists(img, start, d[2:]):
            run(["mmd", "-i", mtools_spec(img, start), d])


def exists(img, start, path):
    p = subprocess.run(["mdir", "-b", "-i", mtools_spec(img, start),
                        "::/" + path.strip("/")],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=_env())
    return p.returncode == 0


def copy_in(img, start, src, dst):
    """Copy host file `src` to `dst` (e.g. "/boot/vmlinuz"), overwriting.

    Missing parent directories are created first.
    """
    parent = os.path.dirname("/" + dst.strip("/"))
    if parent != "/":
        mkdir(img, start, parent)
    run(["mcopy", "-o", "-i", mtools_spec(img, start), str(src),
         "::/" + dst.strip("/")])


def write_file(img, start, dst, data):
    """Write `data` (str or bytes) as file `dst` in the file system."""
    if isinstance(data, str):
        data = data.encode()
    parent = os.path.dirname("/" + dst.strip("/"))
    if parent != "/":
        mkdir(img, start, parent)
    run(["mcopy", "-o", "-i", mtools_spec(img, start), "-",
         "::/" + dst.strip("/")], input=data)


def read_file(img, start, path):
    """Return the bytes of file `path` in the file system."""
    return run(["mtype", "-i", mtools_spec(img, start),
                "::/" + path.strip("/")])


class Fat32:
    """The BPB fields of the FAT32 volume on `disk` (a Disk) needed to map
    a file's clusters to LBAs and to patch its FAT entries: how the tests
    point a fault (a failing sector, a broken chain) at one file."""

    def __init__(self, disk):
        assert disk.fat == 32, "these helpers patch 32-bit FAT entries"
        with open(disk.path, "rb") as f:
            f.seek(disk.offset)
            bs = f.read(SECTOR)
        self.disk = disk
        (self.bps, self.spc, self.reserved,
         self.nfats) = struct.unpack_from("<HBHB", bs, 11)
        self.fat_sectors = struct.unpack_from("<I", bs, 36)[0]
        assert self.bps == SECTOR
        self.data = self.reserved + self.nfats * self.fat_sectors

    def clusters(self, path):
        """The file's cluster chain, in order (mshowfat prints it as
        ranges: "::/f <3-16110> <16200>")."""
        out = run(["mshowfat", "-i", self.disk.mtools_spec,
                   "::" + path]).decode()
        chain = []
        for a, b in re.findall(r"<(\d+)(?:-(\d+))?>", out):
            chain += range(int(a), int(b or a) + 1)
        assert chain, "mshowfat found no clusters: %r" % out
        return chain

    def lba(self, cluster):
        """Absolute disk LBA of the cluster's first sector."""
        return self.disk.start + self.data + (cluster - 2) * self.spc

    def set_next(self, cluster, value):
        """Write FAT[cluster] = value in every FAT copy (a consistent
        corruption, as a bad fsck or a crash would leave)."""
        with open(self.disk.path, "r+b") as f:
            for i in range(self.nfats):
                off = self.disk.offset + (self.reserved +
                                          i * self.fat_sectors) * SECTOR
                f.seek(off + cluster * 4)
                old = struct.unpack("<I", f.read(4))[0]
                f.seek(off + cluster * 4)
                f.write(struct.pack("<I", (old & 0xF0000000) |
                                    (value & 0x0FFFFFFF)))


def stage2_place(img):
    """(first LBA, sector count) of bzboot's stage2 on `img`, from the
    fields the installer patched into the MBR (stage1/format.h)."""
    with open(img, "rb") as f:
        mbr = f.read(SECTOR)
    sectors = struct.unpack_from("<H", mbr, 0x1A6)[0]
    lba = struct.unpack_from("<Q", mbr, 0x1B0)[0]
    assert 0 < sectors <= 62 and lba > 0, (lba, sectors)
    return lba, sectors


def write_mbr_code(img, code_path=SYSLINUX_MBR):
    """Put the first 440 bytes of `code_path` at sector 0, keeping the
    disk signature and partition table that follow them."""
    with open(code_path, "rb") as f:
        code = f.read(MBR_CODE_BYTES)
    if len(code) != MBR_CODE_BYTES:
        raise ImageError("%s is shorter than %d bytes" %
                         (code_path, MBR_CODE_BYTES))
    with open(img, "r+b") as f:
        f.write(code)


def install_syslinux(disk, directory=None):
    """Install SYSLINUX on `disk`: its MBR code, then the mtools-based
    installer, which writes the VBR and ldlinux.sys/.c32 into the FAT.

    The config file is searched by SYSLINUX in its install directory and
    then /boot/syslinux, /syslinux, / ; put syslinux.cfg there."""
    write_mbr_code(disk.path)
    argv = ["syslinux", "--install", "--offset", str(disk.offset)]
    if directory:
        mkdir(disk.path, disk.start, directory)
        argv += ["--directory", directory]
    run(argv + [disk.path])


def bzboot_install(tool, img, *args, modules=False):
    """Run `tool install [args] IMG` (build/bzboot); return its output.
    Without `modules`, --no-modules: the tests copy the modules they want
    themselves (copy_modules); with it, the installer writes the build's
    modules to /boot/bzboot/ as it does for users."""
    extra = [] if modules else ["--no-modules"]
    return run([str(tool), "install"] + extra + list(args) + [str(img)])


def syslinux_cfg(labels, default, prompt=None, timeout=None, extra=()):
    """Render a SYSLINUX-syntax config (bzboot.cfg uses the same syntax).

    labels: list of (name, kernel, initrd or None, append or None).
    prompt, timeout: written only when not None.
    extra: global lines put first (e.g. "SERIAL 0 115200").
    """
    lines = list(extra)
    lines.append("DEFAULT %s" % default)
    if prompt is not None:
        lines.append("PROMPT %d" % prompt)
    if timeout is not None:
        lines.append("TIMEOUT %d" % timeout)
    for name, kernel, initrd, append in labels:
        lines += ["", "LABEL %s" % name, "  LINUX %s" % kernel]
        if initrd:
            lines.append("  INITRD %s" % initrd)
        if append:
            lines.append("  APPEND %s" % append)
    return "\n".join(lines) + "\n"


def populate(disk, files, cfg_path, cfg_text, kernel="/vmlinuz",
             initrd="/initrd.img"):
    """Copy the kernel and initramfs (artifacts.BootFiles) and write the
    loader config to `cfg_path`, all into `disk` (a Disk)."""
    copy_in(disk.path, disk.start, files.kernel, kernel)
    copy_in(disk.path, disk.start, files.initrd, initrd)
    write_file(disk.path, disk.start, cfg_path, cfg_text)


def syslinux_disk(path, files, fat, start, cfg, directory=None,
                  kernel="/vmlinuz", initrd="/initrd.img", size_mib=64):
    """A FAT disk booting through SYSLINUX: its MBR, VBR and ldlinux, the
    kernel and initramfs, and `cfg` as <directory>/syslinux.cfg."""
    disk = make_disk(path, fat=fat, start=start, size_mib=size_mib)
    install_syslinux(disk, directory=directory)
    cfg_path = (directory or "") + "/syslinux.cfg"
    populate(disk, files, cfg_path, cfg, kernel=kernel, initrd=initrd)
    return disk


SYSLINUX_MODULES = "/usr/lib/syslinux/modules/bios"


def syslinux_chain_disk(path, tool, fat2=32, reserved2=72, size_mib=64):
    """SYSLINUX (mbr.bin, its VBR, ldlinux) on the active partition 1,
    whose syslinux.cfg's one label runs `chain.c32 hd0 2`; bzboot's PBR
    on partition 2 (`tool install --pbr --partition 2`), a FAT`fat2`
    volume with `reserved2` reserved sectors (None: what plain mkfs.fat
    makes). Return (Disk 1, Disk 2, the installer's output)."""
    p1, p2 = make_two_partitions(path, fat2=fat2, size_mib=size_mib,
                                 reserved2=reserved2)
    install_syslinux(p1)
    for mod in ("chain.c32", "libcom32.c32", "libutil.c32"):
        copy_in(p1.path, p1.start, os.path.join(SYSLINUX_MODULES, mod),
                "/" + mod)
    write_file(p1.path, p1.start, "/syslinux.cfg",
               "SERIAL 0 115200\nDEFAULT bz\nLABEL bz\n"
               "  COM32 chain.c32\n  APPEND hd0 2\n")
    out = bzboot_install(tool, p2.path, "--pbr", "--partition", "2")
    return p1, p2, out.decode("utf-8", "replace")


def copy_modules(disk, modules_dir, dest="/boot/bzboot", names=None):
    """Copy bzboot's modules (build/modules/*.bzm, or just `names`, e.g.
    ["passwd"]) into directory `dest` of `disk` (a Disk), as docs/install.md
    asks a user to. Returns the paths written on the disk."""
    srcs = sorted(glob.glob(os.path.join(modules_dir, "*.bzm")))
    if names is not None:
        srcs = [os.path.join(modules_dir, n + ".bzm") for n in names]
    if not srcs:
        raise ImageError("no modules in %s: run make" % modules_dir)
    mkdir(disk.path, disk.start, dest)
    out = []
    for src in srcs:
        dst = dest.rstrip("/") + "/" + os.path.basename(src)
        copy_in(disk.path, disk.start, src, dst)
        out.append(dst)
    return out


def bzboot_disk(path, tool, files, fat, start, cfg, kernel="/vmlinuz",
                initrd="/initrd.img", size_mib=64):
    """A FAT disk booting through bzboot: `tool install IMG` (MBR code and
    stage2 in the gap before the partition), then the kernel, initramfs
    and `cfg` as /bzboot.cfg."""
    disk = make_disk(path, fat=fat, start=start, size_mib=size_mib)
    bzboot_install(tool, disk.path)
    populate(disk, files, "/bzboot.cfg", cfg, kernel=kernel, initrd=initrd)
    return disk
