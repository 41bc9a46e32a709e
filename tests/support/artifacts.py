# SPDX-License-Identifier: BSD-2-Clause
# Where the boot tests find things: the repository, build/, the cached
# Debian kernel and test initramfs (made on first use), and bzboot's files.
"""Paths and cached inputs shared by tests/boot and tests/support/demo.py."""

import contextlib
import fcntl
import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass

SUPPORT = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(SUPPORT))
BUILD = os.environ.get("BZ_BUILD", os.path.join(ROOT, "build"))
CACHE = os.path.join(BUILD, "cache")
LOGS = os.path.join(BUILD, "test-logs")
IMAGES = os.path.join(BUILD, "test-images")

BZBOOT = os.path.join(BUILD, "bzboot")
STAGE2 = os.path.join(BUILD, "stage2.bin")
# stage2 modules (stage2/modules.mk): copy_modules puts them on a disk
MODULES = os.path.join(BUILD, "modules")
STAGE1 = os.path.join(BUILD, "stage1", "mbr.bin")


@dataclass(frozen=True)
class BootFiles:
    kernel: str           # the bzImage
    initrd: str           # gzip'd newc cpio from mkinitramfs.sh
    kernel_version: str   # "<release> <package> <debian version>"


@contextlib.contextmanager
def locked(path):
    """Hold an exclusive lock on the file `path` (made if missing) for the
    block. Whoever makes a shared file (the initramfs in the cache, which
    every worktree's build/cache links to; a probe built by make) does it
    under a lock: boot tests run in two pytest-xdist workers, each its own
    session, and two writers of one file corrupt it."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ensure_boot_files(cache=CACHE, quiet=False):
    """Fetch the kernel (cached) and build the initramfs when it is missing
    or was made by another mkinitramfs.sh than this one (a stamp beside it
    holds the script's digest: a file time would rebuild it once per fresh
    checkout). Return BootFiles."""
    os.makedirs(cache, exist_ok=True)
    with locked(os.path.join(cache, "boot-files.lock")):
        out = subprocess.run(
            ["bash", os.path.join(SUPPORT, "fetch-kernel.sh"), cache],
            check=True, stdout=subprocess.PIPE, text=True).stdout
        if not quiet:
            print(out.strip())
        initrd = os.path.join(cache, "initrd.img")
        stamp = initrd + ".script"
        script = os.path.join(SUPPORT, "mkinitramfs.sh")
        want = _digest(script)
        have = None
        if os.path.exists(initrd) and os.path.exists(stamp):
            with open(stamp) as f:
                have = f.read().strip()
        if have != want:
            out = subprocess.run(["bash", script, initrd], check=True,
                                 stdout=subprocess.PIPE, text=True).stdout
            if not quiet:
                print(out.strip())
            with open(stamp + ".tmp", "w") as f:
                f.write(want + "\n")
            os.replace(stamp + ".tmp", stamp)
    with open(os.path.join(cache, "kernel-version")) as f:
        version = f.readline().strip()
    return BootFiles(kernel=os.path.join(cache, "vmlinuz"), initrd=initrd,
                     kernel_version=version)


def make_newc(out, files, executable=()):
    """Write `out`, an uncompressed newc cpio archive holding `files`
    ({"etc/name": bytes or str}; parent directories are added; the names
    in `executable` get mode 0755, other files 0644), made the
    way mkinitramfs.sh makes its archive: no root, fixed times, owners and
    inode numbers, sorted names. Return the archive's size in bytes."""
    with tempfile.TemporaryDirectory() as stage:
        for name, data in files.items():
            path = os.path.join(stage, name.strip("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data.encode() if isinstance(data, str) else data)
        names = []
        for top, dirs, fnames in os.walk(stage):
            for n in dirs + fnames:
                path = os.path.join(top, n)
                rel = os.path.relpath(path, stage)
                os.chmod(path, 0o755 if n in dirs or rel in executable
                         else 0o644)
                os.utime(path, (0, 0))
                names.append(rel)
        listing = "".join("%s\n" % n for n in sorted(names)).encode()
        archive = subprocess.run(
            ["cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0",
             "--reproducible"], cwd=stage, input=listing, check=True,
            stdout=subprocess.PIPE).stdout
    with open(out + ".tmp", "wb") as f:
        f.write(archive)
    os.replace(out + ".tmp", out)
    return len(archive)


def padded_initrd(initrd, size, out):
    """Write `out`: the archive `initrd` followed by zero bytes, `size`
    bytes in all; return `out`. The kernel skips zeros between and after
    archives, so it boots as `initrd` does while the loader has to find
    room for all of it (a big initrd without a big archive to build)."""
    with open(initrd, "rb") as f:
        head = f.read()
    if len(head) > size:
        raise ValueError("%s is %d bytes, over %d" % (initrd, len(head),
                                                       size))
    with open(out + ".tmp", "wb") as f:
        f.write(head)
        f.truncate(size)
    os.replace(out + ".tmp", out)
    return out


def missing_bzboot():
    """The bzboot build outputs that are not there (empty list: all are)."""
    return [p for p in (BZBOOT, STAGE2) if not os.path.exists(p)]


def skip_unless_bzboot():
    """In a pytest test or fixture: skip it when bzboot is not built (a
    missing build is not a failure of these tests); else return the path
    of build/bzboot."""
    missing = missing_bzboot()
    if missing:
        import pytest  # only the tests have it; demo.py uses this module
        pytest.skip("bzboot not built: missing %s (run `make`)" %
                    ", ".join(os.path.relpath(p, ROOT) for p in missing))
    return BZBOOT


def expected_cmdline(kernel, append, initrd=None):
    """/proc/cmdline for a label `LINUX kernel / INITRD initrd / APPEND
    append`, as SYSLINUX 6.04 builds it (measured, test_syslinux_ref.py):
    BOOT_IMAGE=<kernel path as written>, then APPEND, then initrd=<INITRD>
    last. bzboot is held to the same string."""
    parts = ["BOOT_IMAGE=%s" % kernel]
    if append:
        parts.append(append)
    if initrd:
        parts.append("initrd=%s" % initrd)
    return " ".join(parts)
