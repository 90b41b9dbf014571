/*
 * Completion codes: HMAC-SHA256 of "CAMPAIGN:WORKER" under the campaign's
 * secret, cut to VERIFY_CODE_LEN hex digits.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "market/verify.h"

int
verify_code(const char *secret, int64_t campaign, int64_t worker,
    char out[VERIFY_CODE_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	char msg[48], hex[2 * crypto_auth_hmacsha256_BYTES + 1];
	int n;

	out[0] = '\0';
	if (secret == NULL || secret[0] == '\0')
		return -1;
	n = snprintf(msg, sizeof(msg), "%lld:%lld", (long long)campaign,
	    (long long)worker);
	if (n < 0 || (size_t)n >= sizeof(msg))
		return -1;
	/* The _init form takes a key of any length, as HMAC defines. */
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)msg,
	    (unsigned long long)n);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	memcpy(out, hex, VERIFY_CODE_LEN);
	out[VERIFY_CODE_LEN] = '\0';
	sodium_memzero(&st, sizeof(st));
	return 0;
}

int
verify_match(const char *secret, int64_t campaign, int64_t worker,
    const char *given)
{
	char want[VERIFY_CODE_LEN + 1], got[VERIFY_CODE_LEN];
	size_t i;

	if (given == NULL || strlen(given) != VERIFY_CODE_LEN ||
	    verify_code(secret, campaign, worker, want) == -1)
		return 0;
	/* Lower-case without branching on the code's characters. */
	for (i = 0; i < VERIFY_CODE_LEN; i++)
		got[i] = (char)((unsigned char)given[i] |
		    ((unsigned int)((unsigned char)given[i] - 'A') < 26u) << 5);
	return sodium_memcmp(got, want, VERIFY_CODE_LEN) == 0;
}

int
verify_secret_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (s[n] <= ' ' || s[n] > '~')
			return 0;
	return n >= VERIFY_SECRET_MIN && n <= VERIFY_SECRET_MAX;
}
