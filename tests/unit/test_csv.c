/*
 * csv_parse (base/csv.h): tables of good and bad files with the row and
 * column each error names, and odd inputs (every prefix of a tricky
 * file, random bytes) that must end in a table or a clean refusal; and
 * the placeholders of market/items.h.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/csv.h"
#include "market/items.h"

static const struct csv_limits lim = { 5, 4, 20 };

static const struct {
	const char *in;
	size_t ncols, nrows;
	const char *cell;	/* item 0, column ncols - 1 */
} good[] = {
	{ "url\nhttp://a\n", 1, 1, "http://a" },
	{ "\xef\xbb\xbfurl\r\nhttp://a", 1, 1, "http://a" },
	{ "a,b\r\n1,\"x, y\"\r\n", 2, 1, "x, y" },
	{ "a,b\n1,\"say \"\"hi\"\"\"\n", 2, 1, "say \"hi\"" },
	{ "a,b\n1,\"two\nlines\"\n", 2, 1, "two\nlines" },
	{ "a,b\r\n1,\"two\r\nlines\rhere\"\r\n", 2, 1, "two\nlines\nhere" },
	{ " a , b_2 \n1,2\n\n,\n3,4\n", 2, 2, "2" },
	{ "a,b\r1,2\r", 2, 1, "2" },
	{ "a,b\n1,\n", 2, 1, "" },
	{ "q\n\xe0\xa6\x95\xe0\xa6\xbe\xe0\xa6\x9c\n", 1, 1,
	    "\xe0\xa6\x95\xe0\xa6\xbe\xe0\xa6\x9c" },
	{ "q\n<script>x</script>\n", 1, 1, "<script>x</script>" },
};

START_TEST(test_good)
{
	struct csv_table t;
	struct csv_fail f;

	ck_assert_int_eq(csv_parse(good[_i].in, strlen(good[_i].in), &lim, &t,
	    &f), 0);
	ck_assert_uint_eq(t.ncols, good[_i].ncols);
	ck_assert_uint_eq(t.nrows, good[_i].nrows);
	ck_assert_str_eq(csv_cell(&t, 0, t.ncols - 1), good[_i].cell);
	csv_free(&t);
}
END_TEST

static const struct {
	const char *in;
	size_t len;		/* 0: strlen */
	enum csv_error error;
	size_t row, column;
} bad[] = {
	{ "", 0, CSV_NO_HEADER, 0, 0 },
	{ "\n\n", 0, CSV_NO_HEADER, 0, 0 },
	{ "url\n", 0, CSV_NO_ROWS, 0, 0 },
	{ "a,b\n1,2\n3\n", 0, CSV_RAGGED, 3, 2 },
	{ "a,b\n1,2,3\n", 0, CSV_RAGGED, 2, 3 },
	{ "a\n1\n2\n3\n4\n5\n6\n", 0, CSV_TOO_MANY_ROWS, 7, 0 },
	{ "a,b,c,d,e\n1,2,3,4,5\n", 0, CSV_TOO_MANY_COLUMNS, 1, 5 },
	{ "a\n123456789012345678901\n", 0, CSV_CELL_TOO_LONG, 2, 1 },
	{ "a,b\n1,\xff\n", 0, CSV_BAD_UTF8, 2, 2 },
	{ "a\n\xc0\xaf\n", 0, CSV_BAD_UTF8, 2, 1 },
	{ "a\n\xed\xa0\x80\n", 0, CSV_BAD_UTF8, 2, 1 },
	{ "a\n\xe0\xa6\n", 0, CSV_BAD_UTF8, 2, 1 },
	{ "a\nx\0y\n", 6, CSV_CONTROL, 2, 1 },
	{ "a,b\n1,\"open\n", 0, CSV_BAD_QUOTE, 2, 2 },
	{ "a,b\n1,\"x\"y\n", 0, CSV_BAD_QUOTE, 2, 2 },
	{ "a,b\n1,x\"y\n", 0, CSV_BAD_QUOTE, 2, 2 },
	{ "a,b c\n1,2\n", 0, CSV_BAD_NAME, 1, 2 },
	{ "a,\n1,2\n", 0, CSV_BAD_NAME, 1, 2 },
	{ "url,url\n1,2\n", 0, CSV_DUPLICATE_NAME, 1, 2 },
};

START_TEST(test_bad)
{
	struct csv_table t;
	struct csv_fail f;
	size_t len = bad[_i].len != 0 ? bad[_i].len : strlen(bad[_i].in);

	ck_assert_int_eq(csv_parse(bad[_i].in, len, &lim, &t, &f), -1);
	ck_assert_int_eq(f.error, bad[_i].error);
	ck_assert_uint_eq(f.row, bad[_i].row);
	ck_assert_uint_eq(f.column, bad[_i].column);
	ck_assert_ptr_null(t.cells);
	ck_assert_ptr_null(t.store);
	ck_assert_str_ne(csv_error_key(f.error), "items_nomem");
}
END_TEST

