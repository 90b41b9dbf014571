/*
 * Languages: Bengali digits typed (text_ascii_digits) and shown
 * (render_native_digits), Accept-Language matched against the site's
 * languages (lang_accept_best), and job types' texts per language
 * (plugin_texts).
 */
#include <sys/stat.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/lang.h"
#include "base/money.h"
#include "base/plugin_text.h"
#include "base/render.h"
#include "base/render_digits.h"
#include "base/text.h"

static const struct {
	const char *in;
	int rc;
	const char *out;
} fold_cases[] = {
	{ "২০", 0, "20" },
	{ "০", 0, "0" },
	{ "১২৩৪৫৬৭৮৯০", 0, "1234567890" },
	{ "১২.৫০", 0, "12.50" },
	{ "-৫", 0, "-5" },
	{ "12.50", 0, "12.50" },
	{ "", 0, "" },
	{ "abc", 0, "abc" },
	{ "২0", -1, "২0" },		/* mixed: left for the parser to refuse */
	{ "1২", -1, "1২" },
	{ "২ ০", 0, "2 0" },		/* the space is the parser's to refuse */
	{ "\xe0\xa7", 0, "\xe0\xa7" },	/* a cut character stays as it is */
	{ "\xe0\xa7\xb0", 0, "\xe0\xa7\xb0" },	/* U+09F0 is no digit */
	{ "\xe0\xa7\xa5", 0, "\xe0\xa7\xa5" },	/* nor U+09E5 */
	{ "٢٠", 0, "٢٠" },		/* Arabic-Indic digits are not read */
};

START_TEST(test_fold_table)
{
	char s[64];

	snprintf(s, sizeof(s), "%s", fold_cases[_i].in);
	ck_assert_int_eq(text_ascii_digits(s), fold_cases[_i].rc);
	ck_assert_str_eq(s, fold_cases[_i].out);
}
END_TEST

/* A typed amount goes through the fold, then money_parse. */
START_TEST(test_fold_then_parse)
{
	char s[32] = "২০.৫";
	int64_t v;

	ck_assert_int_eq(text_ascii_digits(s), 0);
	ck_assert_int_eq(money_parse(s, &v), MONEY_OK);
	ck_assert_int_eq(v, 20500000);
	snprintf(s, sizeof(s), "২0");
	text_ascii_digits(s);
	ck_assert_int_eq(money_parse(s, &v), MONEY_SYNTAX);
	snprintf(s, sizeof(s), "৪২");
	text_ascii_digits(s);
	ck_assert_int_eq(text_int(s, &v), 0);
	ck_assert_int_eq(v, 42);
}
END_TEST

static const char *const site_langs[] = { "en", "bn" };

static const struct {
	const char *header;
	int best;
} accept_cases[] = {
	{ "bn", 1 },
	{ "en", 0 },
	{ "bn-BD", 1 },
	{ "BN-bd", 1 },
	{ "en-US,en;q=0.9", 0 },
	{ "en;q=0.5, bn;q=0.8", 1 },
	{ "bn;q=0.8, en;q=0.8", 1 },	/* a tie: the earlier wins */
	{ "en;q=0.8, bn;q=0.8", 0 },
	{ "fr, de;q=0.9, bn;q=0.1", 1 },	/* unknown ones skipped */
	{ "fr, de", -1 },
	{ "bn;q=0", -1 },		/* q=0: not this one */
	{ "bn;q=0.000, en;q=0.001", 0 },
	{ "bn;q=0, *", 0 },		/* anything but bn */
	{ "*;q=0.5, bn", 1 },
	{ "*", 0 },
	{ "", -1 },
	{ ",,,", -1 },
	{ "bn;q=2", -1 },		/* malformed weights are skipped */
	{ "bn;q=1.5, en;q=0.1", 0 },
	{ "bn;q=0.5555", -1 },
	{ "bn;q=", -1 },
	{ "bn;x=1", -1 },
	{ "bn;Q=0.9", 1 },
	{ "bn-, en", 0 },		/* an empty subtag */
	{ "bnx-BD, en;q=0.1", 0 },	/* "bnx" is no "bn" */
	{ "b n, en;q=0.1", 0 },
	{ "bn-toolongsubtag, en;q=0.5", 0 },
	{ "  bn  ;  q=0.7 , en ; q=0.6", 1 },
	{ "zh-Hant-TW;q=0.9, bn-IN;q=0.4", 1 },
	{ "\xe0\xa6\xac\xe0\xa6\xbe, en", 0 },	/* bytes not ASCII */
	{ "1.0", -1 },
};

