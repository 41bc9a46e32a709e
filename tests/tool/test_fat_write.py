# SPDX-License-Identifier: BSD-2-Clause
# The installer's FAT writer (tools/fatw*.c) through `bzboot copy`, on
# FAT12 (a 1.44 MB floppy), FAT16 and FAT32 volumes made by plain
# mkfs.fat: files read back with mtools, names as mdir shows them,
# fsck.fat -n clean after every write, replacing, a full volume refused
# before anything is written, and every interrupted write restored.
"""bzboot copy: files into FAT volumes, checked with mtools and fsck."""

import hashlib
import os
import signal
import subprocess

import pytest

from fatkit import (fsck, fsinfo_free, long_names, make_volume, mtools,
                    read_back, short_names)
from installkit import run
from safekit import parse_dry_run, total_sectors

KINDS = ["fat12", "fat16", "fat32"]


def copy(bzboot, img, data, dest, *opts, tmp=None):
    src = (tmp or img.parent) / "src.bin"
    src.write_bytes(data)
    res = run(bzboot, "copy", "--as", dest, *opts, src, img)
    assert res.returncode == 0, res.stderr
    return res


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("kind", KINDS)
def test_files_of_several_sizes_read_back(bzboot, tmp_path, kind):
    """New and existing directories, the root, sizes around a sector and
    a cluster; long names, and short names with their ~N tails."""
    img = make_volume(tmp_path / "v.img", kind)
    mtools("mmd", "-i", img, "::/existing")
    files = {
        "/boot/bzboot/passwd.bzm": os.urandom(5952),
        "/boot/bzboot/empty": b"",
        "/boot/bzboot/one": b"x",
        "/existing/A Long File Name.txt": os.urandom(512),
        "/existing/A Long File Name too.txt": os.urandom(513),
        "/existing/big.bin": os.urandom(150 * 1024),
        "/ROOT.TXT": os.urandom(4096),
        "/root file with spaces and more than 26 characters":
            os.urandom(2049),
    }
    for dest, data in files.items():
        copy(bzboot, img, data, dest, tmp=tmp_path)
        fsck(img)
    for dest, data in files.items():
        assert read_back(img, dest) == data, dest
    assert long_names(img, "/boot/bzboot") == ["empty", "one", "passwd.bzm"]
    assert long_names(img, "/existing") == [
        "A Long File Name too.txt", "A Long File Name.txt", "big.bin"]
    names = short_names(img, "/existing")
    assert names["A Long File Name.txt"] == "ALONGF~1 TXT"
    assert names["A Long File Name too.txt"] == "ALONGF~2 TXT"
    assert short_names(img, "/boot/bzboot")["passwd.bzm"] == "PASSWD   BZM"
    # an exact 8.3 name in upper case needs no long name
    assert short_names(img, "/")["ROOT     TXT"] == "ROOT     TXT"
    assert "ROOT.TXT" in long_names(img, "/")


@pytest.mark.parametrize("kind", KINDS)
def test_replace_frees_the_old_chain(bzboot, tmp_path, kind):
    img = make_volume(tmp_path / "v.img", kind)
    used0, _ = fsck(img)
    big, small = os.urandom(60000), os.urandom(700)
    copy(bzboot, img, big, "/boot/bzboot/m.bzm", tmp=tmp_path)
    used_big, _ = fsck(img)
    copy(bzboot, img, small, "/boot/bzboot/m.bzm", tmp=tmp_path)
    used_small, _ = fsck(img)
    assert read_back(img, "/boot/bzboot/m.bzm") == small
    assert used_small < used_big
    copy(bzboot, img, big, "/BOOT/BZBOOT/M.BZM", tmp=tmp_path)  # any case
    assert fsck(img)[0] == used_big
    assert read_back(img, "/boot/bzboot/m.bzm") == big
    assert long_names(img, "/boot/bzboot") == ["m.bzm"]
    assert used0 < used_small


def test_fsinfo_free_count(bzboot, tmp_path):
    img = make_volume(tmp_path / "v.img", "fat32")
    copy(bzboot, img, os.urandom(30000), "/a/b/c.bin", tmp=tmp_path)
    copy(bzboot, img, os.urandom(10), "/a/b/c.bin", tmp=tmp_path)
    used, total = fsck(img)
    assert fsinfo_free(img) == total - used


@pytest.mark.parametrize("kind", KINDS)
def test_attributes(bzboot, tmp_path, kind):
    img = make_volume(tmp_path / "v.img", kind)
    copy(bzboot, img, b"stage2", "/boot/bzboot/bzboot.sys", "--attr", "rhs",
         tmp=tmp_path)
    out = mtools("mattrib", "-i", img, "::/boot/bzboot/bzboot.sys").decode()
    assert out.split()[0] == "A" and "SHR" in out, out
    fsck(img)


def test_directory_grows_past_its_cluster(bzboot, tmp_path):
    """FAT32 with 512-byte clusters: 16 entries a cluster, so 30 files
    with long names take the directory over several clusters."""
    img = make_volume(tmp_path / "v.img", "fat32")
    names = ["module number %02d.bzm" % i for i in range(30)]
    for i, name in enumerate(names):
        copy(bzboot, img, bytes([i]) * (100 + i), "/boot/bzboot/" + name,
             tmp=tmp_path)
    fsck(img)
    assert long_names(img, "/boot/bzboot") == sorted(names)
    for i, name in enumerate(names):
        assert read_back(img, "/boot/bzboot/" + name) == bytes([i]) * (100 + i)


