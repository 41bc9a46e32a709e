# SPDX-License-Identifier: BSD-2-Clause
# bzboot on a disk with logical partitions: the automatic choice reaches a
# FAT logical partition behind a non-FAT primary, `bzboot install
# --partition N` picks another one, and a number the disk lacks is refused
# by the installer with the numbers it has.
"""Boots from logical partitions (MBR extended partition, EBR chain)."""

import shutil
import subprocess

import pytest

import artifacts
import bzimg

pytestmark = pytest.mark.bzboot

# Linux numbering: 1 primary (Linux, not FAT), 2 extended, 5 and 6 logical.
LAYOUT = """label: dos
start=2048, size=8M, type=83
start=18432, type=5
start=20480, size=24M, type=e
size=40M, type=c
"""
LOGICALS = {5: 16, 6: 32}  # partition number: FAT type


def sfdisk_starts(img):
    out = subprocess.run(["/usr/sbin/sfdisk", "-d", img], check=True,
                         capture_output=True, text=True).stdout
    starts = {}
    for line in out.splitlines():
        if line.startswith(img):
            num = int(line.split(":")[0][len(img):])
            fields = dict(f.strip().split("=") for f in
                          line.split(":")[1].split(",") if "=" in f)
            starts[num] = (int(fields["start"]), int(fields["size"]))
    return starts


@pytest.fixture(scope="module")
def logical_disk(boot_files, tmp_path_factory):
    """One image: FAT16 on 5 and FAT32 on 6, each with its own config."""
    img = str(tmp_path_factory.mktemp("parts") / "logical.img")
    subprocess.run(["truncate", "-s", "96M", img], check=True)
    subprocess.run(["/usr/sbin/sfdisk", "-q", img], input=LAYOUT, text=True,
                   check=True)
    parts = sfdisk_starts(img)
    for num, fat in LOGICALS.items():
        start, size = parts[num]
        bzimg.run(["mkfs.fat", "-F", str(fat), "-h", str(start),
                   "--offset", str(start), img, str(size // 2)])
        disk = bzimg.Disk(img, fat, start, size)
        cfg = bzimg.syslinux_cfg(
            [("linux", "/vmlinuz", "/initrd.img",
              "console=ttyS0 bz.test=logical%d" % num)], "linux")
        bzimg.populate(disk, boot_files, "/bzboot.cfg", cfg)
    return img


def install_copy(bzboot, src, dst, *args):
    shutil.copy(src, dst)
    return subprocess.run([str(bzboot), "install", *args, dst],
                          capture_output=True, text=True)


def test_auto_choice_finds_fat_logical(bzboot, logical_disk, image_path,
                                       booter):
    """No FAT primary: the first FAT partition in number order is 5."""
    img = image_path()
    res = install_copy(bzboot, logical_disk, img)
    assert res.returncode == 0, res.stderr
    rep = booter.boot(img)
    assert rep.cmdline == artifacts.expected_cmdline(
        "/vmlinuz", "console=ttyS0 bz.test=logical5", "/initrd.img")


def test_partition_option_picks_logical_6(bzboot, logical_disk, image_path,
                                          booter):
    img = image_path()
    res = install_copy(bzboot, logical_disk, img, "--partition", "6")
    assert res.returncode == 0, res.stderr
    rep = booter.boot(img)
    assert rep.cmdline == artifacts.expected_cmdline(
        "/vmlinuz", "console=ttyS0 bz.test=logical6", "/initrd.img")


def test_missing_partition_is_refused(bzboot, logical_disk, image_path):
    img = image_path()
    before = open(logical_disk, "rb").read()
    res = install_copy(bzboot, logical_disk, img, "--partition", "9")
    assert res.returncode == 1
    assert "has no partition 9" in res.stderr
    assert "1 2 5 6" in res.stderr
    assert open(img, "rb").read() == before, "a refused install wrote"


@pytest.mark.parametrize("value", ["0", "x", "256", ""])
def test_partition_option_usage(bzboot, logical_disk, image_path, value):
    img = image_path(value or "empty")
    res = install_copy(bzboot, logical_disk, img, "--partition", value)
    assert res.returncode == 2
    assert "--partition takes a number from 1 to 255" in res.stderr
