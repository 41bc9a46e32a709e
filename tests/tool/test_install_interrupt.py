# SPDX-License-Identifier: BSD-2-Clause
# Interrupted installs: the test hook BZBOOT_FAULT_WRITE=N[:torn|:kill]
# (tools/fault.h) makes the N-th sector written fail (EIO), be half
# written, or the process die before it. For every N of every layout:
# the sector that switches the boot path is still the old one (the disk
# boots as before) unless the failure hit that very sector half way, and
# bzboot restore gives back the whole image byte for byte.
"""Interrupt the install at each sector written, then restore."""

import os
import signal
import subprocess

import pytest

from installkit import SECTOR, run
from safekit import LAYOUTS, parse_dry_run, sector, total_sectors


def run_env(tool, *args, **env):
    return subprocess.run([str(tool), *map(str, args)], capture_output=True,
                          text=True, env=dict(os.environ, **env))


@pytest.mark.parametrize("mode", ["", ":torn", ":kill"])
@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_interruption_restores_exactly(bzboot, tmp_path, name, mode):
    build, opts, commit_lba = LAYOUTS[name]
    path = build(tmp_path / "disk.img")
    before = path.read_bytes()
    total = total_sectors(parse_dry_run(
        run(bzboot, "install", "--dry-run", *opts, path).stdout))
    backup = tmp_path / "b"
    for n in range(1, total + 1):
        res = run_env(bzboot, "install", "--backup", backup,
                      "--overwrite-backup", *opts, path,
                      BZBOOT_FAULT_WRITE=f"{n}{mode}")
        if mode == ":kill":
            assert res.returncode == -signal.SIGKILL, (n, res.stderr)
        else:
            assert res.returncode == 1, (n, res.stdout, res.stderr)
            assert f"BZBOOT_FAULT_WRITE: write {n} " in res.stderr
            assert f"to put back what was written: bzboot restore " \
                f"{backup} {path}" in res.stderr
        assert "installed:" not in res.stdout
        # The boot path switches with the last sector written, so it
        # boots as before unless that very sector was torn.
        if not (mode == ":torn" and n == total):
            with open(path, "rb") as f:
                f.seek(commit_lba * SECTOR)
                now = f.read(SECTOR)
            assert now == sector(before, commit_lba), n
        res = run(bzboot, "restore", backup, path)
        assert res.returncode == 0, (n, res.stderr)
        assert path.read_bytes() == before, f"write {n}{mode}"
    # One past the last write: the hook never fires, the install is whole.
    res = run_env(bzboot, "install", *opts, path,
                  BZBOOT_FAULT_WRITE=f"{total + 1}{mode}")
    assert res.returncode == 0, res.stderr


def test_interrupted_install_without_backup_finishes_when_run_again(
        bzboot, tmp_path):
    """No backup: installing again over a half-written stage2 (our magic
    in its first sector) completes it, as a clean install would."""
    build, opts, _ = LAYOUTS["mbr"]
    path = build(tmp_path / "disk.img")
    clean = tmp_path / "clean.img"
    clean.write_bytes(path.read_bytes())
    assert run(bzboot, "install", clean).returncode == 0
    for n in (1, 2, 30):
        res = run_env(bzboot, "install", path, BZBOOT_FAULT_WRITE=f"{n}:torn")
        assert res.returncode == 1
        assert "fix the cause and install again" in res.stderr
    assert run(bzboot, "install", path).returncode == 0
    assert path.read_bytes() == clean.read_bytes()


@pytest.mark.parametrize("value", ["x", "0", "3:tron", "-1"])
def test_fault_hook_typo_fails_every_write(bzboot, tmp_path, value):
    path = LAYOUTS["mbr"][0](tmp_path / "disk.img")
    before = path.read_bytes()
    res = run_env(bzboot, "install", path, BZBOOT_FAULT_WRITE=value)
    assert res.returncode == 1
    assert "is not N, N:torn or N:kill" in res.stderr
    assert path.read_bytes() == before


def test_restore_interrupted_then_run_again(bzboot, tmp_path):
    """A restore that stops half way is finished by running it again."""
    build, opts, _ = LAYOUTS["superfloppy32"]
    path = build(tmp_path / "disk.img")
    before = path.read_bytes()
    backup = tmp_path / "b"
    # without modules: the third sector restored is then stage2's
    assert run(bzboot, "install", "--no-modules", "--backup", backup,
               path).returncode == 0
    res = run_env(bzboot, "restore", backup, path,
                  BZBOOT_FAULT_WRITE="3:torn")
    assert res.returncode == 1
    assert f"run bzboot restore {backup} {path} again" in res.stderr
    res = run(bzboot, "restore", backup, path)
    assert res.returncode == 0, res.stderr
    assert "partly written" in res.stdout
    assert path.read_bytes() == before
