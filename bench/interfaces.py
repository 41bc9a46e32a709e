# SPDX-License-Identifier: BSD-2-Clause
# bench/run.py's disk interfaces: the same disk behind IDE, AHCI,
# virtio-blk and usb-storage (EHCI, xHCI), booted through the BIOS by each
# loader, against QEMU's -kernel floor; the initrd checked in the guest.
"""Time to the kernel's real-mode setup line per disk interface.

Per interface and loader: seconds from QEMU's start to "Probing EDD"
(printed by the kernel's 16-bit setup code, right after the loader
jumped to it: the end of loading), the load phase (that minus the direct
-kernel boot's on the same interface: the BIOS's own start-up is in
both), ratios to bzboot, the reads the guest issued and the bytes each
moved (QEMU trace events of the interface), and whether the payload's
SHA-256 printed by the guest's /init matched (bench/initrd.py).
"""

import collections
import os
import re
import shutil
import statistics
import subprocess
import time

import bzimg
import initrd as bench_initrd
import qemu

MIB = 1024 * 1024
SETUP_RX = r"Probing EDD"
FAIL_RX = (r"Kernel panic|error: |Could not find kernel|Boot failed|"
           r"Loading .* failed|bzboot: .*(?:error|not found|failed)|"
           r"No bootable device")

INTERFACES = (
    # key, name in the tables
    ("ide", "IDE (PIIX)"),
    ("ahci", "AHCI (q35)"),
    ("virtio", "virtio-blk"),
    ("ehci", "USB EHCI"),
    ("xhci", "USB xHCI"),
)

# Rows per interface: key, name. bzboot-native is there only when the
# tree has a directive to turn native reads off (native_off()).
ROWS = (
    ("bzboot-native", "bzboot native"),
    ("bzboot", "bzboot INT 13h"),
    ("syslinux", "syslinux 6.04"),
    ("grub16", "grub linux16"),
    ("qemu", "qemu -kernel"),
)

IDE_EVENTS = ("ide_exec_cmd", "ide_sector_read", "ide_dma_cb")
EVENTS = {
    "ide": IDE_EVENTS,
    "ahci": IDE_EVENTS,  # AHCI runs its ATA commands through QEMU's IDE core
    "virtio": ("virtio_blk_handle_read",),
    "ehci": ("scsi_req_parsed",),
    "xhci": ("scsi_req_parsed",),
}
SCSI_READS = {0x08, 0x28, 0xA8, 0x88}  # READ(6/10/12/16)


def native_off(root):
    """The config line that turns bzboot's native disk reads off, found in
    docs/config.md's directive tables (a directive named *NATIVE*), or
    None while the tree has none (every read then goes through INT 13h
    and the native row says n/a)."""
    try:
        with open(os.path.join(root, "docs", "config.md")) as f:
            text = f.read()
    except OSError:
        return None
    m = re.search(r"^\| `([A-Z_]*NATIVE[A-Z_]*) ([^`]*)`", text, re.M)
    if not m:
        return None
    word, args = m.group(1), m.group(2)
    value = "off" if "off" in args else "0"
    return "%s %s" % (word, value)


def qemu_setup(iface, img, direct=False):
    """(machine, -drive argument, extra arguments) putting `img` behind
    `iface` as the disk the BIOS boots (`direct`: -kernel boots, whose
    option ROM takes boot index 0 itself, so the disk gets none)."""
    boot = "" if direct else ",bootindex=0"
    snap = "file=%s,format=raw,snapshot=on" % img
    if iface == "ide":
        return None, None, []
    if iface == "ahci":
        # q35's if=ide disks hang on the ICH9 AHCI (ide.0 = port 0).
        return "q35", snap + ",if=ide,index=0,media=disk", []
    bd = snap + ",if=none,id=bd"
    dev = {"virtio": ["virtio-blk-pci,drive=bd" + boot],
           "ehci": ["usb-ehci,id=hc", "usb-storage,bus=hc.0,drive=bd" + boot],
           "xhci": ["qemu-xhci,id=hc",
                    "usb-storage,bus=hc.0,drive=bd" + boot]}[iface]
    extra = []
    for d in dev:
        extra += ["-device", d]
    return None, bd, extra


