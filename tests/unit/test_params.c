/*
 * Unit tests of params.c and params_json.c: tables of valid and invalid inputs with the
 * result and the values each must give. Every input is copied into a
 * buffer of exactly its length first, so that a read past the end shows
 * under valgrind or AddressSanitizer.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "front/params.h"

/* The limits most cases run under. */
static const struct param_limits lim_std = { 8, 32, 2, 4 };
/* Tight limits for the cases about limits. */
static const struct param_limits lim_two = { 2, 4, 1, 2 };
/* Room for the large inputs. */
static const struct param_limits lim_big = { 1000000, 1000000, 8, 8 };

/* A copy of n bytes in a buffer of exactly n bytes (one when n is 0). */
static char *
exact_copy(const char *s, size_t n)
{
	char *p;

	p = malloc(n > 0 ? n : 1);
	ck_assert_ptr_nonnull(p);
	if (n > 0)
		memcpy(p, s, n);
	return p;
}

/* Check that l holds exactly the name, value, ... pairs of want. */
static void
check_pairs(const struct param_list *l, const char *const *want)
{
	size_t i;

	for (i = 0; want[2 * i] != NULL; i++) {
		ck_assert_uint_lt(i, l->n);
		ck_assert_str_eq(l->items[i].name, want[2 * i]);
		ck_assert_str_eq(l->items[i].value, want[2 * i + 1]);
		ck_assert_uint_eq(l->items[i].value_len,
		    strlen(want[2 * i + 1]));
	}
	ck_assert_uint_eq(l->n, i);
}

/* Check the result code, and on error a part of the reason. */
static void
check_result(enum parse_result rc, const char *why, enum parse_result want,
    const char *want_why)
{
	ck_assert_int_eq(rc, want);
	if (want != PARSE_OK) {
		ck_assert_ptr_nonnull(why);
		if (want_why != NULL)
			ck_assert_msg(strstr(why, want_why) != NULL,
			    "reason \"%s\" lacks \"%s\"", why, want_why);
	}
}

/* ------------------------------------------------------------ urlencoded */

struct url_case {
	const char *in;
	const struct param_limits *lim;	/* NULL: lim_std */
	enum parse_result rc;
	const char *why;
	const char *want[11];		/* name, value, ..., NULL */
};

