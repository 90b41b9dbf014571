/*
 * Sessions: a random 128-bit token in the kaaj_session cookie, stored in
 * the database only as its SHA-256, and the CSRF token derived from it.
 */
#ifndef KAAJ_SESSION_H
#define KAAJ_SESSION_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct kaaj_config;

#define SESSION_COOKIE "kaaj_session"
#define SESSION_TOKEN_LEN 32	/* hex digits in the cookie */
#define CSRF_TOKEN_LEN 64	/* hex digits in forms */

struct session {
	int64_t user_id;	/* 0: nobody is logged in */
	int is_admin;
	char username[33];
	char token[SESSION_TOKEN_LEN + 1];	/* the cookie's text */
	char csrf[CSRF_TOKEN_LEN + 1];
};

/* Non-zero when s is exactly 32 lowercase hex digits. */
int session_token_valid(const char *s);

/*
 * Look up the session of cookie token (already checked with
 * session_token_valid) and fill *s when it is live and its user active.
 * Returns 0 (s->user_id is 0 when there is no such session), or -1 on a
 * database error.
 */
int session_load(struct db *db, const struct kaaj_config *cfg,
    const char *token, struct session *s);

/*
 * The CSRF token for a session token: hex HMAC-SHA256 under the site's
 * secret key of "csrf:" followed by the token. out holds 65 bytes.
 */
void session_csrf(const struct kaaj_config *cfg, const char *token,
    char out[CSRF_TOKEN_LEN + 1]);

/* Non-zero when given matches the session's CSRF token (constant time). */
int session_csrf_ok(const struct session *s, const char *given);

/* End the session of token. Returns 0 or -1 on a database error. */
int session_end(struct db *db, const char *token);

#endif
