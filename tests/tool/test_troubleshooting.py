# SPDX-License-Identifier: BSD-2-Clause
# docs/troubleshooting.md names every message bzboot can print at boot:
# this test takes the messages from the code and fails, listing exactly the
# missing ones, when the page lacks one.
#
# The extraction rule (what counts as a message):
#
# 1. Assembly (stage1/*.asm, stage1/*.inc, stage2/*.asm): the quoted text of
#    `db` lines; a run of `db` lines that follow one another (a label starts
#    a new run) is one message, so a message split over two lines is whole.
# 2. C in stage2/, protocol/, fs/ and cmdline/ (comments removed first), a
#    "string" being adjacent literals and BZ_MSG_* names from
#    protocol/boot_msg.h, concatenated as the compiler does:
#    a. every string anywhere in the arguments of a call to printf,
#       snprintf, console_write or console_write_vt;
#    b. every string a `return` statement returns;
#    c. every string assigned to a name containing reason, msg, why or err
#       (the pure code's error texts handed to stage2);
#    d. every string inside a function whose name ends in strerror or _str
#       (the error-code tables; "\0" separates entries of a packed table);
#    e. the strings containing a space in the initializer of an array whose
#       name contains error or msg (the tables indexed by code, and the
#       menu's default texts).
# 3. Each string is cut at its line breaks; each line loses its surrounding
#    blanks, a leading "bzboot: " (printed before every error; the page says
#    so once) and a trailing full stop (not "..."). Conversions (%s, %u, %02x,
#    %llu, ...) become wildcards; "%%" is a literal %. Lines with fewer than
#    three letters in a row outside the conversions are not messages (a
#    lone "%s\n", an escape sequence, a separator).
#
# Not seen by the rule: text held in other tables and printed through a
# "%s" (E820 type names, the A20 method "8042"), and anything read from the
# disk or the config.
#
# A message is documented when one line of the page, with its backticks
# removed, contains it, each wildcard standing for any text within that
# line: write each message on one line, with a placeholder (FILE, N, ...)
# where the code has a conversion.
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "troubleshooting.md"
BOOT_MSG = ROOT / "protocol" / "boot_msg.h"
C_DIRS = ("stage2", "protocol", "fs", "cmdline")
ASM_GLOBS = ("stage1/*.asm", "stage1/*.inc", "stage2/*.asm")
PRINT_FUNCS = {"printf", "snprintf", "console_write", "console_write_vt"}
ASSIGN_NAME = re.compile(r"reason|msg|why|err", re.I)
TABLE_NAME = re.compile(r"error|msg", re.I)
TABLE_FUNC = re.compile(r"(strerror|_str)$")

CONVERSION = re.compile(
    r"%%|%[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t)?[diouxXcsp]")
TOKEN = re.compile(
    r'(?P<str>"(?:\\.|[^"\\\n])*")'
    r"|(?P<chr>'(?:\\.|[^'\\\n])+')"
    r"|(?P<id>[A-Za-z_]\w*)"
    r"|(?P<num>\d\w*)"
    r"|(?P<ws>\s+)"
    r"|(?P<op>.)", re.S)
ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\", '"': '"', "'": "'",
           "0": "\0", "a": "\a", "b": "\b", "e": "\x1b"}


def unescape(lit):
    """The text of a C string literal token (quotes included)."""
    body, out, i = lit[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        nxt = body[i + 1]
        if nxt == "x":
            m = re.match(r"[0-9a-fA-F]+", body[i + 2:])
            out.append(chr(int(m.group(0), 16)))
            i += 2 + len(m.group(0))
        elif nxt in "01234567":
            m = re.match(r"[0-7]{1,3}", body[i + 1:])
            out.append(chr(int(m.group(0), 8)))
            i += 1 + len(m.group(0))
        else:
            out.append(ESCAPES.get(nxt, nxt))
            i += 2
    return "".join(out)


def strip_comments(src):
    """C source without comments, strings and line numbers kept."""
    out, i = [], 0
    pat = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])+\'|//[^\n]*'
                     r"|/\*.*?\*/", re.S)
    for m in pat.finditer(src):
        out.append(src[i:m.start()])
        t = m.group(0)
        out.append(t if t[0] in "\"'" else re.sub(r"[^\n]", " ", t))
        i = m.end()
    out.append(src[i:])
    return "".join(out)


def boot_msg_macros(path=BOOT_MSG):
    """BZ_MSG_* name -> text, from protocol/boot_msg.h."""
    src = strip_comments(path.read_text()).replace("\\\n", " ")
    macros = {}
    for m in re.finditer(r"#define\s+(BZ_MSG_\w+)\s+((?:\"(?:\\.|[^\"\\])*\""
                         r"\s*)+)", src):
        lits = re.findall(r'"(?:\\.|[^"\\])*"', m.group(2))
        macros[m.group(1)] = "".join(unescape(x) for x in lits)
    return macros


