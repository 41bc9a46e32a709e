#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
# `make demo`: build build/demo.img (FAT32, Debian kernel, test initramfs,
# bzboot.cfg with a prompt and two labels), install bzboot, boot it in QEMU.
"""Boot bzboot in QEMU on the serial console.

On a terminal, QEMU runs attached to it (-serial mon:stdio, no display):
type at the boot: prompt; Ctrl-A X quits QEMU. Without a terminal (CI, a
pipe), the default label boots and the demo ends at the test marker,
printing the last lines of the console.
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import artifacts  # noqa: E402
import bootreport  # noqa: E402
import bzimg  # noqa: E402
import qemu  # noqa: E402

LABELS = [
    ("linux", "/vmlinuz", "/initrd.img", "console=ttyS0 bz.demo=1"),
    ("shell", "/vmlinuz", "/initrd.img", "console=ttyS0 bz.demo=1 bz.shell=1"),
]


def build_image(path, loader, fat, files):
    if loader == "syslinux":
        # SYSLINUX talks on COM1 only when told to.
        cfg = bzimg.syslinux_cfg(LABELS, "linux", prompt=1, timeout=30,
                                 extra=["SERIAL 0 115200"])
        return bzimg.syslinux_disk(path, files, fat, 2048, cfg)
    cfg = bzimg.syslinux_cfg(LABELS, "linux", prompt=1, timeout=30)
    return bzimg.bzboot_disk(path, artifacts.BZBOOT, files, fat, 2048, cfg)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--img", default=os.path.join(artifacts.BUILD,
                                                  "demo.img"))
    ap.add_argument("--fat", type=int, choices=(16, 32), default=32)
    ap.add_argument("--loader", choices=("bzboot", "syslinux"),
                    default="bzboot",
                    help="boot loader to install (syslinux: the reference)")
    ap.add_argument("--machine", help='e.g. "q35,i8042=off"')
    ap.add_argument("--timeout", type=float, default=180.0,
                    help="seconds to the marker when not interactive")
    args = ap.parse_args()

    if args.loader == "bzboot" and artifacts.missing_bzboot():
        print("demo: missing %s: run `make` first" %
              ", ".join(artifacts.missing_bzboot()), file=sys.stderr)
        return 1

    files = artifacts.ensure_boot_files()
    disk = build_image(args.img, args.loader, args.fat, files)
    print("demo: %s (FAT%d, %s, kernel %s)" % (
        disk.path, args.fat, args.loader, files.kernel_version))

    if sys.stdin.isatty() and sys.stdout.isatty():
        print("demo: labels 'linux' (default, 3 s) and 'shell'; "
              "Ctrl-A X quits QEMU")
        argv = qemu.Qemu(disk.path, machine=args.machine).argv()
        # COM1 and the monitor on this terminal. Not -nographic: it makes
        # SeaBIOS copy INT 10h text to COM1 too, so every line the loader
        # prints on both screen and serial would show twice.
        i = argv.index("-serial")
        del argv[i:i + 2]
        i = argv.index("-monitor")
        del argv[i:i + 2]
        argv += ["-serial", "mon:stdio"]
        return subprocess.call(argv)

    log = os.path.join(artifacts.LOGS, "demo.log")
    with qemu.Qemu(disk.path, log_path=log, machine=args.machine) as q:
        try:
            q.wait_for(bootreport.MARKER, args.timeout)
            secs = q.elapsed()
            q.wait_exit(60)
        except qemu.BootError as e:
            print(e, file=sys.stderr)
            return 1
        lines = [ln for ln in q.output.replace("\r", "").split("\n")
                 if not ln.startswith("BP:")]
    print("\n".join(lines[-25:]))
    print("demo: booted to the marker in %.1f s (log: %s)" % (secs, log))
    return 0


if __name__ == "__main__":
    sys.exit(main())
