# SPDX-License-Identifier: BSD-2-Clause
# The command-line options bzboot reads itself (issue 4), booted: several
# initrds, mem= as a ceiling for the initrd, vga= into vid_mode.
"""Loader options: initrd lists, mem= and vga=.

boot.rst ("Special Command Line Options"): vga= and mem= are for the boot
loader as well as the kernel, and initrd= is the loader's alone. bzboot
takes the list of the first initrd= (INITRD puts one there, as SYSLINUX
does) and loads the files back to back, each starting 4-byte aligned, the
alignment the kernel's cpio unpacker needs between archives.

The Debian kernel boots from one bzboot disk with a label per case, typed
at the prompt; SYSLINUX boots a disk with the same files as the reference.
vga= is read back from the bz202 probe kernel (tests/probes/), which
reports its vid_mode field as it finds it.
"""

import os
import re

import pytest

import artifacts
import bzimg
import probes

pytestmark = pytest.mark.bzboot

PROMPT = r"(?m)^boot: "
# bzboot's one-line errors; their text after "bzboot: " is not pinned
# beyond what each test names.
BZ_ERROR = r"(?m)^bzboot: [^\r\n]*"
# Waits that should see a boot end at once on any loader error.
FAIL = r"(?m)^bzboot: [^\r\n]*\r?\n|Kernel panic - not syncing"
SYSLINUX_FAIL = (r"Could not find kernel image|Could not find ramdisk|"
                 r"Kernel load failed|Kernel panic - not syncing")
PROMPT_TIMEOUT = 60.0
BOOTING_TIMEOUT = 60.0   # typed label to bzboot's "Booting:" line
PROBE_TIMEOUT = 30.0
EXIT_TIMEOUT = 30.0

MIB = 1024 * 1024
EXTRA_MARKER = "bzboot-extra-initrd-7f3a"
INITRDS = "/initrd.img,/extra.cpio"
# Every Debian-kernel label; APPEND carries bz.test=<label> so a log says
# which one booted.
LABELS = {
    "list": ("/vmlinuz", INITRDS, "console=ttyS0 bz.test=list"),
    "append": ("/vmlinuz", None,
               "console=ttyS0 bz.test=append initrd=" + INITRDS),
    "plain": ("/vmlinuz", "/initrd.img", "console=ttyS0 bz.test=plain"),
    "mem256": ("/vmlinuz", "/initrd.img",
               "console=ttyS0 bz.test=mem256 mem=256M"),
    # Inside the Debian kernel's runtime window (init_size ~63 MiB from
    # 16 MiB): no room for the initrd below 20 MiB. bzboot caps only the
    # initrd with mem= (boot.rst), so the initrd is what it refuses.
    "tiny": ("/vmlinuz", "/initrd.img",
             "console=ttyS0 bz.test=tiny mem=20M"),
}
MEMORY_MIB = 512


def align4(n):
    return (n + 3) & ~3


def module_image(tag):
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return os.path.join(artifacts.IMAGES, "test_loader_options.%s.img" % tag)


def labels_cfg(labels, default, serial=False):
    """PROMPT 1 with no timeout: every boot types its label."""
    return bzimg.syslinux_cfg(
        [(name,) + spec for name, spec in labels.items()], default,
        prompt=1, timeout=0, extra=["SERIAL 0 115200"] if serial else ())


@pytest.fixture(scope="module")
def extra_cpio():
    """A second initramfs, uncompressed newc: /etc/bz-extra holding the
    marker, which the test /init prints as EXTRA:<marker>."""
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    path = os.path.join(artifacts.IMAGES, "test_loader_options.extra.cpio")
    artifacts.make_newc(path, {"etc/bz-extra": EXTRA_MARKER + "\n"})
    return path


def _fill(disk, extra_cpio):
    bzimg.copy_in(disk.path, disk.start, extra_cpio, "/extra.cpio")
    return disk


@pytest.fixture(scope="module")
def bz_disk(bzboot, boot_files, extra_cpio):
    disk = bzimg.bzboot_disk(module_image("bzboot"), bzboot,
                             boot_files, 32, 2048,
                             labels_cfg(LABELS, "plain"))
    return _fill(disk, extra_cpio)


@pytest.fixture(scope="module")
def sl_disk(boot_files, extra_cpio):
    disk = bzimg.syslinux_disk(module_image("syslinux"), boot_files, 32,
                               2048, labels_cfg(LABELS, "plain", True))
    return _fill(disk, extra_cpio)


