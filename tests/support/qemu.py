# SPDX-License-Identifier: BSD-2-Clause
# Drive qemu-system-x86_64 over COM1: read the serial output into a buffer
# (and a log file) on a thread, wait for patterns, type keys back.
"""QEMU driver for the boot tests.

COM1 is QEMU's stdio (-serial stdio): everything the guest sends is read
by a thread into a buffer and the log file; send() writes to QEMU's stdin,
which the guest reads from COM1. QEMU only takes input as fast as the
emulated UART accepts it, so typed keys are not lost.

TCG is used unless BZ_QEMU_ACCEL=kvm (this machine's /dev/kvm cannot run a
stock kernel). BZ_QEMU may name another qemu-system-x86_64.

What the guest cannot show on COM1, QEMU can: with qmp=True a test asks
QEMU itself (qmp(): e.g. query-blockstats counts the failed disk reads;
sendkey() and type_keys() press keys on the PS/2 keyboard, so the guest
reads them through INT 16h; screen() reads the VGA text page),
and with trace=[events] QEMU logs those trace events (e.g. ide_sector_read,
every sector the guest read) to <log>.trace, read back with trace_lines().
"""

import ctypes
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

TAIL = 3000  # characters of serial log quoted when a wait fails

# type_keys(): characters whose qcode is not the character itself.
_QCODES = {" ": "spc", "\r": "ret", "\t": "tab", "-": "minus",
           "=": "equal", ".": "dot", "/": "slash", ",": "comma",
           "_": "shift-minus", ":": "shift-semicolon"}


class BootError(AssertionError):
    """A wait failed: timeout, or QEMU exited first. The message carries
    the tail of the serial log and QEMU's stderr."""


try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):
    _prctl = None
PR_SET_PDEATHSIG = 1


def _die_with_parent():
    """In the child before exec: ask Linux to kill QEMU when the test
    process dies, so a killed pytest leaves no QEMU behind. (Resolved
    above, in the parent: the child only makes the call.)"""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def accel_args():
    accel = os.environ.get("BZ_QEMU_ACCEL", "tcg")
    if accel == "kvm":
        return ["-accel", "kvm", "-cpu", "host"]
    return ["-accel", accel]


