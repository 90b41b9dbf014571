/*
 * The proof-of-work captcha without a database: issue, solve, verify, and
 * every way a submission can be wrong.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "accounts/captcha.h"
#include "base/config.h"

#define NOW ((time_t)1700000000)

static struct kaaj_config cfg;

static void
setup(void)
{
	size_t i;

	memset(&cfg, 0, sizeof(cfg));
	for (i = 0; i < sizeof(cfg.secret_key); i++)
		cfg.secret_key[i] = (unsigned char)(0x40 + i);
	cfg.captcha_bits = 8;
	cfg.captcha_ttl = 600;
}

/* A challenge's fields as the form sends them, and a nonce that works. */
struct sent {
	char salt[CAPTCHA_SALT_LEN + 1];
	char expires[24];
	char bits[12];
	char sig[CAPTCHA_SIG_LEN + 1];
	char nonce[24];
};

/* The first nonce, counting from 0, that does bits of work for salt. */
static void
solve(const char *salt, int bits, char *nonce, size_t len)
{
	uint64_t n;

	for (n = 0;; n++) {
		snprintf(nonce, len, "%" PRIu64, n);
		if (captcha_work_ok(salt, nonce, bits))
			return;
	}
}

/* Issue at now and solve it. */
static void
issue_solved(time_t now, struct sent *s)
{
	struct captcha_challenge ch;

	captcha_issue(&cfg, now, &ch);
	memcpy(s->salt, ch.salt, sizeof(s->salt));
	snprintf(s->expires, sizeof(s->expires), "%" PRId64, ch.expires);
	snprintf(s->bits, sizeof(s->bits), "%d", ch.bits);
	memcpy(s->sig, ch.sig, sizeof(s->sig));
	solve(s->salt, ch.bits, s->nonce, sizeof(s->nonce));
}

static enum captcha_result
verify(const struct sent *s, time_t now)
{
	return captcha_verify(&cfg, now, s->salt, s->expires, s->bits, s->sig,
	    s->nonce);
}

/* Change the hex digit at i to another one. */
static void
flip_hex(char *s, size_t i)
{
	s[i] = s[i] == '0' ? '1' : '0';
}

START_TEST(test_issue_shape)
{
	struct captcha_challenge a, b;
	size_t i;

	captcha_issue(&cfg, NOW, &a);
	captcha_issue(&cfg, NOW, &b);
	ck_assert_uint_eq(strlen(a.salt), CAPTCHA_SALT_LEN);
	ck_assert_uint_eq(strlen(a.sig), CAPTCHA_SIG_LEN);
	for (i = 0; i < CAPTCHA_SALT_LEN; i++)
		ck_assert_ptr_nonnull(strchr("0123456789abcdef", a.salt[i]));
	for (i = 0; i < CAPTCHA_SIG_LEN; i++)
		ck_assert_ptr_nonnull(strchr("0123456789abcdef", a.sig[i]));
	ck_assert_int_eq(a.expires, (int64_t)NOW + 600);
	ck_assert_int_eq(a.bits, 8);
	ck_assert_str_ne(a.salt, b.salt);
	ck_assert_str_ne(a.sig, b.sig);
}
END_TEST

/* The signature is the HMAC of the documented text. */
START_TEST(test_signature_text)
{
	struct captcha_challenge ch;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char text[128], hex[CAPTCHA_SIG_LEN + 1];

	captcha_issue(&cfg, NOW, &ch);
	snprintf(text, sizeof(text), "captcha:%s:%" PRId64 ":%d", ch.salt,
	    ch.expires, ch.bits);
	crypto_auth_hmacsha256(mac, (const unsigned char *)text, strlen(text),
	    cfg.secret_key);
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	ck_assert_str_eq(ch.sig, hex);
}
END_TEST