/* Parse len bytes of in from a copy of exactly that size (ASan sees
 * any read past it); return what csv_parse did, freeing the table. */
static int
parse_exact(const char *in, size_t len)
{
	const struct csv_limits big = { 1000, 100, 1000 };
	struct csv_table t;
	struct csv_fail f;
	char *copy = malloc(len + 1);
	size_t r, c;
	int rc;

	ck_assert_ptr_nonnull(copy);
	memcpy(copy, in, len);
	rc = csv_parse(copy, len, &big, &t, &f);
	if (rc == 0)	/* every cell is there and ends */
		for (r = 0; r <= t.nrows; r++)
			for (c = 0; c < t.ncols; c++)
				ck_assert_uint_le(strlen(csv_cell(&t,
				    (long)r - 1, c)), len);
	else
		ck_assert_int_ne(f.error, CSV_OK);
	csv_free(&t);
	free(copy);
	return rc;
}

/* Every prefix of a file with each kind of tricky part. */
START_TEST(test_prefixes)
{
	static const char odd[] = "\xef\xbb\xbf" "a,b_c\r\n\"x\"\"\",\"1\n2\"\r"
	    "\n,\n\xe0\xa6\x95,\"\"\n";
	size_t len;

	for (len = 0; len <= sizeof(odd) - 1; len++)
		parse_exact(odd, len);
	ck_assert_int_eq(parse_exact(odd, sizeof(odd) - 1), 0);
}
END_TEST

/* Random files over a small alphabet of the bytes that matter. */
START_TEST(test_random)
{
	static const char alphabet[] = "ab,\"\r\n \xe0\xa6\x95\xff";
	char in[64];
	unsigned int seed = 15;
	size_t len, i;
	int round;

	for (round = 0; round < 20000; round++) {
		len = (size_t)rand_r(&seed) % sizeof(in);
		for (i = 0; i < len; i++)
			in[i] = alphabet[(size_t)rand_r(&seed) %
			    (sizeof(alphabet) - 1)];
		parse_exact(in, len);
	}
}
END_TEST

START_TEST(test_placeholders)
{
	const char *cols[] = { "url", "name_2" };
	char bad_name[8];

	ck_assert_int_eq(items_placeholders_check("Open {{url}} as"
	    " {{ name_2 }}; {{ not one } and {{}} and {x}", cols, 2, bad_name,
	    sizeof(bad_name)), 0);
	ck_assert_int_eq(items_placeholders_check("{{url}} {{title}}", cols,
	    2, bad_name, sizeof(bad_name)), -1);
	ck_assert_str_eq(bad_name, "title");
	ck_assert_int_eq(items_placeholders_check("{{a_very_long_name}}",
	    cols, 0, bad_name, sizeof(bad_name)), -1);
	ck_assert_str_eq(bad_name, "a_very_");
}
END_TEST

START_TEST(test_fill)
{
	struct buf out;
	char *s[4], *store;

	buf_init(&out);
	ck_assert_int_eq(items_fill(&out, "Open {{url}} for {{ who }};"
	    " {{other}} {{", "[\"url\",\"who\"]",
	    "[\"http://x/?a=1&b=\\\"2\\\"\", \"<script>\\u00e9\\n\"]"), 0);
	ck_assert_str_eq(out.data, "Open http://x/?a=1&b=\"2\" for"
	    " <script>\xc3\xa9\n; {{other}} {{");
	buf_reset(&out);
	ck_assert_int_eq(items_fill(&out, "{{url}}", "[\"url\"]", "[1]"), -1);
	ck_assert_str_eq(out.data, "{{url}}");
	buf_free(&out);
	ck_assert_int_eq(items_json_strings("[\"\\ud83d\\ude00\",\"\"]", s, 4,
	    &store), 2);
	ck_assert_str_eq(s[0], "\xf0\x9f\x98\x80");
	ck_assert_str_eq(s[1], "");
	free(store);
	ck_assert_int_eq(items_json_strings("[\"\\ud83d\"]", s, 4, &store),
	    -1);
	ck_assert_int_eq(items_json_strings("[\"a\",\"b\"]", s, 1, &store), -1);
	ck_assert_int_eq(items_json_strings("[]", s, 1, &store), 0);
	free(store);
}
END_TEST

static Suite *
csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_good, 0, sizeof(good) / sizeof(good[0]));
	tcase_add_loop_test(tc, test_bad, 0, sizeof(bad) / sizeof(bad[0]));
	tcase_add_test(tc, test_prefixes);
	tcase_add_test(tc, test_random);
	tcase_add_test(tc, test_placeholders);
	tcase_add_test(tc, test_fill);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(csv_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
