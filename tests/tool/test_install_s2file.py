# SPDX-License-Identifier: BSD-2-Clause
# stage2 as a file: on FAT volumes made by plain mkfs.fat (1 reserved
# sector on a floppy, 4 on FAT16, 32 on FAT32: no room for stage2) the
# installer writes /boot/bzboot/bzboot.sys, hidden, system, read-only, in
# one run of clusters, and the PBR's field names its first sector. Read
# back with mtools, checked with fsck.fat -n; a volume whose free space is
# in pieces is refused before anything is written; every interrupted
# install restores byte for byte.
"""bzboot install: stage2 as /boot/bzboot/bzboot.sys."""

import hashlib
import os
import signal
import struct
import subprocess

import pytest

from fatkit import fsck, long_names, mtools, read_back
from installkit import BUILD, FMT, SECTOR, STAGE2, make_disk, run, sh
from safekit import parse_dry_run, total_sectors

S2FILE = "/boot/bzboot/bzboot.sys"
MODULES = sorted(p.name for p in (BUILD / "modules").glob("*.bzm"))


def plain_floppy(path):
    sh("mkfs.fat", "-C", path, 1440)
    return path


def pbr_fields(img, lba=0):
    with open(img, "rb") as f:
        f.seek(lba * SECTOR)
        bs = f.read(SECTOR)
    count, = struct.unpack_from("<H", bs, FMT["BZ_PBR_S2_SECTORS"])
    rel, = struct.unpack_from("<Q", bs, FMT["BZ_PBR_S2_LBA"])
    return bs, count, rel


def check_file(img, spec, lba=0):
    """The PBR's run of sectors is the file's content, the file stage2."""
    bs, count, rel = pbr_fields(img, lba)
    data = read_back(spec, S2FILE)
    assert len(data) == count * SECTOR
    with open(img, "rb") as f:
        f.seek((lba + rel) * SECTOR)
        assert f.read(count * SECTOR) == data
    assert struct.unpack_from("<I", data, 4)[0] == FMT["BZ_S2_MAGIC"]
    out = mtools("mattrib", "-i", spec, "::" + S2FILE).decode()
    assert out.split()[:2] == ["A", "SHR"], out
    return rel


@pytest.mark.parametrize("kind", ["floppy", "fat32"])
def test_superfloppy_of_plain_mkfs(bzboot, tmp_path, kind):
    img = tmp_path / "v.img"
    if kind == "floppy":
        plain_floppy(img)
    else:
        sh("mkfs.fat", "-C", "-F", "32", img, 40000)
    res = run(bzboot, "install", img)
    assert res.returncode == 0, res.stderr
    assert f"stage2 as {S2FILE} (contiguous)" in res.stdout
    check_file(img, str(img))
    fsck(img)
    assert sorted(long_names(img, "/boot/bzboot")) == sorted(
        ["bzboot.sys"] + MODULES)


def test_pbr_partition_of_plain_mkfs(bzboot, tmp_path):
    img = tmp_path / "d.img"
    make_disk(img, size_mib=24, fat=False)
    sh("mkfs.fat", "-F", "16", "--offset", 2048, "-h", 2048, img, 21 * 1024)
    for _ in range(2):  # the install, then a reinstall over it
        res = run(bzboot, "install", "--pbr", img)
        assert res.returncode == 0, res.stderr
        check_file(img, f"{img}@@{2048 * SECTOR}", lba=2048)
        # fsck.fat has no --offset: check a copy of the partition
        sh("dd", f"if={img}", f"of={tmp_path / 'p.img'}", "bs=1M", "skip=1",
           "count=21", "status=none")
        fsck(tmp_path / "p.img")


def test_reinstall_replaces_the_file(bzboot, tmp_path):
    """The new file goes to clusters that were free; the old ones are
    freed; one bzboot.sys, fsck clean, the same clusters used."""
    img = plain_floppy(tmp_path / "f.img")
    assert run(bzboot, "install", img).returncode == 0
    first = check_file(img, str(img))
    used = fsck(img)[0]
    assert run(bzboot, "install", img).returncode == 0
    second = check_file(img, str(img))
    assert second != first
    assert fsck(img)[0] == used
    assert long_names(img, "/boot/bzboot").count("bzboot.sys") == 1


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_free_space_in_pieces_is_refused(bzboot, tmp_path):
    """Enough free sectors, but no run of stage2's length: refused with
    the reason before anything is written."""
    img = plain_floppy(tmp_path / "f.img")
    # files of half stage2's length fill the 2847 sectors, then every
    # other one but the last is deleted: free runs shorter than stage2
    k = STAGE2.stat().st_size // SECTOR // 2
    n = 2847 // k
    blob = tmp_path / "blob"
    blob.write_bytes(os.urandom(k * SECTOR))
    for i in range(n):
        mtools("mcopy", "-i", img, blob, "::/F%03d" % i)
    for i in range(1, n - 1, 2):
        mtools("mdel", "-i", img, "::/F%03d" % i)
    before = digest(img)
    res = run(bzboot, "install", img)
    assert res.returncode == 1
    assert "is in pieces: stage2 as /boot/bzboot/bzboot.sys needs" \
        in res.stderr
    assert "mkfs.fat -R 72" in res.stderr
    assert digest(img) == before


def test_full_volume_is_refused(bzboot, tmp_path):
    img = plain_floppy(tmp_path / "f.img")
    used, total = fsck(img)
    filler = tmp_path / "filler"
    filler.write_bytes(os.urandom((total - used - 10) * SECTOR))
    mtools("mcopy", "-i", img, filler, "::/FILLER")
    before = digest(img)
    res = run(bzboot, "install", img)
    assert res.returncode == 1
    assert "have no room for stage2, and there is no room for it as " \
        f"{S2FILE} either" in res.stderr
    assert digest(img) == before


def run_env(tool, *args, **env):
    return subprocess.run([str(tool), *map(str, args)], capture_output=True,
                          text=True, env=dict(os.environ, **env))


@pytest.mark.parametrize("mode", ["", ":torn", ":kill"])
def test_every_interruption_restores_exactly(bzboot, tmp_path, mode):
    """A reinstall (the old file replaced, the modules too): until the
    boot sector, the last write, the old PBR still finds its stage2 (the
    old clusters are only freed), and restore gives back every byte."""
    img = plain_floppy(tmp_path / "f.img")
    assert run(bzboot, "install", img).returncode == 0
    before = img.read_bytes()
    total = total_sectors(parse_dry_run(
        run(bzboot, "install", "--dry-run", img).stdout))
    backup = tmp_path / "b"
    for n in range(1, total + 1):
        res = run_env(bzboot, "install", "--backup", backup,
                      "--overwrite-backup", img,
                      BZBOOT_FAULT_WRITE=f"{n}{mode}")
        if mode == ":kill":
            assert res.returncode == -signal.SIGKILL, (n, res.stderr)
        else:
            assert res.returncode == 1, (n, res.stderr)
        now = img.read_bytes()
        if not (mode == ":torn" and n == total):
            assert now[:SECTOR] == before[:SECTOR], n
            _, count, rel = pbr_fields(img)
            old = before[rel * SECTOR:(rel + count) * SECTOR]
            assert now[rel * SECTOR:(rel + count) * SECTOR] == old, n
        res = run(bzboot, "restore", backup, img)
        assert res.returncode == 0, (n, res.stderr)
        assert img.read_bytes() == before, f"write {n}{mode}"
