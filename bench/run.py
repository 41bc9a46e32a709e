#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# `make bench`: boot the same Debian kernel + initrd through bzboot,
# SYSLINUX 6.04, GRUB 2 (linux16 and linux) and QEMU's own -kernel, and
# compare disk reads, time to "Linux version" and bytes on disk.
"""bzboot benchmarks: disk reads, boot time and size, side by side.

For each scenario one disk image is made (FAT32 at sector 2048, the
kernel and initrd copied in once), then copied per loader and the loader
installed into the copy, so every loader reads the very same clusters.
Each loader is booted --runs times in QEMU (TCG, identical arguments) and
stopped as soon as COM1 shows "Linux version". QEMU's IDE trace events
(ide_exec_cmd, ide_sector_read, ide_dma_cb) count the disk read commands
the guest issued up to then and the sectors they moved.

Then (bench/interfaces.py) the same disk behind IDE, AHCI, virtio-blk and
usb-storage on EHCI and xHCI: per interface and loader the time to the
kernel's setup line against the -kernel floor, the bytes each read moved,
and the initrd checked in the guest.

Results: tables per scenario on stdout, and build/bench/results.json.
See bench/README.md.
"""

import argparse
import collections
import datetime
import json
import os
import random
import re
import shutil
import statistics
import struct
import subprocess
import sys
import textwrap
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))

import artifacts  # noqa: E402
import bzimg  # noqa: E402
import grubimg  # noqa: E402
import interfaces  # noqa: E402
import qemu  # noqa: E402

OUT = os.path.join(artifacts.BUILD, "bench")
MIB = 1024 * 1024

# The kernel command line every loader passes (QEMU -kernel: -append).
# earlyprintk makes the kernel print "Linux version" from its first
# printk on, instead of when the ttyS0 console registers, so the cut-off
# is as close to the kernel's start as the serial console allows.
APPEND = "console=ttyS0 earlyprintk=ttyS0,115200"
KERNEL_PATH = "/vmlinuz"
INITRD_PATH = "/initrd.img"

# The cut-off: the kernel's first line.
LINUX_RX = r"Linux version"
# Output that ends a boot at once instead of at the timeout.
FAIL_RX = (r"Kernel panic|error: |Could not find kernel|Boot failed|"
           r"Loading .* failed|bzboot: .*(?:error|not found|failed)")

# ATA commands that read sectors from the disk.
ATA_READ = {0x20: "READ SECTORS", 0x21: "READ SECTORS (no retry)",
            0x24: "READ SECTORS EXT", 0x29: "READ MULTIPLE EXT",
            0xC4: "READ MULTIPLE", 0xC8: "READ DMA",
            0xC9: "READ DMA (no retry)", 0x25: "READ DMA EXT"}
TRACE_EVENTS = ("ide_exec_cmd", "ide_sector_read", "ide_dma_cb")

# GRUB's core.img: what the grub.cfg here needs, and the one Linux loader
# command used (the boot tests' set, grubimg.MODULES, has a few more).
GRUB_MODULES = ("biosdisk", "part_msdos", "fat", "normal", "boot",
                "serial", "terminal")

DEFAULT_SCENARIOS = ("small", "big")
# The big initrd: large enough that loading dominates the time to "Linux
# version", small enough for `make bench` to stay near 6 minutes here.
BIG_MIB = 48

LOADERS = (
    # key, name in the tables
    ("bzboot", "bzboot"),
    ("syslinux", "syslinux 6.04"),
    ("grub16", "grub linux16"),
    ("grub", "grub linux"),
    ("qemu", "qemu -kernel"),
)


class Scenario:
    def __init__(self, key, initrd_mib, frag_kib=0, disk_mib=64):
        self.key = key
        self.initrd_mib = initrd_mib   # 0: the test initramfs as it is
        self.frag_kib = frag_kib       # 0: the initrd is one run
        self.disk_mib = disk_mib