def test_fragmented_free_space(bzboot, tmp_path):
    """No free run is long enough: the file takes the first free
    clusters, and reads back whole."""
    img = make_volume(tmp_path / "v.img", "fat12")
    for i in range(40):
        copy(bzboot, img, os.urandom(512), "/f%02d" % i, tmp=tmp_path)
    for i in range(0, 40, 2):
        mtools("mdel", "-i", img, "::/f%02d" % i)
    free = fsck(img)[1] - fsck(img)[0]
    data = os.urandom((free - 5) * 512)
    copy(bzboot, img, data, "/big", tmp=tmp_path)
    fsck(img)
    assert read_back(img, "/big") == data


@pytest.mark.parametrize("kind", KINDS)
def test_full_volume_refused_before_writing(bzboot, tmp_path, kind):
    img = make_volume(tmp_path / "v.img", kind)
    used, total = fsck(img)
    before = digest(img)
    src = tmp_path / "huge.bin"
    src.write_bytes(os.urandom(1))
    with open(src, "r+b") as f:
        f.truncate(img.stat().st_size)
    res = run(bzboot, "copy", "--as", "/boot/bzboot/huge.bin", src, img)
    assert res.returncode == 1
    assert "no room for /boot/bzboot/huge.bin" in res.stderr
    assert f"free" in res.stderr and "needs" in res.stderr
    assert "nothing written" in res.stderr
    assert digest(img) == before


def test_fixed_root_directory_full(bzboot, tmp_path):
    """A floppy's root holds 224 entries: the 225th name is refused with
    that reason, and the volume is as it was."""
    img = make_volume(tmp_path / "v.img", "fat12")
    for i in range(224):
        copy(bzboot, img, b"", "/F%03d" % i, tmp=tmp_path)
    before = digest(img)
    src = tmp_path / "x"
    src.write_bytes(b"x")
    res = run(bzboot, "copy", "--as", "/one more", src, img)
    assert res.returncode == 1
    assert "root directory is full (224 entries)" in res.stderr
    assert digest(img) == before
    fsck(img)


def test_refuses_bad_names_and_directories(bzboot, tmp_path):
    img = make_volume(tmp_path / "v.img", "fat16")
    copy(bzboot, img, b"file", "/boot", tmp=tmp_path)
    src = tmp_path / "src.bin"
    for dest, why in [("/boot/x", "/boot in /boot/x is a file"),
                      ("/a?b", "printable ASCII"),
                      ("/", "printable ASCII")]:
        res = run(bzboot, "copy", "--as", dest, src, img)
        assert res.returncode == 1 and why in res.stderr, res.stderr
    mtools("mmd", "-i", img, "::/dir")
    res = run(bzboot, "copy", "--as", "/dir", src, img)
    assert "/dir is a directory" in res.stderr


def test_dry_run_lists_and_writes_nothing(bzboot, tmp_path):
    img = make_volume(tmp_path / "v.img", "fat16")
    src = tmp_path / "src.bin"
    src.write_bytes(os.urandom(3000))
    before = img.read_bytes()
    res = run(bzboot, "copy", "--dry-run", "--as", "/boot/bzboot/m.bzm",
              src, img)
    assert res.returncode == 0, res.stderr
    assert img.read_bytes() == before
    writes = parse_dry_run(res.stdout)
    kinds = [w[2].split(":")[0] for w in writes]
    assert kinds == ["new clusters", "FAT 1",
                     "FAT 2", "directory entries"], kinds
    assert run(bzboot, "copy", "--as", "/boot/bzboot/m.bzm", src,
               img).returncode == 0
    after = img.read_bytes()
    listed = set()
    for off, length, _, _ in writes:
        listed.update(range(off, off + length))
    assert all(i in listed for i in range(len(before))
               if before[i] != after[i])


def run_env(tool, *args, **env):
    return subprocess.run([str(tool), *map(str, args)], capture_output=True,
                          text=True, env=dict(os.environ, **env))


@pytest.mark.parametrize("mode", ["", ":torn", ":kill"])
def test_every_interruption_restores_exactly(bzboot, tmp_path, mode):
    """A replacement on a floppy (new clusters, both FATs, the entry)
    interrupted at each sector: bzboot restore gives back every byte."""
    img = make_volume(tmp_path / "v.img", "fat12")
    copy(bzboot, img, os.urandom(3000), "/boot/bzboot/m.bzm", tmp=tmp_path)
    src = tmp_path / "new.bin"
    src.write_bytes(os.urandom(5000))
    before = img.read_bytes()
    args = ("--as", "/boot/bzboot/m.bzm", src, img)
    total = total_sectors(parse_dry_run(
        run(bzboot, "copy", "--dry-run", *args).stdout))
    backup = tmp_path / "b"
    for n in range(1, total + 1):
        res = run_env(bzboot, "copy", "--backup", backup,
                      "--overwrite-backup", *args,
                      BZBOOT_FAULT_WRITE=f"{n}{mode}")
        if mode == ":kill":
            assert res.returncode == -signal.SIGKILL, (n, res.stderr)
        else:
            assert res.returncode == 1, (n, res.stdout, res.stderr)
        res = run(bzboot, "restore", backup, img)
        assert res.returncode == 0, (n, res.stderr)
        assert img.read_bytes() == before, f"write {n}{mode}"
    res = run_env(bzboot, "copy", *args,
                  BZBOOT_FAULT_WRITE=f"{total + 1}{mode}")
    assert res.returncode == 0, res.stderr
    fsck(img)