START_TEST(test_accept_table)
{
	ck_assert_msg(lang_accept_best(accept_cases[_i].header, site_langs, 2)
	    == accept_cases[_i].best, "%s", accept_cases[_i].header);
}
END_TEST

START_TEST(test_accept_edges)
{
	char *huge;
	size_t n = 100000, i;

	ck_assert_int_eq(lang_accept_best(NULL, site_langs, 2), -1);
	ck_assert_int_eq(lang_accept_best("bn", site_langs, 0), -1);
	/* A huge header: only its first LANG_HEADER_MAX bytes count. */
	huge = malloc(n + 16);
	ck_assert_ptr_nonnull(huge);
	for (i = 0; i + 4 <= n; i += 4)
		memcpy(huge + i, "fr, ", 4);
	strcpy(huge + i, "bn");
	ck_assert_int_eq(lang_accept_best(huge, site_langs, 2), -1);
	memcpy(huge, "bn, ", 4);
	ck_assert_int_eq(lang_accept_best(huge, site_langs, 2), 1);
	free(huge);
}
END_TEST

static const struct {
	const char *in;
	const char *out;
} digit_cases[] = {
	{ "<p>12.50 BDT</p>", "<p>১২.৫০ BDT</p>" },
	{ "<a href=\"/jobs/12\">Job 12</a>", "<a href=\"/jobs/12\">Job ১২</a>" },
	{ "<input value=\"20\">", "<input value=\"20\">" },
	{ "<td>2026-12-06 10:30</td>", "<td>২০২৬-১২-০৬ ১০:৩০</td>" },
	{ "user42 and 42", "user42 and ৪২" },
	{ "https://example.com/1", "https://example.com/1" },
	{ "it&#39;s 5", "it&#39;s ৫" },
	{ "3&nbsp;/&nbsp;10", "৩&nbsp;/&nbsp;১০" },
	{ "<textarea>1 2</textarea> 3", "<textarea>1 2</textarea> ৩" },
	{ "<TEXTAREA name=x>1</TEXTAREA>", "<TEXTAREA name=x>1</TEXTAREA>" },
	{ "<script>var a = 1;</script>", "<script>var a = 1;</script>" },
	{ "<code>7</code><pre>8</pre>", "<code>7</code><pre>8</pre>" },
	{ "<cite>9</cite>", "<cite>৯</cite>" },
	{ "<!-- 1 --> 2", "<!-- 1 --> ২" },
	{ "৳ 5%", "৳ ৫%" },
	{ "<p>unclosed 1", "<p>unclosed ১" },
	{ "<textarea>1", "<textarea>1" },
	{ "&#1", "&#1" },
	{ "", "" },
};

START_TEST(test_native_digits_table)
{
	struct buf out;

	buf_init(&out);
	ck_assert_int_eq(render_native_digits(digit_cases[_i].in,
	    strlen(digit_cases[_i].in), &out), 0);
	ck_assert_str_eq(out.len > 0 ? out.data : "", digit_cases[_i].out);
	buf_free(&out);
}
END_TEST

/* A job type for the texts test. */
static const struct kaaj_choice colours[] = {
	{ "red", "Red" }, { "blue", "Blue" }, { NULL, NULL }
};
static const struct kaaj_field campaign_fields[] = {
	{ "colour", KAAJ_FIELD_CHOICE, "Colour", "Pick one", 1, 0, 0, 0,
	    colours, NULL },
	{ "count", KAAJ_FIELD_INT, "Count", NULL, 1, 0, 1, 9, NULL,
	    NULL },
};
static const struct kaaj_field proof_fields[] = {
	{ "name", KAAJ_FIELD_TEXT, "Your name", "As shown", 1, 40, 0, 0,
	    NULL, NULL },
};
static const struct kaaj_jobtype test_type = {
	KAAJ_JOBTYPE_ABI, "paint", "other", "Paint", "Paint a wall", 1000,
	campaign_fields, 2, proof_fields, 1, NULL, NULL, NULL
};