def tokens(src):
    """(kind, text, line) of C source without comments, blanks dropped."""
    line = 1
    for m in TOKEN.finditer(src):
        kind = m.lastgroup
        if kind != "ws":
            yield kind, m.group(0), line
        line += m.group(0).count("\n")


def string_at(toks, i, macros):
    """The string that starts at toks[i] (adjacent literals and BZ_MSG_*
    names) and the index after it, or (None, i)."""
    parts, j = [], i
    while j < len(toks):
        kind, text, _ = toks[j]
        if kind == "str":
            parts.append(unescape(text))
        elif kind == "id" and text in macros:
            parts.append(macros[text])
        else:
            break
        j += 1
    return ("".join(parts) if j > i else None), j


def strings_between(toks, start, end, macros):
    """Every string in toks[start:end] with the line it starts on."""
    found, i = [], start
    while i < end:
        s, j = string_at(toks, i, macros)
        if s is None:
            i += 1
            continue
        found.append((s, toks[i][2]))
        i = j
    return found


def matching(toks, i, open_, close):
    """Index of the bracket closing toks[i] (an open_)."""
    depth = 0
    for j in range(i, len(toks)):
        if toks[j][1] == open_:
            depth += 1
        elif toks[j][1] == close:
            depth -= 1
            if not depth:
                return j
    return len(toks)


def c_strings(src, macros):
    """(text, line) of every message string of one C file (rule 2)."""
    toks = list(tokens(strip_comments(src)))
    found = []
    for i, (kind, text, _) in enumerate(toks):
        nxt = toks[i + 1][1] if i + 1 < len(toks) else ""
        if kind == "id" and text in PRINT_FUNCS and nxt == "(":
            found += strings_between(toks, i + 2, matching(toks, i + 1, "(",
                                                           ")"), macros)
        elif kind == "id" and text == "return":
            s, _ = string_at(toks, i + 1, macros)
            if s is not None:
                found.append((s, toks[i][2]))
        elif kind == "id" and nxt == "=" and ASSIGN_NAME.search(text):
            s, _ = string_at(toks, i + 2, macros)
            if s is not None:
                found.append((s, toks[i][2]))
        elif kind == "id" and TABLE_FUNC.search(text) and nxt == "(":
            close = matching(toks, i + 1, "(", ")")
            if close + 1 < len(toks) and toks[close + 1][1] == "{":
                body_end = matching(toks, close + 1, "{", "}")
                for s, line in strings_between(toks, close + 1, body_end,
                                               macros):
                    found += [(p, line) for p in s.split("\0")]
        elif kind == "id" and TABLE_NAME.search(text) and nxt == "[":
            k = i + 1
            while k < len(toks) and toks[k][1] == "[":
                k = matching(toks, k, "[", "]") + 1
            if k + 1 < len(toks) and toks[k][1] == "=" and toks[k + 1][1] == "{":
                found += [(s, line) for s, line in strings_between(
                    toks, k + 1, matching(toks, k + 1, "{", "}"), macros)
                    if " " in s]
    return found


def asm_strings(src):
    """(text, line) of each run of db lines (rule 1)."""
    found, run, start = [], [], 0
    for n, raw in enumerate(src.splitlines(), 1):
        code = raw.split(";", 1)[0]
        m = re.match(r"\s*(?:([.\w]+):)?\s*db\b(.*)", code)
        if not m or m.group(1):
            if run:
                found.append(("".join(run), start))
            run = []
        if m:
            start = start if run else n
            run += [q[1:-1] for q in re.findall(r'"[^"]*"|\'[^\']*\'',
                                                 m.group(2))]
    if run:
        found.append(("".join(run), start))
    return found


def messages_of(text):
    """The message lines of one string (rule 3)."""
    out = []
    for line in re.split(r"[\r\n]+", text):
        line = line.strip()
        if line.startswith("bzboot: "):
            line = line[len("bzboot: "):]
        line = line.rstrip(".").strip() if not line.endswith("...") else line
        literal = CONVERSION.sub("\0", line)
        if re.search(r"[A-Za-z]{3}", literal):
            out.append(line)
    return out


def extract(root=ROOT):
    """{message: "file:line"} of every message in the code."""
    macros = boot_msg_macros(root / "protocol" / "boot_msg.h")
    found = {}
    sources = []
    for d in C_DIRS:
        for f in sorted((root / d).glob("*.c")):
            sources += [(f, s, n) for s, n in c_strings(f.read_text(),
                                                        macros)]
    for g in ASM_GLOBS:
        for f in sorted(root.glob(g)):
            sources += [(f, s, n) for s, n in asm_strings(f.read_text())]
    for f, s, n in sources:
        for msg in messages_of(s):
            found.setdefault(msg, f"{f.relative_to(root)}:{n}")
    return found


