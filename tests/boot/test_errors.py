# SPDX-License-Identifier: BSD-2-Clause
# Every way a boot can go wrong, booted in QEMU: each prints one "bzboot: "
# line naming the file or sector and the reason, then "boot: " comes back.
"""bzboot's failure paths.

The rule (STYLE.md habit 9): a missing file, an I/O error, a corrupt
filesystem, a kernel that is not a kernel or does not fit, an over-long
command line -- each prints ONE line that names what failed (the file or
the sector) and why, then the "boot: " prompt comes back. bzboot never
hangs silently and never writes to the disk at boot time.

Most cases share one disk (built once per module) whose bzboot.cfg has a
label per failure; a test types the label at the prompt. A test marked
xfail with a reason starting "BUG:" documents a stage2 defect; it is
strict, so the fix shows up as XPASS and the marker must go, and it expects
BzbootBug only, so a SYSLINUX or harness failure still fails.
"""

import hashlib
import os
import re
import shutil

import pytest

import artifacts
import blkdebug
import bzimg
import loadline
from screen import port_file, sercon_args, wait_file

pytestmark = pytest.mark.bzboot

# At the start of a line: "bzboot: " must not count as the prompt.
PROMPT = r"(?m)^boot: "
# Prompt-only cases reach the prompt in well under a second under TCG.
PROMPT_TIMEOUT = 60.0
# Output proving the kernel was started: the failure path was not taken.
BOOTED = r"Booting: |Linux version|Kernel panic"

GOOD_APPEND = "console=ttyS0 bz.test=errors-good"
# The Debian kernel's cmdline_size (setup header 0x238), measured.
CMDLINE_SIZE = 2047
# cmdline/config.h CFG_APPEND_MAX - 1: the longest APPEND bzboot keeps.
APPEND_MAX = 2047

# The kernel copies the FAT tests break, and the one whose read fails.
IO_KERNEL = "/bad/io.krn"
LOOP_KERNEL = "/bad/loop.krn"
SHORT_KERNEL = "/bad/short.krn"
FREE_KERNEL = "/bad/free.krn"

# APPEND that fits bzboot's config limit but, after "BOOT_IMAGE=/vmlinuz ",
# not the kernel's cmdline_size.
LONG_APPEND = ("console=ttyS0 bz.pad=" + "x" * APPEND_MAX)[:2040]
# APPEND over bzboot's own limit: the label is refused at load time.
HUGE_APPEND = "console=ttyS0 bz.pad=" + "x" * 2100
# A label that fits alone; typed words push it over cmdline_size.
PAD_APPEND = "console=ttyS0 bz.pad=" + "p" * 1200
PAD_TYPED = "pad bz.typed=" + "y" * 900

LABELS = [
    ("good", "/vmlinuz", "/initrd.img", GOOD_APPEND),
    ("nokernel", "/nope", None, None),
    ("text", "/notes.txt", None, None),
    ("tiny", "/tiny.bin", None, None),
    ("noflag", "/noflag.bin", None, None),
    ("longcmd", "/vmlinuz", "/initrd.img", LONG_APPEND),
    ("hugeappend", "/vmlinuz", "/initrd.img", HUGE_APPEND),
    ("pad", "/vmlinuz", "/initrd.img", PAD_APPEND),
    ("noinitrd", "/vmlinuz", "/nope.img", "console=ttyS0 bz.test=noinitrd"),
    ("ioerr", IO_KERNEL, "/initrd.img", "console=ttyS0 bz.test=ioerr"),
    ("loop", LOOP_KERNEL, None, "console=ttyS0"),
    ("short", SHORT_KERNEL, None, "console=ttyS0"),
    ("free", FREE_KERNEL, None, "console=ttyS0"),
]

