/*
 * The rules by which tests/unit/plugin_codes.c reads a plugin's source
 * for its error codes: codes are found through header functions and
 * macros, comments are not read, and what cannot be followed (a code that
 * is not a literal, an error filled in by hand, a header of its own) is
 * reported rather than missed.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plugin_codes.h"

/* A header for the reading rules: two functions that refuse, one through
 * the other. */
static const char rules_header[] =
    "static inline int\nkaaj_refuse(struct kaaj_error *err, const char *f,"
    " const char *code, const char *m)\n{\n\terr->code = code;\n"
    "\treturn 1;\n}\n"
    "static inline int\nh_url(struct kaaj_error *err)\n{\n"
    "\treturn kaaj_refuse(err, \"f\", \"url_a\", \"m\");\n}\n"
    "static inline int\nh_text(struct kaaj_error *err)\n{\n"
    "\treturn h_url(err) || kaaj_refuse(err, \"f\", \"text_b\", \"m\");\n}\n";

static const struct rules_case {
	const char *source;
	const char *codes;	/* what it can give, in order found */
	int problems;
} rules_cases[] = {
	{ "int v(struct kaaj_error *err) { if (h_text(err)) return 1;\n"
	    "\treturn kaaj_refuse(err, \"x\", \"own\", \"A \" \"B\"); }",
	    "own text_b url_a ", 0 },
	{ "/* kaaj_refuse(err, \"f\", \"ghost\", \"m\") */ int x;\n"
	    "// kaaj_refuse(err, \"f\", \"ghost\", \"m\")\n", "", 0 },
	{ "#define REFUSE(c) kaaj_refuse(err, \"f\", c, \"m\")", "", 1 },
	{ "#define BAD kaaj_refuse(err, \"f\", \"bad\", \"m\")", "bad ", 0 },
	{ "int v(struct kaaj_error *err) { err->code = \"x\"; }", "", 1 },
	{ "int v(struct kaaj_error *err) { return kaaj_refuse(err, \"f\","
	    " CODE, \"m\"); }", "", 1 },
	{ "int v(void) { struct kaaj_error e = { \"f\", \"c\" }; }", "", 1 },
	{ "#include \"mine.h\"\n#include \"kaaj/jobtype.h\"", "", 1 },
	{ "int v(struct kaaj_error *err) { return kaaj_refuse(err, \"f\","
	    " \"Bad-Code\", \"m\"); }", "", 1 },
	/* One code, one message: a translation replaces it by its code. */
	{ "int v(struct kaaj_error *err) { if (a) return kaaj_refuse(err,"
	    " \"f\", \"same\", \"A \" \"b\");\n\treturn kaaj_refuse(err,"
	    " \"g\", \"same\", \"A b\"); }", "same ", 0 },
	{ "int v(struct kaaj_error *err) { if (a) return kaaj_refuse(err,"
	    " \"f\", \"two\", \"Too short.\");\n\treturn kaaj_refuse(err,"
	    " \"f\", \"two\", \"Too long.\"); }", "two ", 1 },
	{ "int v(struct kaaj_error *err) { return kaaj_refuse(err, \"f\","
	    " \"run\", x ? \"A\" : \"B\") || kaaj_refuse(err, \"f\","
	    " \"run\", \"C\"); }", "run ", 0 },
};

/* The reading of plugin sources finds codes through headers and macros,
 * and reports what it cannot follow. */
START_TEST(test_reading_rules)
{
	const struct rules_case *rc = &rules_cases[_i];
	struct strlist codes = { NULL, 0 }, problems = { NULL, 0 };
	struct header_funcs h = { NULL, 0 };
	char found[256] = "";
	size_t i;

	codes_read_header(rules_header, &h);
	codes_of_source(rc->source, &h, &codes, &problems);
	for (i = 0; i < codes.n; i++)
		snprintf(found + strlen(found), sizeof(found) - strlen(found),
		    "%s ", codes.v[i]);
	ck_assert_str_eq(found, rc->codes);
	ck_assert_msg((int)problems.n == rc->problems, "case %d: %zu "
	    "problem(s)%s%s", _i, problems.n, problems.n > 0 ? ": " : "",
	    problems.n > 0 ? problems.v[0] : "");
	strlist_free(&codes);
	strlist_free(&problems);
	header_funcs_free(&h);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("plugin_codes");
	TCase *tc = tcase_create("reading");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, test_reading_rules, 0,
	    (int)(sizeof(rules_cases) / sizeof(rules_cases[0])));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
