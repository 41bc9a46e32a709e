#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# Runs the libFuzzer targets that make built (build/fuzz/fuzz_*) for SECONDS
# each, one after the other, on a writable corpus build/fuzz/corpus/<name>
# seeded from tests/fuzz/corpus/<name>; crashes go to build/fuzz/artifacts/.
# Prints one line per target, then "N passed, N failed" (one test each).
#   tests/fuzz/run-fuzz.sh SECONDS [TARGET...]   (default: every --list one)
#   tests/fuzz/run-fuzz.sh --list   (the default targets, one a line)
set -u
cd "$(dirname "$0")/../.."

B=build/fuzz
TARGETS="fat header config kcmdline display passwd menu_ui"
if [ "${1:-}" = --list ]; then
	printf '%s\n' $TARGETS
	exit 0
fi
secs=${1:-}
case $secs in
'' | *[!0-9]*)
	echo "usage: $0 SECONDS [target...]" >&2
	exit 2
	;;
esac
shift
[ $# -gt 0 ] || set -- $TARGETS

# The largest input each target takes: room for a small disk image, a
# kernel's setup, a config file, a few command-line pieces.
max_len() {
	case $1 in
	fat) echo 65536 ;;
	header) echo 36864 ;;
	config | menu_ui) echo 16384 ;;
	*) echo 4096 ;;
	esac
}

passed=0
failed=0
mkdir -p $B/artifacts $B/logs
for t in "$@"; do
	name=${t#fuzz_}
	bin=$B/fuzz_$name
	if [ ! -x "$bin" ]; then
		echo "fuzz_$name: not built (make fuzz-build builds it)"
		failed=$((failed + 1))
		continue
	fi
	corpus=$B/corpus/$name
	mkdir -p "$corpus"
	# Seeds and the reproducers of fixed bugs: every run replays them.
	cp -n tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	dict=
	[ -f tests/fuzz/"$name".dict ] && dict=-dict=tests/fuzz/$name.dict
	log=$B/logs/fuzz_$name.log
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
		-max_len="$(max_len "$name")" -print_final_stats=1 \
		-artifact_prefix=$B/artifacts/fuzz_"$name"- $dict \
		"$corpus" >"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
		tail -1)
	if [ $rc -eq 0 ] && [ -n "$runs" ]; then
		echo "fuzz_$name: $runs runs, no crash"
		passed=$((passed + 1))
		continue
	fi
	failed=$((failed + 1))
	art=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -1)
	why=$(grep -m1 -E '^fuzz_[a-z]+: |ERROR: |runtime error:|ALARM' "$log")
	echo "fuzz_$name: CRASH after ${runs:-?} runs: ${why:-exit $rc}"
	[ -z "$art" ] || echo "  input: $art (replay: $bin $art)"
	echo "  log: $log"
	# The frames in bzboot's own sources, not libFuzzer's or libc's.
	grep -E '^ +#[0-9]+ .* in .*(tests/fuzz|protocol|fs|cmdline)/' "$log" |
		head -8 | sed 's/ (BuildId: [0-9a-f]*)//; s/^ */    /'
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
