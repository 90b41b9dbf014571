/*
 * The one field check of declared job-type fields (base/field.c) and the
 * form tables of the core's own forms (front/form.c), with a request held
 * in memory: a posted body parsed as the dispatcher parses it, the page
 * data with the real language file.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/validate.h"
#include "base/field.h"
#include "base/text.h"
#include "front/form.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static struct render_env env;
static struct app app;
static struct request req;
static struct ctx c;

static void
setup(void)
{
	char err[512];
	NEOERR *nerr = nerr_init();

	nerr_ignore(&nerr);
	ck_assert_msg(render_env_init(&env, SRCDIR "/templates", "en", err,
	    sizeof(err)) == 0, "%s", err);
	memset(&app, 0, sizeof(app));
	app.cfg.currency = "BDT";
	memset(&req, 0, sizeof(req));
	memset(&c, 0, sizeof(c));
	c.app = &app;
	c.req = &req;
	c.hdf = render_page_new(&env, "en");
	ck_assert_ptr_nonnull(c.hdf);
}

static void
teardown(void)
{
	hdf_destroy(&c.hdf);
	param_list_free(&req.form);
	render_env_free(&env);
}

/* Parse body as the posted form of the request. */
static void
post(const char *body)
{
	struct param_limits lim = { 64, 100000, 4, 16 };
	const char *why = NULL;

	param_list_free(&req.form);
	ck_assert_int_eq(parse_urlencoded(body, strlen(body), &lim, &req.form,
	    &why), PARSE_OK);
}

/* The message shown next to field, or "". */
static const char *
shown(const char *field)
{
	char key[96];

	snprintf(key, sizeof(key), "Form.Errors.%s", field);
	return hdf_get_value(c.hdf, key, "");
}

/* The text of Lang.Form.Error.CODE. */
static const char *
lang(const char *code)
{
	char key[96];

	snprintf(key, sizeof(key), "Form.Error.%s", code);
	return render_lang(c.hdf, key);
}

/* ---------------------------------------------------------- field_check */

static const struct kaaj_choice actions[] = {
	{ "like", "Like" }, { "share", "Share" }, { NULL, NULL }
};

static const struct {
	struct kaaj_field fd;
	const char *value;
	enum field_fault want;
} field_cases[] = {
	/* The campaign form took any text starting with http:// as a URL. */
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "http://exa mple.com/", FIELD_URL_CHARS },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "http://localhost/admin", FIELD_URL_PRIVATE },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "http://192.168.1.1/", FIELD_URL_PRIVATE },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "https://nodot/", FIELD_URL_HOST },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "https://example.com:99999/", FIELD_URL_PORT },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "http://user:pw@example.com/", FIELD_URL_USERINFO },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "http://", FIELD_URL_HOST },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "ftp://example.com/", FIELD_URL_SCHEME },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL },
	    "HTTPS://Example.com/a?b=c#d", FIELD_OK },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 1, 20, 0, 0, NULL, NULL },
	    "https://example.com/0123456789", FIELD_TOO_LONG },
	{ { "u", KAAJ_FIELD_URL, "U", NULL, 0, 200, 0, 0, NULL, NULL },
	    "", FIELD_OK },
	/* ... and skipped the control-character check. */
	{ { "t", KAAJ_FIELD_TEXT, "T", NULL, 1, 100, 0, 0, NULL, NULL },
	    "rahim\x01", FIELD_CONTROL },
	{ { "t", KAAJ_FIELD_TEXT, "T", NULL, 1, 100, 0, 0, NULL, NULL },
	    "two\nlines", FIELD_CONTROL },
	{ { "t", KAAJ_FIELD_TEXT, "T", NULL, 1, 100, 0, 0, NULL, NULL },
	    "del\x7f", FIELD_CONTROL },
	{ { "t", KAAJ_FIELD_TEXTAREA, "T", NULL, 1, 100, 0, 0, NULL, NULL },
	    "two\nlines\tand a tab", FIELD_OK },
	{ { "t", KAAJ_FIELD_TEXTAREA, "T", NULL, 1, 100, 0, 0, NULL, NULL },
	    "bell\a", FIELD_CONTROL },
	{ { "t", KAAJ_FIELD_TEXT, "T", NULL, 1, 3, 0, 0, NULL, NULL },
	    "abcd", FIELD_TOO_LONG },
	{ { "t", KAAJ_FIELD_TEXT, "T", NULL, 1, 3, 0, 0, NULL, NULL },
	    "", FIELD_MISSING },
	{ { "t", KAAJ_FIELD_TEXT, "T", NULL, 0, 3, 0, 0, NULL, NULL },
	    "", FIELD_OK },
	/* The proof form took 19 digits and "-"; both now say the same. */
	{ { "n", KAAJ_FIELD_INT, "N", NULL, 1, 0, -10, 10, NULL, NULL },
	    "-5", FIELD_OK },
	{ { "n", KAAJ_FIELD_INT, "N", NULL, 1, 0, -10, 10, NULL, NULL },
	    "-", FIELD_NOT_INT },
	{ { "n", KAAJ_FIELD_INT, "N", NULL, 1, 0, -10, 10, NULL, NULL },
	    "5x", FIELD_NOT_INT },
	{ { "n", KAAJ_FIELD_INT, "N", NULL, 1, 0, 0, INT64_MAX, NULL, NULL },
	    "1234567890123456789", FIELD_NOT_INT },
	{ { "n", KAAJ_FIELD_INT, "N", NULL, 1, 0, -10, 10, NULL, NULL },
	    "11", FIELD_RANGE },
	{ { "c", KAAJ_FIELD_CHOICE, "C", NULL, 1, 0, 0, 0, actions, NULL },
	    "share", FIELD_OK },
	{ { "c", KAAJ_FIELD_CHOICE, "C", NULL, 1, 0, 0, 0, actions, NULL },
	    "fly", FIELD_NOT_CHOICE },
	{ { "s", KAAJ_FIELD_SCREENSHOT, "S", NULL, 1, 0, 0, 0, NULL, NULL },
	    "", FIELD_OK },
};

