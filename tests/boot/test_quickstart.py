# SPDX-License-Identifier: BSD-2-Clause
# docs/quickstart.md, run as written: its marked shell blocks in one
# bash -e from a copy of the tree, then its QEMU command's boot.
"""The quick start page, followed literally.

docs/quickstart.md marks each step's shell block with
`<!-- quickstart:step NAME -->` and what the step prints with
`<!-- quickstart:output NAME -->`. Every step block runs, in the page's
order, in one `bash -e`, from a copy of the tree (the files git knows, as
a fresh clone has them, uncommitted changes included) with HOME in a
temporary directory. Only what cannot run here is replaced (SUBST below,
each replacement must find its text exactly once on the page): `sudo apt
install ./x.deb` becomes `dpkg-deb -x` into a directory first on PATH,
so the tool that runs is the package's, and the kernel comes from
build/cache instead of /boot. The QEMU step is not run through bash (it
wants a terminal): its -m and disk are read from it and the same disk
boots through tests/support/qemu.py.

An output block matches when each of its lines matches one whole line of
the step's output, in order: a number (decimal, or hex after 0x; not one
ending a word, as in FAT32 or ttyS0) stands for any number, a trailing `...` for any ending. About 90 s: `make deb`
is most of it.
"""

import os
import re
import shlex
import subprocess

import pytest

import artifacts

PAGE = os.path.join(artifacts.ROOT, "docs", "quickstart.md")
STEPS = ["setup", "deb", "install", "image", "files", "check",
         "install-disk", "qemu"]
BLOCK = re.compile(r"<!-- quickstart:(step|output) ([\w-]+) -->\n"
                   r"```(\w*)\n(.*?)\n```\n", re.S)
# (step, text on the page, what runs here instead)
SUBST = [
    ("install", "sudo apt install ./build/deb/bzboot_*_amd64.deb",
     'dpkg-deb -x ./build/deb/bzboot_*_amd64.deb "$QS_ROOT"\n'
     '[ "$(command -v bzboot)" = "$QS_ROOT/usr/bin/bzboot" ]'),
    ("files", "/boot/vmlinuz-$(uname -r)", '"$QS_KERNEL"'),
]
MARK = "@@quickstart "
SCRIPT_TIMEOUT = 600
BOOT_TIMEOUT = 180.0
FAIL = r"(?m)^bzboot: [^\r\n]*\r?\n|Kernel panic - not syncing"


def page_blocks():
    """(steps, outputs): [(name, text)] in page order, {name: text}."""
    with open(PAGE) as f:
        text = f.read()
    steps, outputs = [], {}
    for kind, name, lang, body in BLOCK.findall(text):
        if kind == "step":
            assert lang == "sh", f"step {name}: a ```sh block"
            steps.append((name, body))
        else:
            outputs[name] = body
    assert [n for n, _ in steps] == STEPS, \
        "the page's steps changed: update STEPS and SUBST here"
    return steps, outputs


def substituted(name, body):
    for step, page_text, here in SUBST:
        if step == name:
            assert body.count(page_text) == 1, \
                f"step {name}: '{page_text}' not on the page once"
            body = body.replace(page_text, here)
    return body


def line_regex(line):
    """One shown output line as a regex for one whole output line."""
    line = line.rstrip()
    tail = ".*" if line.endswith("...") else ""
    if tail:
        line = line[:-3]
    parts = re.split(r"(?<![A-Za-z0-9])(0x[0-9a-fA-F]+|\d+)", line)
    rx = "".join(("0x[0-9a-fA-F]+" if p.startswith("0x") else r"\d+")
                 if i % 2 else re.escape(p) for i, p in enumerate(parts))
    return "^" + rx + tail + r"[ \t]*\r?$"


def assert_shows(shown, output, what):
    """Each line of `shown` matches a line of `output`, in order."""
    pos = 0
    for line in shown.splitlines():
        if not line.strip():
            continue
        m = re.compile(line_regex(line), re.M).search(output, pos)
        assert m, f"{what}: the page shows\n  {line}\nnot printed " \
            f"(after what matched before):\n{output[pos:][-3000:]}"
        pos = m.end()


def tree_copy(dest):
    """The files a fresh clone has (plus uncommitted changes)."""
    root = artifacts.ROOT
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others",
         "--exclude-standard"], cwd=root, capture_output=True,
        check=True).stdout
    os.makedirs(dest)
    tar = subprocess.run(["tar", "--null", "-T", "-", "-cf", "-"],
                         cwd=root, input=files, capture_output=True,
                         check=True).stdout
    subprocess.run(["tar", "-x", "-C", dest], input=tar, check=True)


