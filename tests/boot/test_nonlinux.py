# SPDX-License-Identifier: BSD-2-Clause
# Payloads that are not Linux but speak its boot protocol, as real SYSLINUX
# configs boot them, under bzboot and SYSLINUX 6.04 on the same disk:
# Debian 12's memtest86+ 6.10 and iPXE (ipxe.lkrn).
"""Payloads that are not Linux: memtest86+ and iPXE's .lkrn.

Debian 12's package ships memtest86+x64.bin and ia32.bin (and .efi files):
every one of them carries a Linux setup header (protocol 2.12, a bzImage
at 1 MiB, not relocatable), and each .bin starts with a floppy boot
sector too. Real configs (ANALYSIS.md in the reference configs) boot it as
`LINUX /boot/memtest.bin`, `KERNEL memtest` with `APPEND -`, `LINUX
boot/memtest` with a console= option; `KERNEL x.bin` makes SYSLINUX run
the file's first sector as a boot sector instead.

Debian's ipxe.lkrn is a protocol 2.07 bzImage whose code32_start is 0 and
which is not relocatable (iPXE's lkrnprefix.S): loaded at 1 MiB with that
field left alone, as SYSLINUX and GRUB do (bzboot refused it before).
Configs name it `KERNEL ipxe.lkn` (clonezilla).

memtest86+ measures the caches' and the memory's speed before it draws
its screen; under TCG that takes 10-30 s with 512 MiB, well under a
second with 32 MiB, so these boots get 32 MiB.
"""

import os
import re
import time

import pytest

import payloads
import probes
from test_config_compat import PROMPT, PROMPT_TIMEOUT, dual_disk, \
    module_files

MEMORY_MIB = 32
SCREEN_TIMEOUT = 30.0
TITLE = "Memtest86+ v6.10"
# bzboot's one-line errors and SYSLINUX's: the boot did not happen.
FAIL = (r"(?m)^bzboot: [^\n]*\n|Could not find kernel image|"
        r"Invalid or corrupt kernel image|Kernel load failed|Boot failed")

CFG = """\
SERIAL 0 115200
PROMPT 1
TIMEOUT 0

# void, nixos, sysrescue: LINUX forces the type on a .bin name; memtest86+
# 6 talks on COM1 when the command line asks.
LABEL linux-bin
  LINUX /boot/memtest86+x64.bin
  APPEND console=ttyS0,115200

# A name without an extension is a kernel (clonezilla and live-build:
# /live/memtest); "APPEND -" gives it no options.
LABEL kernel-noext
  KERNEL memtest
  APPEND -

# KERNEL with .bin: the extension makes it a boot sector.
LABEL kernel-bin
  KERNEL /boot/memtest86+x64.bin

# clonezilla: iPXE's .lkrn under another extension, a kernel.
LABEL ipxe
  KERNEL ipxe.lkn
"""

LOADERS = [pytest.param("bzboot", marks=pytest.mark.bzboot),
           pytest.param("syslinux", marks=pytest.mark.syslinux)]


def memtest_file(name):
    with open(os.path.join(payloads.ensure_memtest(), name), "rb") as f:
        return f.read()


def ipxe_lkrn():
    with open(os.path.join(payloads.ensure_ipxe(), "ipxe.lkrn"), "rb") as f:
        return f.read()


@pytest.fixture(scope="module")
def disk():
    """One disk for every form: both memtest86+ builds in /boot, the
    32-bit one again as /memtest (no extension), ipxe.lkrn as /ipxe.lkn,
    the config above, and bzboot's chain module (boot-sector files are its
    work)."""
    files = module_files([], ["chain"])
    files["/syslinux.cfg"] = CFG
    files["/memtest"] = memtest_file("memtest86+ia32.bin")
    files["/ipxe.lkn"] = ipxe_lkrn()
    for name in ("memtest86+x64.bin", "memtest86+ia32.bin"):
        files["/boot/" + name] = memtest_file(name)
    return dual_disk("test_nonlinux", None, files, kernel=None, fat=16,
                     size_mib=16)


def boot_label(booter, disk, loader, label):
    """Start `loader` from the disk and type `label` at its prompt."""
    img = disk.bzboot if loader == "bzboot" else disk.syslinux
    q = booter.start(img, loader, memory=MEMORY_MIB, qmp=True)
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send(label + "\r")
    return q