TRACE_LINE = re.compile(r"^(\d+)@(\d+)\.(\d+):(\w+) (.*)$")
VIRTIO_RX = re.compile(r"sector (\d+) nsectors (\d+)")
SCSI_RX = re.compile(r"tag \d+ command (\d+) dir -?\d+ length (\d+)")


def trace_events(path):
    """(wall-clock time, event, its arguments) of each event line of a
    QEMU trace written by the log backend (-D FILE -msg timestamp=on)."""
    with open(path, errors="replace") as f:
        for line in f:
            m = TRACE_LINE.match(line)
            if m:
                yield (int(m.group(2)) + int(m.group(3)) / 1e6, m.group(4),
                       m.group(5))


def parse_reads(iface, path, cutoff, ide_parse):
    """[(first LBA or None, bytes, time)] of the reads before wall-clock
    `cutoff`, and how many came after it."""
    if iface in ("ide", "ahci"):
        cmds, late = ide_parse(path, cutoff)
        return [(c[1], c[2] * 512, c[3]) for c in cmds], late
    out, late = [], 0
    for t, ev, rest in trace_events(path):
        if ev == "virtio_blk_handle_read":
            v = VIRTIO_RX.search(rest)
            read = v and (int(v.group(1)), int(v.group(2)) * 512)
        elif ev == "scsi_req_parsed":
            s = SCSI_RX.search(rest)
            read = s and int(s.group(1)) in SCSI_READS and \
                (None, int(s.group(2)))
        else:
            read = None
        if not read:
            continue
        if t > cutoff:
            late += 1
        else:
            out.append(read + (t,))
    return out, late


def boot_once(iface, key, img, ctx, tag, check_hash):
    """One boot; {"setup": s, "reads": [...], "hash": hex or None}."""
    out = ctx["out"]
    log = os.path.join(out, "logs", tag + ".log")
    trace = os.path.join(out, "logs", tag + ".trace")
    if os.path.exists(trace):
        os.unlink(trace)
    machine, drive, extra = qemu_setup(iface, img, direct=key == "qemu")
    extra += ["-D", trace, "-msg", "timestamp=on"]
    for ev in EVENTS[iface]:
        extra += ["-trace", ev]
    if key == "qemu":
        extra += ["-kernel", ctx["kernel"], "-initrd", ctx["initrd"],
                  "-append", ctx["append"]]
    q = qemu.Qemu(img, log_path=log, memory=ctx["memory"], machine=machine,
                  drive=drive, extra_args=extra)
    q.start()
    got = None
    try:
        q.wait_for(SETUP_RX, ctx["timeout"], fail=FAIL_RX)
        setup = q.elapsed()
        cutoff = time.time()
        if check_hash:
            got = q.wait_for(bench_initrd.HASH_RX, ctx["timeout"],
                             fail=FAIL_RX).group(1)
    finally:
        q.close()
    reads, late = parse_reads(iface, trace, cutoff, ctx["ide_parse"])
    if not ctx["keep_traces"]:
        os.unlink(trace)
    return {"setup": setup, "reads": reads, "late_reads": late,
            "hash": got}


def read_summary(reads):
    sizes = [b for _, b, _ in reads]
    hist = collections.Counter(sizes)
    return {"reads": len(sizes), "bytes": sum(sizes),
            "avg_bytes": sum(sizes) / len(sizes) if sizes else 0,
            "max_bytes": max(sizes) if sizes else 0,
            "common_bytes": hist.most_common(1)[0][0] if sizes else 0,
            "histogram": {str(k): hist[k] for k in sorted(hist)}}