def scenarios(args):
    big = args.big_mib
    # Room for the kernel, the initrd and (frag) the holes' leftovers;
    # big and frag get the same file system (mkfs.fat's cluster size
    # depends on the size).
    big_disk = 32 + 2 * big
    return collections.OrderedDict([
        ("small", Scenario("small", 0)),
        ("big", Scenario("big", big, disk_mib=big_disk)),
        ("frag", Scenario("frag", big, frag_kib=args.frag_kib,
                          disk_mib=big_disk)),
        # The interface tables' (bench/interfaces.py): their own initrds.
        ("small-if", Scenario("small-if", 0)),
        ("big-if", Scenario("big-if", big, disk_mib=big_disk)),
        ("huge-if", Scenario("huge-if", args.huge_mib,
                             disk_mib=64 + args.huge_mib)),
    ])


# --- inputs -------------------------------------------------------------
def big_initrd(files, mib, out_dir):
    """The test initramfs followed by seeded random bytes, `mib` MiB in
    all: incompressible, so loading it dominates. The kernel unpacks the
    real archive at its front and complains about the rest (after the
    cut-off)."""
    path = os.path.join(out_dir, "initrd-%dm.img" % mib)
    with open(files.initrd, "rb") as f:
        head = f.read()
    size = mib * MIB
    if os.path.exists(path) and os.path.getsize(path) == size:
        with open(path, "rb") as f:
            if f.read(len(head)) == head:
                return path
    pad = random.Random(0x627A626F6F74).randbytes(size - len(head))
    with open(path + ".tmp", "wb") as f:
        f.write(head)
        f.write(pad)
    os.replace(path + ".tmp", path)
    return path


def mtools(*argv):
    return bzimg.run(list(argv))


def forget_next_free(disk):
    """FAT32's FSInfo "next free cluster" hint would make mtools allocate
    past the holes; 0xFFFFFFFF (unknown) makes it search from the start.
    (As tests/boot/test_fs_layouts.py does.)"""
    with open(disk.path, "r+b") as f:
        f.seek(disk.offset + 0x30)
        fsinfo = int.from_bytes(f.read(2), "little")
        f.seek(disk.offset + fsinfo * 512 + 0x1EC)
        f.write(b"\xff\xff\xff\xff")


def fragment(disk, tmp, count, hole_kib):
    """Leave `count` holes of `hole_kib` KiB at the start of the free
    space, each followed by a one-cluster file that stays: the next big
    file is written into the holes, one run of clusters per hole (the
    way tests/boot/test_fs_layouts.py fragment() does it, more of it)."""
    hole = os.path.join(tmp, "hole")
    keep = os.path.join(tmp, "keep")
    with open(hole, "wb") as f:
        f.write(bytes(hole_kib * 1024))
    with open(keep, "wb") as f:
        f.write(b"k")
    bzimg.mkdir(disk.path, disk.start, "/fill")
    spec = disk.mtools_spec
    batch = 256
    for first in range(0, count, batch):
        # mcopy writes its arguments in order: hole, keep, hole, keep...
        # The copies are staged under their final names by symlinks.
        names = []
        for i in range(first, min(count, first + batch)):
            for kind, src in (("h", hole), ("k", keep)):
                link = os.path.join(tmp, "%s%05d" % (kind, i))
                if not os.path.lexists(link):
                    os.symlink(src, link)
                names.append(link)
        mtools("mcopy", "-i", spec, *names, "::/fill/")
    holes = ["::/fill/h%05d" % i for i in range(count)]
    for first in range(0, count, batch):
        mtools("mdel", "-i", spec, *holes[first:first + batch])
    if disk.fat == 32:
        forget_next_free(disk)


def runs_of(disk, path):
    """Contiguous cluster runs of `path` (mshowfat prints one <a-b> each)."""
    out = mtools("mshowfat", "-i", disk.mtools_spec, "::" + path)
    return out.decode().count("<")


def build_base(sc, files, initrd, out_dir, tmp, cluster_sectors=None):
    """The scenario's disk: FAT32 from 2048, the kernel, then (frag) the
    holes, then the initrd. Return (Disk, initrd runs, kernel runs)."""
    path = os.path.join(out_dir, "%s-base.img" % sc.key)
    disk = bzimg.make_disk(path, fat=32, start=2048, size_mib=sc.disk_mib,
                           label="BZBENCH", cluster_sectors=cluster_sectors)
    bzimg.copy_in(disk.path, disk.start, files.kernel, KERNEL_PATH)
    if sc.frag_kib:
        size = os.path.getsize(initrd)
        count = (size + sc.frag_kib * 1024 - 1) // (sc.frag_kib * 1024)
        fragment(disk, tmp, count, sc.frag_kib)
    bzimg.copy_in(disk.path, disk.start, initrd, INITRD_PATH)
    return disk, runs_of(disk, INITRD_PATH), runs_of(disk, KERNEL_PATH)


