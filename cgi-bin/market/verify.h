/*
 * Automatic verification of completion codes. An employer who sets a
 * secret on a campaign shows each worker, at the end of the task on the
 * employer's own page, the code for (campaign, worker): the first
 * VERIFY_CODE_LEN lowercase hex digits of HMAC-SHA256 with the secret's
 * bytes as the key and "CAMPAIGN:WORKER" (both in decimal) as the
 * message. The core checks the code a worker sends (docs/marketplace.md).
 */
#ifndef KAAJ_VERIFY_H
#define KAAJ_VERIFY_H

#include <stdint.h>

#define VERIFY_CODE_LEN		12	/* hex digits of a code */
#define VERIFY_SECRET_MIN	16	/* bytes of a secret */
#define VERIFY_SECRET_MAX	128	/* campaigns.verify_secret */

/*
 * The expected code of worker on campaign under secret, into out as
 * VERIFY_CODE_LEN lowercase hex digits and a NUL. Returns 0, or -1 when
 * secret is NULL or empty (out is then "").
 */
int verify_code(const char *secret, int64_t campaign, int64_t worker,
    char out[VERIFY_CODE_LEN + 1]);

/*
 * Non-zero when given is the expected code of worker on campaign under
 * secret, compared without regard to case and in constant time. A code
 * of another length, or a NULL or empty secret, never matches.
 */
int verify_match(const char *secret, int64_t campaign, int64_t worker,
    const char *given);

/*
 * Non-zero when s is an acceptable secret: VERIFY_SECRET_MIN to
 * VERIFY_SECRET_MAX printable ASCII characters without spaces.
 */
int verify_secret_ok(const char *s);

#endif
