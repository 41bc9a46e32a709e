// SPDX-License-Identifier: BSD-2-Clause
/* cmocka tests for cmdline/progress.c: when a load shows a percent, and
 * which. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cmdline/progress.h"

#define MIB (1024u * 1024u)

/* A load of len bytes read in `chunk`-byte steps, each taking `ticks`
 * BIOS ticks, started at tick `t0`: the percents it shows, 0 ended. */
static const unsigned *run(uint32_t len, uint32_t chunk, uint32_t ticks,
			   uint32_t t0)
{
	static unsigned shown[256];
	struct progress p;
	uint32_t done = 0, now = t0;
	size_t n = 0;

	progress_start(&p, len, now);
	while (done < len) {
		unsigned pct;

		done += len - done > chunk ? chunk : len - done;
		now += ticks;
		pct = progress_step(&p, done, now);
		if (pct)
			shown[n++] = pct;
		assert_true(n < 255);
	}
	shown[n] = 0;
	return shown;
}

static size_t count(const unsigned *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static void test_fast_load_shows_nothing(void **state)
{
	(void)state;
	/* 8 MiB in 1 MiB steps of one tick: done in 8 ticks, under the
	 * interval. */
	assert_int_equal(count(run(8 * MIB, MIB, 1, 100)), 0);
	/* One step, however slow: nothing to show before it ends. */
	assert_int_equal(count(run(MIB, MIB, 1000, 100)), 0);
	assert_int_equal(count(run(100, MIB, 1000, 100)), 0);
	assert_int_equal(count(run(0, MIB, 1000, 100)), 0);
}

static void test_slow_load_rises_to_100(void **state)
{
	/* 40 MiB, 1 MiB every 3 ticks: an update every 3 steps (9 ticks). */
	const unsigned *s = run(40 * MIB, MIB, 3, 100);
	size_t i, n = count(s);

	(void)state;
	assert_int_equal(s[0], 7); /* 3 MiB of 40 */
	assert_int_equal(s[1], 15);
	assert_int_equal(s[n - 1], 100);
	for (i = 1; i < n; i++)
		assert_true(s[i] > s[i - 1]);
	/* 120 ticks: at most one update per 9, and the final 100. */
	assert_true(n <= 120 / PROGRESS_TICKS + 1);
	assert_int_equal(n, 14);
}

static void test_rate_is_bounded(void **state)
{
	/* A 1 GiB file in 64 KiB steps of one tick each: 16384 ticks,
	 * never more than one update per interval, each percent once. */
	const unsigned *s = run(1024 * MIB, 64 * 1024, 1, 100);
	size_t i, n = count(s);

	(void)state;
	assert_true(n >= 2 && n <= 100 / PROGRESS_PCT);
	for (i = 1; i < n; i++)
		assert_true(s[i] > s[i - 1]);
	assert_int_equal(s[n - 1], 100);
	/* A slow disk: 1 MiB of 1 GiB every 20 ticks, a new percent only
	 * every 11 steps; shown every 5%, so the line stays short. */
	s = run(1024 * MIB, MIB, 20, 100);
	n = count(s);
	assert_int_equal(n, 100 / PROGRESS_PCT);
	for (i = 0; i < n; i++)
		assert_int_equal(s[i], (i + 1) * PROGRESS_PCT);
}

static void test_interval_and_wrap(void **state)
{
	struct progress p;

	(void)state;
	progress_start(&p, 10 * MIB, 1000);
	assert_int_equal(progress_step(&p, 5 * MIB, 1000 + PROGRESS_TICKS - 1),
			 0);
	assert_int_equal(progress_step(&p, 5 * MIB, 1000 + PROGRESS_TICKS), 50);
	/* The same interval again from the last update, not the start. */
	assert_int_equal(progress_step(&p, 6 * MIB, 1000 + PROGRESS_TICKS + 8),
			 0);
	assert_int_equal(progress_step(&p, 6 * MIB, 1000 + 2 * PROGRESS_TICKS),
			 60);
	/* Not 5% more yet: later. */
	assert_int_equal(
	    progress_step(&p, 6 * MIB + 1, 1000 + 4 * PROGRESS_TICKS), 0);
	/* The counter wrapped at midnight: one update at once, then the
	 * interval from there. */
	assert_int_equal(progress_step(&p, 7 * MIB, 3), 70);
	assert_int_equal(progress_step(&p, 8 * MIB, 4), 0);
	assert_int_equal(progress_step(&p, 10 * MIB, 5), 100);
}

static void test_4gib_does_not_overflow(void **state)
{
	struct progress p;

	(void)state;
	progress_start(&p, 0xFFFFFFFFu, 0);
	assert_int_equal(progress_step(&p, 0xFFFFFFFFu / 2, PROGRESS_TICKS),
			 49);
	assert_int_equal(progress_step(&p, 0xFFFF0000u, 2 * PROGRESS_TICKS),
			 99);
	/* 256 bytes short of the end rounds to 100: left to the end. */
	assert_int_equal(progress_step(&p, 0xFFFFFF00u, 3 * PROGRESS_TICKS), 0);
	assert_int_equal(progress_step(&p, 0xFFFFFFFFu, 3 * PROGRESS_TICKS),
			 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fast_load_shows_nothing),
	    cmocka_unit_test(test_slow_load_rises_to_100),
	    cmocka_unit_test(test_rate_is_bounded),
	    cmocka_unit_test(test_interval_and_wrap),
	    cmocka_unit_test(test_4gib_does_not_overflow),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
