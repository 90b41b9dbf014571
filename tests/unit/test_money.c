/*
 * money_parse and money_format: exact amounts in micro-units.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/money.h"

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
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
