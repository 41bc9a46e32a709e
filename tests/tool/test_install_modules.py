# SPDX-License-Identifier: BSD-2-Clause
# bzboot install writes the build's modules (build/modules/*.bzm, the
# directory next to the stage2 it installs) into /boot/bzboot/ of the FAT
# volume stage2 boots from, after stage2 and before the sector that
# switches the boot path; a volume without room gets a warning and the
# install goes on. Read back with mtools, checked with fsck.fat -n.
"""bzboot install: modules into /boot/bzboot/ on the boot volume."""

import os
import shutil
import subprocess
import struct

import pytest

from fatkit import fsck, long_names, mtools, read_back
from installkit import BUILD, SECTOR, make_disk, run, sh
from safekit import LAYOUTS, parse_dry_run

MODULES = BUILD / "modules"


@pytest.fixture(scope="module")
def modules():
    found = {p.name: p.read_bytes() for p in sorted(MODULES.glob("*.bzm"))}
    if not found:
        pytest.skip(f"no modules in {MODULES}: run make")
    return found


def part(img, start=2048):
    return f"{img}@@{start * SECTOR}"


def floppy(path, reserved=72, kib=1440):
    sh("mkfs.fat", "-C", "-R", reserved, path, kib)
    return path


def assert_modules(spec, modules):
    names = long_names(spec, "/boot/bzboot")
    assert sorted(n.lower() for n in names) == sorted(modules)
    for name, data in modules.items():
        assert read_back(spec, "/boot/bzboot/" + name) == data, name


@pytest.mark.parametrize("fat", ["16", "32"])
def test_mbr_install_writes_the_modules(bzboot, tmp_path, modules, fat):
    img = tmp_path / "disk.img"
    make_disk(img, size_mib=40, fat=False)
    sh("mkfs.fat", "-F", fat, "--offset", 2048, img, (40 - 2) * 1024)
    res = run(bzboot, "install", img)
    assert res.returncode == 0, res.stderr
    assert f"modules: {', '.join(sorted(modules))} in /boot/bzboot/ of " \
        f"the FAT{fat} volume at LBA 2048" in res.stdout
    assert_modules(part(img), modules)
    sh("dd", f"if={img}", f"of={tmp_path / 'p.img'}", "bs=1M", "skip=1",
       "count=38", "status=none")
    fsck(tmp_path / "p.img")


def test_dry_run_order_modules_before_the_switch(bzboot, tmp_path):
    """Every layout of the interrupt tests (test_install_interrupt.py)
    with a FAT volume writes the modules, after stage2, before the sector
    that switches the boot path: that loop restores them byte for byte."""
    for name, (build, opts, commit_lba) in LAYOUTS.items():
        path = build(tmp_path / f"{name}.img")
        writes = parse_dry_run(
            run(bzboot, "install", "--dry-run", *opts, path).stdout)
        kinds = [w[2].split(":")[0].split(" ")[0] for w in writes]
        if name == "gpt":  # its basic-data partition holds no FAT
            assert "new" not in kinds
            continue
        assert kinds[0] == "stage2", kinds
        fat = ["new", "FAT", "FAT"] + (["FSInfo"] if "32" in name else [])
        assert kinds[1:len(fat) + 2] == fat + ["directory"], kinds
        assert writes[-1][0] == commit_lba * SECTOR, kinds


