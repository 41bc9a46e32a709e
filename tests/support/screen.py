# SPDX-License-Identifier: BSD-2-Clause
# What a boot sector prints goes only to the screen (INT 10h): these
# helpers have SeaBIOS copy the screen to a second serial port as text.
"""The BIOS screen as a text file, through SeaBIOS's sercon."""

import os
import re
import struct
import time

import artifacts


def port_file(port):
    """The fw_cfg file "etc/sercon-port" names `port` with: made once per
    port under build/test-images/, whole or not at all (a pytest-xdist
    worker's QEMU may be reading it while another worker writes it)."""
    path = os.path.join(artifacts.IMAGES, "sercon-port-%#x.bin" % port)
    os.makedirs(artifacts.IMAGES, exist_ok=True)
    tmp = "%s.%d.tmp" % (path, os.getpid())
    with open(tmp, "wb") as f:
        f.write(struct.pack("<H", port))
    os.replace(tmp, path)
    return path


def sercon_args(screen_log):
    """QEMU arguments that put the screen on COM2 (0x2F8) as text, written
    to `screen_log`: SeaBIOS mirrors INT 10h output to the port named by
    fw_cfg "etc/sercon-port", a 2-byte little-endian file (string=0x2f8
    is read as 5 bytes of text and ignored). COM1 stays the harness's."""
    port = port_file(0x2F8)
    os.makedirs(os.path.dirname(screen_log), exist_ok=True)
    if os.path.exists(screen_log):
        os.unlink(screen_log)
    return ["-fw_cfg", "name=etc/sercon-port,file=%s" % port,
            "-serial", "file:%s" % screen_log]


def wait_file(path, pattern, timeout):
    """Wait until regex `pattern` matches the text of file `path`."""
    rx = re.compile(pattern)
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        if os.path.exists(path):
            with open(path, "rb") as f:
                text = f.read().decode("latin-1")
            m = rx.search(text)
            if m:
                return m
        time.sleep(0.2)
    raise AssertionError("no %r in %s after %.0f s; it holds:\n%s" %
                         (pattern, path, timeout, text[-2000:]))
