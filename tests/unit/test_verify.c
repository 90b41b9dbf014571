/*
 * verify_code and verify_match: completion codes of automatic
 * verification. The known answers were computed apart from kaaj with
 *     printf 'C:W' | openssl dgst -sha256 -mac HMAC -macopt key:SECRET
 * and cut to their first 12 hex digits.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "market/verify.h"

/* 100 'Z's: longer than SHA-256's block, so HMAC hashes the key first. */
#define LONG_KEY \
	"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ" \
	"ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"

static const struct {
	const char *secret;
	int64_t campaign, worker;
	const char *code;
} known[] = {
	/* printf '7:42' | ... key:0123456789abcdefSECRET: 2eb91d3622...*/
	{ "0123456789abcdefSECRET", 7, 42, "2eb91d362299" },
	/* printf '1:2' | ... key:a-very-long-secret-key-0000-1111 */
	{ "a-very-long-secret-key-0000-1111", 1, 2, "77db88520c75" },
	/* printf '123456789:987654321' | ... key:LONG_KEY */
	{ LONG_KEY, 123456789, 987654321, "7458acba126b" },
};

START_TEST(test_known)
{
	char out[VERIFY_CODE_LEN + 1];

	ck_assert_int_eq(verify_code(known[_i].secret, known[_i].campaign,
	    known[_i].worker, out), 0);
	ck_assert_str_eq(out, known[_i].code);
	ck_assert(verify_match(known[_i].secret, known[_i].campaign,
	    known[_i].worker, known[_i].code));
}
END_TEST

START_TEST(test_case_insensitive)
{
	ck_assert(verify_match(known[0].secret, 7, 42, "2EB91D362299"));
	ck_assert(verify_match(known[0].secret, 7, 42, "2Eb91d362299"));
	ck_assert(verify_match(known[1].secret, 1, 2, "77DB88520C75"));
}
END_TEST

START_TEST(test_mismatch)
{
	const char *s = known[0].secret;

	/* Wrong length: shorter, longer, empty, NULL. */
	ck_assert(!verify_match(s, 7, 42, "2eb91d36229"));
	ck_assert(!verify_match(s, 7, 42, "2eb91d3622990"));
	ck_assert(!verify_match(s, 7, 42, "2eb91d362299 "));
	ck_assert(!verify_match(s, 7, 42, ""));
	ck_assert(!verify_match(s, 7, 42, NULL));
	/* Same length, one digit off, first and last. */
	ck_assert(!verify_match(s, 7, 42, "3eb91d362299"));
	ck_assert(!verify_match(s, 7, 42, "2eb91d362298"));
	/* Case folding must not make other characters equal. */
	ck_assert(!verify_match(s, 7, 42, "\x12" "eb91d362299"));
	/* Another worker, another campaign, another secret. */
	ck_assert(!verify_match(s, 7, 43, "2eb91d362299"));
	ck_assert(!verify_match(s, 8, 42, "2eb91d362299"));
	ck_assert(!verify_match("0123456789abcdefSECREU", 7, 42,
	    "2eb91d362299"));
	/* "7:42" is not "74:2". */
	ck_assert(!verify_match(s, 74, 2, "2eb91d362299"));
	/* No secret: no code, nothing matches. */
	ck_assert(!verify_match(NULL, 7, 42, "2eb91d362299"));
	ck_assert(!verify_match("", 7, 42, "2eb91d362299"));
}
END_TEST

START_TEST(test_no_secret)
{
	char out[VERIFY_CODE_LEN + 1] = "x";

	ck_assert_int_eq(verify_code(NULL, 1, 1, out), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(verify_code("", 1, 1, out), -1);
	ck_assert_str_eq(out, "");
}
END_TEST

/*
 * The compare path: every code of the right length goes through the one
 * sodium_memcmp of equal-length buffers, so a code that differs only in
 * its last digit is refused as one that differs in its first; and each
 * of the 16 x 12 one-digit changes of a right code is refused.
 */
START_TEST(test_every_digit)
{
	static const char hex[] = "0123456789abcdef";
	char code[VERIFY_CODE_LEN + 1], bad[VERIFY_CODE_LEN + 1];
	size_t i, k;

	ck_assert_int_eq(verify_code(known[1].secret, 1, 2, code), 0);
	for (i = 0; i < VERIFY_CODE_LEN; i++)
		for (k = 0; k < 16; k++) {
			memcpy(bad, code, sizeof(bad));
			bad[i] = hex[k];
			ck_assert_int_eq(verify_match(known[1].secret, 1, 2,
			    bad), hex[k] == code[i]);
		}
}
END_TEST

START_TEST(test_secret_ok)
{
	ck_assert(verify_secret_ok("0123456789abcdef"));
	ck_assert(verify_secret_ok(LONG_KEY));
	ck_assert(verify_secret_ok("!#$%&'()*+,-./:;<=>?@[]^_`{|}~AZ"));
	ck_assert(!verify_secret_ok("0123456789abcde"));	/* 15 */
	ck_assert(!verify_secret_ok("0123456789 abcdef"));
	ck_assert(!verify_secret_ok("0123456789\tabcdef"));
	ck_assert(!verify_secret_ok("0123456789abcdef\xc3\xa9"));
	ck_assert(!verify_secret_ok(LONG_KEY "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"));
	ck_assert(!verify_secret_ok(""));
	ck_assert(!verify_secret_ok(NULL));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("verify");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	if (sodium_init() < 0)
		return EXIT_FAILURE;
	tcase_add_loop_test(tc, test_known, 0,
	    sizeof(known) / sizeof(known[0]));
	tcase_add_test(tc, test_case_insensitive);
	tcase_add_test(tc, test_mismatch);
	tcase_add_test(tc, test_no_secret);
	tcase_add_test(tc, test_every_digit);
	tcase_add_test(tc, test_secret_ok);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