# (typed, regex for the one failure line) for every case that needs no
# special QEMU set-up; test_nothing_written runs them all in one session.
PROMPT_FAILURES = [
    ("nokernel", r"^bzboot: /nope: file not found\b"),
    ("nosuchlabel", r"^bzboot: nosuchlabel: file not found\b"),
    ("text", r"^bzboot: /notes\.txt: not a Linux kernel\b"),
    ("tiny", r"^bzboot: /tiny\.bin: only 100 bytes: not a Linux kernel\b"),
    ("noflag", r"^bzboot: /noflag\.bin: not a Linux kernel: "
     r"no 0xAA55 boot flag"),
    ("longcmd", r"^bzboot: /vmlinuz: the command line is longer than the %d "
     r"characters this kernel accepts" % CMDLINE_SIZE),
    ("hugeappend", r"^bzboot: hugeappend: label has a bad or too long "
     r"value"),
    (PAD_TYPED, r"^bzboot: /vmlinuz: the command line is longer than the %d "
     r"characters this kernel accepts" % CMDLINE_SIZE),
    ("noinitrd", r"^bzboot: /nope\.img: file not found\b"),
    ("loop", r"^bzboot: /bad/loop\.krn: corrupt filesystem: cluster "
     r"chain too long or looping"),
    ("short", r"^bzboot: /bad/short\.krn: corrupt filesystem: cluster "
     r"chain ends early"),
    ("free", r"^bzboot: /bad/free\.krn: corrupt filesystem: free "
     r"cluster in a chain"),
]


class BzbootBug(AssertionError):
    """bzboot, not SYSLINUX or the harness, did the wrong thing: the only
    failure an xfail "BUG:" marker here accepts."""


# --- disks ----------------------------------------------------------------

