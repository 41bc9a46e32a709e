# SPDX-License-Identifier: BSD-2-Clause
# bzboot install --dry-run: the listing names every byte the real install
# then changes, in the order it writes them, and the dry run writes nothing
# and opens the disk read-only.
"""--dry-run on every install layout (MBR, GPT, superfloppy, --pbr)."""

import os
import shutil
import subprocess

import pytest

from installkit import SECTOR, assert_refused, run
from safekit import LAYOUTS, changed_bytes, mbr_disk, parse_dry_run, sha


@pytest.fixture(params=sorted(LAYOUTS))
def layout(request, tmp_path):
    build, opts, commit_lba = LAYOUTS[request.param]
    return request.param, build(tmp_path / "disk.img"), opts, commit_lba


def test_dry_run_lists_what_install_writes(bzboot, layout, tmp_path):
    name, path, opts, commit_lba = layout
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--dry-run", *opts, path)
    assert res.returncode == 0, res.stderr
    assert sha(path.read_bytes()) == sha(before), "the dry run wrote"
    assert f"{path} was opened read-only; nothing was written" in res.stdout
    assert "installed:" not in res.stdout
    writes = parse_dry_run(res.stdout)
    assert writes, res.stdout

    # The sector that switches the boot path to bzboot is written last.
    assert writes[-1][0] == commit_lba * SECTOR
    if name != "pbr-set-active":
        assert writes[0][2].startswith("stage2")

    res = run(bzboot, "install", "--no-modules", *opts, path)
    assert res.returncode == 0, res.stderr
    after = path.read_bytes()

    # Every changed byte lies in a listed byte range (a write's notes,
    # else the whole write); every listed write changes something.
    ranges = []
    for off, length, _, notes in writes:
        ranges += [(o, n) for o, n, _ in notes] or [(off, length)]
    changed = changed_bytes(before, after)
    assert changed
    outside = [b for b in changed
               if not any(o <= b < o + n for o, n in ranges)]
    assert not outside, f"byte {outside[0]} changed but was not listed"
    for off, length, what, _ in writes:
        assert any(off <= b < off + length for b in changed), what


def test_dry_run_of_mbr_install_names_the_ranges(bzboot, tmp_path,
                                                  s2_sectors):
    path = mbr_disk(tmp_path / "disk.img")
    res = run(bzboot, "install", "--no-modules", "--dry-run", "--set-active",
              path)
    assert res.returncode == 0, res.stderr
    writes = parse_dry_run(res.stdout)
    assert [(w[0], w[1], w[2]) for w in writes] == [
        (SECTOR, s2_sectors * SECTOR, f"stage2 sectors 1-{s2_sectors}"),
        (0, SECTOR, "the MBR (disk signature and table kept, boot flags "
         "set)")]
    assert writes[1][3] == [
        (0, 440, "MBR code bytes 0-439 (stage1)"),
        (446, 1, "MBR entry 1 boot flag 0x00 -> 0x80 (byte 446)")]


def test_dry_run_checks_what_install_checks(bzboot, tmp_path, s2_sectors):
    """A refusal is a refusal in a dry run too."""
    path = mbr_disk(tmp_path / "disk.img")
    with open(path, "r+b") as f:
        f.seek(SECTOR)
        f.write(os.urandom(s2_sectors * SECTOR))
    before = path.read_bytes()
    res = run(bzboot, "install", "--no-modules", "--dry-run", path)
    assert_refused(res, "rerun with --force")
    assert path.read_bytes() == before


def test_dry_run_opens_the_disk_read_only(bzboot, tmp_path):
    """strace shows the one open of the image: O_RDONLY, and no write."""
    if not shutil.which("strace"):
        pytest.skip("strace is not installed")
    path = mbr_disk(tmp_path / "disk.img")
    res = subprocess.run(["strace", "-f", "-e", "trace=openat,pwrite64",
                          str(bzboot), "install", "--no-modules", "--dry-run",
                              str(path)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    opens = [ln for ln in res.stderr.splitlines()
             if "openat(" in ln and str(path) in ln]
    assert len(opens) == 1 and "O_RDONLY" in opens[0], opens
    assert "pwrite64(" not in res.stderr


def test_dry_run_works_on_a_read_only_file(bzboot, tmp_path):
    """Without root, a file without write permission shows the same."""
    if os.geteuid() == 0:
        pytest.skip("root may open a read-only file for writing")
    path = mbr_disk(tmp_path / "disk.img")
    path.chmod(0o444)
    assert run(bzboot, "install", "--no-modules", "--dry-run",
               path).returncode == 0
    res = run(bzboot, "install", "--no-modules", path)
    assert_refused(res, "cannot open")