def literal(piece):
    """The regex of literal text: any run of blanks matches any other."""
    words = piece.split()
    if not words:
        return r"\s+" if piece else ""
    edge = (r"\s+" if piece[0].isspace() else "",
            r"\s+" if piece[-1].isspace() else "")
    return edge[0] + r"\s+".join(re.escape(w) for w in words) + edge[1]


def pattern(msg):
    """The regex of a message: its text, conversions as wildcards."""
    parts, i = [], 0
    for m in CONVERSION.finditer(msg):
        parts.append(literal(msg[i:m.start()]))
        parts.append("%" if m.group(0) == "%%" else ".*?")
        i = m.end()
    parts.append(literal(msg[i:]))
    return re.compile("".join(parts))


def page_lines(page=PAGE):
    return [" ".join(line.replace("`", "").split())
            for line in page.read_text().splitlines()]


def missing(found, lines):
    """The messages of found that no line of the page matches."""
    return {m: where for m, where in found.items()
            if not any(pattern(m).search(line) for line in lines)}


def source_order(where):
    """"file:line" as a sort key: files by name, lines by number."""
    path, line = where.rsplit(":", 1)
    return path, int(line)


def test_every_message_is_on_the_page():
    gone = missing(extract(), page_lines())
    if gone:
        lines = [f"  {where}: {msg}" for msg, where in sorted(
            gone.items(), key=lambda kv: source_order(kv[1]))]
        pytest.fail(
            f"{len(gone)} message(s) printed by the code but not in "
            f"{PAGE.relative_to(ROOT)} (add each on one line, placeholders "
            "for the %-conversions):\n" + "\n".join(lines), pytrace=False)


def test_the_extractor_sees_every_kind_of_message():
    """A broken extractor would pass the test above with nothing found."""
    found = extract()
    assert len(found) > 150
    for where, msg in [
            ("stage1", "no stage2 (reinstall)"),
            ("stage2/entry.asm", "stage2 is damaged or does not match "
             "stage1: reinstall bzboot"),
            ("boot_msg.h", "%s: the label has no LINUX or KERNEL line"),
            ("fat_volume_strerror", "corrupt filesystem: cluster chain "
             "ends early"),
            ("part_strerror", "GPT entries damaged: bad CRC"),
            ("linux_errors[]", "kernel file is truncated"),
            ("kcmdline bad_reason", "not a size (use e.g. mem=512M)"),
            ("stage2 printf", "wrong password")]:
        assert msg in found, f"{where}: {msg!r} not extracted"


C_SAMPLE = r'''
/* printf("in a comment: not a message\n"); */
static const char *const demo_errors[] = {[0] = "ok", [1] = "disk on fire"};
const char *demo_strerror(int e) { const char *s = "first one\0second one";
	return s; }
void f(void) {
	printf("bzboot: %s: the widget broke at 0x%02x. Replace it.\n", n, 3);
	o->bad_reason = "not a widget";
	console_write(on ? "Press a key" : "Go away");
	printf(BZ_MSG_DEMO "; try %u%% harder.\n", 5);
}
'''


def test_a_new_message_without_an_entry_is_reported(tmp_path):
    """The rule on a sample file: each kind is found, and one message
    missing from a page is listed, alone."""
    got = [m for s, _ in c_strings(C_SAMPLE, {"BZ_MSG_DEMO": "%s: demo"})
           for m in messages_of(s)]
    assert sorted(got) == sorted([
        "disk on fire", "first one", "second one",
        "%s: the widget broke at 0x%02x. Replace it", "not a widget",
        "Press a key", "Go away", "%s: demo; try %u%% harder"])
    page = tmp_path / "page.md"
    page.write_text("- `FILE: the widget broke at 0x1F. Replace it.`\n"
                    "- disk on fire; first one, second one; not a widget\n"
                    "- Press a key / Go away\n")
    gone = missing({m: "sample" for m in got}, page_lines(page))
    assert list(gone) == ["%s: demo; try %u%% harder"]
    page.write_text(page.read_text() + "- `KERNEL: demo; try 5% harder.`\n")
    assert not missing({m: "sample" for m in got}, page_lines(page))


def test_asm_runs_of_db_lines_are_one_message():
    src = ('msg_a:\tdb 13, 10, "bzboot: first half"\n'
           '\tdb " second half", 13, 10, 0\n'
           'msg_b:\tdb "other", 0 ; "comment"\n')
    assert [s for s, _ in asm_strings(src)] == [
        "bzboot: first half second half", "other"]


@pytest.mark.parametrize("msg,line,hit", [
    ("%s: only %u bytes: not a Linux kernel",
     "bzboot: FILE: only N bytes: not a Linux kernel.", True),
    ("%s: only %u bytes: not a Linux kernel",
     "FILE: only N bytes: a Linux kernel", False),
    ("Loading %s (", "Loading FILE (N.N MiB) ... ok", True),
])
def test_wildcards_stay_within_a_line(msg, line, hit):
    assert bool(pattern(msg).search(" ".join(line.split()))) == hit
