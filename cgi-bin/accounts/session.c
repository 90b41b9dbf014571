/*
 * Sessions and CSRF tokens.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/config.h"
#include "storage/db.h"
#include "accounts/session.h"

int
session_token_valid(const char *s)
{
	size_t i;

	for (i = 0; i < SESSION_TOKEN_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[i] == '\0';
}

/* SHA-256 of the token's text, as stored in sessions.token_hash. */
static void
token_hash(const char *token, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

int
session_load(struct db *db, const struct kaaj_config *cfg, const char *token,
    struct session *s)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	struct db_result r;
	const char *name;

	int stale = 0;

	memset(s, 0, sizeof(*s));
	token_hash(token, hash);
	if (db_query(db, &r,
	    "SELECT u.id, u.username, u.is_admin, u.language, s.id,"
	    " s.last_seen_at < UTC_TIMESTAMP() - INTERVAL 1 MINUTE,"
	    " (SELECT COUNT(*) FROM notifications n"
	    "  WHERE n.user_id = u.id AND n.read_at IS NULL),"
	    " u.time_zone, u.country"
	    " FROM sessions s JOIN users u ON u.id = s.user_id"
	    " WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP()"
	    " AND s.last_seen_at > UTC_TIMESTAMP() - INTERVAL ? MINUTE"
	    " AND u.status = 'active'", "bi", hash, sizeof(hash),
	    (int64_t)cfg->session_idle_minutes) != DB_OK)
		return -1;
	if (r.nrows == 1) {
		s->user_id = db_cell_int(&r, 0, 0);
		name = db_cell(&r, 0, 1);
		snprintf(s->username, sizeof(s->username), "%s",
		    name != NULL ? name : "");
		s->is_admin = db_cell_int(&r, 0, 2) != 0;
		snprintf(s->language, sizeof(s->language), "%s",
		    db_cell(&r, 0, 3) != NULL ? db_cell(&r, 0, 3) : "");
		s->id = db_cell_int(&r, 0, 4);
		stale = db_cell_int(&r, 0, 5) != 0;
		s->unread = db_cell_int(&r, 0, 6);
		snprintf(s->time_zone, sizeof(s->time_zone), "%s",
		    db_cell(&r, 0, 7) != NULL ? db_cell(&r, 0, 7) : "");
		snprintf(s->country, sizeof(s->country), "%s",
		    db_cell(&r, 0, 8) != NULL ? db_cell(&r, 0, 8) : "");
		memcpy(s->token, token, SESSION_TOKEN_LEN + 1);
		session_csrf(cfg, token, s->csrf);
	}
	db_result_free(&r);
	/* Note the visit for the idle limit, at most once a minute. */
	if (stale && db_exec(db, NULL, NULL, "UPDATE sessions"
	    " SET last_seen_at = UTC_TIMESTAMP() WHERE id = ?", "i",
	    s->id) != DB_OK)
		return -1;
	return 0;
}

/*
 * The HMAC state after the site's key and "csrf:", made once per process
 * (again should the key differ): every token is signed with the same key,
 * so its two padded blocks need hashing only once. Process-wide, never
 * request data.
 */
static crypto_auth_hmacsha256_state csrf_keyed;
static unsigned char csrf_key[sizeof(((struct kaaj_config *)0)->secret_key)];
static int csrf_keyed_made;

void
session_csrf(const struct kaaj_config *cfg, const char *token,
    char out[CSRF_TOKEN_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;

	if (!csrf_keyed_made || sodium_memcmp(csrf_key, cfg->secret_key,
	    sizeof(csrf_key)) != 0) {
		crypto_auth_hmacsha256_init(&csrf_keyed, cfg->secret_key,
		    sizeof(cfg->secret_key));
		crypto_auth_hmacsha256_update(&csrf_keyed,
		    (const unsigned char *)"csrf:", 5);
		memcpy(csrf_key, cfg->secret_key, sizeof(csrf_key));
		csrf_keyed_made = 1;
	}
	st = csrf_keyed;
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)token,
	    strlen(token));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, CSRF_TOKEN_LEN + 1, mac, sizeof(mac));
}

int
session_csrf_ok(const char *expected, const char *given)
{
	if (expected == NULL || given == NULL ||
	    strlen(expected) != CSRF_TOKEN_LEN ||
	    strlen(given) != CSRF_TOKEN_LEN)
		return 0;
	return sodium_memcmp(expected, given, CSRF_TOKEN_LEN) == 0;
}

int
session_end(struct db *db, const char *token)
{
	unsigned char hash[crypto_hash_sha256_BYTES];

	token_hash(token, hash);
	return db_exec(db, NULL, NULL,
	    "DELETE FROM sessions WHERE token_hash = ?", "b", hash,
	    sizeof(hash)) == DB_OK ? 0 : -1;
}

void
session_random_token(char out[SESSION_TOKEN_LEN + 1])
{
	unsigned char raw[SESSION_TOKEN_LEN / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, SESSION_TOKEN_LEN + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

int
session_create(struct db *db, const struct kaaj_config *cfg, int64_t user_id,
    char token[SESSION_TOKEN_LEN + 1])
{
	unsigned char hash[crypto_hash_sha256_BYTES];

	session_random_token(token);
	token_hash(token, hash);
	return db_exec(db, NULL, NULL, "INSERT INTO sessions"
	    " (token_hash, user_id, created_at, last_seen_at, expires_at)"
	    " VALUES (?, ?, UTC_TIMESTAMP(), UTC_TIMESTAMP(),"
	    " UTC_TIMESTAMP() + INTERVAL ? DAY)", "bii", hash, sizeof(hash),
	    user_id, (int64_t)cfg->session_max_days) == DB_OK ? 0 : -1;
}

int
session_end_user(struct db *db, int64_t user_id, const char *keep)
{
	unsigned char hash[crypto_hash_sha256_BYTES];

	if (keep == NULL)
		return db_exec(db, NULL, NULL, "DELETE FROM sessions"
		    " WHERE user_id = ?", "i", user_id) == DB_OK ? 0 : -1;
	token_hash(keep, hash);
	return db_exec(db, NULL, NULL, "DELETE FROM sessions"
	    " WHERE user_id = ? AND token_hash <> ?", "ib", user_id, hash,
	    sizeof(hash)) == DB_OK ? 0 : -1;
}

void
session_cookie(const struct kaaj_config *cfg, const char *token, int https,
    char out[200])
{
	if (token == NULL)
		snprintf(out, 200, SESSION_COOKIE "=; Path=/; Max-Age=0;"
		    " HttpOnly; SameSite=Lax%s", https ? "; Secure" : "");
	else
		snprintf(out, 200, SESSION_COOKIE "=%s; Path=/; Max-Age=%ld;"
		    " HttpOnly; SameSite=Lax%s", token,
		    (long)cfg->session_max_days * 86400L, https ? "; Secure" : "");
}