START_TEST(test_solved_ok)
{
	struct sent s;
	int i;

	for (i = 0; i < 20; i++) {
		issue_solved(NOW, &s);
		ck_assert_int_eq(verify(&s, NOW), CAPTCHA_OK);
		ck_assert_int_eq(verify(&s, NOW + 600), CAPTCHA_OK);
	}
}
END_TEST

START_TEST(test_tampered)
{
	struct sent s, t;
	unsigned long first, n;
	size_t i;

	/* At least one wrong nonce comes before the right one. */
	do
		issue_solved(NOW, &s);
	while (strcmp(s.nonce, "0") == 0);

	for (i = 0; i < CAPTCHA_SALT_LEN; i++) {
		t = s;
		flip_hex(t.salt, i);
		ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);
	}
	for (i = 0; i < CAPTCHA_SIG_LEN; i++) {
		t = s;
		flip_hex(t.sig, i);
		ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);
	}

	t = s;
	snprintf(t.expires, sizeof(t.expires), "%" PRId64,
	    (int64_t)NOW + 601);
	ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);
	t = s;
	snprintf(t.expires, sizeof(t.expires), "%" PRId64,
	    (int64_t)NOW + 599);
	ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);
	t = s;
	snprintf(t.expires, sizeof(t.expires), "0%" PRId64,
	    (int64_t)NOW + 600);
	ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);

	/* Asking for less work, or more, breaks the signature. */
	t = s;
	strcpy(t.bits, "4");
	ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);
	t = s;
	strcpy(t.bits, "9");
	ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);
	t = s;
	strcpy(t.bits, "08");
	ck_assert_int_eq(verify(&t, NOW), CAPTCHA_FORGED);

	/* Every nonce before the first that works is wrong. */
	first = strtoul(s.nonce, NULL, 10);
	for (n = 0; n < first; n++) {
		t = s;
		snprintf(t.nonce, sizeof(t.nonce), "%lu", n);
		ck_assert_int_eq(verify(&t, NOW), CAPTCHA_WRONG);
	}
}
END_TEST

START_TEST(test_expiry)
{
	struct sent s;

	issue_solved(NOW, &s);
	ck_assert_int_eq(verify(&s, NOW + 600), CAPTCHA_OK);
	ck_assert_int_eq(verify(&s, NOW + 601), CAPTCHA_EXPIRED);
	ck_assert_int_eq(verify(&s, NOW + 100000), CAPTCHA_EXPIRED);

	/* Signed, but from further ahead than the ttl and the slack allow. */
	issue_solved(NOW + 60, &s);
	ck_assert_int_eq(verify(&s, NOW), CAPTCHA_OK);
	issue_solved(NOW + 61, &s);
	ck_assert_int_eq(verify(&s, NOW), CAPTCHA_MALFORMED);
	issue_solved(NOW + 100000, &s);
	ck_assert_int_eq(verify(&s, NOW), CAPTCHA_MALFORMED);
}
END_TEST

/* A page shown before the site raised the difficulty. */
START_TEST(test_bits_config)
{
	struct sent s;

	issue_solved(NOW, &s);
	cfg.captcha_bits = 7;
	ck_assert_int_eq(verify(&s, NOW), CAPTCHA_OK);
	cfg.captcha_bits = 9;
	ck_assert_int_eq(verify(&s, NOW), CAPTCHA_MALFORMED);
}
END_TEST

START_TEST(test_missing)
{
	struct sent s;

	issue_solved(NOW, &s);
	ck_assert_int_eq(captcha_verify(&cfg, NOW, s.salt, s.expires, s.bits,
	    s.sig, NULL), CAPTCHA_MISSING);
	ck_assert_int_eq(captcha_verify(&cfg, NOW, s.salt, s.expires, s.bits,
	    s.sig, ""), CAPTCHA_MISSING);
	ck_assert_int_eq(captcha_verify(&cfg, NOW, NULL, NULL, NULL, NULL,
	    NULL), CAPTCHA_MALFORMED);
	ck_assert_int_eq(captcha_verify(&cfg, NOW, NULL, s.expires, s.bits,
	    s.sig, s.nonce), CAPTCHA_MALFORMED);
	ck_assert_int_eq(captcha_verify(&cfg, NOW, s.salt, "", s.bits,
	    s.sig, s.nonce), CAPTCHA_MALFORMED);
	ck_assert_int_eq(captcha_verify(&cfg, NOW, s.salt, s.expires, NULL,
	    s.sig, s.nonce), CAPTCHA_MALFORMED);
	ck_assert_int_eq(captcha_verify(&cfg, NOW, s.salt, s.expires, s.bits,
	    "", s.nonce), CAPTCHA_MALFORMED);
}
END_TEST