class Qemu:
    """One QEMU run booting `img` from the first IDE disk.

    machine: None for QEMU's default (i440fx), or e.g. "q35,i8042=off".
    drive: None for the usual raw IDE disk on `img`, else the whole -drive
    argument to use instead (e.g. a blkdebug stack that fails reads, or
    if=floppy with boot="a").
    boot: the -boot order, "c" (the hard disk) unless told.
    qmp: open a QMP socket, for qmp().
    trace: QEMU trace event names to log to <log>.trace (needs log_path).
    Use as a context manager, or call start() and close().
    """

    def __init__(self, img, log_path=None, memory=512, machine=None,
                 snapshot=True, extra_args=(), qemu=None, drive=None,
                 boot="c", qmp=False, trace=()):
        self.img = str(img)
        self.boot_order = boot
        self.drive = drive
        self.log_path = str(log_path) if log_path else None
        self.memory = memory
        self.machine = machine
        self.snapshot = snapshot
        self.extra_args = list(extra_args)
        self.qemu = qemu or os.environ.get("BZ_QEMU", "qemu-system-x86_64")
        self.proc = None
        self.started_at = None
        self._text = ""         # COM1 output, bytes decoded 1:1 (latin-1)
        self._pos = 0           # wait_for() searches from here
        self._cond = threading.Condition()
        self._eof = False
        self._log = None
        self._stderr_path = None
        self._reader = None
        # A socket path must stay short (108 bytes): not under build/.
        self._qmp_dir = tempfile.mkdtemp(prefix="bzqmp") if qmp else None
        self._qmp = None
        self.trace_events = list(trace)
        self.trace_path = None
        if self.trace_events:
            if not self.log_path:
                raise ValueError("trace needs a log_path")
            self.trace_path = os.path.splitext(self.log_path)[0] + ".trace"

    # --- life cycle -----------------------------------------------------
    def argv(self):
        drive = "file=%s,format=raw,if=ide,index=0,media=disk" % self.img
        if self.snapshot:
            # Keep the image as built, so one image can be booted twice.
            drive += ",snapshot=on"
        if self.drive:
            drive = self.drive
        argv = [self.qemu]
        if self.machine:
            argv += ["-machine", self.machine]
        argv += accel_args()
        argv += ["-m", str(self.memory), "-display", "none",
                 "-serial", "stdio", "-monitor", "none", "-parallel", "none",
                 "-nic", "none", "-no-reboot", "-boot", self.boot_order,
                 "-drive", drive]
        if self._qmp_dir:
            argv += ["-qmp", "unix:%s,server=on,wait=off" % self._qmp_sock()]
        if self.trace_events:
            argv += ["-trace", "events=%s,file=%s" % (
                self._trace_list(), self.trace_path)]
        return argv + self.extra_args

    def _qmp_sock(self):
        return os.path.join(self._qmp_dir, "qmp.sock")

    def _trace_list(self):
        """-trace takes a file of event names, one a line."""
        path = os.path.splitext(self.trace_path)[0] + ".events"
        with open(path, "w") as f:
            f.write("".join(e + "\n" for e in self.trace_events))
        return path

    def start(self):
        if self.log_path:
            os.makedirs(os.path.dirname(self.log_path) or ".", exist_ok=True)
            self._log = open(self.log_path, "wb")
            base = os.path.splitext(self.log_path)[0]
            self._stderr_path = base + ".stderr"
            stderr = open(self._stderr_path, "wb")
        else:
            stderr = subprocess.DEVNULL
        argv = self.argv()
        if self.trace_path and os.path.exists(self.trace_path):
            os.unlink(self.trace_path)  # QEMU appends to it
        if self._log:
            self._log.write(("# %s\n" % " ".join(argv)).encode())
            self._log.flush()
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr,
                                     bufsize=0,
                                     preexec_fn=_die_with_parent)
        if stderr is not subprocess.DEVNULL:
            stderr.close()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        return self

    def _read(self):
        fd = self.proc.stdout.fileno()
        while True:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            with self._cond:
                if not chunk:
                    self._eof = True
                    self._cond.notify_all()
                    return
                self._text += chunk.decode("latin-1")
                if self._log:
                    self._log.write(chunk)
                    self._log.flush()
                self._cond.notify_all()

    def close(self):
        """Stop QEMU (if still running) and close the log. Idempotent."""
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                pass
            for f in (self.proc.stdin, self.proc.stdout):
                try:
                    f.close()
                except OSError:
                    pass
        if self._reader is not None:
            self._reader.join(timeout=5)
        with self._cond:
            if self._log:
                self._log.close()
                self._log = None
        if self._qmp is not None:
            self._qmp.close()
            self._qmp = None
        if self._qmp_dir:
            shutil.rmtree(self._qmp_dir, ignore_errors=True)

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()
        return False

    # --- reading and writing -------------------------------------------
    @property
    def output(self):
        """Everything COM1 sent so far, decoded 1:1 (latin-1)."""
        with self._cond:
            return self._text

    def elapsed(self):
        return time.monotonic() - self.started_at

    def wait_for(self, pattern, timeout=180.0, fail=None, flags=0):
        """Wait until `pattern` (regex str) matches the output after the
        previous match; return the match. Raise BootError on timeout, when
        QEMU exits first, or at once when regex `fail` matches first."""
        rx = re.compile(pattern, flags)
        bad = re.compile(fail, flags) if fail else None
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                m = rx.search(self._text, self._pos)
                if m:
                    self._pos = m.end()
                    return m
                b = bad.search(self._text, self._pos) if bad else None
                if b:
                    why = "found %r first" % b.group(0)
                    break
                if self._eof:
                    why = "QEMU exited (status %s)" % self.proc.poll()
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    why = "timed out after %.0f s" % timeout
                    break
                self._cond.wait(min(left, 1.0))
        raise BootError(self._failure("waiting for %r: %s" % (pattern, why)))

    def wait_exit(self, timeout=60.0):
        """Wait for QEMU to end by itself (guest poweroff with -no-reboot);
        return its exit status."""
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise BootError(self._failure(
                "QEMU still running %.0f s after the guest should have "
                "powered off" % timeout))

    def send(self, text, delay=0.0):
        """Type `text` on COM1 ("\\r" is Enter). With `delay`, pause that
        many seconds between characters, for a guest that polls slowly."""
        data = text.encode("latin-1") if isinstance(text, str) else text
        if delay <= 0:
            self.proc.stdin.write(data)
            return
        for i in range(len(data)):
            self.proc.stdin.write(data[i:i + 1])
            time.sleep(delay)

    def _failure(self, what):
        tail = self.output[-TAIL:]
        err = ""
        if self._stderr_path and os.path.exists(self._stderr_path):
            with open(self._stderr_path, "rb") as f:
                err = f.read().decode("utf-8", "replace").strip()
        msg = "%s\n--- last %d chars of the serial log (%s) ---\n%s\n---" % (
            what, TAIL, self.log_path or "no log file", tail)
        if err:
            msg += "\n--- QEMU stderr ---\n%s" % err[-TAIL:]
        return msg

    # --- asking QEMU ------------------------------------------------------
    def qmp(self, command, timeout=30.0, **arguments):
        """Run QMP `command` with `arguments`; return its "return" value.
        Events QEMU sends in between are skipped. Raise BootError when
        QEMU answers with an error or is gone."""
        if self._qmp is None:
            self._qmp_connect(timeout)
        msg = {"execute": command}
        if arguments:
            msg["arguments"] = arguments
        self._qmp.write(json.dumps(msg) + "\n")
        self._qmp.flush()
        while True:
            line = self._qmp.readline()
            if not line:
                raise BootError(self._failure(
                    "QMP %s: QEMU closed the socket" % command))
            reply = json.loads(line)
            if "error" in reply:
                raise BootError(self._failure("QMP %s: %s" % (
                    command, reply["error"])))
            if "return" in reply:
                return reply["return"]

    def _qmp_connect(self, timeout):
        """Connect (QEMU makes the socket soon after it starts), read the
        greeting and leave capabilities negotiation mode."""
        if not self._qmp_dir:
            raise ValueError("this Qemu was not started with qmp=True")
        deadline = time.monotonic() + timeout
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        while True:
            try:
                sock.connect(self._qmp_sock())
                break
            except (FileNotFoundError, ConnectionRefusedError):
                if self.proc.poll() is not None or \
                        time.monotonic() > deadline:
                    sock.close()
                    raise BootError(self._failure("no QMP socket"))
                time.sleep(0.05)
        sock.settimeout(timeout)
        f = sock.makefile("rw", encoding="utf-8")
        sock.close()  # the file object keeps the connection
        if "QMP" not in json.loads(f.readline()):
            raise BootError(self._failure("no QMP greeting"))
        self._qmp = f
        self.qmp("qmp_capabilities")

    def sendkey(self, *keys, delay=0.05):
        """Press keys on the emulated keyboard, one after the other, as
        the monitor's sendkey names them ("a", "ret", "left", "ctrl-a",
        "shift-5"), with `delay` seconds after each so the BIOS's 15-key
        buffer never fills. Needs qmp=True."""
        for key in keys:
            self.qmp("send-key", keys=[{"type": "qcode", "data": k}
                                       for k in key.split("-")])
            time.sleep(delay)

    def type_keys(self, text, delay=0.05):
        """Type `text` on the emulated keyboard ("\r" is Enter); only
        what the US layout types without Shift, and "_", "=" and ":"."""
        self.sendkey(*[_QCODES.get(c, c) for c in text], delay=delay)

    def screen(self):
        """The VGA text page (80x25 at 0xB8000) as 25 lines of text,
        trailing blanks stripped. Needs qmp=True."""
        path = os.path.join(self._qmp_dir, "vga.bin")
        self.qmp("pmemsave", val=0xB8000, size=80 * 25 * 2, filename=path)
        with open(path, "rb") as f:
            cells = f.read()
        chars = cells[0::2].decode("latin-1")
        return [chars[i:i + 80].rstrip() for i in range(0, 80 * 25, 80)]

    def trace_lines(self):
        """The lines QEMU's trace wrote so far (see trace=)."""
        if not self.trace_path or not os.path.exists(self.trace_path):
            return []
        with open(self.trace_path, encoding="utf-8", errors="replace") as f:
            return f.read().splitlines()
