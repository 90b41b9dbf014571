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
#define CSRF_COOKIE "kaaj_csrf"	/* the CSRF basis before login */
#define SESSION_TOKEN_LEN 32	/* hex digits in the cookie */
#define CSRF_TOKEN_LEN 64	/* hex digits in forms */

struct session {
	int64_t user_id;	/* 0: nobody is logged in */
	int is_admin;
	char username[33];
	char language[9];
	char time_zone[64];	/* chosen in settings; "": their country's */
	char country[3];
	int64_t id;		/* sessions.id */
	char token[SESSION_TOKEN_LEN + 1];	/* the cookie's text */
	char csrf[CSRF_TOKEN_LEN + 1];
	int64_t unread;		/* unread notifications when loaded */
};

/* Non-zero when s is exactly 32 lowercase hex digits. */
int session_token_valid(const char *s);

/*
 * Look up the session of cookie token (already checked with
 * session_token_valid) and fill *s when it is live (within both the idle
 * and the absolute lifetime) and its user active, with the user's count of
 * unread notifications, time zone and country in the same statement; note
 * the visit at most once a minute. Returns 0 (s->user_id is 0 when there
 * is no such session), or -1 on a database error.
 */
int session_load(struct db *db, const struct kaaj_config *cfg,
    const char *token, struct session *s);

/*
 * The CSRF token for a session token: hex HMAC-SHA256 under the site's
 * secret key of "csrf:" followed by the token. out holds 65 bytes.
 */
void session_csrf(const struct kaaj_config *cfg, const char *token,
    char out[CSRF_TOKEN_LEN + 1]);

/* Non-zero when given equals the expected CSRF token (constant time). */
int session_csrf_ok(const char *expected, const char *given);

/* End the session of token. Returns 0 or -1 on a database error. */
int session_end(struct db *db, const char *token);

/*
 * Start a session for user_id lasting cfg->session_max_days at most; the
 * cookie text goes to token. Returns 0 or -1 on a database error.
 */
int session_create(struct db *db, const struct kaaj_config *cfg,
    int64_t user_id, char token[SESSION_TOKEN_LEN + 1]);

/*
 * End every session of user_id but the one of keep (NULL: all). Returns 0
 * or -1 on a database error.
 */
int session_end_user(struct db *db, int64_t user_id, const char *keep);

/*
 * The Set-Cookie value for token (or, when token is NULL, one that deletes
 * the cookie), Secure when https. out holds 200 bytes.
 */
void session_cookie(const struct kaaj_config *cfg, const char *token,
    int https, char out[200]);

/* Make a random token of 32 hex digits (sessions, anonymous CSRF). */
void session_random_token(char out[SESSION_TOKEN_LEN + 1]);

#endif
