# SPDX-License-Identifier: BSD-2-Clause
# bzboot install --set-active: boot flag 0x80 on the chosen primary
# partition, 0x00 on the other three entries, no other byte of the table;
# refused with the reason on GPT, on a superfloppy and for a logical
# partition.
"""--set-active (MBR boot flags)."""

import pytest

from installkit import SECTOR, make_disk, refuse, run, sh
from safekit import changed_bytes, parse_dry_run, pbr_disk

FLAGS = [446, 462, 478, 494]


def flags(img):
    return [img[off] for off in FLAGS]


def three_partitions(path):
    """FAT partitions 1 and 2, partition 2 active, a logical one in 3."""
    sh("truncate", "-s", "16M", path)
    sh("sfdisk", "-q", path, stdin=(
        "label: dos\nstart=2048, size=4096, type=c\n"
        "start=6144, size=4096, type=c, bootable\n"
        "start=10240, type=5\nstart=12288, type=83\n"))
    for start in (2048, 6144):
        sh("mkfs.fat", "--offset", start, path, 2048)
    return path


@pytest.mark.parametrize("part", [1, 2])
def test_set_active_on_mbr_install(bzboot, tmp_path, part):
    path = three_partitions(tmp_path / "d.img")
    before = path.read_bytes()
    assert flags(before) == [0, 0x80, 0, 0]
    res = run(bzboot, "install", "--no-modules", "--set-active",
              "--partition", part, path)
    assert res.returncode == 0, res.stderr
    after = path.read_bytes()
    want = [0x80 if i + 1 == part else 0 for i in range(4)]
    assert flags(after) == want
    verb = "is now" if part == 1 else "was already"
    assert f"set-active: partition {part} {verb} the active one" in \
        res.stdout
    # Of LBA 0's table, only the flags; bytes 440-445 and the rest kept.
    table = [b for b in changed_bytes(before, after)
             if 440 <= b < SECTOR]
    assert set(table) <= set(FLAGS)
    assert after[440:446] == before[440:446]


def test_set_active_without_partition_takes_bzboots_choice(bzboot,
                                                           tmp_path):
    """No --partition: the partition stage2 would boot (the active FAT
    one): nothing changes in the table."""
    path = three_partitions(tmp_path / "d.img")
    res = run(bzboot, "install", "--no-modules", "--set-active", path)
    assert res.returncode == 0, res.stderr
    assert "partition 2 was already the active one" in res.stdout
    assert flags(path.read_bytes()) == [0, 0x80, 0, 0]


def test_set_active_with_pbr_writes_only_the_flags_last(bzboot, tmp_path):
    """--pbr: the MBR code is someone else's and stays; the flags are the
    last write, after stage2 and the PBR."""
    path = pbr_disk(tmp_path / "d.img")
    before = path.read_bytes()
    dry = run(bzboot, "install", "--no-modules", "--dry-run", "--pbr",
              "--partition", "1",
              "--set-active", path)
    writes = parse_dry_run(dry.stdout)
    assert [w[0] for w in writes] == [2049 * SECTOR, 2048 * SECTOR, 0]
    assert [(o, n) for o, n, _ in writes[2][3]] == [(446, 1), (462, 1)]
    res = run(bzboot, "install", "--no-modules", "--pbr", "--partition", "1",
              "--set-active", path)
    assert res.returncode == 0, res.stderr
    after = path.read_bytes()
    assert after[:440] == before[:440]
    assert flags(after) == [0x80, 0, 0, 0]
    assert [b for b in changed_bytes(before, after) if b < SECTOR] == \
        [446, 462]


def test_set_active_with_pbr_already_active_writes_no_mbr(bzboot,
                                                          tmp_path):
    """Installing again: partition 1 is already the only active one."""
    path = pbr_disk(tmp_path / "d.img")
    run(bzboot, "install", "--no-modules", "--pbr", "--partition", "1",
        "--set-active",
        path, check=True)
    res = run(bzboot, "install", "--no-modules", "--dry-run", "--pbr",
              "--partition", "1",
              "--set-active", path)
    assert res.returncode == 0, res.stderr
    assert [w[0] for w in parse_dry_run(res.stdout)] == [
        2049 * SECTOR, 2048 * SECTOR]


def test_set_active_refused_on_gpt(bzboot, tmp_path):
    path = make_disk(tmp_path / "gpt.img", label="gpt", fat=False)
    refuse(bzboot, path, "is a GPT disk: its boot flag is the partition's "
           "Legacy BIOS Bootable attribute, which bzboot does not write",
           f"sfdisk --part-attrs {path} N LegacyBIOSBootable",
           args=("--set-active",))


def test_set_active_refused_on_superfloppy(bzboot, tmp_path):
    path = tmp_path / "f.img"
    sh("mkfs.fat", "-C", "-R", "72", path, 1440)
    refuse(bzboot, path, "one FAT volume without a partition table: there "
           "is no partition to mark active", args=("--set-active",))


def test_set_active_refused_for_a_logical_partition(bzboot, tmp_path):
    path = three_partitions(tmp_path / "d.img")
    sh("mkfs.fat", "--offset", 12288, path, 2048)
    refuse(bzboot, path, "partition 5 is a logical partition; only a "
           "primary partition (1-4) can be marked active",
           args=("--set-active", "--partition", "5"))


def test_active_pmbr_refused_on_mbr_points_to_set_active(bzboot, tmp_path):
    path = make_disk(tmp_path / "d.img")
    refuse(bzboot, path, "--active-pmbr is for installs to a GPT disk's "
           "MBR; on an MBR disk, use --set-active", args=("--active-pmbr",))