static const struct url_case url_cases[] = {
	{ .in = "", .rc = PARSE_OK },
	{ .in = "a=1", .want = { "a", "1" } },
	{ .in = "a=1&b=2", .want = { "a", "1", "b", "2" } },
	{ .in = "a=1&&b=2&", .want = { "a", "1", "b", "2" } },
	{ .in = "&&&", .rc = PARSE_OK },
	{ .in = "a", .want = { "a", "" } },
	{ .in = "a=", .want = { "a", "" } },
	{ .in = "a=1=2", .want = { "a", "1=2" } },
	{ .in = "a=1&a=2", .want = { "a", "1", "a", "2" } },
	{ .in = "x+y=a+b", .want = { "x y", "a b" } },
	{ .in = "q=%41%62%2b%2B%25", .want = { "q", "Ab++%" } },
	{ .in = "q=%e0%A6%95", .want = { "q", "\xe0\xa6\x95" } },
	{ .in = "q=%E2%82%AC", .want = { "q", "\xe2\x82\xac" } },
	{ .in = "q=%F0%9F%98%80", .want = { "q", "\xf0\x9f\x98\x80" } },
	{ .in = "q=%F4%8F%BF%BF", .want = { "q", "\xf4\x8f\xbf\xbf" } },
	{ .in = "q=%EF%BB%BF", .want = { "q", "\xef\xbb\xbf" } },
	{ .in = "t=a%09b%0D%0Ac", .want = { "t", "a\tb\r\nc" } },
	{ .in = "t=\xe0\xa6\x95", .want = { "t", "\xe0\xa6\x95" } },
	{ .in = "%26=%3D", .want = { "&", "=" } },
	{ .in = "=x", .rc = PARSE_BAD, .why = "name" },
	{ .in = "a=1&=2", .rc = PARSE_BAD, .why = "name" },
	{ .in = "q=%zz", .rc = PARSE_BAD, .why = "bad percent escape" },
	{ .in = "q=%4", .rc = PARSE_BAD, .why = "bad percent escape" },
	{ .in = "q=%", .rc = PARSE_BAD, .why = "bad percent escape" },
	{ .in = "q=%4g", .rc = PARSE_BAD, .why = "bad percent escape" },
	{ .in = "%=1", .rc = PARSE_BAD, .why = "bad percent escape" },
	{ .in = "q=%00", .rc = PARSE_BAD, .why = "NUL" },
	{ .in = "q%00=1", .rc = PARSE_BAD, .why = "NUL" },
	{ .in = "q=%01", .rc = PARSE_BAD, .why = "control" },
	{ .in = "q=%1B", .rc = PARSE_BAD, .why = "control" },
	{ .in = "q=%7F", .rc = PARSE_BAD, .why = "control" },
	{ .in = "q=%C2%85", .rc = PARSE_BAD, .why = "control" },
	{ .in = "a%09b=1", .rc = PARSE_BAD, .why = "control" },
	{ .in = "a%0A=1", .rc = PARSE_BAD, .why = "control" },
	{ .in = "q=%C0%AF", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%C1%BF", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%E0%80%AF", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%F0%80%80%AF", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%ED%A0%80", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%ED%BF%BF", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%F4%90%80%80", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%F5%80%80%80", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%FF", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%80", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%E2%82", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=%E2%82x", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "q=\xe9t\xe9", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "%C3=1", .rc = PARSE_BAD, .why = "UTF-8" },
	{ .in = "a=1&b=2", .lim = &lim_two, .want = { "a", "1", "b", "2" } },
	{ .in = "a=1&b=2&c=3", .lim = &lim_two, .rc = PARSE_TOO_BIG,
	    .why = "too many" },
	{ .in = "a=1&&&b=2&&", .lim = &lim_two,
	    .want = { "a", "1", "b", "2" } },
	{ .in = "a=1234", .lim = &lim_two, .want = { "a", "1234" } },
	{ .in = "a=%31%32%33%34", .lim = &lim_two, .want = { "a", "1234" } },
	{ .in = "a=12345", .lim = &lim_two, .rc = PARSE_TOO_BIG,
	    .why = "too long" },
	{ .in = "abcde=1", .lim = &lim_two, .rc = PARSE_TOO_BIG,
	    .why = "too long" },
	{ .in = "a=\xe0\xa6\x95\xe0", .lim = &lim_two, .rc = PARSE_BAD },
	{ .in = "a=\xe0\xa6\x95\xe0\xa6", .lim = &lim_two,
	    .rc = PARSE_TOO_BIG },
};

START_TEST(test_urlencoded_table)
{
	const struct url_case *c = &url_cases[_i];
	struct param_list l = { NULL, 0, 0 };
	const char *why = NULL;
	enum parse_result rc;
	size_t n;
	char *in;

	n = strlen(c->in);
	in = exact_copy(c->in, n);
	rc = parse_urlencoded(in, n, c->lim != NULL ? c->lim : &lim_std, &l,
	    &why);
	check_result(rc, why, c->rc, c->why);
	if (c->rc == PARSE_OK)
		check_pairs(&l, c->want);
	param_list_free(&l);
	free(in);
}
END_TEST

/* A NUL byte sent as is, not escaped, is refused like %00. */
START_TEST(test_urlencoded_raw_nul)
{
	struct param_list l = { NULL, 0, 0 };
	const char *why = NULL;
	char *in;

	in = exact_copy("a=1\0b", 5);
	ck_assert_int_eq(parse_urlencoded(in, 5, &lim_std, &l, &why),
	    PARSE_BAD);
	param_list_free(&l);
	free(in);
}
END_TEST

/* Only len bytes are read: the text need not be NUL-terminated. */
START_TEST(test_urlencoded_length_bound)
{
	struct param_list l = { NULL, 0, 0 };
	const char *why = NULL;

	ck_assert_int_eq(parse_urlencoded("a=1&b=2", 3, &lim_std, &l, &why),
	    PARSE_OK);
	ck_assert_uint_eq(l.n, 1);
	ck_assert_str_eq(param_get(&l, "a"), "1");
	ck_assert_ptr_null(param_get(&l, "b"));
	param_list_free(&l);
	ck_assert_int_eq(parse_urlencoded(NULL, 0, &lim_std, &l, &why),
	    PARSE_OK);
	ck_assert_uint_eq(l.n, 0);
}
END_TEST

/* max_fields counts the whole list: query string and body together. */
START_TEST(test_urlencoded_limit_across_calls)
{
	struct param_list l = { NULL, 0, 0 };
	const char *why = NULL;

	ck_assert_int_eq(parse_urlencoded("a=1", 3, &lim_two, &l, &why),
	    PARSE_OK);
	ck_assert_int_eq(parse_urlencoded("b=2", 3, &lim_two, &l, &why),
	    PARSE_OK);
	ck_assert_int_eq(parse_urlencoded("c=3", 3, &lim_two, &l, &why),
	    PARSE_TOO_BIG);
	ck_assert_uint_eq(l.n, 2);
	param_list_free(&l);
	ck_assert_ptr_null(l.items);
	ck_assert_uint_eq(l.n, 0);
	/* The list is reusable once freed. */
	ck_assert_int_eq(parse_urlencoded("c=3", 3, &lim_two, &l, &why),
	    PARSE_OK);
	ck_assert_str_eq(param_get(&l, "c"), "3");
	param_list_free(&l);
}
END_TEST

/* Many pairs: the list grows without trouble and keeps the order. */
START_TEST(test_urlencoded_many)
{
	struct param_list l = { NULL, 0, 0 };
	const char *why = NULL;
	size_t i, n = 200000;
	char *in;

	in = malloc(4 * n);
	ck_assert_ptr_nonnull(in);
	for (i = 0; i < n; i++)
		memcpy(in + 4 * i, i % 2 ? "b=2&" : "a=1&", 4);
	ck_assert_int_eq(parse_urlencoded(in, 4 * n - 1, &lim_big, &l, &why),
	    PARSE_OK);
	ck_assert_uint_eq(l.n, n);
	ck_assert_str_eq(l.items[n - 1].name, "b");
	ck_assert_str_eq(param_get(&l, "b"), "2");
	param_list_free(&l);
	free(in);
}
END_TEST

/* ------------------------------------------------------------- multipart */

#define CT	"multipart/form-data; boundary=XyZ"
#define D	"--XyZ\r\n"
#define END	"--XyZ--\r\n"
#define CD	"Content-Disposition: form-data; name="
#define FIELD(n, v)	D CD "\"" n "\"\r\n\r\n" v "\r\n"
#define UPLOAD(n, f, v)	D CD "\"" n "\"; filename=\"" f "\"\r\n" \
	"Content-Type: application/octet-stream\r\n\r\n" v "\r\n"
#define BODY(s)	.body = s, .len = sizeof(s) - 1
/* The longest boundary allowed: 70 characters. */
#define B70	"0123456789012345678901234567890123456789" \
	"012345678901234567890123456789"

struct mp_case {
	const char *ct;			/* NULL: CT */
	const char *body;
	size_t len;
	const struct param_limits *lim;	/* NULL: lim_std */
	enum parse_result rc;
	const char *why;
	const char *form[9];		/* name, value, ..., NULL */
	const char *files[10];		/* field, filename, data, ... */
};

static const struct mp_case mp_cases[] = {
	/* Valid bodies. */
	{ BODY(FIELD("a", "1") FIELD("b", "two") END),
	    .form = { "a", "1", "b", "two" } },
	{ BODY(END) },
	{ BODY(FIELD("a", "") END), .form = { "a", "" } },
	{ BODY(FIELD("a", "x\r\ny\r\n") END), .form = { "a", "x\r\ny\r\n" } },
	{ BODY(FIELD("a", "\xe0\xa6\x95\xe0\xa6\xbe\xe0\xa6\x9c") END),
	    .form = { "a", "\xe0\xa6\x95\xe0\xa6\xbe\xe0\xa6\x9c" } },
	{ BODY("This is the preamble.\r\nIt is ignored x--XyZ\r\n"
	    FIELD("a", "1") END "and so is the epilogue\r\n--XyZ\r\njunk"),
	    .form = { "a", "1" } },
	{ BODY("\r\n" FIELD("a", "1") END), .form = { "a", "1" } },
	{ BODY(FIELD("a", "1") "--XyZ--"), .form = { "a", "1" } },
	{ BODY("--XyZ \t\r\n" CD "a\r\n\r\n1\r\n--XyZ--"),
	    .form = { "a", "1" } },
	{ .ct = "multipart/form-data; boundary=\"Xy Z\"",
	    BODY("--Xy Z\r\n" CD "a\r\n\r\n1\r\n--Xy Z--\r\n"),
	    .form = { "a", "1" } },
	{ .ct = "Multipart/Form-Data;charset=utf-8;BOUNDARY=XyZ; x=\"y;z\"",
	    BODY(FIELD("a", "1") END), .form = { "a", "1" } },
	{ .ct = "multipart/form-data; boundary=XyZ;",
	    BODY(FIELD("a", "1") END), .form = { "a", "1" } },
	{ .ct = "multipart/form-data; boundary=" B70,
	    BODY("--" B70 "\r\n" CD "a\r\n\r\n1\r\n--" B70 "--"),
	    .form = { "a", "1" } },
	{ .ct = "multipart/form-data; boundary=\"'()+_,-./:=?\"",
	    BODY("--'()+_,-./:=?\r\n" CD "a\r\n\r\n1\r\n--'()+_,-./:=?--"),
	    .form = { "a", "1" } },
	/* Near misses of the boundary are data. */
	{ BODY(FIELD("a", "x\r\n--XyY\r\n--Xy\r\n--\n--XyZ\r--XyZ-") END),
	    .form = { "a", "x\r\n--XyY\r\n--Xy\r\n--\n--XyZ\r--XyZ-" } },
	{ BODY(FIELD("a", "\r\n--Xy") END), .form = { "a", "\r\n--Xy" } },
	/* Names: quoted with escapes, unquoted, other headers ignored. */
	{ BODY(D CD "\"a\\\"b\\\\c\"\r\n\r\n1\r\n" END),
	    .form = { "a\"b\\c", "1" } },
	{ BODY(D "content-disposition:form-data;NAME=\"a\"\r\n"
	    "Content-Transfer-Encoding: 8bit\r\nX-Other: y\r\n\r\n1\r\n" END),
	    .form = { "a", "1" } },
	{ BODY(D "Content-Type: text/plain; charset=utf-8\r\n"
	    CD "\"a\"\r\n\r\n1\r\n" END), .form = { "a", "1" } },
	/* Files. */
	{ BODY(UPLOAD("f", "a.txt", "hello") END),
	    .files = { "f", "a.txt", "hello" } },
	{ BODY(UPLOAD("f", "", "") FIELD("a", "1") END),
	    .form = { "a", "1" } },
	{ BODY(UPLOAD("f", "", "data") END), .files = { "f", "", "data" } },
	{ BODY(UPLOAD("f", "empty.txt", "") END),
	    .files = { "f", "empty.txt", "" } },
	{ BODY(UPLOAD("f", "C:\\dir\\x.png", "p") END),
	    .files = { "f", "C:\\dir\\x.png", "p" } },
	{ BODY(D CD "\"f\"; filename=\"a.txt\"; "
	    "filename*=UTF-8''%E0%A6%95.txt\r\n\r\nz\r\n" END),
	    .files = { "f", "a.txt", "z" } },
	{ BODY(D CD "\"f\"; filename=\"\xe0\xa6\x95.txt\"\r\n\r\nz\r\n" END),
	    .files = { "f", "\xe0\xa6\x95.txt", "z" } },
	{ BODY(UPLOAD("f", "a", "x") UPLOAD("f", "b", "y") END),
	    .files = { "f", "a", "x", "f", "b", "y" } },
	{ BODY(UPLOAD("f", "a", "longer than max_field_length") END),
	    .lim = &lim_two,
	    .files = { "f", "a", "longer than max_field_length" } },
	{ BODY(UPLOAD("f", "a", "") UPLOAD("f", "", "") FIELD("a", "1") END),
	    .lim = &lim_two, .form = { "a", "1" }, .files = { "f", "a", "" } },

	/* The boundary. */
	{ .ct = "multipart/form-data", BODY(FIELD("a", "1") END),
	    .rc = PARSE_BAD, .why = "boundary" },
	{ .ct = "multipart/form-data; boundary=", BODY(FIELD("a", "1") END),
	    .rc = PARSE_BAD },
	{ .ct = "multipart/form-data; boundary=\"\"",
	    BODY(FIELD("a", "1") END), .rc = PARSE_BAD, .why = "boundary" },
	{ .ct = "multipart/form-data; boundary=" B70 "0",
	    BODY(END), .rc = PARSE_BAD, .why = "boundary" },
	{ .ct = "multipart/form-data; boundary=\"XyZ \"", BODY(END),
	    .rc = PARSE_BAD, .why = "boundary" },
	{ .ct = "multipart/form-data; boundary=Xy@Z", BODY(END),
	    .rc = PARSE_BAD, .why = "boundary" },
	{ .ct = "multipart/form-data; boundary=\"XyZ", BODY(END),
	    .rc = PARSE_BAD },
	{ .ct = "multipart/form-data; boundary=XyZ; boundary=XyZ", BODY(END),
	    .rc = PARSE_BAD, .why = "boundary" },
	{ .ct = "multipart/form-data boundary=XyZ", BODY(END),
	    .rc = PARSE_BAD },
	{ .ct = "multipart/mixed; boundary=XyZ", BODY(END),
	    .rc = PARSE_BAD, .why = "form-data" },
	{ .ct = "", BODY(END), .rc = PARSE_BAD },
	{ BODY(""), .rc = PARSE_BAD },
	{ BODY("no boundary here\r\n"), .rc = PARSE_BAD,
	    .why = "no boundary" },
	{ BODY("--XyZ"), .rc = PARSE_BAD, .why = "ends before" },
	{ BODY("--XyZ-"), .rc = PARSE_BAD, .why = "ends before" },
	{ BODY("--XyZ\r"), .rc = PARSE_BAD, .why = "ends before" },
	{ BODY("--XyZabc\r\n" CD "a\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "other characters" },
	{ BODY(FIELD("a", "x\r\n--XyZabc") END), .rc = PARSE_BAD,
	    .why = "other characters" },
	/* Truncated bodies. */
	{ BODY(FIELD("a", "1")), .rc = PARSE_BAD,
	    .why = "multipart body ends before its closing boundary" },
	{ BODY(FIELD("a", "1") D), .rc = PARSE_BAD, .why = "ends before" },
	{ BODY(FIELD("a", "1") "--Xy"), .rc = PARSE_BAD,
	    .why = "ends before" },
	{ BODY(D CD "\"a\"\r\n\r\n1234"), .rc = PARSE_BAD,
	    .why = "ends before" },
	{ BODY(D CD "\"a\"\r\n"), .rc = PARSE_BAD, .why = "ends before" },
	{ BODY(D CD "\"a\""), .rc = PARSE_BAD, .why = "ends before" },
	{ BODY(D CD "\"f\"; filename=\"a\"\r\n\r\nx\0y\r\n--XyZ-"),
	    .rc = PARSE_BAD, .why = "ends before" },
	/* Bad part headers. */
	{ BODY(D "\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "no Content-Disposition" },
	{ BODY(D "Content-Type: text/plain\r\n\r\n1\r\n" END),
	    .rc = PARSE_BAD, .why = "no Content-Disposition" },
	{ BODY(D "Content-Disposition: form-data\r\n\r\n1\r\n" END),
	    .rc = PARSE_BAD, .why = "no name" },
	{ BODY(D "Content-Disposition: form-data; filename=\"a\"\r\n\r\n1\r\n"
	    END), .rc = PARSE_BAD, .why = "no name" },
	{ BODY(D CD "\"\"\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "no name" },
	{ BODY(D CD "\"a\"; name=\"b\"\r\n\r\n1\r\n" END), .rc = PARSE_BAD },
	{ BODY(D CD "\"a\"\r\n" CD "\"b\"\r\n\r\n1\r\n" END),
	    .rc = PARSE_BAD },
	{ BODY(D "Content-Disposition: attachment; name=\"a\"\r\n\r\n1\r\n"
	    END), .rc = PARSE_BAD, .why = "form-data" },
	{ BODY(D CD "\"a\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "Content-Disposition" },
	{ BODY(D CD "\"a\"x\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "Content-Disposition" },
	{ BODY(D CD "\r\n\r\n1\r\n" END), .rc = PARSE_BAD },
	{ BODY(D CD "\"a\"\r\n continued\r\n\r\n1\r\n" END),
	    .rc = PARSE_BAD, .why = "malformed part header" },
	{ BODY(D CD "\"a\"\r\nNo-Colon\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "malformed part header" },
	{ BODY(D CD "\"a\"\r\nX-A : b\r\n\r\n1\r\n" END), .rc = PARSE_BAD },
	{ BODY(D CD "\"a\"\rX: y\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "control" },
	{ BODY(D CD "\"a\"\r\nX: \0\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "control" },
	{ BODY(D CD "\"a\"\r\n1\r\n" END), .rc = PARSE_BAD },
	{ BODY(D CD "\"a\"\r\n" END), .rc = PARSE_BAD,
	    .why = "no blank line" },
	{ BODY(D CD "\"a\"\r\n\r\n" END), .rc = PARSE_BAD,
	    .why = "starts with the boundary" },
	{ BODY(D CD "\"a\x01\"\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "control" },
	{ BODY(D CD "\"a\xc0\xaf\"\r\n\r\n1\r\n" END), .rc = PARSE_BAD,
	    .why = "UTF-8" },
	{ BODY(D CD "\"f\"; filename=\"\xff.txt\"\r\n\r\n1\r\n" END),
	    .rc = PARSE_BAD, .why = "UTF-8" },
	/* LF-only line ends. */
	{ BODY("--XyZ\nContent-Disposition: form-data; name=\"a\"\n\n1\n"
	    "--XyZ--\n"), .rc = PARSE_BAD, .why = "CRLF" },
	{ BODY("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\n\n1\n"
	    "--XyZ--\n"), .rc = PARSE_BAD, .why = "CRLF" },
	{ BODY("preamble\n--XyZ\nContent-Disposition: form-data; "
	    "name=\"a\"\n\n1\n--XyZ--\n"), .rc = PARSE_BAD },
	/* Text field content. */
	{ BODY(FIELD("a", "x\0y") END), .rc = PARSE_BAD, .why = "NUL" },
	{ BODY(FIELD("a", "x\x01y") END), .rc = PARSE_BAD,
	    .why = "control" },
	{ BODY(FIELD("a", "\xed\xa0\x80") END), .rc = PARSE_BAD,
	    .why = "UTF-8" },
	{ BODY(FIELD("a", "\xf4\x90\x80\x80") END), .rc = PARSE_BAD,
	    .why = "UTF-8" },
	{ BODY(FIELD("a", "\xe0\x80\xaf") END), .rc = PARSE_BAD,
	    .why = "UTF-8" },
	/* Limits. */
	{ BODY(FIELD("a", "1") FIELD("b", "2") END), .lim = &lim_two,
	    .form = { "a", "1", "b", "2" } },
	{ BODY(FIELD("a", "1") FIELD("b", "2") FIELD("c", "3") END),
	    .lim = &lim_two, .rc = PARSE_TOO_BIG, .why = "too many fields" },
	{ BODY(FIELD("a", "1234") END), .lim = &lim_two,
	    .form = { "a", "1234" } },
	{ BODY(FIELD("a", "12345") END), .lim = &lim_two,
	    .rc = PARSE_TOO_BIG, .why = "too long" },
	{ BODY(FIELD("abcde", "1") END), .lim = &lim_two,
	    .rc = PARSE_TOO_BIG, .why = "too long" },
	{ BODY(UPLOAD("f", "a", "x") UPLOAD("g", "b", "y") END),
	    .lim = &lim_two, .rc = PARSE_TOO_BIG, .why = "too many files" },
	{ BODY(UPLOAD("f", "a", "x") UPLOAD("f", "b", "y")
	    UPLOAD("f", "c", "z") END), .rc = PARSE_TOO_BIG,
	    .why = "too many files" },
};

/* Check that l holds exactly the field, filename, data triples of want. */
static void
check_files(const struct upload_list *l, const char *const *want)
{
	size_t i;

	for (i = 0; want[3 * i] != NULL; i++) {
		ck_assert_uint_lt(i, l->n);
		ck_assert_str_eq(l->items[i].field, want[3 * i]);
		ck_assert_str_eq(l->items[i].filename, want[3 * i + 1]);
		ck_assert_uint_eq(l->items[i].len, strlen(want[3 * i + 2]));
		ck_assert_mem_eq(l->items[i].data, want[3 * i + 2],
		    l->items[i].len + 1);
	}
	ck_assert_uint_eq(l->n, i);
}

START_TEST(test_multipart_table)
{
	const struct mp_case *c = &mp_cases[_i];
	struct param_list form = { NULL, 0, 0 };
	struct upload_list files = { NULL, 0, 0 };
	const char *why = NULL;
	enum parse_result rc;
	char *body;

	body = exact_copy(c->body, c->len);
	rc = parse_multipart(body, c->len, c->ct != NULL ? c->ct : CT,
	    c->lim != NULL ? c->lim : &lim_std, &form, &files, &why);
	check_result(rc, why, c->rc, c->why);
	if (c->rc == PARSE_OK) {
		check_pairs(&form, c->form);
		check_files(&files, c->files);
	}
	param_list_free(&form);
	upload_list_free(&files);
	free(body);
}
END_TEST

/*
 * Two text fields and a file of binary data that holds NUL bytes and line
 * starts that look like the boundary but are not.
 */
START_TEST(test_multipart_binary_file)
{
	static const char data[] = "\x89PNG\r\n\x1a\n\0\0\0\r\n--\r\n--XyY"
	    "\r\n--Xy\r\n-XyZ\n--XyZ\r--XyZ\0--XyZ\r\n\r\n\xff\xfe\0";
	static const char body[] =
	    FIELD("title", "A \xe0\xa6\x95 task")
	    D CD "\"shot\"; filename=\"screen.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n"
	    "\x89PNG\r\n\x1a\n\0\0\0\r\n--\r\n--XyY"
	    "\r\n--Xy\r\n-XyZ\n--XyZ\r--XyZ\0--XyZ\r\n\r\n\xff\xfe\0\r\n"
	    FIELD("note", "ok")
	    END;
	struct param_list form = { NULL, 0, 0 };
	struct upload_list files = { NULL, 0, 0 };
	const struct upload *u;
	const char *why = NULL;
	char *in;

	in = exact_copy(body, sizeof(body) - 1);
	ck_assert_int_eq(parse_multipart(in, sizeof(body) - 1,
	    "multipart/form-data; boundary=\"XyZ\"", &lim_std, &form, &files,
	    &why), PARSE_OK);
	ck_assert_uint_eq(form.n, 2);
	ck_assert_str_eq(param_get(&form, "title"), "A \xe0\xa6\x95 task");
	ck_assert_str_eq(param_get(&form, "note"), "ok");
	ck_assert_ptr_null(param_get(&form, "shot"));
	ck_assert_uint_eq(files.n, 1);
	u = upload_get(&files, "shot");
	ck_assert_ptr_nonnull(u);
	ck_assert_ptr_null(upload_get(&files, "title"));
	ck_assert_str_eq(u->field, "shot");
	ck_assert_str_eq(u->filename, "screen.png");
	ck_assert_str_eq(u->content_type, "image/png");
	ck_assert_uint_eq(u->len, sizeof(data) - 1);
	ck_assert_mem_eq(u->data, data, sizeof(data) - 1);
	ck_assert_int_eq(u->data[u->len], '\0');
	param_list_free(&form);
	upload_list_free(&files);
	ck_assert_uint_eq(files.n, 0);
	ck_assert_ptr_null(files.items);
	free(in);
}
END_TEST

/* A file part without Content-Type gets an empty one, never NULL. */
START_TEST(test_multipart_no_content_type)
{
	static const char body[] =
	    D CD "\"f\"; filename=\"a.bin\"\r\n\r\nxyz\r\n" END;
	struct param_list form = { NULL, 0, 0 };
	struct upload_list files = { NULL, 0, 0 };
	const char *why = NULL;
	char *in;

	in = exact_copy(body, sizeof(body) - 1);
	ck_assert_int_eq(parse_multipart(in, sizeof(body) - 1, CT, &lim_std,
	    &form, &files, &why), PARSE_OK);
	ck_assert_uint_eq(files.n, 1);
	ck_assert_str_eq(files.items[0].content_type, "");
	ck_assert_str_eq(files.items[0].data, "xyz");
	param_list_free(&form);
	upload_list_free(&files);
	free(in);
}
END_TEST

/* Part headers may take 8 KiB, blank line included, and no more. */
START_TEST(test_multipart_header_limit)
{
	static const char head[] = D CD "\"a\"\r\nX-Pad: ";
	static const char tail[] = "\r\n\r\n1\r\n" END;
	struct param_list form = { NULL, 0, 0 };
	struct upload_list files = { NULL, 0, 0 };
	const char *why = NULL;
	size_t pad, hdr, len;
	char *in;

	/* Header bytes: all of head but D, the padding, and tail's CRLFCRLF. */
	hdr = sizeof(head) - 1 - (sizeof(D) - 1) + 4;
	for (pad = 8192 - hdr; pad <= 8192 - hdr + 1; pad++) {
		len = sizeof(head) - 1 + pad + sizeof(tail) - 1;
		in = malloc(len);
		ck_assert_ptr_nonnull(in);
		memcpy(in, head, sizeof(head) - 1);
		memset(in + sizeof(head) - 1, 'p', pad);
		memcpy(in + sizeof(head) - 1 + pad, tail, sizeof(tail) - 1);
		if (pad == 8192 - hdr) {
			ck_assert_int_eq(parse_multipart(in, len, CT, &lim_std,
			    &form, &files, &why), PARSE_OK);
			ck_assert_str_eq(param_get(&form, "a"), "1");
		} else {
			ck_assert_int_eq(parse_multipart(in, len, CT, &lim_std,
			    &form, &files, &why), PARSE_BAD);
			ck_assert_str_eq(why, "part headers too large");
		}
		param_list_free(&form);
		free(in);
	}
}
END_TEST

/*
 * Adversarial bodies of a few MiB: line starts that almost match the
 * boundary, a huge part without line ends, many tiny parts. They must
 * finish well within check's timeout, as the parser is linear.
 */
START_TEST(test_multipart_large)
{
	static const char near[] = "\r\n--XyY\r\r\n--Xy";
	static const char part[] = FIELD("a", "1");
	struct param_list form = { NULL, 0, 0 };
	struct upload_list files = { NULL, 0, 0 };
	const char *why = NULL;
	size_t n, len, i;
	char *in;

	n = 4 << 20;
	len = sizeof(D) - 1 + 4 + n;
	in = malloc(len);
	ck_assert_ptr_nonnull(in);
	memcpy(in, D, sizeof(D) - 1);
	/* Headers that never end. */
	memset(in + sizeof(D) - 1, 'h', len - (sizeof(D) - 1));
	ck_assert_int_eq(parse_multipart(in, len, CT, &lim_big, &form, &files,
	    &why), PARSE_BAD);
	ck_assert_str_eq(why, "part headers too large");
	/* A body of near misses that never closes. */
	memcpy(in, D CD "\"a\"\r\n\r\n", sizeof(D CD "\"a\"\r\n\r\n") - 1);
	for (i = sizeof(D CD "\"a\"\r\n\r\n") - 1; i < len; i++)
		in[i] = near[i % (sizeof(near) - 1)];
	ck_assert_int_eq(parse_multipart(in, len, CT, &lim_big, &form, &files,
	    &why), PARSE_BAD);
	ck_assert_str_eq(why,
	    "multipart body ends before its closing boundary");
	free(in);

	n = 100000;
	len = n * (sizeof(part) - 1) + sizeof(END) - 1;
	in = malloc(len);
	ck_assert_ptr_nonnull(in);
	for (i = 0; i < n; i++)
		memcpy(in + i * (sizeof(part) - 1), part, sizeof(part) - 1);
	memcpy(in + n * (sizeof(part) - 1), END, sizeof(END) - 1);
	ck_assert_int_eq(parse_multipart(in, len, CT, &lim_big, &form, &files,
	    &why), PARSE_OK);
	ck_assert_uint_eq(form.n, n);
	param_list_free(&form);
	free(in);
}
END_TEST

/* --------------------------------------------------------------- cookies */

struct cookie_case {
	const char *in;
	const struct param_limits *lim;	/* NULL: lim_std */
	enum parse_result rc;
	const char *why;
	const char *want[9];		/* name, value, ..., NULL */
};

static const struct cookie_case cookie_cases[] = {
	{ .in = "", .rc = PARSE_OK },
	{ .in = "   ", .rc = PARSE_OK },
	{ .in = "a=1", .want = { "a", "1" } },
	{ .in = "a=1; b=2", .want = { "a", "1", "b", "2" } },
	{ .in = "a=1;b=2", .want = { "a", "1", "b", "2" } },
	{ .in = "a=1; b=2;", .want = { "a", "1", "b", "2" } },
	{ .in = "a=1; b=2; ", .want = { "a", "1", "b", "2" } },
	{ .in = " a=1 ;  b=2  ", .want = { "a", "1", "b", "2" } },
	{ .in = "a=1;; b=2", .want = { "a", "1", "b", "2" } },
	{ .in = "a=", .want = { "a", "" } },
	{ .in = "a=\"\"", .want = { "a", "" } },
	{ .in = "a=\"xyz\"; b=2", .want = { "a", "xyz", "b", "2" } },
	{ .in = "a=1; a=2", .want = { "a", "1", "a", "2" } },
	{ .in = "sid=AbC-_.~!#$%&'()*+/:<>?@[]^`{|}=",
	    .want = { "sid", "AbC-_.~!#$%&'()*+/:<>?@[]^`{|}=" } },
	{ .in = "!#$%&'*+-.^_`|~09AZaz=v",
	    .want = { "!#$%&'*+-.^_`|~09AZaz", "v" } },
	/* Pairs outside the grammar are skipped; the rest still count. */
	{ .in = "a", .want = { NULL } },
	{ .in = "a=1; b", .want = { "a", "1" } },
	{ .in = "a; b=1", .want = { "b", "1" } },
	{ .in = "a =1; b=2", .want = { "b", "2" } },
	{ .in = "=1", .want = { NULL } },
	{ .in = "a=1; =2", .want = { "a", "1" } },
	{ .in = "a(b=1; c=3", .want = { "c", "3" } },
	{ .in = "a@b=1", .want = { NULL } },
	{ .in = "\xc3\xa9=1; b=2", .want = { "b", "2" } },
	{ .in = "a=x y; b=2", .want = { "b", "2" } },
	{ .in = "a=x,y", .want = { NULL } },
	{ .in = "a=x\\y", .want = { NULL } },
	{ .in = "a=x\"y", .want = { NULL } },
	{ .in = "a=\"x y\"; b=2", .want = { "b", "2" } },
	{ .in = "a=\"xy", .want = { NULL } },
	{ .in = "a=\"", .want = { NULL } },
	{ .in = "a=\"x\"y", .want = { NULL } },
	{ .in = "a=\"\"\"", .want = { NULL } },
	{ .in = "a=\x7f", .want = { NULL } },
	{ .in = "a=\x01; b=2", .want = { "b", "2" } },
	{ .in = "a=\xc3\xa9", .want = { NULL } },
	{ .in = "a=1, b=2", .want = { NULL } },
	{ .in = "theme=dark mode; kaaj_session=0f; prefs={\"a\":1}",
	    .want = { "kaaj_session", "0f" } },
	{ .in = "a=1; b=2", .lim = &lim_two, .want = { "a", "1", "b", "2" } },
	{ .in = "a=1; b=2; c=3", .lim = &lim_two,
	    .want = { "a", "1", "b", "2" } },
	{ .in = "a=1; b=2; ;", .lim = &lim_two,
	    .want = { "a", "1", "b", "2" } },
};

START_TEST(test_cookies_table)
{
	const struct cookie_case *c = &cookie_cases[_i];
	struct param_list l = { NULL, 0, 0 };
	const char *why = NULL;
	enum parse_result rc;
	char *in;

	in = exact_copy(c->in, strlen(c->in) + 1);
	rc = parse_cookies(in, c->lim != NULL ? c->lim : &lim_std, &l, &why);
	check_result(rc, why, c->rc, c->why);
	if (c->rc == PARSE_OK)
		check_pairs(&l, c->want);
	param_list_free(&l);
	free(in);
}
END_TEST

/* No Cookie header at all is the same as an empty one. */
START_TEST(test_cookies_null)
{
	struct param_list l = { NULL, 0, 0 };
	const char *why = NULL;

	ck_assert_int_eq(parse_cookies(NULL, &lim_std, &l, &why), PARSE_OK);
	ck_assert_uint_eq(l.n, 0);
	ck_assert_ptr_null(param_get(&l, "a"));
}
END_TEST

/* ------------------------------------------------------------ JSON */

struct json_case {
	const char *in;
	const struct param_limits *lim;	/* NULL: lim_std */
	enum parse_result rc;
	const char *code;		/* the error's code */
	const char *field;		/* the error's field, "" for none */
	const char *want[11];		/* name, value, ..., NULL */
};

static const struct json_case json_cases[] = {
	{ .in = "{}", .rc = PARSE_OK },
	{ .in = " {\"a\":\"1\"} ", .want = { "a", "1" } },
	{ .in = "{\"n\":12,\"m\":-3}", .want = { "n", "12", "m", "-3" } },
	{ .in = "{\"t\":true,\"f\":false,\"z\":null}",
	    .want = { "t", "1", "f", "0" } },
	{ .in = "{\"c\":[\"BD\",\"IN\"]}", .want = { "c", "BD", "c", "IN" } },
	{ .in = "{\"ids\":[3,1]}", .want = { "ids", "3", "ids", "1" } },
	{ .in = "{\"e\":[]}", .rc = PARSE_OK },
	{ .in = "{\"b\":\"\\u0995\\t\\n\"}",
	    .want = { "b", "\xe0\xa6\x95\t\n" } },
	{ .in = "{\"pay\":\"0.25\"}", .want = { "pay", "0.25" } },
	{ .in = "", .rc = PARSE_BAD, .code = "json", .field = "" },
	{ .in = "{\"a\":1,}", .rc = PARSE_BAD, .code = "json", .field = "" },
	{ .in = "{\"a\":1} x", .rc = PARSE_BAD, .code = "json", .field = "" },
	{ .in = "{\"a\":1,\"a\":2}", .rc = PARSE_BAD, .code = "json",
	    .field = "" },
	{ .in = "{'a':1}", .rc = PARSE_BAD, .code = "json", .field = "" },
	{ .in = "[1]", .rc = PARSE_BAD, .code = "json_object", .field = "" },
	{ .in = "\"a\"", .rc = PARSE_BAD, .code = "json_object",
	    .field = "" },
	{ .in = "{\"pay\":0.25}", .rc = PARSE_BAD, .code = "json_real",
	    .field = "pay" },
	{ .in = "{\"n\":1e3}", .rc = PARSE_BAD, .code = "json_real",
	    .field = "n" },
	{ .in = "{\"o\":{\"a\":1}}", .rc = PARSE_BAD, .code = "json_type",
	    .field = "o" },
	{ .in = "{\"l\":[[1]]}", .rc = PARSE_BAD, .code = "json_type",
	    .field = "l" },
	{ .in = "{\"l\":[null]}", .rc = PARSE_BAD, .code = "json_type",
	    .field = "l" },
	{ .in = "{\"s\":\"a\\u0000b\"}", .rc = PARSE_BAD, .code = "json",
	    .field = "" },
	{ .in = "{\"s\":\"a\\u0001b\"}", .rc = PARSE_BAD, .code = "json_text",
	    .field = "s" },
	{ .in = "{\"s\":\"\\ud800\"}", .rc = PARSE_BAD, .code = "json",
	    .field = "" },
	{ .in = "{\"s\":\"\xe9t\xe9\"}", .rc = PARSE_BAD, .code = "json",
	    .field = "" },
	{ .in = "{\"\":1}", .rc = PARSE_BAD, .code = "json_text",
	    .field = "" },
	{ .in = "{\"a\\nb\":1}", .rc = PARSE_BAD, .code = "json_text",
	    .field = "" },
	{ .in = "{\"a\":1,\"b\":2}", .lim = &lim_two,
	    .want = { "a", "1", "b", "2" } },
	{ .in = "{\"a\":1,\"b\":2,\"c\":3}", .lim = &lim_two,
	    .rc = PARSE_TOO_BIG, .code = "json_too_big", .field = "c" },
	{ .in = "{\"c\":[1,2,3]}", .lim = &lim_two, .rc = PARSE_TOO_BIG,
	    .code = "json_too_big", .field = "c" },
	{ .in = "{\"a\":\"12345\"}", .lim = &lim_two, .rc = PARSE_TOO_BIG,
	    .code = "json_too_big", .field = "a" },
	{ .in = "{\"abcde\":1}", .lim = &lim_two, .rc = PARSE_TOO_BIG,
	    .code = "json_too_big", .field = "abcde" },
};

START_TEST(test_json_table)
{
	const struct json_case *c = &json_cases[_i];
	struct param_list l = { NULL, 0, 0 };
	struct param_json_error err;
	enum parse_result rc;
	size_t n;
	char *in;

	n = strlen(c->in);
	in = exact_copy(c->in, n);
	rc = parse_json_object(in, n, c->lim != NULL ? c->lim : &lim_std, &l,
	    &err);
	ck_assert_msg(rc == c->rc, "%s: got %d, want %d (%s %s)", c->in,
	    rc, c->rc, err.code != NULL ? err.code : "-", err.detail);
	if (c->rc == PARSE_OK)
		check_pairs(&l, c->want);
	else {
		ck_assert_str_eq(err.code, c->code);
		ck_assert_str_eq(err.field, c->field);
	}
	if (c->rc != PARSE_OK && strcmp(c->code, "json") == 0)
		ck_assert_msg(strncmp(err.detail, "line ", 5) == 0,
		    "%s: detail '%s'", c->in, err.detail);
	param_list_free(&l);
	free(in);
}
END_TEST

#define NITEMS(a)	((int)(sizeof(a) / sizeof((a)[0])))

static Suite *
params_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("params");
	tc = tcase_create("urlencoded");
	tcase_add_loop_test(tc, test_urlencoded_table, 0, NITEMS(url_cases));
	tcase_add_test(tc, test_urlencoded_raw_nul);
	tcase_add_test(tc, test_urlencoded_length_bound);
	tcase_add_test(tc, test_urlencoded_limit_across_calls);
	tcase_add_test(tc, test_urlencoded_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("multipart");
	tcase_add_loop_test(tc, test_multipart_table, 0, NITEMS(mp_cases));
	tcase_add_test(tc, test_multipart_binary_file);
	tcase_add_test(tc, test_multipart_no_content_type);
	tcase_add_test(tc, test_multipart_header_limit);
	tcase_add_test(tc, test_multipart_large);
	suite_add_tcase(s, tc);
	tc = tcase_create("cookies");
	tcase_add_loop_test(tc, test_cookies_table, 0, NITEMS(cookie_cases));
	tcase_add_test(tc, test_cookies_null);
	suite_add_tcase(s, tc);
	tc = tcase_create("json");
	tcase_add_loop_test(tc, test_json_table, 0, NITEMS(json_cases));
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(params_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
