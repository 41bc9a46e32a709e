# SPDX-License-Identifier: BSD-2-Clause
# Fail a disk read on purpose (QEMU's blkdebug), and prove from outside the
# guest that the read did fail: a test of recovery means nothing otherwise.
"""Injected read errors, and the evidence that they happened.

QEMU's blkdebug driver sits between the IDE disk and the image file and
fails with EIO every read its rule names (or only the first, once=True).
A test that expects bzboot to get past such an error must also show that
the error happened: a rule that never fires (a wrong sector, a changed
option syntax) would let the test pass the same way. QEMU holds two
witnesses the guest cannot fake:

- failed_reads(): query-blockstats over QMP; IDE counts every read it
  reports to the guest as failed (failed_rd_operations).
- reads_of(): the ide_sector_read trace lists each sector the guest's
  PIO reads asked for (SeaBIOS reads by PIO); the failed sector read a
  second time is the retry.

Start the Qemu with **QEMU_KW (qmp=True, trace=TRACE) to have both.
"""

import re

# The disk Qemu's -drive makes: IDE bus 0, unit 0.
DEVICE = "ide0-hd0"
TRACE = ("ide_sector_read",)
QEMU_KW = {"qmp": True, "trace": TRACE}

_SECTOR_READ = re.compile(r"\bide_sector_read sector=(\d+) nsectors=(\d+)")


def drive(img, lba, conf, snapshot=True, once=False, index=0):
    """A -drive that fails every read touching sector `lba` with EIO (or
    only the first one, with once), its rule written to the INI file
    `conf`; IDE disk `index` (0: the one booted). QEMU 7.2 syntax: format=raw over file.driver=blkdebug, whose
    file.image is the plain file."""
    with open(conf, "w") as f:
        f.write('[inject-error]\nevent = "read_aio"\nerrno = "5"\n'
                'sector = "%d"\n' % lba)
        if once:
            f.write('once = "on"\n')
    spec = ("format=raw,file.driver=blkdebug,file.config=%s,"
            "file.image.filename=%s,if=ide,index=%d,media=disk" %
            (conf, img, index))
    return spec + (",snapshot=on" if snapshot else "")


def failed_reads(q):
    """How many reads of the disk QEMU reported to the guest as failed,
    so far (QEMU must still be running)."""
    for dev in q.qmp("query-blockstats"):
        if dev.get("device") == DEVICE:
            return dev["stats"]["failed_rd_operations"]
    raise AssertionError("query-blockstats has no %s" % DEVICE)


def reads_of(q, lba):
    """How many of the guest's sector reads, in QEMU's trace so far,
    covered sector `lba`."""
    n = 0
    for line in q.trace_lines():
        m = _SECTOR_READ.search(line)
        if m and int(m.group(1)) <= lba < int(m.group(1)) + int(m.group(2)):
            n += 1
    return n


def assert_failed_once_then_read(q, failed, lba):
    """The evidence for one transient error at `lba`: QEMU failed exactly
    one read (`failed`, the failed_reads() taken while it ran), and its
    trace shows `lba` asked for again after that. Call after q ended, so
    that the trace is complete."""
    assert failed == 1, (
        "QEMU failed %d reads, not 1: the injected error at LBA %d %s" %
        (failed, lba, "never fired" if failed == 0 else "was not one-off"))
    reads = reads_of(q, lba)
    assert reads >= 2, (
        "LBA %d was read %d time(s): the failed read was not retried (%s)" %
        (lba, reads, q.trace_path))