def images_for(base, rows, sc, out_dir, loader_image, native_line):
    """{row key: image} for one scenario: the loaders' copies of `base`
    (run.loader_image), bzboot's twice when native reads can be turned
    off (INT 13h: the directive added)."""
    imgs = {}
    for key, _ in ROWS:
        if key not in rows:
            continue
        if key == "bzboot-native":
            continue
        imgs[key] = loader_image(key, base, out_dir, sc)
    if "bzboot-native" in rows:
        imgs["bzboot-native"] = imgs["bzboot"]
        path = os.path.join(out_dir, "%s-bzboot13.img" % sc.key)
        shutil.copyfile(imgs["bzboot"], path)
        cfg = bzimg.read_file(path, base.start, "/bzboot.cfg").decode()
        bzimg.write_file(path, base.start, "/bzboot.cfg",
                         native_line + "\n" + cfg)
        imgs["bzboot"] = path
    return imgs


def must_hash(how, key, iface, n, first_iface):
    """Does this boot go on to /init to check the payload's hash? --hash
    once: bzboot INT 13h's first boot on the first interface, and bzboot
    native's first boot on every interface (each driver's reads)."""
    if key == "qemu" or how == "none":
        return False
    if how == "all":
        return True
    if how == "bzboot":
        return key.startswith("bzboot")
    return n == 0 and (key == "bzboot-native" or
                       (key == "bzboot" and iface == first_iface))


def run(sc, ctx, args, build_base, loader_image):
    """The interface table of scenario `sc` (run.Scenario): build the
    images, boot every row on every interface args.runs times, round
    robin; return the results dict."""
    out_dir = os.path.join(ctx["out"], "images")
    os.makedirs(out_dir, exist_ok=True)
    path, want = bench_initrd.make(ctx["files"], sc.initrd_mib, out_dir)
    ctx = dict(ctx, initrd=path)
    t0 = time.monotonic()
    base, _, _ = build_base(sc, ctx["files"], path, out_dir, ctx["tmp"])
    native_line = args.native_off or native_off(ctx["root"])
    rows = [k for k, _ in ROWS if (k in args.loaders or k == "qemu" or
                                   (k == "bzboot-native" and native_line))]
    imgs = images_for(base, rows, sc, out_dir, loader_image, native_line)
    imgs["qemu"] = base.path
    print("== %s on %s: images ready in %.0f s; %d run(s); hash checked "
          "%s" % (sc.key, ", ".join(args.interfaces),
                  time.monotonic() - t0, args.runs, args.hash), flush=True)
    per = collections.defaultdict(list)
    errors = {}
    for n in range(args.runs):
        for iface in args.interfaces:
            for key in rows:
                if (iface, key) in errors:
                    continue
                tag = "%s-%s-%s-%d" % (sc.key, iface, key, n + 1)
                check = must_hash(args.hash, key, iface, n,
                                  args.interfaces[0])
                try:
                    r = boot_once(iface, key, imgs[key], ctx, tag, check)
                except qemu.BootError as e:
                    errors[(iface, key)] = str(e).splitlines()[0]
                    print("   %-6s %-13s run %d FAILED (log build/bench/"
                          "logs/%s.log)" % (iface, key, n + 1, tag),
                          flush=True)
                    continue
                if check and r["hash"] != want:
                    errors[(iface, key)] = "initrd hash mismatch: %s" % \
                        r["hash"]
                r["hash_ok"] = None if not check else r["hash"] == want
                per[(iface, key)].append(r)
                print("   %-6s %-13s run %d: %6.2f s to setup, %d reads%s" %
                      (iface, key, n + 1, r["setup"], len(r["reads"]),
                       "" if not check else ", hash ok" if r["hash_ok"]
                       else ", HASH WRONG"), flush=True)
    res = {"scenario": sc.key, "initrd_bytes": os.path.getsize(path),
           "payload_sha256": want, "memory_mib": ctx["memory"],
           "native_off": native_line, "hash_checked": args.hash,
           "interfaces": []}
    for iface in args.interfaces:
        res["interfaces"].append(summarise(iface, rows, per, errors))
    if not args.keep_images:
        for p in set(imgs.values()):
            os.unlink(p)
    return res


