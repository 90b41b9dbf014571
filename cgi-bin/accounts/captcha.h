/*
 * The self-hosted "I am not a robot" check: a proof of work. The server
 * issues a random salt with an expiry and a difficulty, signed with the
 * site's secret key; the browser (templates/static/captcha.js) finds a
 * nonce such that SHA-256(salt ":" nonce) starts with that many zero bits;
 * the server checks the signature, the expiry and the work, and records
 * the salt so one solution is accepted once.
 */
#ifndef KAAJ_CAPTCHA_H
#define KAAJ_CAPTCHA_H

#include <stdint.h>
#include <time.h>

struct db;
struct kaaj_config;

#define CAPTCHA_SALT_LEN 32	/* hex digits */
#define CAPTCHA_SIG_LEN 64	/* hex digits */
#define CAPTCHA_NONCE_MAX 12	/* decimal digits */

/* What a page puts in the form's hidden fields. */
struct captcha_challenge {
	char salt[CAPTCHA_SALT_LEN + 1];
	int64_t expires;	/* unix seconds */
	int bits;
	char sig[CAPTCHA_SIG_LEN + 1];
};

enum captcha_result {
	CAPTCHA_OK = 0,
	CAPTCHA_MISSING,	/* no solution sent (no JavaScript?) */
	CAPTCHA_MALFORMED,	/* fields of the wrong shape */
	CAPTCHA_FORGED,		/* signature does not match */
	CAPTCHA_EXPIRED,
	CAPTCHA_WRONG,		/* the nonce does not do the work */
	CAPTCHA_REUSED,		/* this challenge was solved before */
	CAPTCHA_DB_ERROR
};

/*
 * Make a fresh challenge valid from now for cfg->captcha_ttl seconds at
 * cfg->captcha_bits.
 */
void captcha_issue(const struct kaaj_config *cfg, time_t now,
    struct captcha_challenge *out);

/*
 * Check a submitted solution without touching the database: the form's
 * fields as text (any may be NULL). Pure apart from reading cfg.
 */
enum captcha_result captcha_verify(const struct kaaj_config *cfg, time_t now,
    const char *salt, const char *expires, const char *bits, const char *sig,
    const char *nonce);

/*
 * Record a verified salt as used, in the database, until it expires.
 * Returns CAPTCHA_OK the first time, CAPTCHA_REUSED after, or
 * CAPTCHA_DB_ERROR.
 */
enum captcha_result captcha_consume(struct db *db, const char *salt,
    int64_t expires);

/* Non-zero when the SHA-256 of salt ":" nonce has bits leading zeros. */
int captcha_work_ok(const char *salt, const char *nonce, int bits);

#endif
