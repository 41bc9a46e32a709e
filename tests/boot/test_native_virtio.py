# SPDX-License-Identifier: BSD-2-Clause
# Native virtio-blk reads (docs/architecture.md, "Native reads"): the
# kernel and initrd read by stage2's own driver, by INT 13h with NATIVE 0,
# and by INT 13h again after an injected error under the driver.
"""The Debian kernel and the test initramfs from a virtio-blk disk.

Each boot checks what matters in the guest: the kernel came up (a bad
byte in the compressed kernel stops its decompressor) and the initrd is
whole. The initrd is the test initramfs with a second archive appended:
an /init of this test (it replaces the first one's) and 4 MiB of seeded
random bytes, whose SHA-256 that /init prints; a sector of the first
archive read wrongly fails its gzip CRC ("Initramfs unpacking failed").
(Linux 6.1 has no /sys/firmware/initrd to hash the image itself.)
"""

import dataclasses
import hashlib
import os
import random
import re

import pytest

import artifacts
import bzimg

pytestmark = pytest.mark.bzboot

APPEND = "console=ttyS0 bz.test=native"
LOADED = r"(?m)^Booting: "
# Any bzboot: line but the fallback's (which the fault test looks for).
FAIL = r"(?m)^bzboot: (?!virtio-blk: reading)[^\r\n]*\r?\n|Kernel panic"
TIMEOUT = 120.0
# One line per file: "Loading PATH (...) ... ok [PATH]"
LOAD_LINE = re.compile(r"(?m)^Loading (\S+) \(.*?(?: ok( \[[^\]]*\])?)\r?$")


HASH_INIT = """#!/bin/sh
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
echo "BLOB-SHA256:$(sha256sum /etc/blob | cut -d' ' -f1)"
poweroff -f
"""
BLOB = random.Random(14).randbytes(4 << 20)
BLOB_SHA = hashlib.sha256(BLOB).hexdigest()


@pytest.fixture(scope="module")
def files(boot_files):
    """The kernel, and the initrd described above."""
    out = os.path.join(artifacts.IMAGES, "test_native_virtio.initrd")
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    artifacts.make_newc(out + ".cpio", {"init": HASH_INIT, "etc/blob": BLOB},
                        executable=("init",))
    with open(out, "wb") as f:
        for part in (boot_files.initrd, out + ".cpio"):
            # The kernel looks for the next archive at a 4-byte boundary.
            f.write(b"\0" * (-f.tell() % 4))
            with open(part, "rb") as p:
                f.write(p.read())
    return dataclasses.replace(boot_files, initrd=out)


def make_disk(name, bzboot, files, extra=()):
    cfg = bzimg.syslinux_cfg([("linux", "/vmlinuz", "/initrd.img", APPEND)],
                             "linux", extra=extra)
    disk = bzimg.bzboot_disk(os.path.join(artifacts.IMAGES, name), bzboot,
                             files, 32, 2048, cfg)
    bzimg.copy_modules(disk, artifacts.MODULES, names=["native"])
    return disk


@pytest.fixture(scope="module")
def native_disk(bzboot, files):
    return make_disk("test_native_virtio.img", bzboot, files)


@pytest.fixture(scope="module")
def bios_disk(bzboot, files):
    return make_disk("test_native_virtio.off.img", bzboot, files,
                     extra=("NATIVE 0",))


def virtio(img, legacy=True, blkdebug_conf=None):
    """-drive and -device for a virtio-blk boot disk; legacy: the
    legacy-only device (disable-modern), else QEMU's transitional one."""
    base = "file.filename=%s" % img
    if blkdebug_conf:
        base = ("file.driver=blkdebug,file.config=%s,file.image.filename=%s"
                % (blkdebug_conf, img))
    drive = "format=raw,%s,if=none,id=vd0,snapshot=on" % base
    dev = "virtio-blk-pci,drive=vd0,bootindex=1"
    if legacy:
        dev += ",disable-modern=on"
    return {"drive": drive, "extra_args": ["-device", dev]}


def boot(booter, img, tag, **kw):
    q = booter.start(img, tag, **kw)
    q.wait_for(LOADED, TIMEOUT, fail=FAIL)
    sha = q.wait_for(r"BLOB-SHA256:([0-9a-f]{64})", TIMEOUT, fail=FAIL)
    assert "Initramfs unpacking failed" not in q.output
    lines = {m.group(1): m.group(2) or "" for m in LOAD_LINE.finditer(
        q.output)}
    q.close()
    return q, lines, sha.group(1)


def test_native_reads(native_disk, booter):
    """NATIVE on (the default), the legacy-only device: both files read
    by the driver, and the initrd in the guest is the file's."""
    q, lines, sha = boot(booter, native_disk.path, "on",
                         **virtio(native_disk.path))
    assert lines == {"/vmlinuz": " [virtio-blk]",
                     "/initrd.img": " [virtio-blk]"}, q.output
    assert "bzboot: virtio-blk" not in q.output
    assert sha == BLOB_SHA


def test_native_off(bios_disk, booter):
    """NATIVE 0: INT 13h reads everything (no path named on the line)."""
    q, lines, sha = boot(booter, bios_disk.path, "off",
                         **virtio(bios_disk.path))
    assert lines == {"/vmlinuz": "", "/initrd.img": ""}, q.output
    assert sha == BLOB_SHA


def test_native_error_falls_back(native_disk, booter, image_path):
    """An EIO under the driver half way through the initrd: one line
    names the failed read, INT 13h reads the rest (the BIOS's queue was
    given back in order), and the initrd is still whole. QEMU's default
    (transitional) device, which SeaBIOS drives through its modern
    interface: the kernel's native read shows bzboot works there too."""
    fat = bzimg.Fat32(native_disk)
    chain = fat.clusters("/initrd.img")
    bad = fat.lba(chain[len(chain) // 2])
    conf = os.path.splitext(image_path("blkdebug"))[0] + ".conf"
    with open(conf, "w") as f:
        f.write('[inject-error]\nevent = "read_aio"\nerrno = "5"\n'
                'sector = "%d"\nonce = "on"\n' % bad)
    q, lines, sha = boot(booter, native_disk.path, "eio",
                         **virtio(native_disk.path, legacy=False,
                                  blkdebug_conf=conf))
    assert re.search(r"(?m)^bzboot: virtio-blk: reading LBA \d+ failed "
                     r"\(status 1\); INT 13h reads the rest\.", q.output), \
        q.output
    assert lines == {"/vmlinuz": " [virtio-blk]"}, q.output
    # The line the fallback interrupted ends after it, naming both paths.
    assert re.search(r"(?m)^Loading /initrd\.img \(.*\r?\nbzboot: virtio-blk"
                     r"[^\n]*\n(?: \d+%)* ok \[virtio-blk, then INT 13h\]\r?$",
                     q.output), q.output
    assert sha == BLOB_SHA
