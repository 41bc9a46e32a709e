#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Runs every test suite and ends with one line: "N passed, N failed".
# Suites: host unit tests (cmocka), installer and boot tests (pytest +
# QEMU). A skipped test counts as failed: a boot test that did not boot
# proves nothing.
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

# Two lanes, so that both cores work: a boot test keeps one core busy
# (QEMU's TCG vCPU) and leaves the other mostly idle. In the background:
# the host-only installer tests, then the fuzzers; in the foreground: the
# boot tests. The background lane's sections are printed after.
tout=$B/test-results/tool.log
txml=$B/test-results/pytest-tool.xml
bxml=$B/test-results/pytest-boot.xml
fout=$B/test-results/fuzz.log
rm -f "$txml" "$bxml"
(
	$PY -m pytest -q -p no:cacheprovider --junitxml="$txml" \
		--basetemp="$B/test-results/tool-tmp" ${BZ_PYTEST_ARGS:-} \
		tests/tool >"$tout" 2>&1
	bash tests/fuzz/run-fuzz.sh "${BZ_FUZZ_SECONDS:-20}" >"$fout" 2>&1
) &
lane=$!

echo "== boot tests (pytest + QEMU)"
$PY -m pytest -q -p no:cacheprovider --junitxml="$bxml" \
	${BZ_PYTEST_ARGS:-} tests/boot
wait "$lane"
echo "== installer tests (pytest, host only; run beside the boot tests)"
sed 's/^/  /' "$tout"

# Per test case: a skipped boot test counts as failed (it booted nothing);
# other skips (e.g. loop-device tests without root) are reported.
read -r p f s bs < <($PY - "$txml" "$bxml" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
p = f = s = bs = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except Exception:
        f += 1  # that pytest run did not finish: say so in the count
        continue
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

echo "== fuzz targets (libFuzzer, ${BZ_FUZZ_SECONDS:-20} s each; run beside the boot tests)"
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

if [ "$s" -gt 0 ]; then
	echo "$passed passed, $failed failed, $s skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
