# SPDX-License-Identifier: BSD-2-Clause
"""cmdline/passwd.c against fresh hashes from the real tools: mkpasswd
(package whois), openssl passwd and SYSLINUX's own sha1pass (package
syslinux-utils), each with a random salt the tool picks, and random
passwords; checked through build/tests/support/passwd_check (built by
make unit). The fixed vectors are in tests/unit/test_passwd.c."""

import random
import shutil
import string
import subprocess

import pytest

from installkit import BUILD

CHECK = BUILD / "tests" / "support" / "passwd_check"

# Each generator: the tool, and argv making a hash of the password fed on
# stdin (sha1pass takes it as an argument: None marks the place).
GENERATORS = {
    "mkpasswd-md5crypt": ["mkpasswd", "-s", "-m", "md5crypt"],
    "mkpasswd-sha256": ["mkpasswd", "-s", "-m", "sha-256"],
    "mkpasswd-sha256-rounds": ["mkpasswd", "-s", "-m", "sha-256", "-R", "1234"],
    "mkpasswd-sha512": ["mkpasswd", "-s", "-m", "sha-512"],
    "mkpasswd-sha512-rounds": ["mkpasswd", "-s", "-m", "sha-512", "-R", "7777"],
    "openssl-1": ["openssl", "passwd", "-stdin", "-1"],
    "openssl-5": ["openssl", "passwd", "-stdin", "-5"],
    "openssl-6": ["openssl", "passwd", "-stdin", "-6"],
    "sha1pass": ["sha1pass", None],
}

# The form passwd_form() must see, by the hash's "$n$".
FORMS = {"1": 1, "4": 4, "5": 5, "6": 6}


def passwords(seed):
    """Passwords of many lengths (1 to 130: each side of the 64- and
    128-byte blocks) from printable ASCII, spaces and '$' included."""
    rng = random.Random(seed)
    alphabet = string.ascii_letters + string.digits + string.punctuation + " "
    for n in (1, 7, 16, 55, 64, 65, 130):
        yield "".join(rng.choice(alphabet) for _ in range(n)).strip() or "x"
    yield "p\u00e4ssw\u00f6rd"


def make_hash(argv, password):
    if argv[0] == "sha1pass":
        argv = [argv[0], password]
        stdin = None
    else:
        stdin = password + "\n"
    out = subprocess.run(argv, input=stdin, capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out.startswith("$"), f"{argv}: no hash in {out!r}"
    return out


def check(stored, typed):
    r = subprocess.run([str(CHECK), stored, typed], capture_output=True)
    assert r.returncode in (0, 1), r.stderr.decode()
    return r.returncode == 0


def form(stored):
    r = subprocess.run([str(CHECK), "--form", stored], capture_output=True,
                       text=True, check=True)
    return int(r.stdout)


@pytest.fixture(scope="module")
def checker():
    if not CHECK.exists():
        pytest.fail(f"{CHECK} is not built: run make unit")
    return CHECK


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_fresh_hashes(checker, name):
    argv = GENERATORS[name]
    if shutil.which(argv[0]) is None:
        pytest.fail(f"{argv[0]} is not installed: run make setup")
    for pw in passwords(name):
        stored = make_hash(argv, pw)
        what = f"{name}: {stored!r} for {pw!r}"
        assert form(stored) == FORMS[stored[1]], what
        assert check(stored, pw), f"{what} is refused"
        wrong = pw[:-1] + chr(ord(pw[-1]) ^ 1)
        assert not check(stored, wrong), f"{what} takes {wrong!r}"
        assert not check(stored, pw[:-1]), f"{what} takes it cut short"
        assert not check(stored, pw + "x"), f"{what} takes it longer"
        assert not check(stored, ""), f"{what} takes the empty password"
        # sha1pass ends with '$': cut into the hash itself
        cut = stored.rstrip("$")[:-1]
        assert form(cut) == -1, f"{name}: {cut!r} is not refused"
        assert not check(cut, pw), f"{name}: {cut!r} takes {pw!r}"
