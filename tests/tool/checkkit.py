# SPDX-License-Identifier: BSD-2-Clause
"""Helpers for the bzboot check tests: the Debian kernel and the build's
modules, disk images made as the other tool tests make them (sfdisk,
mkfs.fat --offset, mtools), trees for --root, and the output's lines."""

import shutil

import pytest

from installkit import BUILD, SECTOR, run, sh

KERNEL = BUILD / "cache" / "vmlinuz"
MODULES = BUILD / "modules"
INITRD = BUILD / "cache" / "initrd.img"
START = 2048  # the partition's first LBA
# stage2's advice after a name it cannot find (protocol/boot_msg.h)
NOT_FOUND = ". Check the name (ls it on the FAT partition) or type another"
KSIZE = KERNEL.stat().st_size if KERNEL.exists() else 0
RSIZE = INITRD.stat().st_size if INITRD.exists() else 0


@pytest.fixture(scope="module")
def kernel():
    if not KERNEL.exists() or not INITRD.exists():
        pytest.skip(f"{KERNEL} or {INITRD} missing: run make (the cache)")
    if not list(MODULES.glob("*.bzm")):
        pytest.skip(f"no modules in {MODULES}: run make")
    return KERNEL


def modules():
    """The build's modules where bzboot install puts them."""
    return {f"/boot/bzboot/{m.name}": m.read_bytes()
            for m in MODULES.glob("*.bzm")}


def write_tree(root, files):
    """files ({name on the volume: bytes}) under the directory root."""
    for name, data in files.items():
        dst = root / name.lstrip("/")
        dst.parent.mkdir(parents=True, exist_ok=True)
        dst.write_bytes(data)
    return root


# sfdisk's partition type for a FAT volume stage2 chooses by itself
FAT_TYPE = {"dos": "e", "gpt": "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7"}


def make_image(path, files, size_mib=48, label="dos"):
    """A disk with one FAT16 partition at START holding files (an MBR or
    a GPT, whose backup at the end the partition must leave alone)."""
    sh("truncate", "-s", f"{size_mib}M", path)
    sh("sfdisk", "-q", path,
       stdin=f"label: {label}\nstart={START}, type={FAT_TYPE[label]}\n")
    sh("mkfs.fat", "-F", "16", "--offset", START, path,
       ((size_mib - 1) * 1024 * 1024 // SECTOR - START) * SECTOR // 1024)
    staging = write_tree(path.parent / (path.name + ".d"), files)
    sh("mcopy", "-s", "-i", f"{path}@@{START * SECTOR}",
       *sorted(staging.iterdir()), "::/")
    shutil.rmtree(staging)
    return path


def check_tree(bzboot, tmp_path, cfg, files=(), mods=True, args=()):
    """bzboot check --root on a tree of /syslinux.cfg (cfg), files
    ({name: host file to copy}) and the modules unless not mods; args
    before --root (--mem)."""
    root = write_tree(tmp_path / "root", {
        "/syslinux.cfg": cfg.encode(), **(modules() if mods else {}),
        **{name: src.read_bytes() for name, src in dict(files).items()}})
    return run(bzboot, "check", *args, "--root", root,
               root / "syslinux.cfg")


def lines(res):
    return res.stdout.splitlines()