START_TEST(test_field_check)
{
	const struct kaaj_field *fd = &field_cases[_i].fd;

	ck_assert_msg(field_check(fd, field_cases[_i].value) ==
	    field_cases[_i].want, "case %d (\"%s\"): got %d, want %d", _i,
	    field_cases[_i].value, field_check(fd, field_cases[_i].value),
	    field_cases[_i].want);
}
END_TEST

/* Every fault has a message in the language file. */
START_TEST(test_field_codes_have_text)
{
	enum field_fault f;

	ck_assert_ptr_null(field_fault_code(FIELD_OK));
	for (f = FIELD_MISSING; f <= FIELD_NOT_CHOICE; f++)
		ck_assert_msg(*lang(field_fault_code(f)) != '\0',
		    "no Lang.Form.Error.%s", field_fault_code(f));
}
END_TEST

/*
 * An address reads the same whoever refuses it: the core's texts are the
 * plugin helper's (kaaj_refuse_url) English messages.
 */
START_TEST(test_field_url_texts_match_plugins)
{
	static const struct {
		const char *url;
		enum kaaj_url_verdict verdict;
	} urls[] = {
		{ "http://a b.com/", KAAJ_URL_BAD_CHAR },
		{ "ftp://example.com/", KAAJ_URL_BAD_SCHEME },
		{ "http://u:p@example.com/", KAAJ_URL_USERINFO },
		{ "http://example.com:0/", KAAJ_URL_BAD_PORT },
		{ "http://nodot/", KAAJ_URL_BAD_HOST },
		{ "http://10.0.0.1/", KAAJ_URL_PRIVATE_HOST },
	};
	static const struct kaaj_field fd = {
		"u", KAAJ_FIELD_URL, "U", NULL, 1, 200, 0, 0, NULL, NULL
	};
	struct kaaj_error err;
	size_t i;

	for (i = 0; i < NELEM(urls); i++) {
		ck_assert_int_eq(kaaj_url_check(urls[i].url, NULL),
		    urls[i].verdict);
		kaaj_refuse_url(&err, "u", urls[i].verdict, NULL);
		ck_assert_str_eq(lang(field_fault_code(field_check(&fd,
		    urls[i].url))), err.message);
	}
}
END_TEST

/* ---------------------------------------------------------- form_read */

enum { F_REASON, F_SLOTS, F_AMOUNT, F_REF, F_KEY, F_TERMS, F_EMAIL, F_PW,
	F_NOTE, F_FIELDS };
static const struct form_field fields[F_FIELDS] = {
	[F_REASON] = { "reason", FORM_LINE, 1, 0, 5, NULL, NULL },
	[F_SLOTS] = { "slots", FORM_COUNT, 1, 1, 100, "campaign_slots", NULL },
	[F_AMOUNT] = { "amount", FORM_MONEY, 1, 1, 0, NULL, NULL },
	[F_REF] = { "txn_ref", FORM_ASCII, 1, 0, 10, NULL, NULL },
	[F_KEY] = { "request_key", FORM_KEY, 1, 0, 0, NULL, NULL },
	[F_TERMS] = { "terms", FORM_FLAG, 1, 0, 0, NULL, NULL },
	[F_EMAIL] = { "email", FORM_LINE, 0, 0, 0, NULL, validate_email },
	[F_PW] = { "password", FORM_SECRET, 0, 0, 0, NULL, NULL },
	[F_NOTE] = { "note", FORM_LINES, 0, 3, 0, "dispute", NULL }
};

