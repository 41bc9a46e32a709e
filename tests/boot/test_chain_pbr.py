# SPDX-License-Identifier: BSD-2-Clause
"""chain.c32 `fs` when stage2 came through a partition boot record:
SYSLINUX 6.04 on partition 1 chainloads (its chain.c32 `hd0 2`)
bzboot's PBR on partition 2 (`bzboot install --pbr --partition 2`),
whose config's label runs `chain.c32 fs`. Behind a PBR stage2 has not
read the partition table: `fs` must still hand over partition 2's entry.

That partition's boot sector is bzboot's PBR, which would only start
bzboot again; so once bzboot is at its prompt the test writes the probe
(tests/probes/chainboot.asm, FAT16 BPB kept) over it in the image file,
which QEMU's snapshot overlay reads through to. The reference is the
same disk with the probe there from the start, chainloaded by SYSLINUX's
own chain.c32 `hd0 2`: the probe must see the same DL, DS:SI and entry."""

import os
import shutil

import pytest

import artifacts
import bzimg
from test_chain import REPORT, entry, probe_sector, put_probe
from test_errors import BOOTED, PROMPT, PROMPT_TIMEOUT

pytestmark = [pytest.mark.bzboot, pytest.mark.syslinux]

CFG = """SERIAL 0 115200
PROMPT 1
LABEL self
  COM32 chain.c32
  APPEND fs
"""
TAG = "HD0-P2"


@pytest.fixture(scope="module")
def disks(bzboot):
    """(bzboot's disk, the reference disk, partition 2's Disk, probe)."""
    d = os.path.join(artifacts.IMAGES, "test_chain_pbr")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "pbr.img")
    _, p2, _ = bzimg.syslinux_chain_disk(path, bzboot, fat2=16,
                                         size_mib=40)
    bzimg.write_file(path, p2.start, "/bzboot.cfg", CFG)
    bzimg.copy_modules(p2, artifacts.MODULES, names=["chain"])
    probe = probe_sector(os.path.join(d, "probe"))
    ref = os.path.join(d, "ref.img")
    shutil.copyfile(path, ref)
    put_probe(ref, p2.start, probe, TAG)
    return path, ref, p2, probe


def test_fs_behind_pbr(disks, booter):
    path, ref, p2, probe = disks
    q = booter.start(ref, "syslinux")
    want = q.wait_for(REPORT, PROMPT_TIMEOUT, fail=BOOTED).groupdict()
    q.close()
    assert want["tag"] == TAG
    assert int(want["dx"], 16) & 0xFF == 0x80
    assert (want["ds"], want["si"]) == ("0000", "07be")
    assert entry(want["pe"]) == (0x00, 0x0E, p2.start, p2.sectors)

    q = booter.start(path, "bzboot")
    q.wait_for(r"bzboot \S+", PROMPT_TIMEOUT, fail=BOOTED)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    put_probe(path, p2.start, probe, TAG)
    q.send("self\r")
    q.wait_for(r"Booting chain\.c32 fs\.\.\.", PROMPT_TIMEOUT, fail=BOOTED)
    got = q.wait_for(REPORT, PROMPT_TIMEOUT, fail=BOOTED).groupdict()
    for r in (want, got):
        r["pe"] = r["pe"][:32]  # past the entry: what memory held
    assert got == want
