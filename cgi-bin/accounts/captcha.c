/*
 * The proof-of-work captcha: signed challenges, checked solutions, and the
 * record of used ones.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "accounts/captcha.h"
#include "base/config.h"
#include "storage/db.h"

#define CAPTCHA_BITS_MIN 1
#define CAPTCHA_BITS_MAX 28
#define CAPTCHA_EXPIRES_MAX 12	/* decimal digits */
#define CAPTCHA_SLACK 60	/* seconds of clock skew allowed ahead */

/* "captcha:" salt ":" expires ":" bits, with room to spare. */
#define CAPTCHA_TEXT_MAX (8 + CAPTCHA_SALT_LEN + 1 + 20 + 1 + 11 + 1)

static const char hexdigits[] = "0123456789abcdef";

/* Write the lowercase hex of len bytes, and a NUL, to out. */
static void
hex_encode(char *out, const unsigned char *in, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = hexdigits[in[i] >> 4];
		out[2 * i + 1] = hexdigits[in[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

/* Non-zero when s is exactly len lowercase hex digits. */
static int
is_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[len] == '\0';
}

/* Non-zero when s is 1 to max decimal digits. */
static int
is_decimal(const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		if (i == max)
			return 0;
	return i > 0 && s[i] == '\0';
}

/* The value of a string that passed is_decimal() with at most 18 digits. */
static int64_t
decimal_value(const char *s)
{
	int64_t v = 0;

	for (; *s != '\0'; s++)
		v = v * 10 + (*s - '0');
	return v;
}

/* The lowercase hex HMAC-SHA256 of the challenge's text, into sig. */
static void
sign(const struct kaaj_config *cfg, const char *salt, const char *expires,
    const char *bits, char sig[CAPTCHA_SIG_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char text[CAPTCHA_TEXT_MAX];
	int n;

	n = snprintf(text, sizeof(text), "captcha:%s:%s:%s", salt, expires,
	    bits);
	crypto_auth_hmacsha256(mac, (const unsigned char *)text, (size_t)n,
	    cfg->secret_key);
	hex_encode(sig, mac, sizeof(mac));
	sodium_memzero(mac, sizeof(mac));
}

/*
 * Fill *out with a new random salt, an expiry cfg->captcha_ttl seconds
 * after now, cfg->captcha_bits, and their signature.
 */
void
captcha_issue(const struct kaaj_config *cfg, time_t now,
    struct captcha_challenge *out)
{
	unsigned char raw[CAPTCHA_SALT_LEN / 2];
	char expires[24], bits[12];

	randombytes_buf(raw, sizeof(raw));
	hex_encode(out->salt, raw, sizeof(raw));
	out->expires = (int64_t)now + cfg->captcha_ttl;
	out->bits = cfg->captcha_bits;
	snprintf(expires, sizeof(expires), "%" PRId64, out->expires);
	snprintf(bits, sizeof(bits), "%d", out->bits);
	sign(cfg, out->salt, expires, bits, out->sig);
}

/*
 * Check the shape, then the signature over the text as sent, then the
 * difficulty against the configuration and the expiry, then the work.
 */
enum captcha_result
captcha_verify(const struct kaaj_config *cfg, time_t now, const char *salt,
    const char *expires, const char *bits, const char *sig, const char *nonce)
{
	char want[CAPTCHA_SIG_LEN + 1];
	int64_t exp;
	int nbits, same;

	if (salt == NULL || *salt == '\0' || expires == NULL ||
	    *expires == '\0' || bits == NULL || *bits == '\0' ||
	    sig == NULL || *sig == '\0')
		return CAPTCHA_MALFORMED;
	if (nonce == NULL || *nonce == '\0')
		return CAPTCHA_MISSING;
	if (!is_hex(salt, CAPTCHA_SALT_LEN) ||
	    !is_decimal(expires, CAPTCHA_EXPIRES_MAX) ||
	    !is_decimal(bits, 2) ||
	    !is_hex(sig, CAPTCHA_SIG_LEN) ||
	    !is_decimal(nonce, CAPTCHA_NONCE_MAX))
		return CAPTCHA_MALFORMED;
	nbits = (int)decimal_value(bits);
	if (nbits < CAPTCHA_BITS_MIN || nbits > CAPTCHA_BITS_MAX)
		return CAPTCHA_MALFORMED;

	sign(cfg, salt, expires, bits, want);
	same = sodium_memcmp(want, sig, CAPTCHA_SIG_LEN) == 0;
	sodium_memzero(want, sizeof(want));
	if (!same)
		return CAPTCHA_FORGED;

	/* Signed, but easier than this site now asks for. */
	if (nbits < cfg->captcha_bits)
		return CAPTCHA_MALFORMED;
	exp = decimal_value(expires);
	if (exp < (int64_t)now)
		return CAPTCHA_EXPIRED;
	if (exp > (int64_t)now + cfg->captcha_ttl + CAPTCHA_SLACK)
		return CAPTCHA_MALFORMED;

	return captcha_work_ok(salt, nonce, nbits) ? CAPTCHA_OK :
	    CAPTCHA_WRONG;
}

/*
 * Insert the salt into captcha_used. A lost connection is an error here,
 * not a retry: the row may have been written, and a second try would then
 * call a fresh solution reused.
 */
enum captcha_result
captcha_consume(struct db *db, const char *salt, int64_t expires)
{
	switch (db_exec(db, NULL, NULL,
	    "INSERT INTO captcha_used (salt, expires_at)"
	    " VALUES (UNHEX(?), FROM_UNIXTIME(?))", "si", salt, expires)) {
	case DB_OK:
		return CAPTCHA_OK;
	case DB_DUPLICATE:
		return CAPTCHA_REUSED;
	default:
		return CAPTCHA_DB_ERROR;
	}
}

/* Count the leading zero bits of SHA-256(salt ":" nonce). */
int
captcha_work_ok(const char *salt, const char *nonce, int bits)
{
	crypto_hash_sha256_state st;
	unsigned char digest[crypto_hash_sha256_BYTES];
	unsigned char byte;
	int zeros = 0;
	size_t i;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)salt,
	    strlen(salt));
	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)nonce,
	    strlen(nonce));
	crypto_hash_sha256_final(&st, digest);
	for (i = 0; i < sizeof(digest) && digest[i] == 0; i++)
		zeros += 8;
	if (i < sizeof(digest))
		for (byte = digest[i]; (byte & 0x80) == 0; byte <<= 1)
			zeros++;
	return zeros >= bits;
}