#define SALT "0123456789abcdef0123456789abcdef"
#define SIG "0123456789abcdef0123456789abcdef" \
	"0123456789abcdef0123456789abcdef"

/* Wrong shapes, each in one field of an otherwise well-formed set. */
static const struct {
	const char *salt, *expires, *bits, *sig, *nonce;
} shapes[] = {
	{ "0123456789abcdef0123456789abcde", NULL, NULL, NULL, NULL },
	{ SALT "0", NULL, NULL, NULL, NULL },
	{ "0123456789ABCDEF0123456789abcdef", NULL, NULL, NULL, NULL },
	{ "0123456789abcdeg0123456789abcdef", NULL, NULL, NULL, NULL },
	{ " 123456789abcdef0123456789abcdef", NULL, NULL, NULL, NULL },
	{ NULL, "-1700000600", NULL, NULL, NULL },
	{ NULL, "+1700000600", NULL, NULL, NULL },
	{ NULL, "1700000600 ", NULL, NULL, NULL },
	{ NULL, "17000006x0", NULL, NULL, NULL },
	{ NULL, "1e9", NULL, NULL, NULL },
	{ NULL, "1234567890123", NULL, NULL, NULL },
	{ NULL, "99999999999999999999999", NULL, NULL, NULL },
	{ NULL, NULL, "0", NULL, NULL },
	{ NULL, NULL, "29", NULL, NULL },
	{ NULL, NULL, "100", NULL, NULL },
	{ NULL, NULL, "-8", NULL, NULL },
	{ NULL, NULL, "8.0", NULL, NULL },
	{ NULL, NULL, "x", NULL, NULL },
	{ NULL, NULL, NULL, "0123456789abcdef", NULL },
	{ NULL, NULL, NULL, SIG "0", NULL },
	{ NULL, NULL, NULL, "0123456789ABCDEF0123456789abcdef"
	    "0123456789abcdef0123456789abcdef", NULL },
	{ NULL, NULL, NULL, "z123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef", NULL },
	{ NULL, NULL, NULL, NULL, "1234567890123" },
	{ NULL, NULL, NULL, NULL, "-1" },
	{ NULL, NULL, NULL, NULL, "1 " },
	{ NULL, NULL, NULL, NULL, "0x10" },
	{ NULL, NULL, NULL, NULL, "\xd9\xa1" },
};

START_TEST(test_shapes)
{
	struct sent s;

	issue_solved(NOW, &s);
	ck_assert_int_eq(captcha_verify(&cfg, NOW,
	    shapes[_i].salt ? shapes[_i].salt : s.salt,
	    shapes[_i].expires ? shapes[_i].expires : s.expires,
	    shapes[_i].bits ? shapes[_i].bits : s.bits,
	    shapes[_i].sig ? shapes[_i].sig : s.sig,
	    shapes[_i].nonce ? shapes[_i].nonce : s.nonce), CAPTCHA_MALFORMED);
}
END_TEST

/*
 * Known answers, from Python's hashlib: for salt SALT, the first nonce
 * whose SHA-256(SALT ":" nonce) has exactly zeros leading zero bits.
 */
