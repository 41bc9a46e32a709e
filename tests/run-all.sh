#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Runs every test suite and ends with one line: "N passed, N failed".
# Suites: host unit tests (cmocka), style, the fuzzers (libFuzzer, briefly),
# installer and boot tests (pytest + QEMU, two workers), the benchmark's
# quick run (bench/run.py --quick: it must boot; no targets). A skipped boot
# test counts as failed: a boot test that did not boot proves nothing.
set -u
cd "$(dirname "$0")/.."

PY=${PYTHON:-/usr/bin/python3}
B=build
passed=0
failed=0
mkdir -p $B/test-results

# The Debian kernel (cached): the boot tests need it, and the header unit
# tests parse it too.  Here it is required: a unit test that cannot read it
# fails with the reason (BZ_REQUIRE_KERNEL) instead of skipping, and so
# does one run with BZ_TEST_KERNEL unset.
bash tests/support/fetch-kernel.sh >/dev/null || echo "fetch-kernel failed"
export BZ_TEST_KERNEL=${BZ_TEST_KERNEL:-$PWD/$B/cache/vmlinuz}
export BZ_REQUIRE_KERNEL=1

echo "== unit tests (cmocka)"
for t in $B/tests/unit/test_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out=$B/test-results/$name.log
	"$t" >"$out" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
	sk=$(sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' "$out" | tail -1)
	p=${p:-0}
	f=$((${f:-0} + ${sk:-0}))	# a skipped unit test checked nothing
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or a sanitizer stopped it before the summary
	fi
	printf '  %-24s %3d passed, %d failed\n' "$name" "$p" "$f"
	[ "$f" -eq 0 ] || sed 's/^/    | /' "$out" | tail -40
	passed=$((passed + p))
	failed=$((failed + f))
done

echo "== style (clang-format, .clang-format)"
unformatted=$(git ls-files '*.c' '*.h' 2>/dev/null | while read -r f; do
	clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -z "$unformatted" ]; then
	echo "  every C file is formatted"
	passed=$((passed + 1))
else
	echo "  not formatted (run: make format):" $unformatted
	failed=$((failed + 1))
fi

# Both cores work all the time, and no QEMU guest has to share its core
# with our own load (a guest starved of CPU makes timing checks flaky).
# First the fuzzers, two at a time (each has its core for its SECONDS);
# then one pytest run of the installer and boot tests in two xdist
# workers (BZ_PYTEST_WORKERS), a test file kept in one worker (its
# module-scoped disks stay valid) and one JUnit XML for both.
secs=${BZ_FUZZ_SECONDS:-20}
echo "== fuzz targets (libFuzzer, $secs s each, two at a time)"
fuzz_logs=()
lanes=()
for half in 0 1; do
	targets=$(bash tests/fuzz/run-fuzz.sh --list | awk "NR % 2 == $half")
	fout=$B/test-results/fuzz-$half.log
	fuzz_logs+=("$fout")
	# shellcheck disable=SC2086 # one target a word
	bash tests/fuzz/run-fuzz.sh "$secs" $targets >"$fout" 2>&1 &
	lanes+=($!)
done
wait "${lanes[@]}"
for fout in "${fuzz_logs[@]}"; do
	sed '$d' "$fout" | sed 's/^/  /'
	read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' \
		"$fout" | tail -1)
	if [ -z "${p:-}" ]; then
		p=0
		f=1	# run-fuzz.sh itself failed: say so in the count
		tail -5 "$fout" | sed 's/^/    | /'
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	unset p f
done

xml=$B/test-results/pytest.xml
rm -f "$xml"
workers=${BZ_PYTEST_WORKERS:-2}
xdist=(-n "$workers" --dist loadfile)
if ! $PY -c 'import xdist' 2>/dev/null; then
	echo "  pytest-xdist missing (scripts/setup.sh installs it): one worker"
	workers=1
fi
[ "$workers" -gt 1 ] || xdist=()
echo "== installer and boot tests (pytest, $workers workers; boot: QEMU)"
$PY -m pytest -q -p no:cacheprovider "${xdist[@]}" --junitxml="$xml" \
	--basetemp="$B/test-results/pytest-tmp" ${BZ_PYTEST_ARGS:-} \
	tests/tool tests/boot

# Per test case: a skipped boot test counts as failed (it booted nothing);
# other skips (e.g. loop-device tests without root) are reported.
read -r p f s bs < <($PY - "$xml" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
p = f = s = bs = 0
try:
    root = ET.parse(sys.argv[1]).getroot()
except Exception:
    root = None
    f += 1  # the pytest run did not finish: say so in the count
if root is not None:
    for tc in root.iter("testcase"):
        kinds = {c.tag for c in tc}
        if kinds & {"failure", "error"}:
            f += 1
        elif "skipped" in kinds:
            if tc.get("classname", "").startswith("tests.boot"):
                bs += 1
            else:
                s += 1
        else:
            p += 1
print(p, f, s, bs)
PYEOF
)
passed=$((passed + p))
failed=$((failed + f + bs))
[ "$bs" -eq 0 ] || echo "  $bs skipped boot test(s) counted as failed"
[ "$s" -eq 0 ] || echo "  $s other test(s) skipped (see the pytest output)"

# The benchmark's quick run (issue 14: make check runs it, never its
# targets): every disk interface boots through every loader once and the
# initrd's hash is checked where bzboot booted it; one result, its exit.
echo "== benchmark (bench/run.py --quick; figures only, no targets)"
if $PY bench/run.py --quick >"$B/test-results/bench-quick.log" 2>&1; then
	echo "  every interface booted, hashes ok ($(tail -1 "$B/test-results/bench-quick.log"))"
	passed=$((passed + 1))
else
	echo "  failed (build/test-results/bench-quick.log):"
	tail -20 "$B/test-results/bench-quick.log" | sed 's/^/    | /'
	failed=$((failed + 1))
fi

if [ "$s" -gt 0 ]; then
	echo "$passed passed, $failed failed, $s skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
