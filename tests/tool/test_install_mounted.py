# SPDX-License-Identifier: BSD-2-Clause
# What the kernel says about the disk: a mounted file system under a write
# and a logical sector size other than 512 are refused. Mounting needs root
# (and, for FAT, a kernel with vfat), so these tests use the test hook
# BZBOOT_TEST_SYSROOT=DIR (docs/install.md): the image file is taken for
# the block device DIR/devno names, and /proc and /sys are read under DIR,
# laid out as the kernel lays them out.
"""Refusals: mounted file systems, sector sizes."""

import os
import stat
import subprocess
from pathlib import Path

import pytest

from installkit import BUILD, SECTOR, assert_refused, make_disk, run, sh
from safekit import pbr_disk

# stage2's length in sectors, as the installer writes it
S2 = -(-(BUILD / "stage2.bin").stat().st_size // SECTOR)

DISK = "240:0"   # a made-up major: never a device on the test machine


def sysroot(root, parts=(), mounts=(), sector_size=512, mounts_file=()):
    """A fake /proc and /sys: disk 240:0 ("fakedisk") with partitions
    (index, start, size) as 240:index, and mountinfo lines for
    (major:minor, source, mountpoint)."""
    root = Path(root)
    disk_dir = root / "sys/devices/virtual/block/fakedisk"
    (disk_dir / "queue").mkdir(parents=True)
    (disk_dir / "dev").write_text(DISK + "\n")
    (disk_dir / "queue/logical_block_size").write_text(f"{sector_size}\n")
    links = root / "sys/dev/block"
    links.mkdir(parents=True)
    (links / DISK).symlink_to("../../devices/virtual/block/fakedisk")
    for index, start, size in parts:
        d = disk_dir / f"fakedisk{index}"
        d.mkdir()
        (d / "dev").write_text(f"240:{index}\n")
        (d / "partition").write_text(f"{index}\n")
        (d / "start").write_text(f"{start}\n")
        (d / "size").write_text(f"{size}\n")
        (links / f"240:{index}").symlink_to(
            f"../../devices/virtual/block/fakedisk/fakedisk{index}")
    (root / "proc/self").mkdir(parents=True)
    lines = [f"{20 + i} 1 {dev} / {where} rw,relatime shared:1 - vfat "
             f"{source} rw\n" for i, (dev, source, where) in
             enumerate(mounts)]
    (root / "proc/self/mountinfo").write_text(
        "1 0 8:1 / / rw,relatime - ext4 /dev/sda1 rw\n" + "".join(lines))
    (root / "proc/mounts").write_text("".join(
        f"{source} {where} vfat rw 0 0\n" for source, where in mounts_file))
    (root / "devno").write_text(DISK + "\n")
    return root


def install(bzboot, path, root, *args):
    return subprocess.run([str(bzboot), "install", "--no-modules", *map(str,
                               args),
                           str(path)], capture_output=True, text=True,
                          env=dict(os.environ, BZBOOT_TEST_SYSROOT=str(root)))


@pytest.fixture
def disk(tmp_path):
    """pbr_disk: FAT16 partition 1 at 2048 (16384 sectors), 2 after it."""
    return pbr_disk(tmp_path / "d.img")


PARTS = ((1, 2048, 16384), (2, 18432, 6144))


def test_pbr_into_a_mounted_partition_is_refused(bzboot, disk, tmp_path):
    root = sysroot(tmp_path / "root", PARTS,
                   mounts=[("240:1", "/dev/fakedisk1", "/media/stick")])
    before = disk.read_bytes()
    for extra in ((), ("--dry-run",)):
        res = install(bzboot, disk, root, "--pbr", "--partition", "1",
                      *extra)
        assert_refused(res, f"{disk}: partition 1, which holds LBA "
                       f"2049-{2048 + S2} (stage2 in the FAT16 volume's "
                       f"reserved sectors 1-{S2}) is mounted (/dev/fakedisk1 at "
                       "/media/stick)", "umount /media/stick")
    assert disk.read_bytes() == before


def test_mbr_install_beside_a_mounted_partition_is_fine(bzboot, tmp_path):
    """The MBR and the gap are in no partition: the running system's
    disk, its partitions mounted, takes an MBR install."""
    path = make_disk(tmp_path / "d.img")
    root = sysroot(tmp_path / "root", [(1, 2048, 12288)],
                   mounts=[("240:1", "/dev/fakedisk1", "/boot")])
    res = install(bzboot, path, root)
    assert res.returncode == 0, res.stderr


def test_pbr_beside_another_mounted_partition_is_fine(bzboot, disk,
                                                      tmp_path):
    root = sysroot(tmp_path / "root", PARTS,
                   mounts=[("240:2", "/dev/fakedisk2", "/home")])
    res = install(bzboot, disk, root, "--pbr", "--partition", "1")
    assert res.returncode == 0, res.stderr


def test_a_mounted_whole_disk_is_refused(bzboot, tmp_path):
    """A superfloppy mounted as a whole: every write is inside it."""
    path = tmp_path / "f.img"
    sh("mkfs.fat", "-C", "-R", "72", path, 1440)
    root = sysroot(tmp_path / "root",
                   mounts=[(DISK, "/dev/fakedisk", "/media/floppy")])
    res = install(bzboot, path, root)
    assert_refused(res, "the disk itself is mounted (/dev/fakedisk at "
                   "/media/floppy)", "Unmount it first")


def test_a_partition_of_another_disk_does_not_count(bzboot, disk,
                                                    tmp_path):
    """240:1 mounted, but sysfs says it is on another disk."""
    root = sysroot(tmp_path / "root", PARTS)
    other = root / "sys/devices/virtual/block/other"
    (other / "fakeother1").mkdir(parents=True)
    (other / "dev").write_text("240:64\n")
    for name, value in (("dev", "240:65"), ("partition", "1"),
                        ("start", "2048"), ("size", "16384")):
        (other / "fakeother1" / name).write_text(value + "\n")
    (root / "sys/dev/block/240:65").symlink_to(
        "../../devices/virtual/block/other/fakeother1")
    (root / "proc/self/mountinfo").write_text(
        "30 1 240:65 / /mnt rw - vfat /dev/fakeother1 rw\n")
    res = install(bzboot, disk, root, "--pbr", "--partition", "1")
    assert res.returncode == 0, res.stderr


def test_restore_into_a_mounted_partition_is_refused(bzboot, disk,
                                                     tmp_path):
    backup = tmp_path / "b"
    assert run(bzboot, "install", "--no-modules", "--backup", backup, "--pbr",
               "--partition", "1", disk).returncode == 0
    root = sysroot(tmp_path / "root", PARTS,
                   mounts=[("240:1", "/dev/fakedisk1", "/media/stick")])
    res = subprocess.run([str(bzboot), "restore", str(backup), str(disk)],
                         capture_output=True, text=True,
                         env=dict(os.environ, BZBOOT_TEST_SYSROOT=str(root)))
    assert_refused(res, "partition 1", "is mounted", "run bzboot restore "
                   "again")


@pytest.mark.parametrize("size", [4096, 1024])
def test_sector_size_other_than_512_is_refused(bzboot, tmp_path, size):
    path = make_disk(tmp_path / "d.img")
    before = path.read_bytes()
    root = sysroot(tmp_path / "root", sector_size=size)
    res = install(bzboot, path, root, "--dry-run")
    assert_refused(res, f"{path} has {size}-byte logical sectors; bzboot "
                   "supports only 512-byte sectors", "use a disk with "
                   "512-byte logical sectors (512n or 512e)")
    assert path.read_bytes() == before


def test_sector_size_512_is_fine(bzboot, tmp_path):
    path = make_disk(tmp_path / "d.img")
    root = sysroot(tmp_path / "root", sector_size=SECTOR)
    assert install(bzboot, path, root, "--dry-run").returncode == 0


def test_proc_mounts_source_device_is_checked(bzboot, disk, tmp_path):
    """btrfs reports an anonymous major:minor in mountinfo: the device
    /proc/mounts names is stat'ed for its number (a node made under DIR:
    mknod needs root)."""
    if os.geteuid() != 0:
        pytest.skip("mknod needs root")
    root = sysroot(tmp_path / "root", PARTS,
                   mounts_file=[("/dev/fakedisk1", "/srv")])
    (root / "dev").mkdir()
    os.mknod(root / "dev/fakedisk1", 0o600 | stat.S_IFBLK,
             os.makedev(240, 1))
    res = install(bzboot, disk, root, "--pbr", "--partition", "1")
    assert_refused(res, f"partition 1, which holds LBA 2049-{2048 + S2}",
                   "is mounted (/dev/fakedisk1 at /srv)")
