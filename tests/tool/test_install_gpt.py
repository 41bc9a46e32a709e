# SPDX-License-Identifier: BSD-2-Clause
# bzboot install on a GPT disk: stage1 into the protective MBR's boot code,
# stage2 into the BIOS boot partition. The protective table, both GPT
# headers and their entry arrays stay byte for byte.
"""The installer's GPT path."""

import os
import struct

from installkit import FMT, SECTOR, make_disk, refuse, run, sh, write_at

BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649"
BASIC_DATA = "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"


def gpt_disk(path, bios_boot_sectors=2048, size_mib=32, extra=""):
    """GPT: partition 1 BIOS boot at 2048, partition 2 FAT basic data."""
    sh("truncate", "-s", f"{size_mib}M", path)
    bb_end = 2048 + bios_boot_sectors
    data_start = (bb_end + 2047) // 2048 * 2048
    script = (f"label: gpt\nstart=2048, size={bios_boot_sectors}, "
              f"type={BIOS_BOOT}\nstart={data_start}, type={BASIC_DATA}\n"
              + extra)
    sh("sfdisk", "-q", path, stdin=script)
    write_at(path, 0, os.urandom(FMT["BZ_MBR_CODE_SIZE"]))
    return path


def changed(before, after):
    return [i for i in range(len(before) // SECTOR)
            if before[i * SECTOR:(i + 1) * SECTOR] !=
            after[i * SECTOR:(i + 1) * SECTOR]]


def test_gpt_install(bzboot, stage1, stage2, s2_sectors, tmp_path):
    path = gpt_disk(tmp_path / "gpt.img")
    before = path.read_bytes()
    res = run(bzboot, "install", path)
    assert res.returncode == 0, res.stderr
    assert f"stage2 at LBA 2048-{2047 + s2_sectors}" in res.stdout
    after = path.read_bytes()
    assert changed(before, after) == [0] + list(range(2048,
                                                      2048 + s2_sectors))
    assert after[2048 * SECTOR:(2048 + s2_sectors) * SECTOR] == stage2
    mbr = after[:SECTOR]
    code = FMT["BZ_MBR_S2_SECTORS"]
    assert mbr[:code] == stage1[:code]
    assert struct.unpack_from("<H", mbr, code)[0] == s2_sectors
    assert struct.unpack_from("<Q", mbr, FMT["BZ_MBR_S2_LBA"])[0] == 2048
    # The protective entry and the signature are the disk's.
    assert mbr[FMT["BZ_MBR_CODE_SIZE"]:] == \
        before[FMT["BZ_MBR_CODE_SIZE"]:SECTOR]
    # sfdisk still reads the same table, both headers valid.
    assert "BIOS boot" in sh("sfdisk", "-l", path)
    sh("sfdisk", "--verify", path)


def test_gpt_refuses_small_bios_boot_partition(bzboot, tmp_path, s2_sectors):
    path = gpt_disk(tmp_path / "gpt.img", bios_boot_sectors=s2_sectors - 1)
    refuse(bzboot, path, f"the BIOS boot partition (1) has "
           f"{s2_sectors - 1} sectors; stage2 needs {s2_sectors}")


def test_gpt_refuses_foreign_bios_boot_data(bzboot, tmp_path, s2_sectors):
    """GRUB's core.img lives there when GRUB is installed."""
    path = gpt_disk(tmp_path / "gpt.img")
    write_at(path, 2048 * SECTOR + 700, b"GRUB core")
    refuse(bzboot, path, f"LBA 2048-{2047 + s2_sectors} hold data that is "
           "not bzboot's")
    assert run(bzboot, "install", "--force", path).returncode == 0


def test_gpt_partition_option(bzboot, stage2, tmp_path):
    """--partition on GPT numbers entries as Linux does; 2 is the FAT
    one, and stage2's header records it."""
    path = gpt_disk(tmp_path / "gpt.img")
    res = run(bzboot, "install", "--partition", "2", path)
    assert res.returncode == 0, res.stderr
    got = path.read_bytes()[2048 * SECTOR:2048 * SECTOR + len(stage2)]
    assert struct.unpack_from("<I", got, 0x1C)[0] == 2
    refuse(bzboot, path, "has no partition 3", args=("--partition", "3"))


def test_active_pmbr(bzboot, tmp_path):
    """--active-pmbr: the protective entry's boot flag, and no other byte
    of the table, changes."""
    path = gpt_disk(tmp_path / "gpt.img")
    before = path.read_bytes()[:SECTOR]
    res = run(bzboot, "install", "--active-pmbr", path)
    assert res.returncode == 0, res.stderr
    assert "protective MBR entry 1 marked active" in res.stdout
    after = path.read_bytes()[:SECTOR]
    table = FMT["BZ_MBR_PTABLE_OFF"]
    assert after[table] == 0x80 and before[table] == 0x00
    assert after[table + 1:] == before[table + 1:]
    assert after[FMT["BZ_MBR_CODE_SIZE"]:table] == \
        before[FMT["BZ_MBR_CODE_SIZE"]:table]
    sh("sfdisk", "--verify", path)


def test_active_pmbr_refused_on_mbr_disk(bzboot, tmp_path):
    path = make_disk(tmp_path / "mbr.img")
    refuse(bzboot, path, "--active-pmbr is for installs to a GPT disk's MBR",
           args=("--active-pmbr",))