@pytest.fixture(scope="module")
def disk(bzboot, boot_files):
    """The shared disk: bzboot, the good kernel and initrd, every broken
    file and a label for each (see LABELS). FAT32, 1 sector per cluster."""
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    cfg = bzimg.syslinux_cfg(LABELS, "good", prompt=1, timeout=0)
    d = bzimg.bzboot_disk(os.path.join(artifacts.IMAGES, "test_errors.img"),
                          bzboot, boot_files, 32, 2048, cfg,
                          size_mib=96)
    with open(boot_files.kernel, "rb") as f:
        kernel = f.read()
    bzimg.write_file(d.path, d.start, "/notes.txt",
                     "These are notes, not a kernel.\n" * 40)
    bzimg.write_file(d.path, d.start, "/tiny.bin", kernel[:100])
    noflag = bytearray(kernel[:64 * 1024])
    noflag[0x1FE:0x200] = b"\x55\xAB"     # boot_flag, one bit off
    bzimg.write_file(d.path, d.start, "/noflag.bin", bytes(noflag))
    for path in (IO_KERNEL, LOOP_KERNEL, SHORT_KERNEL, FREE_KERNEL):
        bzimg.copy_in(d.path, d.start, boot_files.kernel, path)

    fat = bzimg.Fat32(d)
    # A loop in the middle: cluster 100 points back to cluster 50.
    chain = fat.clusters(LOOP_KERNEL)
    fat.set_next(chain[100], chain[50])
    # The chain ends half way through the file.
    chain = fat.clusters(SHORT_KERNEL)
    fat.set_next(chain[len(chain) // 2], 0x0FFFFFFF)
    # A chain that runs into a free cluster three quarters in.
    chain = fat.clusters(FREE_KERNEL)
    fat.set_next(chain[3 * len(chain) // 4], 0)
    return d


@pytest.fixture(scope="module")
def bad_lba(disk):
    """The LBA the blkdebug tests fail: a sector half way into the data of
    IO_KERNEL (its protected-mode part, read after the header)."""
    fat = bzimg.Fat32(disk)
    chain = fat.clusters(IO_KERNEL)
    return fat.lba(chain[len(chain) // 2])


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# --- driving the prompt ---------------------------------------------------

def at_prompt(booter, img, tag="", **kw):
    """Start QEMU on `img` and wait for the first boot: prompt."""
    q = booter.start(img, tag, **kw)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    return q


def expect_failure(q, typed, message):
    """Type `typed` and Enter at the prompt. Stage2 must print exactly one
    "bzboot: " line, matching regex `message`, then the prompt again;
    only whole "Loading ..." lines may come before it, their progress
    steps as tests/support/loadline.py says, and the kernel must not
    start. Returns the failure line."""
    q.send(typed + "\r")
    m = q.wait_for(r"(?s)(.*?)\nboot: ", PROMPT_TIMEOUT, fail=BOOTED)
    lines = [ln.strip("\r") for ln in m.group(1).split("\n")]
    # The serial echo ends each full 80-column row itself (prompt_vt.c):
    # a line longer than a row arrives as several, "boot: " on the first.
    col = len("boot: ") + len(lines[0])
    while col == 80 and len(lines) > 1 and len(lines[0]) < len(typed):
        col = len(lines[1])
        lines[0:2] = [lines[0] + lines[1]]
    assert lines[0] == typed, "the prompt echoed %r" % lines[0]
    said = [ln for ln in lines[1:] if ln.strip()]
    errors = [ln for ln in said if ln.startswith("bzboot: ")]
    other = [ln for ln in said
             if not ln.startswith("bzboot: ") and not loadline.LINE.match(ln)]
    assert len(errors) == 1 and not other, \
        "expected one bzboot: line after %r, got:\n%s" % (
            typed[:40], "\n".join(said))
    for ln in said:
        if loadline.LINE.match(ln):
            loadline.check_line(ln)
    assert re.search(message, errors[0]), \
        "%r does not match %r" % (errors[0], message)
    return errors[0]


def boot_good(booter, q):
    """Type the good label at the prompt: the kernel must boot with it."""
    q.send("good\r")
    rep = booter.wait_marker(q)
    assert rep.cmdline == artifacts.expected_cmdline(
        "/vmlinuz", GOOD_APPEND, "/initrd.img")
    return rep


# --- the tests ------------------------------------------------------------

def test_missing_kernel(disk, booter):
    """LINUX /nope: the file is named, the prompt returns and takes the
    next line (the same failure again, from the same prompt)."""
    q = at_prompt(booter, disk.path)
    expect_failure(q, "nokernel", r"^bzboot: /nope: file not found\b")
    expect_failure(q, "nokernel", r"^bzboot: /nope: file not found\b")


def test_unknown_label_then_good(disk, booter):
    """A word that is no label is a kernel file name (IMPLICIT 1, as in
    SYSLINUX): not found, prompt back, and the good label then boots."""
    q = at_prompt(booter, disk.path)
    expect_failure(q, "nosuchlabel", r"^bzboot: nosuchlabel: file not found")
    boot_good(booter, q)


@pytest.mark.parametrize("label,path", [
    ("text", "/notes.txt"), ("tiny", "/tiny.bin"),
    ("noflag", "/noflag.bin")], ids=["text-file", "100-bytes", "bad-0xAA55"])
def test_not_a_kernel(disk, booter, label, path):
    """A text file, a 100-byte file and a kernel head whose boot_flag is
    not 0xAA55: the file is named with the reason."""
    q = at_prompt(booter, disk.path)
    why = "only 100 bytes: " if label == "tiny" else ""
    expect_failure(q, label, r"^bzboot: %s: %snot a Linux kernel\b" %
                   (re.escape(path), why))


@pytest.mark.parametrize("typed", ["longcmd", PAD_TYPED],
                         ids=["append", "typed"])
def test_cmdline_too_long(disk, booter, typed):
    """Over the kernel's cmdline_size: an APPEND that fits bzboot's own
    limit but not the kernel's, and a label that fits until typed words
    push it over."""
    q = at_prompt(booter, disk.path)
    expect_failure(q, typed, r"^bzboot: /vmlinuz: the command line is longer than "
                   r"the %d characters this kernel accepts" % CMDLINE_SIZE)


def test_append_over_config_limit(disk, booter):
    """An APPEND longer than bzboot keeps (2047 characters): a warning with
    file:line when the config loads, and the label is refused by name."""
    q = booter.start(disk.path)
    m = q.wait_for(r"bzboot: /bzboot\.cfg:(\d+): ([^\r\n]*)\r?\n",
                   PROMPT_TIMEOUT, fail=BOOTED)
    cfg = bzimg.syslinux_cfg(LABELS, "good", prompt=1, timeout=0)
    line = cfg.split("\n")[int(m.group(1)) - 1]
    assert line.strip().startswith("APPEND console=ttyS0 bz.pad=xxxx") and \
        len(line.strip()) > APPEND_MAX, "warning names line %s: %r" % (
            m.group(1), line[:60])
    assert "too long" in m.group(2)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    expect_failure(q, "hugeappend",
                   r"^bzboot: hugeappend: label has a bad or too long value")


def test_missing_initrd(disk, booter):
    """INITRD names a file that is not there: the initrd is named, the
    kernel is NOT started without it, and the good label then boots."""
    q = at_prompt(booter, disk.path)
    expect_failure(q, "noinitrd", r"^bzboot: /nope\.img: file not found\b")
    boot_good(booter, q)


def test_read_error(disk, bad_lba, booter, image_path):
    """QEMU's blkdebug fails every read of one sector of IO_KERNEL with
    EIO: the message names that LBA, the prompt returns, and the good
    kernel (other sectors) still boots."""
    conf = os.path.splitext(image_path("blkdebug"))[0] + ".conf"
    q = at_prompt(booter, disk.path,
                  drive=blkdebug.drive(disk.path, bad_lba, conf))
    line = expect_failure(
        q, "ioerr", r"^bzboot: %s: read error at LBA (\d+) \(BIOS status "
        r"0x[0-9a-f]{2}\)" % re.escape(IO_KERNEL))
    lba = int(re.search(r"LBA (\d+)", line).group(1))
    assert lba == bad_lba, "named LBA %d, the failing one is %d" % (
        lba, bad_lba)
    boot_good(booter, q)


@pytest.mark.parametrize("label,path,why", [
    ("loop", LOOP_KERNEL, "cluster chain too long or looping"),
    ("short", SHORT_KERNEL, "cluster chain ends early"),
    ("free", FREE_KERNEL, "free cluster in a chain"),
], ids=["loop", "ends-early", "free-cluster"])
def test_corrupt_fat(disk, booter, label, path, why):
    """The kernel's cluster chain loops back (cluster 100 -> 50), ends half
    way, or runs into a free cluster: 'corrupt filesystem' naming the
    file, the prompt again, no hang."""
    q = at_prompt(booter, disk.path)
    expect_failure(q, label, r"^bzboot: %s: corrupt filesystem: %s" % (
        re.escape(path), re.escape(why)))


def test_damaged_stage2(disk, booter, image_path, test_name):
    """One byte of stage2 flipped: its entry's checksum catches it and
    says so on the screen (INT 10h) and on COM1 (direct port writes);
    stage2's C code never runs."""
    img = image_path()
    shutil.copyfile(disk.path, img)
    lba, sectors = bzimg.stage2_place(img)
    with open(img, "r+b") as f:
        f.seek((lba + sectors // 2) * 512 + 77)
        b = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([b[0] ^ 0x01]))
    screen = os.path.join(artifacts.LOGS, test_name + ".screen.log")
    msg = ("bzboot: stage2 is damaged or does not match stage1: "
           "reinstall bzboot")
    q = booter.start(img, extra_args=sercon_args(screen))
    q.wait_for(re.escape(msg), PROMPT_TIMEOUT)
    wait_file(screen, re.escape(msg), PROMPT_TIMEOUT)
    assert "bzboot 0." not in q.output, "stage2's C code ran"
    assert q.output.count(msg) == 1


def test_no_stage2(disk, booter, image_path, test_name):
    """stage2's first sector zeroed (magic gone): stage1 prints its short
    message on the screen only (INT 10h); it is read back through
    SeaBIOS's serial console on COM2."""
    img = image_path()
    shutil.copyfile(disk.path, img)
    lba, _ = bzimg.stage2_place(img)
    with open(img, "r+b") as f:
        f.seek(lba * 512)
        f.write(bytes(512))
    screen = os.path.join(artifacts.LOGS, test_name + ".screen.log")
    q = booter.start(img, extra_args=sercon_args(screen))
    wait_file(screen, r"Booting from Hard Disk", PROMPT_TIMEOUT)
    wait_file(screen, re.escape("bzboot: no stage2 (reinstall)"),
              PROMPT_TIMEOUT)
    assert "bzboot" not in q.output, "stage1 wrote to COM1: %r" % q.output


# --- no config ------------------------------------------------------------

@pytest.fixture(scope="module")
def nocfg_disk(bzboot, boot_files):
    """Kernel and initrd, no config anywhere; bzboot's MBR. SYSLINUX is
    installed too (VBR + ldlinux): syslinux_copy() boots it instead."""
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    d = bzimg.make_disk(os.path.join(artifacts.IMAGES,
                                     "test_errors-nocfg.img"), fat=32)
    bzimg.install_syslinux(d)
    bzimg.bzboot_install(bzboot, d.path)
    bzimg.copy_in(d.path, d.start, boot_files.kernel, "/vmlinuz")
    bzimg.copy_in(d.path, d.start, boot_files.initrd, "/initrd.img")
    return d


NOCFG_MSG = (r"^bzboot: no config file \(looked for /bzboot\.cfg, .*\); "
             r"type a kernel path and its arguments\.\r?$")
NOCFG_TYPED = "/vmlinuz initrd=/initrd.img console=ttyS0 bz.test=nocfg"


@pytest.mark.syslinux
def test_no_config(nocfg_disk, booter, image_path):
    """No config file: the message, the prompt, then a typed kernel path
    with its arguments boots, with SYSLINUX's command line (SYSLINUX with
    no config talks on the screen only: driven through SeaBIOS's serial
    console, on COM1 here since nothing else uses it)."""
    want = "BOOT_IMAGE=" + NOCFG_TYPED
    ref = image_path("syslinux")
    shutil.copyfile(nocfg_disk.path, ref)
    bzimg.write_mbr_code(ref)
    port = port_file(0x3F8)
    q = booter.start(ref, "syslinux", extra_args=[
        "-fw_cfg", "name=etc/sercon-port,file=%s" % port])
    q.wait_for(PROMPT, PROMPT_TIMEOUT)
    # sercon moves COM1 input into the BIOS's 15-key keyboard buffer:
    # type slowly, and see the whole line echoed before Enter.
    q.send(NOCFG_TYPED, delay=0.05)
    q.wait_for(re.escape(NOCFG_TYPED), PROMPT_TIMEOUT)
    q.send("\r")
    q.wait_for(r"Loading /vmlinuz", PROMPT_TIMEOUT, fail=PROMPT)
    assert booter.wait_marker(q).cmdline == want, "SYSLINUX differs"
    q.close()

    q = booter.start(nocfg_disk.path, "bzboot")
    q.wait_for(NOCFG_MSG, PROMPT_TIMEOUT, fail=BOOTED, flags=re.M)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    q.send(NOCFG_TYPED + "\r")
    # A refusal is one "bzboot: " line: stop there, not at the boot timeout.
    m = q.wait_for(r"(?m)^(bzboot: [^\r\n]*|Booting: )", PROMPT_TIMEOUT)
    if m.group(1) != "Booting: ":
        raise BzbootBug("bzboot refused the typed line: %s" % m.group(1))
    rep = booter.wait_marker(q)
    if rep.cmdline != want:
        raise BzbootBug("cmdline %r, SYSLINUX %r" % (rep.cmdline, want))


def test_no_config_prompt(nocfg_disk, booter):
    """No config file: one line says so and where bzboot looked, then the
    prompt; a typed missing kernel is named and the prompt returns."""
    q = booter.start(nocfg_disk.path)
    q.wait_for(NOCFG_MSG, PROMPT_TIMEOUT, fail=BOOTED, flags=re.M)
    q.wait_for(PROMPT, PROMPT_TIMEOUT, fail=BOOTED)
    expect_failure(q, "/nope.krn console=ttyS0", r"^bzboot: /nope\.krn\b")


# --- nothing written -------------------------------------------------------

def _quit(q):
    """End QEMU cleanly (SIGTERM: it flushes and closes the image)."""
    q.proc.terminate()
    q.proc.wait(timeout=30)
    q.close()


@pytest.mark.parametrize("case", ["prompt-failures", "read-error",
                                  "no-config"])
def test_nothing_written(case, disk, nocfg_disk, bad_lba, booter,
                         image_path):
    """Writable (not snapshot) copy of the disk, every failure of the case
    at the prompt, QEMU ended: the image's SHA-256 is unchanged."""
    img = image_path()
    shutil.copyfile(nocfg_disk.path if case == "no-config" else disk.path,
                    img)
    before = sha256(img)
    if case == "read-error":
        conf = os.path.splitext(image_path("blkdebug"))[0] + ".conf"
        q = at_prompt(booter, img, drive=blkdebug.drive(img, bad_lba, conf,
                                                        snapshot=False))
        expect_failure(q, "ioerr", r"read error at LBA %d\b" % bad_lba)
        expect_failure(q, "ioerr", r"read error at LBA %d\b" % bad_lba)
    elif case == "no-config":
        q = at_prompt(booter, img, snapshot=False)
        expect_failure(q, "/nope.krn", r"^bzboot: /nope\.krn\b")
        expect_failure(q, "/vmlinuz.bad x=1", r"^bzboot: /vmlinuz\.bad\b")
    else:
        q = at_prompt(booter, img, snapshot=False)
        for typed, message in PROMPT_FAILURES:
            expect_failure(q, typed, message)
    assert "-drive" in q.argv() and "snapshot=on" not in " ".join(q.argv())
    _quit(q)
    assert sha256(img) == before, "bzboot wrote to the disk (%s)" % case