static const struct {
	const char *nonce;
	int zeros;
} known[] = {
	{ "0", 0 },		/* ca6f1a87... */
	{ "5", 1 },		/* 48b81641... */
	{ "4", 2 },		/* 20680051... */
	{ "13", 3 },		/* 10509edd... */
	{ "29", 4 },		/* 0f19ece1... */
	{ "96", 5 },		/* 078ba37a... */
	{ "3", 6 },		/* 02fb67d3... */
	{ "27", 7 },		/* 01dee15e... */
	{ "946", 8 },		/* 00a55ea1... */
	{ "151", 9 },		/* 004083cf... */
	{ "884", 10 },		/* 003451c7... */
	{ "968", 11 },		/* 001a999f... */
	{ "15070", 12 },	/* 000e04ec... */
	{ "10354", 13 },	/* 00076281... */
	{ "43916", 14 },	/* 00034695... */
	{ "6092", 15 },		/* 0001ff04... */
	{ "111324", 16 },	/* 0000c4c6... */
	{ "539902", 17 },	/* 00004cbd... */
	{ "585003", 18 },	/* 000033bb... */
	{ "261544", 19 },	/* 000012bf... */
	{ "2886233", 20 },	/* 00000db3... */
};

START_TEST(test_work_known)
{
	ck_assert(captcha_work_ok(SALT, known[_i].nonce, known[_i].zeros));
	ck_assert(!captcha_work_ok(SALT, known[_i].nonce,
	    known[_i].zeros + 1));
	ck_assert(captcha_work_ok(SALT, known[_i].nonce, 0));
}
END_TEST

/* The leading zeros of a digest, one bit at a time. */
static int
count_zeros(const unsigned char *d)
{
	int k;

	for (k = 0; k < 256; k++)
		if ((d[k / 8] >> (7 - k % 8)) & 1)
			break;
	return k;
}

/* Against libsodium's digest of the same bytes, counted bit by bit. */
START_TEST(test_work_counted)
{
	unsigned char d[crypto_hash_sha256_BYTES];
	char text[64], nonce[16];
	int n, z, seen[24] = { 0 };

	for (n = 0; n < 200000; n++) {
		snprintf(nonce, sizeof(nonce), "%d", n);
		snprintf(text, sizeof(text), "%s:%s", SALT, nonce);
		crypto_hash_sha256(d, (const unsigned char *)text,
		    strlen(text));
		z = count_zeros(d);
		ck_assert(captcha_work_ok(SALT, nonce, z));
		ck_assert(!captcha_work_ok(SALT, nonce, z + 1));
		if (z < 24)
			seen[z] = 1;
	}
	/* The range covered every count up to two whole bytes and more. */
	for (z = 0; z <= 16; z++)
		ck_assert_msg(seen[z], "no digest with %d zeros", z);
}
END_TEST

/* The first nonce that works, as captcha_solve and captcha.js find it. */
START_TEST(test_first_nonce)
{
	char nonce[24];

	solve(SALT, 1, nonce, sizeof(nonce));
	ck_assert_str_eq(nonce, "3");
	solve(SALT, 8, nonce, sizeof(nonce));
	ck_assert_str_eq(nonce, "151");
	solve(SALT, 12, nonce, sizeof(nonce));
	ck_assert_str_eq(nonce, "6092");
	solve(SALT, 16, nonce, sizeof(nonce));
	ck_assert_str_eq(nonce, "111324");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("captcha");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	if (sodium_init() < 0)
		return EXIT_FAILURE;
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_issue_shape);
	tcase_add_test(tc, test_signature_text);
	tcase_add_test(tc, test_solved_ok);
	tcase_add_test(tc, test_tampered);
	tcase_add_test(tc, test_expiry);
	tcase_add_test(tc, test_bits_config);
	tcase_add_test(tc, test_missing);
	tcase_add_loop_test(tc, test_shapes, 0,
	    sizeof(shapes) / sizeof(shapes[0]));
	tcase_add_loop_test(tc, test_work_known, 0,
	    sizeof(known) / sizeof(known[0]));
	tcase_add_test(tc, test_work_counted);
	tcase_add_test(tc, test_first_nonce);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
