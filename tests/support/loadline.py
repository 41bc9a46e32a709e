# SPDX-License-Identifier: BSD-2-Clause
# stage2's "Loading" lines, as the boot tests read them on COM1.
"""The shape of a "Loading" line and the rules for its progress steps.

stage2 (stage2/boot_linux.c, stage2/volume.c) prints, per file loaded:

    Loading PATH (SIZE[, protocol X.YY])[ P% ...][ ok][ [NATIVE PATH]]

The steps follow cmdline/progress.h: each at least STEP_PCT above the one
before and at least STEP_S after it, below 100, then " 100%" once the
file is in if any step was shown, then " ok". A read that fails ends the
line early (no " 100%", no " ok"); the "bzboot: " line follows.
"""

import re

# cmdline/progress.h: PROGRESS_TICKS BIOS ticks (18.2065 Hz) and
# PROGRESS_PCT percent between two steps.
STEP_S = 9 / 18.2065
STEP_PCT = 5

SIZE = r"[0-9]+\.[0-9] MiB"
KERNEL_SIZE = SIZE + r", protocol \d+\.\d\d"
# One whole line, "\r" stripped: path, size, the steps, " ok" or not.
# A file a native driver read ends " [virtio-blk]" (docs/config.md).
LINE = re.compile(r"^Loading (\S+) \((%s(?:, protocol \d+\.\d\d)?)\)"
                  r"((?: \d+%%)*)( ok)?(?: \[[^]]*\])?$" % SIZE)


def steps(text):
    """The percents of " P%" steps (a LINE's group 3), as ints."""
    return [int(s) for s in re.findall(r"\d+", text)]


def check_steps(pcts, what, done=True):
    """Assert the steps of a load follow the rules: none at all, or
    rising by STEP_PCT or more from 0 and below 100, then (for a load
    that ended, `done`) 100."""
    if not pcts:
        return
    rising = pcts[:-1] if done else pcts
    assert not done or pcts[-1] == 100, \
        "%s: the steps %s end at %d, not 100" % (what, pcts, pcts[-1])
    assert all(b - a >= STEP_PCT for a, b in zip([0] + rising, rising)) \
        and all(p < 100 for p in rising), \
        "%s: the steps %s do not rise by %d%% or more below 100" % (
            what, pcts, STEP_PCT)


def check_line(line):
    """Assert `line` is a whole Loading line whose steps follow the rules;
    return its LINE match."""
    m = LINE.match(line)
    assert m, "%r is not a Loading line" % line
    check_steps(steps(m.group(3)), m.group(1), done=bool(m.group(4)))
    return m
