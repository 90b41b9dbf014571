/*
 * accounts/webhooks: which addresses a hook may have, in a table of
 * accepted and refused ones, with and without the loopback switch.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "accounts/webhooks.h"

struct url_case {
	const char *url;
	const char *strict;	/* the answer without the switch */
	const char *loopback;	/* with webhooks.allow_http_loopback */
};

static const struct url_case urls[] = {
	{ "https://example.com/kaaj-hook", NULL, NULL },
	{ "https://example.com", NULL, NULL },
	{ "HTTPS://Example.COM:8443/a/b?c=d&e=f", NULL, NULL },
	{ "https://203.0.113.7/hook", NULL, NULL },
	{ "https://[2001:db8::1]:443/hook", NULL, NULL },
	{ "http://example.com/hook", "webhook_url_https", "webhook_url_https" },
	{ "http://127.0.0.1:8080/hook", "webhook_url_https", NULL },
	{ "http://localhost/hook", "webhook_url_https", NULL },
	{ "http://[::1]:9/hook", "webhook_url_https", NULL },
	{ "http://127.0.0.1.example.com/", "webhook_url_https",
	    "webhook_url_https" },
	{ "not a url", "webhook_url_bad", "webhook_url_bad" },
	{ "ftp://example.com/hook", "webhook_url_bad", "webhook_url_bad" },
	{ "https://", "webhook_url_bad", "webhook_url_bad" },
	{ "https:///path", "webhook_url_bad", "webhook_url_bad" },
	{ "https://user:pw@example.com/", "webhook_url_bad",
	    "webhook_url_bad" },
	{ "https://example.com/a b", "webhook_url_bad", "webhook_url_bad" },
	{ "https://example.com/#frag", "webhook_url_bad", "webhook_url_bad" },
	{ "https://example.com:/", "webhook_url_bad", "webhook_url_bad" },
	{ "https://example.com:123456/", "webhook_url_bad",
	    "webhook_url_bad" },
	{ "https://-example.com/", "webhook_url_bad", "webhook_url_bad" },
	{ "https://[]/", "webhook_url_bad", "webhook_url_bad" },
	{ "https://example.com\\@evil/", "webhook_url_bad",
	    "webhook_url_bad" },
};

/* a and b are both NULL or the same text. */
static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

START_TEST(test_urls)
{
	const struct url_case *u = &urls[_i];
	const char *got;

	got = webhook_url_problem(u->url, 0);
	ck_assert_msg(same(got, u->strict), "%s: got %s, not %s", u->url,
	    got ? got : "NULL", u->strict ? u->strict : "NULL");
	got = webhook_url_problem(u->url, 1);
	ck_assert_msg(same(got, u->loopback), "%s (loopback): got %s, not %s",
	    u->url, got ? got : "NULL", u->loopback ? u->loopback : "NULL");
}
END_TEST

START_TEST(test_event_names)
{
	ck_assert_str_eq(webhook_event_name(0), "submission");
	ck_assert_str_eq(webhook_event_name(1), "out_of_slots");
	ck_assert_str_eq(webhook_event_name(2), "dispute");
	ck_assert_str_eq(webhook_event_name(3), "");
	ck_assert_str_eq(webhook_event_name(-1), "");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("webhooks");
	TCase *tc = tcase_create("webhooks");
	SRunner *sr;
	int failed;

	tcase_add_loop_test(tc, test_urls, 0,
	    (int)(sizeof(urls) / sizeof(urls[0])));
	tcase_add_test(tc, test_event_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