def layout(disk):
    """The disk's regions as LBA ranges [first, end): the boot area before
    the partition (MBR, the gap: stage2 / core.img), the file system's
    metadata (boot sector, FSInfo, reserved sectors, FATs) and its data
    area (directories, files); and the cluster size in bytes."""
    with open(disk.path, "rb") as f:
        f.seek(disk.offset)
        bpb = f.read(512)
    reserved = struct.unpack_from("<H", bpb, 14)[0]
    fatsz = struct.unpack_from("<H", bpb, 22)[0] or \
        struct.unpack_from("<I", bpb, 36)[0]
    data = disk.start + reserved + bpb[16] * fatsz
    return ([("boot area", 0, disk.start), ("fs metadata", disk.start, data),
             ("data", data, disk.start + disk.sectors)], bpb[13] * 512)


def by_region(cmds, regions):
    out = collections.OrderedDict(
        (name, {"reads": 0, "sectors": 0}) for name, _, _ in regions)
    for _, lba, n, _ in cmds:
        for name, first, end in regions:
            if lba is not None and first <= lba < end:
                out[name]["reads"] += 1
                out[name]["sectors"] += n
                break
    return out


def loader_image(key, base, out_dir, sc):
    """A copy of the base disk with loader `key` installed and its
    config written (after the kernel and initrd: they do not move)."""
    if key == "qemu":
        return base.path
    path = os.path.join(out_dir, "%s-%s.img" % (sc.key, key))
    subprocess.run(["cp", "--sparse=always", base.path, path], check=True)
    disk = bzimg.Disk(path=path, fat=base.fat, start=base.start,
                      sectors=base.sectors)
    label = [("linux", KERNEL_PATH, INITRD_PATH, APPEND)]
    if key == "bzboot":
        # With its modules, as users install it: native.bzm reads the
        # disk itself where it can (the interface tables).
        bzimg.bzboot_install(artifacts.BZBOOT, path, modules=True)
        bzimg.write_file(path, disk.start, "/bzboot.cfg",
                         bzimg.syslinux_cfg(label, "linux"))
    elif key == "syslinux":
        bzimg.install_syslinux(disk)
        # SYSLINUX talks on COM1 only when told to.
        bzimg.write_file(path, disk.start, "/syslinux.cfg",
                         bzimg.syslinux_cfg(label, "linux",
                                            extra=["SERIAL 0 115200"]))
    elif key in ("grub16", "grub"):
        grubimg.install_grub(path, modules=grub_modules(key))
        bzimg.write_file(path, disk.start, grubimg.CFG_PATH,
                         grubimg.grub_cfg(grubimg.linux_entry(
                             APPEND, kernel=KERNEL_PATH, initrd=INITRD_PATH,
                             loader="linux16" if key == "grub16"
                             else "linux")))
    else:
        raise ValueError(key)
    return path


def grub_modules(key):
    return GRUB_MODULES + ("linux16" if key == "grub16" else "linux",)


# --- sizes --------------------------------------------------------------
def stage1_code_bytes(path, budget=422):
    """As stage1/module.mk counts them: up to the last non-zero byte of
    the first `budget` bytes."""
    with open(path, "rb") as f:
        code = f.read(budget)
    used = 0
    for i, b in enumerate(code):
        if b:
            used = i + 1
    return used