def test_superfloppy_and_reinstall_replace(bzboot, tmp_path, modules):
    """A floppy: the modules, fsck clean; an older passwd.bzm is
    replaced on reinstall, and no second entry appears."""
    img = floppy(tmp_path / "f.img")
    mtools("mmd", "-i", img, "::/boot", "::/boot/bzboot")
    old = tmp_path / "passwd.bzm"
    old.write_bytes(os.urandom(9000))
    mtools("mcopy", "-i", img, old, "::/boot/bzboot/passwd.bzm")
    used_before = fsck(img)[0]
    res = run(bzboot, "install", img)
    assert res.returncode == 0, res.stderr
    assert_modules(str(img), modules)
    fsck(img)
    res = run(bzboot, "install", img)
    assert res.returncode == 0, res.stderr
    assert_modules(str(img), modules)
    used_after = fsck(img)[0]
    want = sum(-(-len(d) // 512) for d in modules.values())
    assert used_after == used_before - -(-9000 // 512) + want


def test_pbr_partition(bzboot, tmp_path, modules):
    img = tmp_path / "disk.img"
    make_disk(img, size_mib=12, fat=False)
    sh("mkfs.fat", "-F", "16", "-R", "72", "--offset", 2048, img, 10 * 1024)
    res = run(bzboot, "install", "--pbr", img)
    assert res.returncode == 0, res.stderr
    assert_modules(part(img), modules)


def test_no_modules_writes_none(bzboot, tmp_path, modules):
    img = floppy(tmp_path / "f.img")
    res = run(bzboot, "install", "--no-modules", img)
    assert res.returncode == 0, res.stderr
    assert "modules" not in res.stdout
    assert long_names(img, "/") == []


def test_no_room_warns_and_installs(bzboot, tmp_path, modules):
    """A full floppy: a warning names the modules left out and why; the
    boot sector and stage2 are installed, the FAT is untouched."""
    img = floppy(tmp_path / "f.img")
    used, total = fsck(img)
    filler = tmp_path / "filler"
    filler.write_bytes(os.urandom((total - used - 2) * 512))
    mtools("mcopy", "-i", img, filler, "::/FILLER")
    fat_before = img.read_bytes()[72 * 512:]
    res = run(bzboot, "install", img)
    assert res.returncode == 0, res.stderr
    names = ", ".join(sorted(modules))
    assert f"warning: no room for {names} on the boot volume" in res.stderr
    assert "free" in res.stderr and "needs" in res.stderr
    assert "installed:" in res.stdout and "modules:" not in res.stdout
    assert img.read_bytes()[72 * 512:] == fat_before
    fsck(img)


def other_build(data):
    img = bytearray(data)
    ident, = struct.unpack_from("<I", img, 0x10)
    struct.pack_into("<I", img, 0x10, ident ^ 1)
    struct.pack_into("<I", img, 0x0C, 0)
    total = sum(struct.unpack_from("<%dI" % (len(img) // 4), img))
    struct.pack_into("<I", img, 0x0C, -total & 0xFFFFFFFF)
    return bytes(img)


def test_module_of_another_build_is_left_out(bzboot, tmp_path, modules):
    """--modules DIR: a module built for another stage2 (its identity
    differs, its checksum is right) is named and not written; the
    others are."""
    mdir = tmp_path / "mods"
    mdir.mkdir()
    name, data = next(iter(modules.items()))
    (mdir / name).write_bytes(data)
    (mdir / "other.bzm").write_bytes(other_build(data))
    img = floppy(tmp_path / "f.img")
    res = run(bzboot, "install", "--modules", mdir, img)
    assert res.returncode == 0, res.stderr
    assert f"{mdir}/other.bzm: built for another bzboot build" in res.stderr
    assert long_names(img, "/boot/bzboot") == [name]


def test_modules_next_to_stage2_file(bzboot, tmp_path, modules):
    """--stage2 FILE: the modules come from modules/ next to FILE."""
    shutil.copy(BUILD / "stage2.bin", tmp_path / "stage2.bin")
    shutil.copytree(MODULES, tmp_path / "modules")
    img = floppy(tmp_path / "f.img")
    res = run(bzboot, "install", "--stage2", tmp_path / "stage2.bin", img)
    assert res.returncode == 0, res.stderr
    assert_modules(str(img), modules)
    empty = tmp_path / "none"
    empty.mkdir()
    shutil.copy(BUILD / "stage2.bin", empty / "stage2.bin")
    img2 = floppy(tmp_path / "g.img")
    res = run(bzboot, "install", "--stage2", empty / "stage2.bin", img2)
    assert res.returncode == 0, res.stderr
    assert f"note: no modules (*.bzm) in {empty}/modules" in res.stdout


def test_mounted_boot_volume_warns_and_installs(bzboot, tmp_path, modules):
    """The running system's disk, its boot partition mounted (the test
    hook BZBOOT_TEST_SYSROOT, as in test_install_mounted.py): the MBR
    install goes on, the modules are left to the user, with the place."""
    from test_install_mounted import sysroot
    img = make_disk(tmp_path / "d.img")
    root = sysroot(tmp_path / "root", [(1, 2048, 12288)],
                   mounts=[("240:1", "/dev/fakedisk1", "/boot")])
    before = img.read_bytes()
    res = subprocess.run([str(bzboot), "install", str(img)],
                         capture_output=True, text=True,
                         env=dict(os.environ, BZBOOT_TEST_SYSROOT=str(root)))
    assert res.returncode == 0, res.stderr
    assert "warning: no modules written: the boot volume is mounted at " \
        f"/boot" in res.stderr
    assert f"copy {MODULES}/*.bzm to /boot/boot/bzboot/" in res.stderr
    assert "installed:" in res.stdout and "modules:" not in res.stdout
    assert img.read_bytes()[2048 * SECTOR:] == before[2048 * SECTOR:]
