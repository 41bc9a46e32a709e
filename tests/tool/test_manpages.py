# SPDX-License-Identifier: BSD-2-Clause
"""The manuals, docs/man/: mandoc -Tlint finds nothing at warning level
or above, bzboot(1) names every command and option bzboot --help lists,
and bzboot.cfg(5) every keyword the config parser knows, every word
chain.c32 takes and every .c32 module bzboot runs itself."""

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
# chain.c32's words: the string tables and comparisons of its parser.
CHAIN_PARSER = [ROOT / "cmdline" / "chain_args.c",
                ROOT / "cmdline" / "chain_loader.c"]
# hdN and fdN, which disk_word() tells by their letters, not by a string
CHAIN_LETTER_WORDS = ["hd", "fd"]
# Where the core and the parser recognise a built-in .c32 by its name.
C32_NAMERS = [ROOT / "stage2" / "chain_call.c",
              ROOT / "cmdline" / "c32_branch.c",
              ROOT / "cmdline" / "config_switch.c",
              ROOT / "cmdline" / "config_resolve.c",
              ROOT / "cmdline" / "config_label.c"]


def rendered(page):
    """The page as a reader sees it: plain text, no overstrikes."""
    res = subprocess.run(["mandoc", "-Tutf8", "-Owidth=200", MAN / page],
                         capture_output=True, text=True, check=True)
    return re.sub(r".\x08", "", res.stdout)


def table_words(path):
    return re.findall(r'\{"([a-z0-9_]+)",', path.read_text())


def code_strings(paths, pattern):
    """The string literals matching pattern in C files, comments left
    out, in order of first appearance."""
    found = []
    for path in paths:
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", path.read_text(), flags=re.S)
        code = re.sub(r'"\s*"', "", code)  # "a message " "split" is one
        for lit in re.findall(rf'"({pattern})"', code):
            if lit not in found:
                found.append(lit)
    return found


def modules_section_html():
    """bzboot.cfg(5)'s MODULES BUILT IN section as mandoc's HTML, where
    markup tells a command word (Cm) or a file name (Pa) from prose."""
    res = subprocess.run(["mandoc", "-Thtml", MAN / "bzboot.cfg.5"],
                         capture_output=True, text=True, check=True)
    html = res.stdout.split('id="MODULES_BUILT_IN"', 1)[1]
    return html.split('<h1 class="Sh"', 1)[0]


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
                    "LABEL DIRECTIVES", "MODULES BUILT IN",
                    "BOOT-SECTOR FILES", "PAYLOADS THAT ARE NOT LINUX"):
        assert re.search(rf"^{section}$", text, re.M), section


def test_bzboot_cfg_5_has_every_chain_word():
    """Each word chain_parse() takes (an option, a disk word, an OS
    loader, the ignored and the refused ones) is a Cm word of the
    MODULES BUILT IN section: written "=" or ":" and all, as it is
    typed; prose that happens to say "swap" or "save" does not count."""
    words = code_strings(CHAIN_PARSER, r"[a-z][a-z0-9]*[=:]?")
    assert len(words) > 50 and "ntldr=" in words and "guid:" in words, words
    html = modules_section_html()
    marked = set(re.findall(r'<code class="Cm">([^<]*)</code>', html))
    missing = [w for w in words + CHAIN_LETTER_WORDS if w not in marked]
    assert not missing, f"chain.c32 words not in bzboot.cfg(5): {missing}"


def test_bzboot_cfg_5_has_every_builtin_module():
    """Each .c32 name the core or the parser recognises heads an item of
    MODULES BUILT IN."""
    names = code_strings(C32_NAMERS, r"[a-z0-9]+\.c32")
    assert {"chain.c32", "mboot.c32", "menu.c32", "poweroff.c32"} <= \
        set(names), names
    heads = re.findall(r"<dt\b.*?</dt>", modules_section_html(), re.S)
    items = set(re.findall(r'<span class="Pa">([^<]*)</span>',
                           "".join(heads)))
    missing = [n for n in names if n not in items]
    assert not missing, f"built-in modules not in bzboot.cfg(5): {missing}"