def sizes(images, base):
    """Bytes each loader puts on the disk, with the parts."""
    out = {}
    s1 = stage1_code_bytes(artifacts.STAGE1)
    s2 = os.path.getsize(artifacts.STAGE2)
    out["bzboot"] = {"bytes": s1 + s2, "parts": {
        "stage1 code (build/stage1/mbr.bin)": s1,
        "stage2 (build/stage2.bin)": s2}}
    if "syslinux" in images:
        img = images["syslinux"]
        sys_ = len(bzimg.read_file(img, base.start, "/ldlinux.sys"))
        c32 = len(bzimg.read_file(img, base.start, "/ldlinux.c32"))
        parts = {"mbr.bin code": bzimg.MBR_CODE_BYTES, "VBR": 512,
                 "ldlinux.sys": sys_, "ldlinux.c32": c32}
        out["syslinux"] = {"bytes": sum(parts.values()), "parts": parts}
    for k in ("grub16", "grub"):
        if k in images:
            mods = grub_modules(k)
            parts = {"boot.img code": bzimg.MBR_CODE_BYTES,
                     "core.img (%s)" % " ".join(mods):
                     len(grubimg.mkimage(modules=mods))}
            out[k] = {"bytes": sum(parts.values()), "parts": parts}
    out["qemu"] = {"bytes": None, "parts": {}}
    return out


# --- one boot -----------------------------------------------------------
EXEC_RX = re.compile(r"state (0x[0-9a-f]+); cmd (0x[0-9a-f]+)")
SECTOR_RX = re.compile(r"sector=(\d+) nsectors=(\d+)")
DMA_RX = re.compile(r"sector_num=?\s*(-?\d+).*?n=?\s*(\d+)")


def parse_trace(path, cutoff):
    """Read commands from QEMU's IDE trace up to wall-clock `cutoff`:
    a list of (ATA command, first LBA, sectors, time), and the number of
    read commands after the cut-off."""
    cmds, cur, late = [], None, 0
    for t, ev, rest in interfaces.trace_events(path):
        if ev == "ide_exec_cmd":
            e = EXEC_RX.search(rest)
            cmd = int(e.group(2), 16) if e else -1
            if cmd in ATA_READ:
                if t > cutoff:
                    late += 1
                    cur = None
                    continue
                cur = [cmd, None, 0, t]
                cmds.append(cur)
            else:
                cur = None
        elif cur is not None and ev == "ide_sector_read":
            s = SECTOR_RX.search(rest)
            if s:
                if cur[1] is None:
                    cur[1] = int(s.group(1))
                cur[2] += int(s.group(2))
        elif cur is not None and ev == "ide_dma_cb":
            d = DMA_RX.search(rest)
            if d:
                if cur[1] is None:
                    cur[1] = int(d.group(1))
                cur[2] += int(d.group(2))
    return [tuple(c) for c in cmds], late


def boot_once(key, img, files, initrd, args, tag):
    """Boot once; return a dict of times (s from QEMU's start) and the
    read commands up to "Linux version"."""
    log = os.path.join(OUT, "logs", tag + ".log")
    trace = os.path.join(OUT, "logs", tag + ".trace")
    if os.path.exists(trace):
        os.unlink(trace)
    extra = ["-D", trace, "-msg", "timestamp=on"]
    for ev in TRACE_EVENTS:
        extra += ["-trace", ev]
    if key == "qemu":
        extra += ["-kernel", files.kernel, "-initrd", initrd,
                  "-append", APPEND]
    q = qemu.Qemu(img, log_path=log, memory=args.memory, extra_args=extra)
    wall0 = time.time()
    q.start()
    try:
        q.wait_for(r"[^\x00\s]", args.timeout, fail=FAIL_RX)
        first = q.elapsed()
        q.wait_for(LINUX_RX, args.timeout, fail=FAIL_RX)
        linux = q.elapsed()
        cutoff = time.time()
    finally:
        q.close()
    cmds, late = parse_trace(trace, cutoff)
    if not args.keep_traces:
        os.unlink(trace)
    return {"first_output": first, "linux": linux, "cmds": cmds,
            "late_reads": late, "wall0": wall0}


def read_stats(cmds):
    sizes_ = [c[2] for c in cmds]
    hist = collections.Counter(sizes_)
    st = {
        "reads": len(cmds),
        "sectors": sum(sizes_),
        "avg": (sum(sizes_) / len(cmds)) if cmds else 0.0,
        "max": max(sizes_) if sizes_ else 0,
        "one_sector_reads": hist.get(1, 0),
        "histogram": {str(k): hist[k] for k in sorted(hist)},
        "commands": sorted({ATA_READ[c[0]] for c in cmds}),
    }
    return st


def last_read(r):
    """Seconds from QEMU's start to the last read before the cut-off:
    when the loader was done with the disk."""
    return r["cmds"][-1][3] - r["wall0"] if r["cmds"] else None


