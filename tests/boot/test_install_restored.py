# SPDX-License-Identifier: BSD-2-Clause
# An interrupted bzboot install over a disk that boots SYSLINUX: it still
# boots SYSLINUX, and after bzboot restore the image is byte for byte the
# original and boots SYSLINUX again. The interruptions come from the test
# hook BZBOOT_FAULT_WRITE (docs/install.md, "Test hooks").
"""Interrupted installs boot as before; restored ones too."""

import os
import subprocess

import pytest

import artifacts
import bzimg

pytestmark = [pytest.mark.syslinux, pytest.mark.bzboot]

SYSLINUX = r"SYSLINUX 6\.04"
PROMPT = r"boot: "
TIMEOUT = 120.0
NOT_BEFORE = r"(?m)^bzboot"   # bzboot's banner or an error: not as before


@pytest.fixture(scope="module")
def disk(boot_files):
    """SYSLINUX's MBR, VBR and ldlinux on a FAT32 partition at 2048, a
    prompt on COM1; the gap after the MBR empty, so bzboot may install."""
    cfg = bzimg.syslinux_cfg(
        [("linux", "/vmlinuz", "/initrd.img", "console=ttyS0")], "linux",
        prompt=1, timeout=0, extra=["SERIAL 0 115200"])
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    return bzimg.syslinux_disk(os.path.join(artifacts.IMAGES,
                                            "test_install_restored.img"),
                               boot_files, 32, 2048, cfg)


def install(tool, img, fault, *args):
    return subprocess.run([str(tool), "install", *map(str, args), str(img)],
                          capture_output=True, text=True,
                          env=dict(os.environ, BZBOOT_FAULT_WRITE=fault))


def boots_syslinux(booter, img, tag):
    q = booter.start(img, tag)
    q.wait_for(SYSLINUX, TIMEOUT, fail=NOT_BEFORE)
    q.wait_for(PROMPT, TIMEOUT, fail=NOT_BEFORE)
    q.close()


def test_interrupted_install_boots_as_before(bzboot, disk, booter, tmp_path):
    """Stopped half way through stage2: the MBR is still SYSLINUX's."""
    img = tmp_path / "half.img"
    img.write_bytes(open(disk.path, "rb").read())
    res = install(bzboot, img, "30", "--backup", tmp_path / "b")
    assert res.returncode == 1, res.stderr
    boots_syslinux(booter, str(img), "interrupted")


def test_torn_install_restored_boots_as_before(bzboot, disk, booter,
                                              tmp_path):
    """The worst case: the last write, the MBR, torn half way (it boots
    neither loader); bzboot restore gives the original image back."""
    orig = open(disk.path, "rb").read()
    img = tmp_path / "torn.img"
    img.write_bytes(orig)
    dry = subprocess.run([str(bzboot), "install", "--dry-run", str(img)],
                         capture_output=True, text=True, check=True)
    last = sum(int(line.split(" length ")[1].split()[0]) // 512
               for line in dry.stdout.splitlines() if line[:1].isdigit())
    res = install(bzboot, img, f"{last}:torn", "--backup", tmp_path / "b")
    assert res.returncode == 1, res.stderr
    assert img.read_bytes()[:512] != orig[:512]
    res = subprocess.run([str(bzboot), "restore", str(tmp_path / "b"),
                          str(img)], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert img.read_bytes() == orig
    boots_syslinux(booter, str(img), "restored")