def boot_label(booter, disk, label, syslinux=False, **kw):
    """Boot `disk`, type `label` at the prompt, return the /init report."""
    q = booter.start(disk.path, tag=label, memory=MEMORY_MIB, **kw)
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send(label + "\r")
    if syslinux:
        q.wait_for(r"Linux version ", BOOTING_TIMEOUT, fail=SYSLINUX_FAIL)
    else:
        q.wait_for(r"Booting: [^\n]*\n", BOOTING_TIMEOUT, fail=FAIL)
    return booter.wait_marker(q)


def expected_cmdline(label):
    kernel, initrd, append = LABELS[label]
    return artifacts.expected_cmdline(kernel, append, initrd)


# --- several initrds ------------------------------------------------------

@pytest.mark.parametrize("label", ["list", "append"])
def test_initrd_list_bzboot(label, bz_disk, boot_files, extra_cpio, booter):
    """INITRD a,b and, without INITRD, initrd=a,b in APPEND: both archives
    are loaded back to back, the second 4-byte aligned, and the kernel
    unpacks both."""
    rep = boot_label(booter, bz_disk, label)
    assert rep.cmdline == expected_cmdline(label)
    assert rep.extra == EXTRA_MARKER, \
        "the second initrd's /etc/bz-extra did not reach the root fs"
    first = os.path.getsize(boot_files.initrd)
    second = os.path.getsize(extra_cpio)
    # The gzip'd initrd.img is 2 mod 4 bytes with the busybox-static
    # installed here, so padding is really inserted; were it 4-aligned,
    # this would still hold but prove less.
    assert rep.ramdisk_size() == align4(first) + second, (
        "ramdisk_size %d; initrd.img is %d bytes (%d aligned), "
        "extra.cpio %d" % (rep.ramdisk_size(), first, align4(first),
                           second))
    image = rep.ramdisk_image()
    assert image and image % 4096 == 0, "initrd at %#x" % image
    assert image + rep.ramdisk_size() <= rep.field("initrd_addr_max") + 1


@pytest.mark.syslinux
@pytest.mark.parametrize("label", ["list", "append"])
def test_initrd_list_syslinux(label, sl_disk, boot_files, extra_cpio,
                              booter):
    """The reference: SYSLINUX loads the same list into one initrd and
    hands over the same command line as bzboot. Its padding between the
    parts is its own (noted in the .fields log, not asserted)."""
    rep = boot_label(booter, sl_disk, label, syslinux=True)
    assert rep.cmdline == expected_cmdline(label)
    assert rep.extra == EXTRA_MARKER
    first = os.path.getsize(boot_files.initrd)
    second = os.path.getsize(extra_cpio)
    assert rep.ramdisk_size() >= first + second
    q = booter.runs[-1]
    with open(os.path.splitext(q.log_path)[0] + ".fields", "a") as f:
        f.write("SYSLINUX ramdisk_size %d; bzboot's would be %d "
                "(initrd.img %d, extra.cpio %d)\n" %
                (rep.ramdisk_size(), align4(first) + second, first,
                 second))


# --- mem= -------------------------------------------------------------------

def test_mem_caps_initrd(bz_disk, boot_files, booter):
    """On a 512 MiB machine the initrd sits above 256 MiB; with mem=256M
    it ends at or below 256 MiB, page-aligned, as high as it can."""
    size = os.path.getsize(boot_files.initrd)
    free = boot_label(booter, bz_disk, "plain")
    assert free.cmdline == expected_cmdline("plain")
    assert free.ramdisk_size() == size
    assert free.ramdisk_image() >= 256 * MIB, \
        "initrd at %#x without mem=" % free.ramdisk_image()

    capped = boot_label(booter, bz_disk, "mem256")
    assert capped.cmdline == expected_cmdline("mem256")
    assert capped.ramdisk_size() == size
    image = capped.ramdisk_image()
    end = image + size
    assert image % 4096 == 0, "initrd at %#x" % image
    assert end <= 256 * MIB, "initrd %#x-%#x with mem=256M" % (image, end)
    # The highest page-aligned start below the cap.
    assert end > 256 * MIB - 4096, "initrd %#x-%#x" % (image, end)


def test_mem_too_small_back_to_prompt(bz_disk, booter):
    """mem=20M leaves no room for the initrd beside the kernel's init_size
    window: one "bzboot: ... does not fit" line, the prompt again, and
    another label still boots."""
    q = booter.start(bz_disk.path, memory=MEMORY_MIB)
    first = q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send("tiny\r")
    again = q.wait_for(PROMPT, PROMPT_TIMEOUT,
                       fail=r"Booting: |Kernel panic - not syncing")
    said = re.findall(BZ_ERROR, q.output[first.end():again.start()])
    assert len(said) == 1, said
    assert "does not fit" in said[0], said[0]
    q.send("plain\r")
    q.wait_for(r"Booting: [^\n]*\n", BOOTING_TIMEOUT, fail=FAIL)
    rep = booter.wait_marker(q)
    assert rep.cmdline == expected_cmdline("plain")