def summarise(iface, rows, per, errors):
    out = {"interface": iface, "rows": []}
    floor = None
    rs = per.get((iface, "qemu"))
    if rs:
        floor = statistics.median(r["setup"] for r in rs)
    for key, name in ROWS:
        row = {"key": key, "name": name}
        if key not in rows:
            row["error"] = "n/a"
        elif (iface, key) in errors:
            row["error"] = errors[(iface, key)]
        if "error" in row and not per.get((iface, key)):
            out["rows"].append(row)
            continue
        rs = per[(iface, key)]
        times = [r["setup"] for r in rs]
        row["setup"] = {"median": statistics.median(times),
                        "min": min(times), "max": max(times), "runs": times}
        row["load"] = None if floor is None else \
            row["setup"]["median"] - floor
        row.update(read_summary(rs[0]["reads"]))
        row["late_reads"] = max(r["late_reads"] for r in rs)
        row["hash_ok"] = [r["hash_ok"] for r in rs]
        out["rows"].append(row)
    ref = next((r for r in out["rows"] if r["key"] == "bzboot" and
                "setup" in r), None)
    for r in out["rows"]:
        if "setup" in r and ref:
            r["ratio_setup"] = r["setup"]["median"] / ref["setup"]["median"]
            r["ratio_load"] = (r["load"] / ref["load"]) if (
                r["load"] is not None and ref["load"] and
                ref["load"] > 0) else None
    return out


def _kib(n):
    return "%.1f" % (n / 1024.0)


def table(res):
    names = dict(INTERFACES)
    lines = ["interfaces: initrd %.1f MiB, -m %d; time to \"%s\" (s, "
             "median), load = that - qemu -kernel's on the same "
             "interface; ratios to bzboot INT 13h" % (
                 res["initrd_bytes"] / MIB, res["memory_mib"], SETUP_RX)]
    hdr = "%-11s %-15s %7s %7s %6s %6s %6s %9s %8s %8s  %s" % (
        "interface", "loader", "setup", "load", "setup/", "load/",
        "reads", "MiB read", "KiB/read", "KiB max", "initrd hash")
    lines.append(hdr)
    for it in res["interfaces"]:
        for r in it["rows"]:
            head = "%-11s %-15s" % (names[it["interface"]], r["name"])
            if "setup" not in r:
                lines.append("%s %s" % (head, "n/a" if r["error"] == "n/a"
                                        else "FAILED: " + r["error"]))
                continue
            hashes = r["hash_ok"]
            h = "not checked" if hashes[0] is None else \
                "ok" if all(hashes) else "WRONG"
            lines.append(
                "%s %7.2f %7s %6s %6s %6d %9.1f %8s %8s  %s" % (
                    head, r["setup"]["median"],
                    "-" if r["load"] is None else "%.2f" % r["load"],
                    _ratio(r.get("ratio_setup")), _ratio(r.get("ratio_load")),
                    r["reads"], r["bytes"] / MIB, _kib(r["avg_bytes"]),
                    _kib(r["max_bytes"]), h))
            if r.get("error") and r["error"] != "n/a":
                lines[-1] += " (%s)" % r["error"]
        target = native_vs_syslinux(it["rows"])
        if target is not None:
            lines.append("%-11s bzboot native's load / SYSLINUX's: %.2f" %
                         ("", target))
    if not res["native_off"]:
        lines.append("bzboot native: n/a (docs/config.md names no directive "
                     "to turn native reads off: every read is INT 13h)")
    return "\n".join(lines)


def native_vs_syslinux(rows):
    """bzboot native's load phase over SYSLINUX's (issue 14's targets:
    at most 0.1 on IDE, 0.3 on AHCI and virtio-blk), or None."""
    load = {r["key"]: r.get("load") for r in rows}
    n, s = load.get("bzboot-native"), load.get("syslinux")
    return n / s if n is not None and s else None


def _ratio(x):
    return "n/a" if x is None else "%.2f" % x


def check_trace_events(qemu_bin):
    out = subprocess.run([qemu_bin, "-trace", "help"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True).stdout
    known = set(out.split())
    return sorted({e for evs in EVENTS.values() for e in evs} - known)
