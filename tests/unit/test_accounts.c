/*
 * The account field rules: usernames, e-mail addresses, passwords and
 * payout accounts, as tables of accepted and refused values.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/config.h"
#include "accounts/password.h"
#include "accounts/validate.h"

#define NITEMS(a)	((int)(sizeof(a) / sizeof((a)[0])))

static const struct {
	const char *in, *want;	/* want NULL: accepted */
} usernames[] = {
	{ "bob", NULL }, { "Bob_99", NULL }, { "a.b-c", NULL },
	{ "9lives", NULL }, { "abcdefghijklmnopqrstuvwxyz012345", NULL },
	{ "", "username_short" }, { "ab", "username_short" },
	{ "abcdefghijklmnopqrstuvwxyz0123456", "username_long" },
	{ "_bob", "username_chars" }, { ".bob", "username_chars" },
	{ "bo b", "username_chars" }, { "bob@x", "username_chars" },
	{ "<script>", "username_chars" }, { "b\xc3\xa9la", "username_chars" },
	{ "bob\n", "username_chars" },
};

START_TEST(test_username)
{
	const char *got = validate_username(usernames[_i].in);

	if (usernames[_i].want == NULL)
		ck_assert_msg(got == NULL, "\"%s\" refused: %s",
		    usernames[_i].in, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, usernames[_i].want) ==
		    0, "\"%s\": got %s", usernames[_i].in, got ? got : "ok");
}
END_TEST

static const struct {
	const char *in, *want;
} emails[] = {
	{ "bob@example.com", NULL }, { "b.o+b@mail.example.co.uk", NULL },
	{ "x@y.bd", NULL },
	{ "", "email_missing" }, { "bob", "email_bad" },
	{ "bob@", "email_bad" }, { "@example.com", "email_bad" },
	{ "bob@example", "email_bad" }, { "bob@@example.com", "email_bad" },
	{ "bob@exa@mple.com", "email_bad" }, { "bob@.example.com", "email_bad" },
	{ "bob@example.", "email_bad" }, { "bob @example.com", "email_bad" },
	{ "bob@example.com\r\nBcc: x@y.z", "email_bad" },
	{ "\"bob\"@example.com", "email_bad" }, { "<bob@example.com>", "email_bad" },
	{ ".bob@example.com", "email_bad" }, { "bob.@example.com", "email_bad" },
	{ "b..ob@example.com", "email_bad" }, { "b\xc3\xa9@example.com", "email_bad" },
	{ "bob@exa..mple.com", "email_bad" },
};

START_TEST(test_email)
{
	const char *got = validate_email(emails[_i].in);

	if (emails[_i].want == NULL)
		ck_assert_msg(got == NULL, "\"%s\" refused: %s", emails[_i].in,
		    got);
	else
		ck_assert_msg(got != NULL && strcmp(got, emails[_i].want) == 0,
		    "\"%s\": got %s", emails[_i].in, got ? got : "ok");
}
END_TEST

START_TEST(test_email_lengths)
{
	char local[70], addr[300];

	memset(local, 'a', 64);
	local[64] = '\0';
	snprintf(addr, sizeof(addr), "%s@example.com", local);
	ck_assert_ptr_null(validate_email(addr));
	snprintf(addr, sizeof(addr), "a%s@example.com", local);
	ck_assert_str_eq(validate_email(addr), "email_bad");
	memset(addr, 'd', sizeof(addr));
	memcpy(addr, "bob@", 4);
	memcpy(addr + 250, ".com", 5);	/* 254 bytes */
	ck_assert_ptr_null(validate_email(addr));
	memcpy(addr + 250, "d.com", 6);	/* 255 bytes */
	ck_assert_str_eq(validate_email(addr), "email_long");
}
END_TEST

