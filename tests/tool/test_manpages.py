# SPDX-License-Identifier: BSD-2-Clause
"""The manuals, docs/man/: mandoc -Tlint finds nothing at warning level
or above, bzboot(1) names every command and option bzboot --help lists,
and bzboot.cfg(5) every keyword the config parser knows."""

import re
import subprocess

import pytest

from installkit import ROOT, run

MAN = ROOT / "docs" / "man"
PAGES = ["bzboot.1", "bzboot.cfg.5"]

# The parser's keyword tables: {"word", ...} entries.
PARSER = ROOT / "cmdline" / "config_parse.c"
MENU_WORDS = [ROOT / "cmdline" / "config_menu.c",
              ROOT / "cmdline" / "config_menu_model.c"]


def rendered(page):
    """The page as a reader sees it: plain text, no overstrikes."""
    res = subprocess.run(["mandoc", "-Tutf8", "-Owidth=200", MAN / page],
                         capture_output=True, text=True, check=True)
    return re.sub(r".\x08", "", res.stdout)


def table_words(path):
    return re.findall(r'\{"([a-z0-9_]+)",', path.read_text())


@pytest.mark.parametrize("page", PAGES)
def test_mandoc_lint_is_clean(page):
    res = subprocess.run(["mandoc", "-Tlint", "-W", "warning", MAN / page],
                         capture_output=True, text=True)
    assert (res.returncode, res.stdout + res.stderr) == (0, "")


def test_bzboot_1_has_every_command_and_option(bzboot):
    helptext = run(bzboot, "--help").stdout
    commands = re.findall(r"^  ([a-z]+) ", helptext, re.M)
    options = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*|-h)\b", helptext))
    assert commands and len(options) > 10, helptext
    text = rendered("bzboot.1")
    synopsis = text.split("DESCRIPTION")[0]
    missing = [c for c in commands if f"bzboot {c}" not in synopsis]
    missing += [o for o in sorted(options)
                if not re.search(rf"(?<![\w-]){o}(?![\w-])", text)]
    assert not missing, f"not in docs/man/bzboot.1: {missing}"
    for section in ("EXIT STATUS", "EXAMPLES", "VERSIONS"):
        assert re.search(rf"^{section}$", text, re.M), section


def test_bzboot_cfg_5_has_every_keyword():
    text = rendered("bzboot.cfg.5")
    words = set(re.findall(r"[\w.]+", text))
    missing = [w.upper() for w in table_words(PARSER)
               if w.upper() not in words]
    for path in MENU_WORDS:
        # MENU's words, its layout and message names (upper case), and
        # MENU COLOR's element names (as written in a config)
        missing += [f"MENU {w.upper()}" for w in table_words(path)
                    if w.upper() not in words and w not in words]
    assert not missing, f"not in docs/man/bzboot.cfg.5: {missing}"
    for section in ("SYSLINUX COMPATIBILITY", "GLOBAL DIRECTIVES",
                    "LABEL DIRECTIVES", "MODULES BUILT IN"):
        assert re.search(rf"^{section}$", text, re.M), section
