/*
 * money_parse and money_format: exact amounts in micro-units; fees, which
 * round up, and referral shares, which round down.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"
#include "money/fees.h"
#include "money/referral.h"

static const struct {
	const char *in;
	enum money_parse_err rc;
	int64_t out;
} parse_cases[] = {
	{ "0", MONEY_OK, 0 },
	{ "12", MONEY_OK, 12000000 },
	{ "0.005", MONEY_OK, 5000 },
	{ "0.0035", MONEY_OK, 3500 },
	{ "1.25", MONEY_OK, 1250000 },
	{ ".5", MONEY_OK, 500000 },
	{ "5.", MONEY_OK, 5000000 },
	{ "0.000001", MONEY_OK, 1 },
	{ "0.0000010", MONEY_OK, 1 },
	{ "1000000000000", MONEY_OK, 1000000000000LL * 1000000 },
	{ "", MONEY_EMPTY, 0 },
	{ "-1", MONEY_NEGATIVE, 0 },
	{ "0.0000001", MONEY_PRECISION, 0 },
	{ "1e5", MONEY_SYNTAX, 0 },
	{ "1,5", MONEY_SYNTAX, 0 },
	{ " 1", MONEY_SYNTAX, 0 },
	{ "1 ", MONEY_SYNTAX, 0 },
	{ "+1", MONEY_SYNTAX, 0 },
	{ ".", MONEY_SYNTAX, 0 },
	{ "1.2.3", MONEY_SYNTAX, 0 },
	{ "abc", MONEY_SYNTAX, 0 },
	{ "1000000000000.000001", MONEY_RANGE, 0 },
	{ "99999999999999999999", MONEY_RANGE, 0 },
};

START_TEST(test_parse_table)
{
	int64_t v = -42;
	enum money_parse_err rc;

	rc = money_parse(parse_cases[_i].in, &v);
	ck_assert_msg(rc == parse_cases[_i].rc, "\"%s\": got %d, want %d",
	    parse_cases[_i].in, rc, parse_cases[_i].rc);
	if (rc == MONEY_OK)
		ck_assert_int_eq(v, parse_cases[_i].out);
	else
		ck_assert_int_eq(v, -42);
}
END_TEST

static const struct {
	int64_t in;
	const char *out;
} format_cases[] = {
	{ 0, "0.00" },
	{ 5000, "0.005" },
	{ 3500, "0.0035" },
	{ 1, "0.000001" },
	{ 12000000, "12.00" },
	{ 1250000, "1.25" },
	{ -3500000, "-3.50" },
	{ INT64_MIN, "-9223372036854.775808" },
};

START_TEST(test_format_table)
{
	char out[32];

	ck_assert_str_eq(money_format(format_cases[_i].in, out, sizeof(out)),
	    format_cases[_i].out);
}
END_TEST

START_TEST(test_round_trip)
{
	char out[32];
	int64_t v, back;

	for (v = 0; v < 3000000; v += 997) {
		money_format(v, out, sizeof(out));
		ck_assert_int_eq(money_parse(out, &back), MONEY_OK);
		ck_assert_int_eq(back, v);
	}
}
END_TEST

/*
 * Shares of task pay: pay, parts per million, the referrer's share
 * (rounded down) and the site's fee at the same rate (rounded up).
 */
static const struct {
	int64_t pay, ppm, share, fee;
} share_cases[] = {
	{ 10000000, 50000, 500000, 500000 },	/* 5% of 10.00: exact */
	{ 3500, 75000, 262, 263 },		/* 7.5% of 0.0035 */
	{ 5000, 33333, 166, 167 },		/* 3.3333% of 0.005 */
	{ 1, 999999, 0, 1 },			/* under a micro-unit */
	{ 999999, 1, 0, 1 },
	{ 1000000, 1, 1, 1 },
	{ 20000, 1000000, 20000, 20000 },	/* 100%: all of it */
	{ 0, 50000, 0, 0 },
	{ 10000000, 0, 0, 0 },			/* referrals off */
	{ -5, 50000, 0, 0 },
	{ INT64_MAX / 2, 1000000, INT64_MAX / 2, INT64_MAX / 2 },
	{ INT64_MAX, 500000, INT64_MAX / 2, INT64_MAX / 2 + 1 },
};

START_TEST(test_share_table)
{
	ck_assert_int_eq(referral_share(share_cases[_i].pay,
	    share_cases[_i].ppm), share_cases[_i].share);
	ck_assert_int_eq(fee_percent(share_cases[_i].pay,
	    share_cases[_i].ppm), share_cases[_i].fee);
}
END_TEST

/* The share never exceeds the fee at the same or a higher rate. */
START_TEST(test_share_within_fee)
{
	int64_t pay, ppm;

	for (pay = 1; pay < 2000000; pay += 7919)
		for (ppm = 0; ppm <= 200000; ppm += 3331) {
			ck_assert_int_le(referral_share(pay, ppm),
			    fee_percent(pay, ppm));
			ck_assert_int_le(referral_share(pay, ppm),
			    fee_percent(pay, ppm + 1));
		}
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("money");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, test_parse_table, 0,
	    sizeof(parse_cases) / sizeof(parse_cases[0]));
	tcase_add_loop_test(tc, test_format_table, 0,
	    sizeof(format_cases) / sizeof(format_cases[0]));
	tcase_add_test(tc, test_round_trip);
	tcase_add_loop_test(tc, test_share_table, 0,
	    sizeof(share_cases) / sizeof(share_cases[0]));
	tcase_add_test(tc, test_share_within_fee);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