def write_reads(path, cmds):
    """The read commands of one boot, one a line: LBA, sectors, command."""
    with open(path, "w") as f:
        f.write("# lba sectors ata-command (QEMU start to \"Linux "
                "version\")\n")
        for cmd, lba, n, _ in cmds:
            f.write("%d %d 0x%02x\n" % (lba if lba is not None else -1, n,
                                         cmd))


# --- report -------------------------------------------------------------
def ratio(a, b):
    if a is None or b in (None, 0):
        return None
    return a / b


def fmt_ratio(r):
    return "n/a" if r is None else "%.2f" % r


def table(res):
    hdr = ("%-14s %6s %8s %9s %4s %5s  %-22s %6s %7s %11s  %12s %11s "
           "%11s" %
           ("loader", "reads", "sectors", "sect/read", "max", "1-sec",
            "time(s) med [min-max]", "out(s)", "disk(s)", "size(bytes)",
            "reads/bzboot", "time/bzboot", "size/bzboot"))
    lines = ["scenario: %s" % res["title"], hdr]
    for r in res["loaders"]:
        if "error" in r:
            lines.append("%-14s FAILED: %s" % (r["name"], r["error"]))
            continue
        t = r["time"]
        lines.append(
            "%-14s %6d %8d %9.1f %4d %5d  %-22s %6s %7s %11s  %12s %11s "
            "%11s" %
            (r["name"], r["reads"], r["sectors"], r["avg"], r["max"],
             r["one_sector_reads"],
             "%.2f [%.2f-%.2f]" % (t["median"], t["min"], t["max"]),
             "%.2f" % r["first_output"]["median"],
             "%.2f" % r["last_read"]["median"]
             if r["last_read"]["median"] is not None else "-",
             "n/a" if r["size"] is None else str(r["size"]),
             fmt_ratio(r["ratios"]["reads"]), fmt_ratio(r["ratios"]["time"]),
             fmt_ratio(r["ratios"]["size"])))
    names = [g["name"] for g in res["regions"]]
    lines += ["", ("%-15s %s" % ("reads [sectors]", "  ".join(
        "%-18s" % n for n in names))).rstrip()]
    for r in res["loaders"]:
        if "error" in r:
            continue
        lines.append(("%-15s %s" % (r["name"], "  ".join(
            "%-18s" % ("%d [%d]" % (r["regions"][n]["reads"],
                                    r["regions"][n]["sectors"]))
            for n in names))).rstrip())
    notes = []
    for r in res["loaders"]:
        if "error" in r:
            continue
        if not r["reads_identical_across_runs"]:
            notes.append("note: %s did not issue the same reads in every "
                         "run (the table shows run 1)" % r["name"])
        if r["late_reads"]:
            notes.append("note: %s: %d read(s) after the cut-off, not "
                         "counted" % (r["name"], r["late_reads"]))
    return "\n".join(lines + notes)


def mib(n):
    return "%.1f MiB" % (n / MIB)


