# SPDX-License-Identifier: BSD-2-Clause
# The bench's initrds: the test initramfs, then a second archive whose
# /init prints the SHA-256 of its seeded random payload, which fills the
# initrd up to the scenario's size.
"""Initrds for bench/run.py whose contents the guest checks.

Layout: the test initramfs (gzip'd), zeros to a 512-byte boundary, then an
uncompressed newc archive with /init and /bench/payload, seeded random
bytes that fill the initrd up to the scenario's size. The kernel unpacks
both archives (the later /init wins); /init prints the SHA-256 of
/bench/payload on COM1 as `BENCH-SHA256:<hex>` and powers off, and the
bench compares it with the payload's hash taken when the file was made.
The payload is all but the first MiB of a big initrd; the rest is
checked by the unpacking itself (gzip's CRC-32, the archive headers):
a loader that got one byte wrong fails the run.

(Linux 6.1 has no /sys/firmware/initrd to hash the initrd itself.)
"""

import hashlib
import os
import random

MIB = 1024 * 1024
HASH_RX = r"BENCH-SHA256:([^\r\n]*)[\r\n]"
# The small scenario's payload: the hash still covers some data.
MIN_PAYLOAD = 256 * 1024
PAYLOAD = b"bench/payload"

# Replaces the test initramfs's /init (a later archive's file wins).
INIT = b"""#!/bin/sh
# bench /init (bench/initrd.py): hash the payload as the loader left it.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo 1 >/proc/sys/kernel/printk
[ -t 1 ] || exec </dev/console >/dev/console 2>&1
if [ -r /bench/payload ]; then
	set -- $(sha256sum /bench/payload)
	echo "BENCH-SHA256:$1"
else
	echo "BENCH-SHA256:missing /bench/payload (archive not unpacked)"
fi
poweroff -f
"""


def _newc_header(ino, mode, size, name):
    """One newc header and its name, padded to 4 bytes (no root, fixed
    times and owners, as mkinitramfs.sh makes its archive)."""
    fields = (ino, mode, 0, 0, 1, 0, size, 0, 0, 0, 0, len(name) + 1, 0)
    head = b"070701" + b"".join(b"%08X" % v for v in fields) + name + b"\0"
    return head + bytes(-len(head) % 4)


def make(files, mib, out_dir):
    """Write the bench initrd of about `mib` MiB (0: a small one) under
    `out_dir`; return (path, SHA-256 hex of its payload). Reused while
    its size matches (the payload is seeded)."""
    with open(files.initrd, "rb") as f:
        head = f.read()
    head += bytes(-len(head) % 512)
    entries = [(b"init", 0o100755, INIT), (b"bench", 0o40755, b"")]
    arch = b""
    for ino, (name, mode, data) in enumerate(entries, 721):
        arch += _newc_header(ino, mode, len(data), name) + data
        arch += bytes(-len(arch) % 4)
    trailer = _newc_header(0, 0, 0, b"TRAILER!!!")
    fixed = len(head) + len(arch) + len(trailer) + \
        len(_newc_header(0, 0, 0, PAYLOAD))
    payload = max(mib * MIB - fixed, MIN_PAYLOAD) // 4 * 4
    path = os.path.join(out_dir, "initrd-bench-%dm.img" % mib)
    stamp = path + ".sha256"
    size = fixed + payload
    if os.path.exists(stamp) and os.path.exists(path) and \
            os.path.getsize(path) == size:
        with open(stamp) as f:
            return path, f.read().strip()
    h = hashlib.sha256()
    with open(path + ".tmp", "wb") as f:
        f.write(head + arch)
        f.write(_newc_header(730, 0o100644, payload, PAYLOAD))
        rng = random.Random(0x627A626F6F74)
        left = payload
        while left:
            block = rng.randbytes(min(left, 16 * MIB))
            h.update(block)
            f.write(block)
            left -= len(block)
        f.write(trailer)
    os.replace(path + ".tmp", path)
    with open(stamp, "w") as f:
        f.write(h.hexdigest() + "\n")
    return path, h.hexdigest()
