# SPDX-License-Identifier: BSD-2-Clause
# The command line install and inspect share (tools/args.c): the one
# operand, "--" and "-", option values, and the usage messages word for
# word, so that both commands keep reading alike.
import pytest

from installkit import run


def usage_error(res, message):
    assert res.returncode == 2, res
    assert res.stderr.startswith(f"bzboot: {message}\n"), res.stderr
    assert "usage: bzboot" in res.stderr
    assert res.stdout == ""


@pytest.mark.parametrize("args, message", [
    (["inspect"], "inspect: no FILE given"),
    (["install"], "install: no DISK given"),
    (["inspect", "a", "b"], "inspect: one FILE only (got 'a' and 'b')"),
    (["install", "a", "--force", "b"],
     "install: one DISK only (got 'a' and 'b')"),
    (["inspect", "k", "--cmdline"], "inspect: --cmdline needs a value"),
    (["install", "--stage1"], "install: --stage1 needs a FILE"),
    (["inspect", "--frob", "k"], "inspect: unknown option '--frob'"),
    (["install", "-f", "d"], "install: unknown option '-f'"),
    # A missing value is reported before a missing operand.
    (["inspect", "--mem"], "inspect: --mem needs a value"),
    # After "--" a second "--" is an operand like any other.
    (["install", "--", "a", "--"], "install: one DISK only (got 'a' and '--')"),
])
def test_usage_messages(bzboot, args, message):
    usage_error(run(bzboot, *args), message)


@pytest.mark.parametrize("name", ["-", "--force"])
def test_operand_after_double_dash(bzboot, tmp_path, name):
    """ "-" is always an operand, and after "--" so is an option's name:
    both are then files to open, not options."""
    res = run(bzboot, "inspect", "--", name)
    assert res.returncode == 1, res
    assert res.stderr == f"bzboot: cannot read {name}: " \
        "No such file or directory\n"


def test_option_value_may_look_like_an_option(bzboot, tmp_path):
    """The word after --cmdline is its value even when it starts with
    "-"; the kernel file is then the operand."""
    res = run(bzboot, "inspect", "--cmdline", "--frob", tmp_path / "k")
    assert res.returncode == 1, res
    assert "cannot read" in res.stderr