START_TEST(test_form_all_good)
{
	struct form_value v[F_FIELDS];

	post("reason=%E0%A6%95%E0%A6%BE%E0%A6%9C+ok&slots=7&amount=0.005"
	    "&txn_ref=AB-12&request_key=0123456789abcdef0123456789abcdef"
	    "&terms=1&email=rahim%40example.com&password=+secret+"
	    "&note=a%0D%0Ab");
	ck_assert_int_eq(form_read(&c, fields, F_FIELDS, v), 0);
	ck_assert_int_eq(form_errors(&c), 1);
	/* Characters, not bytes: "কাজ ok" is 6 characters, over 5. */
	ck_assert_int_eq(v[F_REASON].ok, 0);
	ck_assert_str_eq(shown("reason"), lang("reason_long"));
	ck_assert_int_eq(v[F_SLOTS].num, 7);
	ck_assert_int_eq(v[F_AMOUNT].num, 5000);
	ck_assert_str_eq(v[F_REF].text, "AB-12");
	ck_assert_int_eq(v[F_KEY].ok, 1);
	ck_assert_int_eq(v[F_TERMS].num, 1);
	ck_assert_int_eq(v[F_EMAIL].ok, 1);
	ck_assert_int_eq(v[F_NOTE].ok, 1);
	/* Trimmed; kept for the page shown again, but never a password. */
	ck_assert_str_eq(v[F_PW].text, "secret");
	ck_assert_str_eq(hdf_get_value(c.hdf, "Form.slots", ""), "7");
	ck_assert_ptr_null(hdf_get_obj(c.hdf, "Form.password"));
	ck_assert_ptr_null(hdf_get_obj(c.hdf, "Form.request_key"));
}
END_TEST

START_TEST(test_form_each_wrong)
{
	struct form_value v[F_FIELDS];
	size_t i;

	post("reason=&slots=0&amount=0&txn_ref=%C3%A9t%C3%A9&request_key=x"
	    "&email=nobody&note=ab");
	ck_assert_int_eq(form_read(&c, fields, F_FIELDS, v), 0);
	ck_assert_str_eq(shown("reason"), lang("reason_missing"));
	ck_assert_str_eq(shown("slots"), lang("campaign_slots_range"));
	ck_assert_str_eq(shown("amount"), lang("amount_zero"));
	ck_assert_str_eq(shown("txn_ref"), lang("txn_ref_bad"));
	ck_assert_str_eq(shown("request_key"), lang("request_key_bad"));
	ck_assert_str_eq(shown("terms"), lang("terms_missing"));
	ck_assert_str_eq(shown("email"), lang("email_bad"));
	ck_assert_str_eq(shown("note"), lang("dispute_short"));
	ck_assert_str_eq(shown("password"), "");
	ck_assert_int_eq(form_errors(&c), 8);
	for (i = 0; i < F_FIELDS; i++)
		ck_assert_int_eq(v[i].ok, i == F_PW);
	/* What was typed stays in the form. */
	ck_assert_str_eq(hdf_get_value(c.hdf, "Form.email", ""), "nobody");
}
END_TEST

static const struct {
	const char *amount;
	const char *code;
} money_cases[] = {
	{ "", "amount_empty" },
	{ "1,5", "amount_syntax" },
	{ "-1", "amount_negative" },
	{ "0.0000001", "amount_precision" },
	{ "99999999999999", "amount_range" },
	{ "0.000000", "amount_zero" },
};

START_TEST(test_form_money)
{
	static const struct form_field f = {
		"amount", FORM_MONEY, 1, 1, 0, NULL, NULL
	};
	struct form_value v;
	char body[64];

	snprintf(body, sizeof(body), "amount=%s", money_cases[_i].amount);
	post(body);
	form_read(&c, &f, 1, &v);
	ck_assert_int_eq(v.ok, 0);
	ck_assert_str_eq(shown("amount"), lang(money_cases[_i].code));
}
END_TEST