# --- vga= -------------------------------------------------------------------

PROBE = "bz202"
# A vid_mode no label asks for, put in a copy of the probe's header: with
# no vga= the kernel's own value must reach it untouched (the probe as
# built says 0xFFFF, the same as vga=normal).
OWN_VID_MODE = 0x0F04
VGA_LABELS = {
    # label: (kernel, vga= value or None)
    "normal": ("/probes/bz202", "normal"),
    "ext": ("/probes/bz202", "ext"),
    "ask": ("/probes/bz202", "ask"),
    "hex": ("/probes/bz202", "0x317"),
    "dec": ("/probes/bz202", "791"),
    "none": ("/probes/bz202", None),
    "own": ("/probes/bz202own", None),
    "bad": ("/probes/bz202", "foo"),
}


def vga_append(label):
    vga = VGA_LABELS[label][1]
    return "probe.test=1%s probe.name=%s" % (
        " vga=" + vga if vga else "", PROBE)


@pytest.fixture(scope="module")
def vga_probes():
    """{kernel path on the disk: probes.Probe}: bz202 as built and a copy
    whose header carries OWN_VID_MODE."""
    built = probes.build([PROBE])[PROBE]
    data = bytearray(built.data)
    data[0x1FA:0x1FC] = OWN_VID_MODE.to_bytes(2, "little")
    path = os.path.join(artifacts.IMAGES, "test_loader_options.bz202own")
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return {"/probes/bz202": built,
            "/probes/bz202own": probes.Probe(name=PROBE, path=path,
                                             data=bytes(data))}


@pytest.fixture(scope="module")
def vga_disk(bzboot, vga_probes):
    disk = bzimg.make_disk(module_image("vga"), fat=16, size_mib=16)
    bzimg.bzboot_install(bzboot, disk.path)
    for dst, p in vga_probes.items():
        bzimg.copy_in(disk.path, disk.start, p.path, dst)
    cfg = labels_cfg({name: (kernel, None, vga_append(name))
                      for name, (kernel, _) in VGA_LABELS.items()}, "none")
    bzimg.write_file(disk.path, disk.start, "/bzboot.cfg", cfg)
    return disk


def boot_probe(q, vga_probes, label, vid_mode):
    """Wait for the probe `label` names and check its whole hand-off,
    vid_mode included, against boot.rst's rules."""
    kernel = VGA_LABELS[label][0]
    q.wait_for(r"\n%s\r?\n" % probes.END, PROBE_TIMEOUT, fail=FAIL)
    status = q.wait_exit(EXIT_TIMEOUT)
    assert status == probes.QEMU_EXIT_STATUS, \
        "QEMU exited %s, not through the probe's isa-debug-exit" % status
    rep = probes.parse(q.output)
    exp = probes.Expect(
        cmdline=artifacts.expected_cmdline(kernel, vga_append(label)),
        vid_mode=vid_mode, type_of_loader=0xFF)
    bad = probes.check(rep, vga_probes[kernel], exp)
    assert not bad, "\n".join(map(str, bad))
    return rep


@pytest.mark.parametrize("label,vid_mode", [
    ("normal", 0xFFFF),
    ("ext", 0xFFFE),
    ("ask", 0xFFFD),
    ("hex", 0x317),
    ("dec", 0x317),
    ("none", None),     # the image's own: bz202 says 0xFFFF
    ("own", None),      # the image's own: OWN_VID_MODE
], ids=lambda v: "%#x" % v if isinstance(v, int) else v or "default")
def test_vga(label, vid_mode, vga_disk, vga_probes, booter):
    """vga= sets vid_mode (boot.rst's special values and numbers in C
    syntax); without it the kernel's own vid_mode stays."""
    if vid_mode is None:
        vid_mode = vga_probes[VGA_LABELS[label][0]].get("vid_mode")
    q = booter.start(vga_disk.path, extra_args=probes.QEMU_ARGS)
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send(label + "\r")
    boot_probe(q, vga_probes, label, vid_mode)


def test_vga_invalid_back_to_prompt(vga_disk, vga_probes, booter):
    """vga=foo: one "bzboot: vga=foo: ..." line, the prompt again, and a
    good label boots."""
    q = booter.start(vga_disk.path, extra_args=probes.QEMU_ARGS)
    first = q.wait_for(PROMPT, PROMPT_TIMEOUT)
    q.send("bad\r")
    again = q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=r"Booting: |PROBE=")
    said = re.findall(BZ_ERROR, q.output[first.end():again.start()])
    assert len(said) == 1, said
    assert said[0].startswith("bzboot: vga=foo: "), said[0]
    q.send("hex\r")
    boot_probe(q, vga_probes, "hex", 0x317)
