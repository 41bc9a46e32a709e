# SPDX-License-Identifier: BSD-2-Clause
"""One version everywhere: bzboot --version, the boot banner in stage2 and
stage2's header all carry what scripts/version.sh made of git describe,
and a tree without git (a git archive export) falls back to the
Makefile's VERSION (docs/install.md, "Versions")."""

import os
import re
import shutil
import subprocess

import pytest

from installkit import BUILD, ROOT, run

# X.Y.Z, X.Y.Z-N-gHASH, either with -dirty (scripts/version.sh)
FORMAT = re.compile(r"\d+\.\d+\.\d+(-\d+-g[0-9a-f]{7,})?(-dirty)?")

HEADER_VERSION = 0x20  # struct bz_stage2_header.version, 16 bytes


def clean_env():
    """The environment without the variables an outer make passes down,
    so the make run here decides the version itself."""
    env = dict(os.environ)
    for k in ("BZBOOT_VERSION", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(k, None)
    return env


def make_version(tree):
    res = subprocess.run(["make", "-s", "--no-print-directory", "version"],
                         cwd=tree, capture_output=True, text=True,
                         env=clean_env(), check=True)
    return res.stdout.strip()


def makefile_version(tree=ROOT):
    text = (tree / "Makefile").read_text()
    return re.search(r"^VERSION := (\S+)$", text, re.M).group(1)


def git(*args, cwd=ROOT):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True,
                          text=True, check=True).stdout.strip()


def carries(build, version):
    """The tool, the banner and the header of the build in `build`."""
    tool = run(build / "bzboot", "--version")
    assert (tool.returncode, tool.stdout) == (0, f"bzboot {version}\n")
    # stage2.raw is stage2 unpacked: the banner's format string is there
    raw = (build / "stage2.raw").read_bytes()
    assert f"bzboot {version}\n".encode() in raw
    head = (build / "stage2.bin").read_bytes()[HEADER_VERSION:][:16]
    assert head == version.encode()[:15].ljust(16, b"\0")


def test_the_build_carries_the_trees_version(bzboot):
    version = make_version(ROOT)
    assert FORMAT.fullmatch(version), version
    assert (BUILD / "version").read_text() == version + "\n"
    carries(BUILD, version)


def test_version_names_the_commit():
    version = make_version(ROOT)
    if "-g" in version:
        sha = version.split("-g")[1].split("-")[0]
        assert git("rev-parse", "HEAD").startswith(sha)
    dirty = git("status", "--porcelain", "--untracked-files=no") != ""
    assert version.endswith("-dirty") == dirty


def script_in_repo(tmp_path):
    """A small git repository holding scripts/version.sh."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "version.sh", repo / "scripts")
    (repo / "a").write_text("a\n")
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"],
                 ["config", "user.name", "t"], ["add", "."],
                 ["commit", "-q", "-m", "one"]):
        git(*args, cwd=repo)
    return repo


def version_sh(repo, base="0.1.0"):
    return subprocess.run(["sh", "scripts/version.sh", base], cwd=repo,
                          capture_output=True, text=True,
                          check=True).stdout.strip()


def test_version_sh_without_a_tag_counts_commits(tmp_path):
    repo = script_in_repo(tmp_path)
    sha = git("rev-parse", "--short=7", "HEAD", cwd=repo)
    assert version_sh(repo) == f"0.1.0-1-g{sha}"
    (repo / "a").write_text("changed\n")
    assert version_sh(repo) == f"0.1.0-1-g{sha}-dirty"


def test_version_sh_at_and_after_a_tag(tmp_path):
    repo = script_in_repo(tmp_path)
    git("tag", "v0.2.0", cwd=repo)
    assert version_sh(repo) == "0.2.0"
    (repo / "b").write_text("b\n")
    git("add", "b", cwd=repo)
    git("commit", "-q", "-m", "two", cwd=repo)
    sha = git("rev-parse", "--short=7", "HEAD", cwd=repo)
    assert version_sh(repo) == f"0.2.0-1-g{sha}"


def test_version_sh_ignores_an_enclosing_checkout(tmp_path):
    """A tarball unpacked inside another git tree is not that tree."""
    repo = script_in_repo(tmp_path)
    inner = repo / "bzboot-0.1.0"
    (inner / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "version.sh", inner / "scripts")
    assert version_sh(inner, "0.3.0") == "0.3.0"


def test_archive_export_builds_the_makefiles_version(tmp_path):
    """git archive of the tree as it is (uncommitted changes included)
    into a directory without git: built there, tool, banner and header
    carry VERSION."""
    commit = git("stash", "create") or "HEAD"
    tree = tmp_path / "bzboot"
    tree.mkdir()
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT,
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
    assert make_version(tree) == makefile_version(tree)
    res = subprocess.run(["make", "-s", "-j2", "build/bzboot"], cwd=tree,
                         capture_output=True, text=True, env=clean_env())
    assert res.returncode == 0, res.stderr[-2000:]
    carries(tree / "build", makefile_version(tree))