def wait_screen(q, want, timeout=SCREEN_TIMEOUT):
    """Poll the VGA text page until want(lines) holds; return the lines.
    A loader's error on COM1 ends the wait at once. The last page read
    is left in build/test-logs/<test>.screen."""
    end = time.monotonic() + timeout
    while True:
        lines = q.screen()
        with open(os.path.splitext(q.log_path)[0] + ".screen", "w") as f:
            f.write("\n".join(lines) + "\n")
        if want(lines):
            return lines
        failed = re.search(FAIL, q.output)
        if failed:
            raise AssertionError("the boot failed: %r" % failed.group(0))
        if time.monotonic() > end:
            raise AssertionError("the screen never showed it:\n%s" %
                                 "\n".join(lines))
        time.sleep(0.25)


def test_memtest_speaks_linux():
    """Which files of the package a Linux loader can boot: all four carry
    a 2.12 setup header, LOADED_HIGH, code32_start 1 MiB, not relocatable,
    pref_address 1 MiB; the .bin files open with a floppy boot sector
    (a far jump), the .efi files with a PE "MZ" header."""
    for name in ("memtest86+x64.bin", "memtest86+ia32.bin",
                 "memtest86+x64.efi", "memtest86+ia32.efi"):
        p = probes.Probe(name=name, path=name, data=memtest_file(name))
        assert p.data[0x1FE:0x200] == b"\x55\xAA", name
        assert (p.version, p.bzimage, p.relocatable) == \
            (0x20C, True, False), name
        assert p.get("code32_start") == 0x100000, name
        assert p.get("pref_address") == 0x100000, name
        assert p.get("cmdline_size") == 255, name
        assert p.data[0x1F1] == 2, name     # setup_sects
        assert p.data[:2] == (b"MZ" if name.endswith(".efi") else
                              b"\xEA\x05"), name


def test_ipxe_header():
    """Debian's ipxe.lkrn: a 2.07 bzImage, code32_start 0, not
    relocatable, kernel_alignment 0 (what lkrn207 models)."""
    p = probes.Probe(name="ipxe.lkrn", path="ipxe.lkrn", data=ipxe_lkrn())
    assert (p.version, p.bzimage, p.relocatable) == (0x207, True, False)
    assert p.get("code32_start") == 0
    assert p.get("kernel_alignment") == 0


@pytest.mark.parametrize("loader", LOADERS)
def test_linux_bin_console(loader, disk, booter):
    """`LINUX /boot/memtest86+x64.bin` with `console=ttyS0,115200`:
    memtest86+ runs and draws its screen on COM1 too (so it got the
    command line)."""
    q = boot_label(booter, disk, loader, "linux-bin")
    q.wait_for(r"Loading ", PROMPT_TIMEOUT, fail=FAIL)
    q.wait_for(r"Memtest86\+ v6\.10", SCREEN_TIMEOUT, fail=FAIL)
    lines = wait_screen(q, lambda s: TITLE in s[0])
    assert lines[-1].endswith(".x64"), lines[-1]


@pytest.mark.parametrize("loader", LOADERS)
def test_kernel_no_extension(loader, disk, booter):
    """`KERNEL memtest` (the 32-bit build under a name without an
    extension) with `APPEND -`: booted as a kernel; memtest86+'s screen
    names the 32-bit build."""
    q = boot_label(booter, disk, loader, "kernel-noext")
    lines = wait_screen(q, lambda s: TITLE in s[0])
    assert lines[-1].endswith(".x32"), lines[-1]


# memtest86+'s boot sector reads its setup from floppy drive 0 (whatever
# DL says); QEMU has no floppy, INT 13h AH=02h fails with status 0x20 and
# it prints AX ("2000") on a line of its own and retries, for ever.
def _boot_sector_loop(lines):
    return sum(1 for s in lines if s == "2000") >= 3


@pytest.mark.parametrize("loader", [
    pytest.param("bzboot", marks=pytest.mark.bzboot),
    pytest.param("syslinux", marks=pytest.mark.syslinux)])
def test_kernel_bin_is_a_boot_sector(loader, disk, booter):
    """`KERNEL /boot/memtest86+x64.bin`: SYSLINUX 6.04 runs the file's
    first sector as a boot sector, which never reaches memtest86+ from a
    hard disk; bzboot must do the same."""
    q = boot_label(booter, disk, loader, "kernel-bin")
    lines = wait_screen(q, _boot_sector_loop)
    assert not any(TITLE in s for s in lines)


@pytest.mark.parametrize("loader", LOADERS)
def test_ipxe_lkrn(loader, disk, booter):
    """`KERNEL ipxe.lkn`: iPXE starts from 1 MiB with code32_start 0 and,
    with no network card (QEMU's -nic none), says so on its screen."""
    q = boot_label(booter, disk, loader, "ipxe")
    lines = wait_screen(q, lambda s: "No more network devices" in s)
    assert any("Open Source Network Boot Firmware" in s for s in lines)