@pytest.fixture(scope="module")
def walk(tmp_path_factory, boot_files):
    """Run the page's steps; return what they printed and where."""
    steps, outputs = page_blocks()
    top = tmp_path_factory.mktemp("quickstart")
    clone = top / "bzboot"
    tree_copy(clone)
    pkg_root = top / "pkg-root"
    script = "".join(f"echo '{MARK}{name}'\n{substituted(name, body)}\n"
                     for name, body in steps if name != "qemu")
    script += f"echo \"{MARK}cwd $(pwd)\"\n"
    env = {k: v for k, v in os.environ.items()
           if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL",
                        "BZBOOT_VERSION")}
    env.update(HOME=str(top / "home"), QS_ROOT=str(pkg_root),
               QS_KERNEL=boot_files.kernel,
               PATH=f"{pkg_root}/usr/bin:{env['PATH']}")
    os.makedirs(env["HOME"])
    res = subprocess.run(["bash", "-e", "-c", script], cwd=clone, env=env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True,
                         timeout=SCRIPT_TIMEOUT)
    printed = dict(re.findall(rf"^{MARK}(\S+)\n(.*?)(?=^{MARK}|\Z)",
                              res.stdout, re.S | re.M))
    if res.returncode != 0:
        last = re.findall(rf"^{MARK}(\S+)", res.stdout, re.M)[-1]
        pytest.fail(f"docs/quickstart.md: step {last} failed (bash -e, "
                    f"status {res.returncode}); it printed:\n"
                    f"{printed[last][-4000:]}", pytrace=False)
    cwd = re.search(rf"^{MARK}cwd (.*)$", res.stdout, re.M).group(1)
    return dict(steps=dict(steps), outputs=outputs, printed=printed,
                cwd=cwd, pkg_root=pkg_root, top=top)


def test_steps_print_what_the_page_shows(walk):
    for name, shown in walk["outputs"].items():
        if name != "qemu":
            assert_shows(shown, walk["printed"][name], f"step {name}")


def test_installed_modules_are_the_packages(walk):
    """The tool found its modules in the package's lib/bzboot: the
    disk holds exactly those files."""
    mods = walk["pkg_root"] / "usr/lib/bzboot/modules"
    names = sorted(p.name for p in mods.glob("*.bzm"))
    assert names, f"no modules in {mods}"
    got = walk["top"] / "from-disk"
    os.makedirs(got)
    img = os.path.join(walk["cwd"], "disk.img")
    subprocess.run(["mcopy", "-i", img + "@@1M", "::/boot/bzboot/*.bzm",
                    str(got)], check=True)
    assert sorted(os.listdir(got)) == names
    for n in names:
        assert (got / n).read_bytes() == (mods / n).read_bytes(), n


def config_cmdline(path):
    """The command line the page's config gives its DEFAULT label, as
    SYSLINUX passes it (one label, LINUX, INITRD, APPEND)."""
    keys = {}
    with open(path) as f:
        for line in f:
            words = line.split(None, 1)
            if len(words) == 2:
                keys[words[0].upper()] = words[1].strip()
    return "BOOT_IMAGE=%s %s initrd=%s" % (keys["LINUX"], keys["APPEND"],
                                          keys["INITRD"])


def test_qemu_command_boots_the_config(walk, booter):
    argv = shlex.split(walk["steps"]["qemu"])
    assert argv[0] == "qemu-system-x86_64"
    drive = argv[argv.index("-drive") + 1]
    assert drive.startswith("file=disk.img,format=raw"), drive
    memory = int(argv[argv.index("-m") + 1])
    assert "-serial" in argv
    img = os.path.join(walk["cwd"], drive.split(",")[0][len("file="):])
    want = config_cmdline(os.path.join(walk["cwd"], "bzboot.cfg"))
    q = booter.start(img, memory=memory)
    q.wait_for(re.escape("initrd: the kernel's command line is: " + want)
               + r"\r?\n", BOOT_TIMEOUT, fail=FAIL)
    last = walk["outputs"]["qemu"].strip().splitlines()[-1]
    q.wait_for(line_regex(last), 30.0, fail=FAIL, flags=re.M)
    assert_shows(walk["outputs"]["qemu"], q.output, "the QEMU step")