def run_scenario(sc, files, args, tmp):
    out_dir = os.path.join(OUT, "images")
    os.makedirs(out_dir, exist_ok=True)
    initrd = files.initrd if not sc.initrd_mib else \
        big_initrd(files, sc.initrd_mib, out_dir)
    t0 = time.monotonic()
    base, initrd_runs, kernel_runs = build_base(
        sc, files, initrd, out_dir, tmp, args.cluster_sectors)
    regions, cluster = layout(base)
    images = {}
    for key, _ in LOADERS:
        if key in args.loaders:
            images[key] = loader_image(key, base, out_dir, sc)
    build_s = time.monotonic() - t0
    size = sizes(images, base)
    title = "debian kernel %s + initrd %s%s (FAT32, 2048, %d-byte " \
        "clusters)" % (
            mib(os.path.getsize(files.kernel)), mib(os.path.getsize(initrd)),
            ", in %d runs of <= %d KiB" % (initrd_runs, sc.frag_kib)
            if sc.frag_kib else "", cluster)
    print("== %s: images ready in %.0f s; %d run(s) per loader" %
          (sc.key, build_s, args.runs), flush=True)

    per = {key: [] for key in images}
    errors = {}
    # Round robin: slow drifts of the host hit every loader alike.
    for n in range(args.runs):
        for key in images:
            if key in errors:
                continue
            tag = "%s-%s-%d" % (sc.key, key, n + 1)
            try:
                r = boot_once(key, images[key], files, initrd, args, tag)
            except qemu.BootError as e:
                errors[key] = str(e).splitlines()[0]
                print("   %-9s run %d FAILED (%s; log build/bench/logs/"
                      "%s.log)" % (key, n + 1, errors[key], tag), flush=True)
                continue
            per[key].append(r)
            print("   %-9s run %d: %5.2f s, %d reads" %
                  (key, n + 1, r["linux"], len(r["cmds"])), flush=True)

    rows = []
    for key, name in LOADERS:
        if key not in images:
            continue
        if key in errors:
            rows.append({"key": key, "name": name, "error": errors[key]})
            continue
        rs = per[key]
        first = rs[0]
        row = {"key": key, "name": name}
        row.update(read_stats(first["cmds"]))
        row["regions"] = by_region(first["cmds"], regions)
        row["reads_file"] = os.path.relpath(
            os.path.join(OUT, "reads", "%s-%s.txt" % (sc.key, key)), ROOT)
        write_reads(os.path.join(ROOT, row["reads_file"]), first["cmds"])
        # The reads should be the same in every run; say so if not.
        row["reads_identical_across_runs"] = all(
            [c[:3] for c in r["cmds"]] == [c[:3] for c in first["cmds"]]
            for r in rs)
        row["late_reads"] = max(r["late_reads"] for r in rs)
        times = [r["linux"] for r in rs]
        outs = [r["first_output"] for r in rs]
        row["time"] = {"median": statistics.median(times),
                       "min": min(times), "max": max(times), "runs": times}
        row["first_output"] = {"median": statistics.median(outs),
                               "runs": outs}
        lasts = [last_read(r) for r in rs]
        row["last_read"] = {
            "median": statistics.median(lasts) if None not in lasts
            else None, "runs": lasts}
        row["size"] = size[key]["bytes"]
        row["size_parts"] = size[key]["parts"]
        rows.append(row)
    ref = next((r for r in rows if r["key"] == "bzboot" and
                "error" not in r), None)
    for r in rows:
        if "error" in r:
            continue
        r["ratios"] = {
            "reads": ratio(r["reads"], ref["reads"]) if ref else None,
            "sectors": ratio(r["sectors"], ref["sectors"]) if ref else None,
            "time": ratio(r["time"]["median"], ref["time"]["median"])
            if ref else None,
            "size": ratio(r["size"], ref["size"]) if ref else None,
        }
    initrd_bytes = os.path.getsize(initrd)
    if not args.keep_images:
        for path in set(images.values()) | {base.path}:
            os.unlink(path)
        if initrd != files.initrd:
            os.unlink(initrd)
    return {"scenario": sc.key, "title": title,
            "kernel_bytes": os.path.getsize(files.kernel),
            "initrd_bytes": initrd_bytes,
            "initrd_runs": initrd_runs, "kernel_runs": kernel_runs,
            "frag_kib": sc.frag_kib, "disk_mib": sc.disk_mib,
            "cluster_bytes": cluster,
            "regions": [{"name": n, "first_lba": a, "end_lba": b}
                        for n, a, b in regions],
            "loaders": rows}


def qemu_version():
    out = subprocess.run([os.environ.get("BZ_QEMU", "qemu-system-x86_64"),
                          "--version"], stdout=subprocess.PIPE,
                         text=True).stdout
    return out.splitlines()[0] if out else "?"


def check_trace_events():
    """This QEMU must know the IDE trace events (Debian's: log backend)."""
    out = subprocess.run([os.environ.get("BZ_QEMU", "qemu-system-x86_64"),
                          "-trace", "help"], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True).stdout
    known = set(out.split())
    gone = [e for e in TRACE_EVENTS if e not in known]
    if gone:
        sys.exit("bench: this QEMU has no trace event %s (built without "
                 "the log trace backend?)" % ", ".join(gone))


