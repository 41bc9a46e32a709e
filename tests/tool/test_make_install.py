# SPDX-License-Identifier: BSD-2-Clause
"""make install and make uninstall (install.mk) into a DESTDIR: the tool,
its modules and the manuals where PREFIX says; the installed tool runs
from there (it finds its modules in ../lib/bzboot/modules), installs
onto an image and inspects a kernel; uninstall leaves no file behind."""

import os
import subprocess

from installkit import BUILD, MIB, make_disk, run
from test_inspect import kernel

MODULES = sorted(p.name for p in (BUILD / "modules").glob("*.bzm"))


def make(*args):
    env = dict(os.environ)
    for k in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(k, None)
    res = subprocess.run(["make", "-s", "--no-print-directory", *args],
                         cwd=BUILD.parent, capture_output=True, text=True,
                         env=env)
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def files_under(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if not p.is_dir())


def exercise(tool, tmp_path):
    """What a user does first with an installed bzboot: its version, an
    install onto a disk image (the modules from the installed place),
    a kernel inspected."""
    res = run(tool, "--version")
    assert res.returncode == 0
    assert res.stdout == f"bzboot {make('version').strip()}\n"
    img = tmp_path / "disk.img"
    make_disk(img, size_mib=16)
    res = run(tool, "install", img)
    assert res.returncode == 0, res.stderr
    assert f"modules: {', '.join(MODULES)} in /boot/bzboot/" in res.stdout
    assert "warning" not in res.stderr
    vmlinuz = tmp_path / "vmlinuz"
    vmlinuz.write_bytes(kernel(0x020F, sects=20, pm_size=2 * MIB,
                               loadflags=1))
    res = run(tool, "inspect", "--initrd", "1M", vmlinuz)
    assert res.returncode == 0, res.stderr
    assert "bzImage, boot protocol 2.15" in res.stdout


def test_install_run_uninstall(bzboot, tmp_path):
    assert MODULES, "no build/modules/*.bzm: run make"
    dest = tmp_path / "dest"
    make("install", f"DESTDIR={dest}")
    prefix = dest / "usr" / "local"
    assert files_under(dest) == sorted(
        ["usr/local/bin/bzboot", "usr/local/share/man/man1/bzboot.1",
         "usr/local/share/man/man5/bzboot.cfg.5"]
        + [f"usr/local/lib/bzboot/modules/{m}" for m in MODULES])
    assert os.access(prefix / "bin" / "bzboot", os.X_OK)
    for m in MODULES:
        assert (prefix / "lib/bzboot/modules" / m).read_bytes() == \
            (BUILD / "modules" / m).read_bytes()
    exercise(prefix / "bin" / "bzboot", tmp_path)

    make("uninstall", f"DESTDIR={dest}")
    assert files_under(dest) == []
    assert not (prefix / "lib" / "bzboot").exists()


def test_prefix(bzboot, tmp_path):
    """PREFIX=/usr, as the Debian package installs."""
    dest = tmp_path / "dest"
    make("install", f"DESTDIR={dest}", "PREFIX=/usr")
    assert (dest / "usr/bin/bzboot").exists()
    assert (dest / "usr/share/man/man5/bzboot.cfg.5").exists()
    exercise(dest / "usr/bin/bzboot", tmp_path)
    make("uninstall", f"DESTDIR={dest}", "PREFIX=/usr")
    assert files_under(dest) == []
