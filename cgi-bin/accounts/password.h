/*
 * Passwords: argon2id hashes (libsodium crypto_pwhash_str) at the cost set
 * in the config, and the rules a new password must meet.
 */
#ifndef KAAJ_PASSWORD_H
#define KAAJ_PASSWORD_H

#include <stddef.h>

struct kaaj_config;

#define PASSWORD_MIN 8		/* characters */
#define PASSWORD_MAX 128	/* characters */
#define PASSWORD_HASH_MAX 128	/* crypto_pwhash_STRBYTES */

/*
 * Hash password into out (PASSWORD_HASH_MAX bytes). Returns 0, or -1 when
 * the server has not the memory the config asks for.
 */
int password_hash(const struct kaaj_config *cfg, const char *password,
    char out[PASSWORD_HASH_MAX]);

/*
 * Non-zero when password matches hash. Takes as long for a NULL hash (no
 * such user) as for a real one, so timing does not tell who exists.
 */
int password_verify(const struct kaaj_config *cfg, const char *hash,
    const char *password);

/* Non-zero when hash was made at another cost than the config's. */
int password_needs_rehash(const struct kaaj_config *cfg, const char *hash);

/*
 * Why password is not acceptable for an account named username with
 * address email, as a Lang.Form.Error key ("password_short",
 * "password_long", "password_common", "password_personal"), or NULL when
 * it is fine.
 */
const char *password_problem(const char *password, const char *username,
    const char *email);

#endif