def main():
    global APPEND
    ap = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="Scenarios: small = the test initramfs; big = a --big-mib "
        "MiB initrd (the test initramfs + random bytes) in one run of "
        "clusters; frag = the same in runs of --frag-kib KiB.")
    ap.add_argument("--runs", type=int, default=3,
                    help="boots per loader and scenario (default 3)")
    ap.add_argument("--scenario", action="append",
                    choices=("small", "big", "frag", "huge", "all"),
                    help="repeatable; default: %s (frag is left out to "
                    "keep `make bench` short)" % " ".join(DEFAULT_SCENARIOS))
    ap.add_argument("--quick", action="store_true",
                    help="1 run, small scenario, interface table only, "
                    "the initrd hash checked on bzboot's first boot")
    ap.add_argument("--interface", action="append", dest="interfaces",
                    choices=[k for k, _ in interfaces.INTERFACES] +
                    ["all", "none"],
                    help="disk interfaces of the interface tables "
                    "(repeatable; default all; none: IDE read tables only)")
    ap.add_argument("--hash", choices=("all", "bzboot", "once", "none"),
                    default="all",
                    help="whose boots go on to /init to check the initrd's "
                    "hash in the guest: all loaders (default), bzboot's, "
                    "bzboot's first boot only, none")
    ap.add_argument("--native-off", metavar="LINE",
                    help="the bzboot.cfg line that turns native disk reads "
                    "off (default: found in docs/config.md; none there: "
                    "the bzboot native row is n/a)")
    ap.add_argument("--interfaces-only", action="store_true",
                    help="leave out the IDE read tables (--quick does)")
    ap.add_argument("--huge-mib", type=int, default=512,
                    help="initrd of the huge scenario (default 512)")
    ap.add_argument("--huge-memory", type=int, default=2048,
                    help="guest MiB in the huge scenario (default 2048)")
    ap.add_argument("--loader", action="append", dest="loaders",
                    choices=[k for k, _ in LOADERS],
                    help="repeatable; default: all")
    ap.add_argument("--big-mib", type=int, default=BIG_MIB,
                    help="size of the big initrd (default %d)" % BIG_MIB)
    ap.add_argument("--frag-kib", type=int, default=32,
                    help="largest piece of the fragmented initrd "
                    "(default 32 KiB)")
    ap.add_argument("--cluster-sectors", type=int,
                    help="FAT cluster size in sectors (default: "
                    "mkfs.fat's choice, 1 for these disk sizes)")
    ap.add_argument("--memory", type=int, default=512,
                    help="guest MiB (default 512)")
    ap.add_argument("--timeout", type=float, default=300.0,
                    help="seconds to wait for \"Linux version\"")
    ap.add_argument("--append", default=APPEND,
                    help="kernel command line (default \"%s\")" % APPEND)
    ap.add_argument("--json", default=os.path.join(OUT, "results.json"),
                    help="where to write the results (default "
                    "build/bench/results.json)")
    ap.add_argument("--keep-traces", action="store_true",
                    help="keep build/bench/logs/*.trace")
    ap.add_argument("--keep-images", action="store_true",
                    help="keep build/bench/images/*.img")
    args = ap.parse_args()
    APPEND = args.append
    if args.quick:
        args.runs = 1
        args.scenario = ["small"]
        args.hash = "once"
        args.interfaces_only = True
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    if args.big_mib < 2 or args.frag_kib < 1:
        ap.error("--big-mib must be at least 2 (the test initramfs is "
                 "1 MiB) and --frag-kib at least 1")
    if not args.scenario:
        args.scenario = list(DEFAULT_SCENARIOS)
    elif "all" in args.scenario:
        args.scenario = ["small", "big", "frag", "huge"]
    else:  # in the order of the tables, once each
        args.scenario = [k for k in ("small", "big", "frag", "huge")
                         if k in args.scenario]
    ifs = args.interfaces or ["all"]
    if "none" in ifs:
        args.interfaces = []
    elif "all" in ifs:
        args.interfaces = [k for k, _ in interfaces.INTERFACES]
    else:
        args.interfaces = [k for k, _ in interfaces.INTERFACES if k in ifs]
    args.loaders = args.loaders or [k for k, _ in LOADERS]
    if "bzboot" not in args.loaders:
        args.loaders.insert(0, "bzboot")  # the reference of every ratio

    gone = artifacts.missing_bzboot()
    if gone:
        sys.exit("bench: missing %s: run `make` first" % ", ".join(gone))
    gone = grubimg.missing()
    if gone and ("grub" in args.loaders or "grub16" in args.loaders):
        sys.exit("bench: GRUB for BIOS is missing (%s): run "
                 "scripts/setup.sh" % ", ".join(gone))
    check_trace_events()
    gone = interfaces.check_trace_events(
        os.environ.get("BZ_QEMU", "qemu-system-x86_64"))
    if gone and args.interfaces:
        sys.exit("bench: this QEMU has no trace event %s" % ", ".join(gone))
    tools = ["sfdisk", "mkfs.fat", "mcopy", "mdel", "mshowfat"]
    if "syslinux" in args.loaders:
        tools.append("syslinux")
    path = os.environ.get("PATH", "") + ":/usr/sbin:/sbin"
    gone = [t for t in tools if shutil.which(t, path=path) is None]
    if gone:
        sys.exit("bench: missing %s: run scripts/setup.sh" %
                 ", ".join(gone))

    started = time.monotonic()
    for d in ("logs", "reads"):
        os.makedirs(os.path.join(OUT, d), exist_ok=True)
    files = artifacts.ensure_boot_files(quiet=True)
    all_sc = scenarios(args)
    results = {
        "date": datetime.datetime.now().astimezone().isoformat(
            timespec="seconds"),
        "qemu": qemu_version(),
        "accel": os.environ.get("BZ_QEMU_ACCEL", "tcg"),
        "host_cpus": os.cpu_count(),
        "kernel": files.kernel_version,
        "append": APPEND,
        "memory_mib": args.memory,
        "runs": args.runs,
        "cutoff": "first \"Linux version\" on COM1",
        "scenarios": [],
    }
    tmp = os.path.join(OUT, "tmp")
    tables = []
    ctx = {"out": OUT, "root": ROOT, "files": files, "tmp": tmp,
           "kernel": files.kernel, "append": APPEND,
           "timeout": args.timeout, "keep_traces": args.keep_traces,
           "ide_parse": parse_trace}
    results["interfaces"] = []
    for key in args.scenario:
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        if key != "huge" and not args.interfaces_only:
            res = run_scenario(all_sc[key], files, args, tmp)
            results["scenarios"].append(res)
            tables.append(table(res))
        if key != "frag" and args.interfaces:
            mem = args.huge_memory if key == "huge" else args.memory
            res = interfaces.run(all_sc[key + "-if"], dict(ctx, memory=mem),
                                 args, build_base, loader_image)
            results["interfaces"].append(res)
            tables.append(interfaces.table(res))
        shutil.rmtree(tmp, ignore_errors=True)
        # Keep the JSON current, so an interrupted run keeps what it had.
        results["seconds"] = round(time.monotonic() - started, 1)
        with open(args.json + ".tmp", "w") as f:
            json.dump(results, f, indent=1)
        os.replace(args.json + ".tmp", args.json)

    print()
    print("bzboot benchmarks, %s, %s (%s), %d CPUs, %d run(s); kernel %s; "
          "cmdline \"%s\"" % (results["date"], results["qemu"],
                              results["accel"].upper(), os.cpu_count(),
                              args.runs, files.kernel_version.split()[0],
                              APPEND))
    print(textwrap.fill(
        "reads, sectors: ATA read commands the guest issued and the "
        "sectors they moved, from QEMU's start to \"Linux version\" on "
        "COM1; 1-sec: reads of one sector. time: QEMU start to \"Linux "
        "version\"; out: to the first COM1 output; disk: to the last read "
        "(medians, s). size: bytes the loader puts on the disk. Regions: "
        "boot area = LBAs before the partition (MBR, bzboot's stage2, "
        "GRUB's core.img); fs metadata = the FAT's reserved sectors and "
        "FATs; data = directories and files (ldlinux.sys and .c32 too).",
        78))
    for t in tables:
        print()
        print(t)
    print()
    print("results: %s (%.0f s)" % (os.path.relpath(args.json),
                                   time.monotonic() - started))
    failed = any("error" in r for s in results["scenarios"]
                 for r in s["loaders"])
    failed |= any(r.get("error", "n/a") != "n/a"
                  for s in results["interfaces"] for i in s["interfaces"]
                  for r in i["rows"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