START_TEST(test_form_control_characters)
{
	static const struct form_field f[] = {
		{ "title", FORM_LINE, 1, 0, 0, NULL, NULL },
		{ "text", FORM_LINES, 1, 0, 0, NULL, NULL }
	};
	struct form_value v[2];

	/* The parser refuses other control characters (400) already. */
	post("title=a%09b&text=a%0Ab");
	form_read(&c, f, NELEM(f), v);
	ck_assert_str_eq(shown("title"), lang("field_control"));
	ck_assert_str_eq(shown("text"), "");
	param_list_free(&req.form);
	hdf_destroy(&c.hdf);
	c.hdf = render_page_new(&env, "en");
	post("title=ab&text=a%0D%0A%09b");
	form_read(&c, f, NELEM(f), v);
	ck_assert_int_eq(form_errors(&c), 0);
}
END_TEST

/* A hidden id no person typed: 400 before anything else is read. */
START_TEST(test_form_hidden_id)
{
	static const struct form_field f[] = {
		{ "id", FORM_ID, 1, 0, 0, NULL, NULL },
		{ "campaign", FORM_ID, 1, 0, 0, "bad_campaign_id", NULL },
	};
	struct form_value v[2];

	post("id=12&campaign=34");
	ck_assert_int_eq(form_read(&c, f, NELEM(f), v), 0);
	ck_assert_int_eq(v[0].num, 12);
	ck_assert_int_eq(v[1].num, 34);
	post("id=012&campaign=34");
	ck_assert_int_eq(form_read(&c, f, NELEM(f), v), 400);
	ck_assert_str_eq(c.error_detail, "bad_id");
	post("id=1&campaign=-3");
	ck_assert_int_eq(form_read(&c, f, NELEM(f), v), 400);
	ck_assert_str_eq(c.error_detail, "bad_campaign_id");
	post("id=1");
	ck_assert_int_eq(form_read(&c, f, NELEM(f), v), 400);
	ck_assert_int_eq(form_errors(&c), 0);
}
END_TEST

/* {amount}, {min} and {max}, only in a field's first message. */
START_TEST(test_form_error_args)
{
	form_error_amount(&c, "amount", "deposit_below_min", 1000000);
	ck_assert_msg(strstr(shown("amount"), "1.00 BDT") != NULL, "%s",
	    shown("amount"));
	ck_assert_ptr_null(strstr(shown("amount"), "{amount}"));
	form_error_args(&c, "amount", "field_long", NULL, "9");
	ck_assert_msg(strstr(shown("amount"), "1.00 BDT") != NULL, "%s",
	    shown("amount"));
	form_error_args(&c, "n", "field_int_range", "-2", "7");
	ck_assert_str_eq(shown("n"), "Enter a whole number from -2 to 7.");
	form_error_text(&c, "n", "later");
	ck_assert_str_eq(shown("n"), "Enter a whole number from -2 to 7.");
	ck_assert_int_eq(form_errors(&c), 4);
}
END_TEST

START_TEST(test_text_helpers)
{
	char num[TEXT_INT_LEN];
	int64_t n;

	ck_assert_uint_eq(text_chars("\xe0\xa6\x95\xe0\xa6\xbe\xe0\xa6\x9c"),
	    3);
	ck_assert_uint_eq(text_chars(""), 0);
	ck_assert_int_eq(text_id("18"), 18);
	ck_assert_int_eq(text_id(""), 0);
	ck_assert_int_eq(text_id(NULL), 0);
	ck_assert_int_eq(text_id("0"), -1);
	ck_assert_int_eq(text_id("1234567890123456789"), -1);
	ck_assert_int_eq(text_int("-18", &n), 0);
	ck_assert_int_eq(n, -18);
	ck_assert_int_eq(text_int("+1", &n), -1);
	ck_assert_int_eq(text_is_printable_ascii("a ~"), 1);
	ck_assert_int_eq(text_is_printable_ascii("a\t"), 0);
	ck_assert_str_eq(text_of_int(0, num), "0");
	ck_assert_str_eq(text_of_int(-18, num), "-18");
	ck_assert_str_eq(text_of_int(INT64_MAX, num), "9223372036854775807");
	ck_assert_str_eq(text_of_int(INT64_MIN, num), "-9223372036854775808");
	ck_assert_str_eq(text_of_uint(UINT64_MAX, num), "18446744073709551615");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("forms");
	TCase *tc = tcase_create("forms");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_field_check, 0, (int)NELEM(field_cases));
	tcase_add_test(tc, test_field_codes_have_text);
	tcase_add_test(tc, test_field_url_texts_match_plugins);
	tcase_add_test(tc, test_form_all_good);
	tcase_add_test(tc, test_form_each_wrong);
	tcase_add_loop_test(tc, test_form_money, 0, (int)NELEM(money_cases));
	tcase_add_test(tc, test_form_control_characters);
	tcase_add_test(tc, test_form_hidden_id);
	tcase_add_test(tc, test_form_error_args);
	tcase_add_test(tc, test_text_helpers);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
