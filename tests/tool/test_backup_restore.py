# SPDX-License-Identifier: BSD-2-Clause
# bzboot install --backup FILE and bzboot restore FILE DISK: the backup
# holds every sector the install changes, in the documented format; restore
# puts the disk back byte for byte and refuses a backup of another disk,
# naming the check that failed.
"""The backup file and the restore command."""

import struct

import pytest

from installkit import SECTOR, assert_refused, run, sh, write_at
from safekit import (LAYOUTS, mbr_disk, parse_backup, parse_dry_run, sector,
                     sha)


@pytest.fixture(params=sorted(LAYOUTS))
def layout(request, tmp_path):
    build, opts, _ = LAYOUTS[request.param]
    return build(tmp_path / "disk.img"), opts


def install_with_backup(bzboot, path, backup, *opts):
    res = run(bzboot, "install", "--no-modules", "--backup", backup, *opts,
              path)
    assert res.returncode == 0, res.stderr
    assert f"saved to {backup} (put them back with: bzboot restore " \
        f"{backup} {path})" in res.stdout
    return res


@pytest.fixture
def installed(bzboot, tmp_path):
    """An MBR disk as it was, then installed with a backup."""
    path = mbr_disk(tmp_path / "disk.img")
    before = path.read_bytes()
    backup = tmp_path / "disk.bzbackup"
    install_with_backup(bzboot, path, backup)
    return path, before, backup


def test_restore_puts_every_layout_back(bzboot, layout, tmp_path):
    path, opts = layout
    before = path.read_bytes()
    backup = tmp_path / "b"
    install_with_backup(bzboot, path, backup, *opts)
    assert path.read_bytes() != before
    res = run(bzboot, "restore", backup, path)
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("restored: ")
    assert sha(path.read_bytes()) == sha(before)
    # Again: nothing left to write.
    res = run(bzboot, "restore", backup, path)
    assert res.returncode == 0, res.stderr
    assert "already holds what" in res.stdout


def test_backup_file_is_the_documented_format(bzboot, layout, tmp_path):
    """Magic, version, records, old and new sectors, SHA-256 trailer, as
    docs/install.md describes; the records are the dry run's writes."""
    path, opts = layout
    dry = parse_dry_run(run(bzboot, "install", "--no-modules", "--dry-run",
                            *opts,
                            path).stdout)
    before = path.read_bytes()
    install_with_backup(bzboot, path, tmp_path / "b", *opts)
    after = path.read_bytes()
    b = parse_backup((tmp_path / "b").read_bytes())
    assert b["version"] == 1
    assert b["size"] == len(before)
    assert b["bzversion"] == run(bzboot, "--version").stdout.split()[1]
    assert [(lba * SECTOR, n * SECTOR, what)
            for lba, n, what in b["records"]] == \
        [(off, length, what) for off, length, what, _ in dry]
    for (lba, n, _), (old, new) in zip(b["records"], b["saved"]):
        assert old == before[lba * SECTOR:(lba + n) * SECTOR]
        assert new == after[lba * SECTOR:(lba + n) * SECTOR]
    written = {lba + i for lba, n, _ in b["records"] for i in range(n)}
    assert b["around"] and not written & set(b["around"])
    assert b["around"] == sorted(b["around"])


def test_identity_of_an_mbr_disk(bzboot, installed):
    path, before, backup = installed
    b = parse_backup(backup.read_bytes())
    assert b["flags"] == 1   # an MBR table, no GPT
    assert b["sig"] == struct.unpack_from("<I", before, 440)[0]
    # The gap after stage2: the sectors around the written ones.
    last = b["records"][0][0] + b["records"][0][1] - 1
    assert b["around"] == list(range(last + 1, last + 9))


def test_identity_of_a_gpt_disk(bzboot, tmp_path):
    path = LAYOUTS["gpt"][0](tmp_path / "gpt.img")
    before = path.read_bytes()
    install_with_backup(bzboot, path, tmp_path / "b")
    b = parse_backup((tmp_path / "b").read_bytes())
    assert b["flags"] == 3
    assert b["guid"] == before[SECTOR + 56:SECTOR + 72]
    assert b["guid"] != bytes(16)


def test_backup_is_not_overwritten(bzboot, installed):
    path, _, backup = installed
    saved = backup.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--backup", backup, path)
    assert_refused(res, f"{backup} exists: bzboot does not overwrite a "
                   "backup", "--overwrite-backup")
    assert backup.read_bytes() == saved
    res = run(bzboot, "install", "--no-modules", "--dry-run", "--backup",
              backup, path)
    assert_refused(res, "--overwrite-backup")
    res = run(bzboot, "install", "--no-modules", "--backup", backup,
              "--overwrite-backup",
              path)
    assert res.returncode == 0, res.stderr
    assert backup.read_bytes() != saved


def test_overwrite_backup_needs_backup(bzboot, installed):
    res = run(bzboot, "install", "--no-modules", "--overwrite-backup",
              installed[0])
    assert res.returncode == 2
    assert "--overwrite-backup goes with --backup FILE" in res.stderr


def test_restore_dry_run_writes_nothing(bzboot, installed, s2_sectors):
    path, _, backup = installed
    now = path.read_bytes()
    res = run(bzboot, "restore", "--dry-run", backup, path)
    assert res.returncode == 0, res.stderr
    assert path.read_bytes() == now
    writes = parse_dry_run(res.stdout)
    # The reverse of the install's order: the boot code first.
    assert [(w[0], w[1]) for w in writes] == [
        (0, SECTOR), (SECTOR, s2_sectors * SECTOR)]
    assert writes[0][2].endswith(", as it was")


