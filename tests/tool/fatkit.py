# SPDX-License-Identifier: BSD-2-Clause
"""Helpers for the FAT writer's tests: volumes made by plain mkfs.fat,
files read back and checked with mtools and fsck.fat (not with bzboot's
own reader)."""

import os
import re
import struct
import subprocess

from installkit import sh

# name: mkfs.fat arguments after the image (sizes in KiB)
VOLUMES = {
    "fat12": ("1440",),                # a 1.44 MB floppy, as users make one
    "fat16": ("-F", "16", "20000"),
    "fat32": ("-F", "32", "40000"),
}


def make_volume(path, kind):
    sh("mkfs.fat", "-C", path, *VOLUMES[kind])
    return path


def mtools(*args):
    env = dict(os.environ, MTOOLS_SKIP_CHECK="1")
    return subprocess.run(list(map(str, args)), capture_output=True,
                          env=env, check=True).stdout


def read_back(img, path):
    return mtools("mtype", "-i", img, "::" + path)


def long_names(img, directory):
    """The names mdir shows in directory (long names where it has them,
    which mtools shows only when their checksum matches the 8.3 entry)."""
    out = mtools("mdir", "-a", "-b", "-i", img, "::" + directory).decode()
    prefix = "::" + directory.rstrip("/") + "/"
    return sorted(line[len(prefix):] for line in out.splitlines()
                  if line.startswith(prefix))


def short_names(img, directory):
    """{long name: 8.3 name as mdir prints it ("ALONGF~1 TXT")}."""
    out = mtools("mdir", "-a", "-i", img, "::" + directory).decode()
    names = {}
    for line in out.splitlines():
        m = re.match(r"^(.{8}) (.{3}) +(?:<DIR>|\d+) +\S+ +\S+ *(.*)$", line)
        if m:
            short = (m[1] + " " + m[2]).rstrip()
            names[m[3] or short] = short
    return names


def fsck(img):
    """fsck.fat -n: clean means exit 0 and nothing but the summary."""
    res = subprocess.run(["fsck.fat", "-n", str(img)], capture_output=True,
                         text=True)
    lines = [ln for ln in res.stdout.splitlines()
             if not ln.startswith("fsck.fat ")]
    assert res.returncode == 0 and len(lines) == 1, res.stdout + res.stderr
    m = re.search(r"(\d+)/(\d+) clusters", lines[0])
    return int(m[1]), int(m[2])


def fsinfo_free(img):
    """FAT32's FSInfo free count (sector 1 of a plain mkfs.fat volume)."""
    with open(img, "rb") as f:
        bs = f.read(512)
        rel, = struct.unpack_from("<H", bs, 0x30)
        f.seek(rel * 512)
        return struct.unpack_from("<I", f.read(512), 488)[0]
