/*
 * base/timezone: the zone table, a country's zone, and UTC times shown
 * in the zone in use.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/timezone.h"

static struct tz_table table;

static void
load(void)
{
	char err[256];

	ck_assert_msg(tz_table_load(&table, TZ_TABLE_PATH, err,
	    sizeof(err)) == 0, "%s", err);
}

static void
unload(void)
{
	tz_table_free(&table);
}

START_TEST(test_countries)
{
	ck_assert_str_eq(tz_of_country(&table, "BD"), "Asia/Dhaka");
	ck_assert_str_eq(tz_of_country(&table, "IN"), "Asia/Kolkata");
	ck_assert_str_eq(tz_of_country(&table, "US"), "America/New_York");
	ck_assert_ptr_null(tz_of_country(&table, "XX"));
	ck_assert_ptr_null(tz_of_country(&table, ""));
	ck_assert_str_eq(tz_country(&table, "Asia/Dhaka"), "BD");
	ck_assert_str_eq(tz_country(&table, "UTC"), "");
}
END_TEST

START_TEST(test_known)
{
	ck_assert(tz_known(&table, "UTC"));
	ck_assert(tz_known(&table, "Asia/Dhaka"));
	ck_assert(tz_known(&table, "America/Argentina/Buenos_Aires"));
	ck_assert(!tz_known(&table, "Mars/Olympus_Mons"));
	ck_assert(!tz_known(&table, "../../etc/passwd"));
	ck_assert(!tz_known(&table, ""));
	ck_assert(!tz_known(&table, "asia/dhaka"));
}
END_TEST

START_TEST(test_local_time)
{
	char out[96];

	tz_use("Asia/Dhaka");
	ck_assert_int_eq(tz_local_time("2026-12-06 20:30:59", out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, "2026-12-07 02:30 Dhaka");
	tz_use("America/New_York");
	ck_assert_int_eq(tz_local_time("2030-07-01 12:00:00", out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, "2030-07-01 08:00 New York");
	ck_assert_int_eq(tz_local_time("2030-01-01 12:00:00", out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, "2030-01-01 07:00 New York");
	tz_use("UTC");
	ck_assert_int_eq(tz_local_time("2026-02-28 23:59:00", out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, "2026-02-28 23:59 UTC");
	/* A name of the wrong shape means UTC, never a path. */
	tz_use("../../etc/passwd");
	ck_assert_int_eq(tz_local_time("2026-02-28 23:59:00", out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, "2026-02-28 23:59 UTC");
	tz_use("/usr/share/zoneinfo/Asia/Dhaka");
	ck_assert_int_eq(tz_local_time("2026-02-28 23:59:00", out,
	    sizeof(out)), 0);
	ck_assert_str_eq(out, "2026-02-28 23:59 UTC");
	ck_assert(!tz_name_ok("/Asia/Dhaka"));
	ck_assert(tz_name_ok("Asia/Dhaka"));
}
END_TEST

START_TEST(test_not_times)
{
	static const char *const bad[] = { "", "2026-12-06", "yesterday",
	    "2026-12-06 20:30:59x", "2026-12-06T20:30:59", "1 2 3" };
	char out[96] = "untouched";
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(tz_local_time(bad[i], out, sizeof(out)), -1);
		ck_assert_str_eq(out, "untouched");
	}
	ck_assert_int_eq(tz_local_time(NULL, out, sizeof(out)), -1);
}
END_TEST

START_TEST(test_city)
{
	char out[64];

	tz_city("America/Argentina/Buenos_Aires", out, sizeof(out));
	ck_assert_str_eq(out, "Buenos Aires");
	tz_city("UTC", out, sizeof(out));
	ck_assert_str_eq(out, "UTC");
}
END_TEST

START_TEST(test_missing_table)
{
	struct tz_table t;
	char err[256];

	ck_assert_int_eq(tz_table_load(&t, "/nonexistent/zone.tab", err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "tzdata"));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("timezone");
	TCase *tc = tcase_create("timezone");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, load, unload);
	tcase_add_test(tc, test_countries);
	tcase_add_test(tc, test_known);
	tcase_add_test(tc, test_local_time);
	tcase_add_test(tc, test_not_times);
	tcase_add_test(tc, test_city);
	tcase_add_test(tc, test_missing_table);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