/* Write path with text; fails the test when it cannot. */
static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

START_TEST(test_plugin_texts)
{
	char dir[] = "/tmp/test_lang.XXXXXX", path[256], err[256];
	struct plugin_set set;
	struct plugin item;
	struct render_env env;
	const struct kaaj_jobtype *en, *bn;
	int bi;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/lang", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/lang/en.hdf", dir);
	write_file(path, "Lang.LanguageName.en = English\n");
	snprintf(path, sizeof(path), "%s/lang/bn.hdf", dir);
	write_file(path, "Lang {\n LanguageName.bn = B\n"
	    " JobType.paint.label = B-Paint\n"
	    " JobType.paint.field.colour.label = B-Colour\n"
	    " JobType.paint.field.colour.choice.blue = B-Blue\n"
	    " JobType.paint.field.name.help = B-As shown\n}\n");
	ck_assert_msg(render_env_init(&env, dir, "en", err, sizeof(err)) == 0,
	    "%s", err);
	memset(&item, 0, sizeof(item));
	item.name = (char *)"paint";
	item.jt = &test_type;
	set.items = &item;
	set.n = 1;
	ck_assert_ptr_eq(plugin_texts(&item, 0), &test_type);	/* unbuilt */
	ck_assert_int_eq(plugin_texts_build(&set, &env), 0);
	bi = render_lang_find(&env, "bn");
	ck_assert_int_eq(bi, 1);
	en = plugin_texts(&item, 0);
	bn = plugin_texts(&item, (size_t)bi);
	ck_assert_str_eq(en->label, "Paint");
	ck_assert_str_eq(bn->label, "B-Paint");
	/* What the language lacks stays the plugin's English. */
	ck_assert_str_eq(bn->description, "Paint a wall");
	ck_assert_str_eq(bn->campaign_fields[0].label, "B-Colour");
	ck_assert_str_eq(bn->campaign_fields[0].help, "Pick one");
	ck_assert_str_eq(bn->campaign_fields[0].choices[0].label, "Red");
	ck_assert_str_eq(bn->campaign_fields[0].choices[1].label, "B-Blue");
	ck_assert_str_eq(bn->campaign_fields[0].choices[1].value, "blue");
	ck_assert_ptr_null(bn->campaign_fields[0].choices[2].value);
	ck_assert_ptr_null(bn->campaign_fields[1].help);
	ck_assert_int_eq(bn->campaign_fields[1].max, 9);
	ck_assert_str_eq(bn->proof_fields[0].help, "B-As shown");
	ck_assert_str_eq(en->proof_fields[0].help, "As shown");
	/* The switch's list: each language by its own name. */
	ck_assert_str_eq(render_lang_in(&env, 1, "LanguageName.bn", ""), "B");
	/* Built again (SIGHUP): the old texts are replaced. */
	ck_assert_int_eq(plugin_texts_build(&set, &env), 0);
	ck_assert_str_eq(plugin_texts(&item, 1)->label, "B-Paint");
	plugin_texts_free(&item);
	render_env_free(&env);
	snprintf(path, sizeof(path), "%s/lang/en.hdf", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lang/bn.hdf", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/lang", dir);
	rmdir(path);
	rmdir(dir);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, test_fold_table, 0,
	    sizeof(fold_cases) / sizeof(fold_cases[0]));
	tcase_add_test(tc, test_fold_then_parse);
	tcase_add_loop_test(tc, test_accept_table, 0,
	    sizeof(accept_cases) / sizeof(accept_cases[0]));
	tcase_add_test(tc, test_accept_edges);
	tcase_add_loop_test(tc, test_native_digits_table, 0,
	    sizeof(digit_cases) / sizeof(digit_cases[0]));
	tcase_add_test(tc, test_plugin_texts);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