static const struct {
	const char *pw, *user, *email, *want;
} passwords[] = {
	{ "correct horse battery", "bob", "bob@example.com", NULL },
	{ "Tk8#pq2z", "bob", "bob@example.com", NULL },
	{ "\xe0\xa6\x86\xe0\xa6\xae\xe0\xa6\xbe\xe0\xa6\xb0 \xe0\xa6\xaa\xe0\xa6\xbe\xe0\xa6\xb8",
	    "bob", "bob@example.com", NULL },	/* 7 Bengali letters + space */
	{ "Tk8#pq2", "bob", "bob@example.com", "password_short" },
	{ "", "bob", "bob@example.com", "password_short" },
	{ "password", "bob", "bob@example.com", "password_common" },
	{ "PassWord123", "bob", "bob@example.com", "password_common" },
	{ "12345678", "bob", "bob@example.com", "password_common" },
	{ "zzzzzzzzzz", "bob", "bob@example.com", "password_common" },
	{ "bobby_the_worker", "bobby_the_worker", "b@example.com",
	    "password_personal" },
	{ "bobworker", "x12", "BobWorker@example.com", "password_personal" },
	{ "bob@example.com", "x12", "bob@example.com", "password_personal" },
};

START_TEST(test_password)
{
	const char *got = password_problem(passwords[_i].pw, passwords[_i].user,
	    passwords[_i].email);

	if (passwords[_i].want == NULL)
		ck_assert_msg(got == NULL, "case %d refused: %s", _i, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, passwords[_i].want) ==
		    0, "case %d: got %s", _i, got ? got : "ok");
}
END_TEST

START_TEST(test_password_lengths)
{
	char pw[200];

	memset(pw, 0, sizeof(pw));
	memset(pw, 'q', 64);
	pw[0] = 'Z';
	ck_assert_ptr_null(password_problem(pw, "bob", "bob@example.com"));
	memset(pw + 64, 'r', 64);	/* 128 characters */
	ck_assert_ptr_null(password_problem(pw, "bob", "bob@example.com"));
	pw[128] = 's';
	ck_assert_str_eq(password_problem(pw, "bob", "bob@example.com"),
	    "password_long");
}
END_TEST

START_TEST(test_hash_round_trip)
{
	struct kaaj_config cfg;
	char hash[PASSWORD_HASH_MAX];

	memset(&cfg, 0, sizeof(cfg));
	cfg.argon2_ops = 1;
	cfg.argon2_mem_kib = 8192;
	ck_assert_int_eq(password_hash(&cfg, "correct horse", hash), 0);
	ck_assert_ptr_nonnull(strstr(hash, "$argon2id$"));
	ck_assert(password_verify(&cfg, hash, "correct horse"));
	ck_assert(!password_verify(&cfg, hash, "correct horsE"));
	ck_assert(!password_verify(&cfg, NULL, "correct horse"));
	ck_assert(!password_needs_rehash(&cfg, hash));
	cfg.argon2_ops = 2;
	ck_assert(password_needs_rehash(&cfg, hash));
}
END_TEST

static const struct {
	const char *in, *want;
} payout_accounts[] = {
	{ "01712345678", NULL }, { "bob@example.com", NULL },
	{ "TXy7abc", NULL }, { "ab", "payout_account_short" },
	{ "0171\n2345678", "payout_account_bad" },
};

START_TEST(test_payout_account)
{
	const char *got = validate_payout_account(payout_accounts[_i].in);

	if (payout_accounts[_i].want == NULL)
		ck_assert_ptr_null(got);
	else
		ck_assert_str_eq(got, payout_accounts[_i].want);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("accounts");
	TCase *tc = tcase_create("rules");
	SRunner *sr;
	int failed;

	if (sodium_init() < 0)
		return EXIT_FAILURE;
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_username, 0, NITEMS(usernames));
	tcase_add_loop_test(tc, test_email, 0, NITEMS(emails));
	tcase_add_test(tc, test_email_lengths);
	tcase_add_loop_test(tc, test_password, 0, NITEMS(passwords));
	tcase_add_test(tc, test_password_lengths);
	tcase_add_test(tc, test_hash_round_trip);
	tcase_add_loop_test(tc, test_payout_account, 0, NITEMS(payout_accounts));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
