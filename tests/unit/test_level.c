/*
 * market/level: where a record stands on a ladder of levels; and
 * base/chart: the bar heights and progress of the dashboard's charts.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/chart.h"
#include "market/level.h"

/* The default ladder of config_levels.c. */
static const struct config_level ladder[] = {
	{ "new", 0, 0 }, { "bronze", 5, 0 }, { "silver", 20, 85 },
	{ "gold", 50, 95 }
};
#define NLADDER (sizeof(ladder) / sizeof(ladder[0]))

START_TEST(test_newcomer)
{
	struct level_place p;

	level_place(ladder, NLADDER, 0, 0, &p);
	ck_assert_uint_eq(p.level, 0);
	ck_assert_int_eq(p.rate, -1);
	ck_assert_int_eq(p.has_next, 1);
	ck_assert_uint_eq(p.next, 1);
	ck_assert_int_eq(p.more, 5);
	ck_assert_int_eq(p.rate_short, 0);
}
END_TEST

START_TEST(test_count_and_rate)
{
	struct level_place p;

	/* 8 of 10: bronze; silver asks 12 more at 85%, and the rate. */
	level_place(ladder, NLADDER, 8, 2, &p);
	ck_assert_uint_eq(p.level, 1);
	ck_assert_int_eq(p.rate, 80);
	ck_assert_uint_eq(p.next, 2);
	ck_assert_int_eq(p.more, 12);
	ck_assert_int_eq(p.rate_short, 1);
	/* Enough tasks but 84%: still bronze, only the rate is short. */
	level_place(ladder, NLADDER, 21, 4, &p);
	ck_assert_uint_eq(p.level, 1);
	ck_assert_int_eq(p.rate, 84);
	ck_assert_int_eq(p.more, 0);
	ck_assert_int_eq(p.rate_short, 1);
	/* Exactly 85% (17 of 20) counts; 20 satisfied of 23 is 86%. */
	level_place(ladder, NLADDER, 20, 3, &p);
	ck_assert_uint_eq(p.level, 2);
	ck_assert_int_eq(p.more, 30);
	level_place(ladder, NLADDER, 17, 3, &p);
	ck_assert_uint_eq(p.level, 1);
	ck_assert_int_eq(p.more, 3);
	/* The top has no next. */
	level_place(ladder, NLADDER, 100, 1, &p);
	ck_assert_uint_eq(p.level, 3);
	ck_assert_int_eq(p.has_next, 0);
	/* A gold count at a bronze rate is bronze. */
	level_place(ladder, NLADDER, 60, 40, &p);
	ck_assert_uint_eq(p.level, 1);
	ck_assert_int_eq(p.rate, 60);
}
END_TEST

START_TEST(test_one_level)
{
	struct level_place p;

	level_place(ladder, 1, 1000, 0, &p);
	ck_assert_uint_eq(p.level, 0);
	ck_assert_int_eq(p.has_next, 0);
}
END_TEST

START_TEST(test_heights)
{
	const int64_t v[] = { 0, 500000, 250000, 1, 499999, 0 };
	int h[6];
	const int64_t zero[3] = { 0, 0, 0 };
	int hz[3] = { 7, 7, 7 };

	chart_heights(v, 6, 100, h);
	ck_assert_int_eq(h[0], 0);
	ck_assert_int_eq(h[1], 100);
	ck_assert_int_eq(h[2], 50);
	ck_assert_int_eq(h[3], 1);	/* tiny, still seen */
	ck_assert_int_eq(h[4], 100);	/* 99.9998 rounds up */
	ck_assert_int_eq(h[5], 0);
	chart_heights(zero, 3, 100, hz);
	ck_assert_int_eq(hz[0] + hz[1] + hz[2], 0);
}
END_TEST

START_TEST(test_percent)
{
	ck_assert_int_eq(chart_percent(0, 10), 0);
	ck_assert_int_eq(chart_percent(3, 10), 30);
	ck_assert_int_eq(chart_percent(2, 3), 66);
	ck_assert_int_eq(chart_percent(10, 10), 100);
	ck_assert_int_eq(chart_percent(11, 10), 100);
	ck_assert_int_eq(chart_percent(5, 0), 0);
}
END_TEST

/* Days of 24 hours group by day; a summer-time change groups by hour. */
START_TEST(test_step)
{
	time_t plain[4] = { 1000 * 86400 - 6 * 3600, 1001 * 86400 - 6 * 3600,
	    1002 * 86400 - 6 * 3600, 1003 * 86400 - 6 * 3600 };
	time_t summer[4] = { 0, 86400, 2 * 86400 - 3600, 3 * 86400 - 3600 };
	time_t half[3] = { 0, 86400 - 1800, 2 * 86400 - 1800 };
	time_t weeks[3] = { 0, 7 * 86400, 14 * 86400 };

	ck_assert_int_eq(chart_step(plain, 3), 86400);
	ck_assert_int_eq(chart_step(plain, 1), 86400);
	ck_assert_int_eq(chart_step(summer, 3), 3600);
	ck_assert_int_eq(chart_step(half, 2), 1800);
	ck_assert_int_eq(chart_step(weeks, 2), 7 * 86400);
}
END_TEST

/* A time's day: the last start at or before it; outside: -1. */
START_TEST(test_day_of)
{
	time_t starts[5] = { 100, 200, 300, 350, 500 };

	ck_assert_int_eq(chart_day_of(starts, 4, 99), -1);
	ck_assert_int_eq(chart_day_of(starts, 4, 100), 0);
	ck_assert_int_eq(chart_day_of(starts, 4, 199), 0);
	ck_assert_int_eq(chart_day_of(starts, 4, 200), 1);
	ck_assert_int_eq(chart_day_of(starts, 4, 349), 2);
	ck_assert_int_eq(chart_day_of(starts, 4, 350), 3);
	ck_assert_int_eq(chart_day_of(starts, 4, 499), 3);
	ck_assert_int_eq(chart_day_of(starts, 4, 500), -1);
	ck_assert_int_eq(chart_day_of(starts, 1, 150), 0);
	ck_assert_int_eq(chart_day_of(starts, 0, 150), -1);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("level");
	TCase *tc = tcase_create("level");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_newcomer);
	tcase_add_test(tc, test_count_and_rate);
	tcase_add_test(tc, test_one_level);
	tcase_add_test(tc, test_heights);
	tcase_add_test(tc, test_percent);
	tcase_add_test(tc, test_step);
	tcase_add_test(tc, test_day_of);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