# --- refusals: another disk, a damaged file, sectors changed since --------

def refuse_restore(bzboot, path, backup, *fragments, args=()):
    now = path.read_bytes()
    res = run(bzboot, "restore", *args, backup, path)
    assert_refused(res, *fragments)
    assert path.read_bytes() == now, "a refused restore wrote"


def test_refuses_another_disk_by_size(bzboot, installed, tmp_path):
    path, _, backup = installed
    with open(path, "ab") as f:
        f.write(bytes(SECTOR))
    refuse_restore(bzboot, path, backup, f"{backup} was not made from "
                   f"{path}: the size differs", "Restore it to the disk")


def test_refuses_another_disk_by_signature(bzboot, installed):
    path, before, backup = installed
    write_at(path, 440, b"\x01\x02\x03\x04")
    refuse_restore(bzboot, path, backup, "the MBR disk signature differs "
                   "(0x%08x then, 0x04030201 now)"
                   % struct.unpack_from("<I", before, 440)[0])


def test_refuses_another_disk_by_gpt_guid(bzboot, tmp_path):
    path = LAYOUTS["gpt"][0](tmp_path / "gpt.img")
    install_with_backup(bzboot, path, tmp_path / "b")
    write_at(path, SECTOR + 56, b"\xff")
    refuse_restore(bzboot, path, tmp_path / "b",
                   "the GPT disk GUID differs")


def test_refuses_another_disk_by_sectors_around(bzboot, installed):
    path, _, backup = installed
    b = parse_backup(backup.read_bytes())
    write_at(path, b["around"][-1] * SECTOR + 100, b"\xaa")
    refuse_restore(bzboot, path, backup, "the 8 sectors around the saved "
                   "ones (LBA", "hash differently")


def test_refuses_another_disk_of_the_same_making(bzboot, installed,
                                                 tmp_path):
    """Two disks made alike (random signature and gap): the backup of one
    does not restore onto the other."""
    _, _, backup = installed
    other = mbr_disk(tmp_path / "other.img")
    run(bzboot, "install", "--no-modules", other, check=True)
    refuse_restore(bzboot, other, backup, "was not made from")


@pytest.mark.parametrize("damage,message", [
    (lambda d: d[:-1], "its checksum does not match"),
    (lambda d: d[:100] + bytes([d[100] ^ 1]) + d[101:],
     "its checksum does not match"),
    (lambda d: b"NOTABKUP" + d[8:], "no BZBACKUP header"),
    (lambda d: d[:8] + b"\x02" + d[9:], "format 2; this bzboot reads "
     "format 1"),
    (lambda d: b"", "no BZBACKUP header"),
])
def test_refuses_a_damaged_backup(bzboot, installed, damage, message):
    path, _, backup = installed
    backup.write_bytes(damage(backup.read_bytes()))
    refuse_restore(bzboot, path, backup, message)


def test_refuses_sectors_changed_since_unless_forced(bzboot, installed):
    """A byte of stage2 that is neither the install's nor what was there
    before: something else wrote it; --force restores anyway."""
    path, before, backup = installed
    write_at(path, 5 * SECTOR + 7, bytes([path.read_bytes()[5 * SECTOR + 7]
                                          ^ 0xFF]))
    refuse_restore(bzboot, path, backup, "LBA 5 (stage2 sectors",
                   "changed since the install", "byte 7 is neither",
                   "add --force")
    res = run(bzboot, "restore", "--force", backup, path)
    assert res.returncode == 0, res.stderr
    assert path.read_bytes() == before


def test_restore_needs_file_and_disk(bzboot, installed):
    path, _, backup = installed
    for args in ([backup], [], [backup, path, path], ["--frob", backup,
                                                      path]):
        res = run(bzboot, "restore", *args)
        assert res.returncode == 2, args
        assert "usage: bzboot" in res.stderr
    assert "restore: no DISK given" in run(bzboot, "restore",
                                            backup).stderr
    assert "restore: takes FILE DISK only" in run(
        bzboot, "restore", backup, path, path).stderr


@pytest.mark.parametrize("name", ["superfloppy32", "pbr-set-active"])
def test_restore_after_the_volume_was_used(bzboot, tmp_path, name):
    """Files written to the FAT volume after the install change its FATs,
    root directory and FSInfo, some of them next to the saved sectors:
    those are not part of the identity, so the restore goes ahead, puts
    back the saved sectors and leaves the files."""
    build, opts, _ = LAYOUTS[name]
    path = build(tmp_path / "disk.img")
    before = path.read_bytes()
    install_with_backup(bzboot, path, tmp_path / "b", *opts)
    spec = f"{path}@@{2048 * SECTOR}" if name.startswith("pbr") else path
    hello = tmp_path / "hello.txt"
    hello.write_text("written after the install\n")
    sh("mcopy", "-i", spec, hello, "::/HELLO.TXT")
    res = run(bzboot, "restore", tmp_path / "b", path)
    assert res.returncode == 0, res.stderr
    after = path.read_bytes()
    for lba, n, _ in parse_backup((tmp_path / "b").read_bytes())["records"]:
        assert sector(after, lba, n) == sector(before, lba, n)
    assert sh("mtype", "-i", spec, "::/HELLO.TXT") == \
        "written after the install\n"


def test_backup_onto_the_disk_itself_is_refused(bzboot, tmp_path):
    path = mbr_disk(tmp_path / "disk.img")
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--backup", path,
              "--overwrite-backup",
              path)
    assert_refused(res, f"{path} is {path} itself")
    assert path.read_bytes() == before
