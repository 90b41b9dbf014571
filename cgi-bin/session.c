/*
 * Sessions and CSRF tokens.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "config.h"
#include "db.h"
#include "session.h"

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

	memset(s, 0, sizeof(*s));
	token_hash(token, hash);
	if (db_query(db, &r,
	    "SELECT u.id, u.username, u.is_admin FROM sessions s"
	    " JOIN users u ON u.id = s.user_id"
	    " WHERE s.token_hash = ? AND s.expires_at > UTC_TIMESTAMP()"
	    " AND u.status = 'active'", "b", hash, sizeof(hash)) != DB_OK)
		return -1;
	if (r.nrows == 1) {
		s->user_id = db_cell_int(&r, 0, 0);
		name = db_cell(&r, 0, 1);
		snprintf(s->username, sizeof(s->username), "%s",
		    name != NULL ? name : "");
		s->is_admin = db_cell_int(&r, 0, 2) != 0;
		memcpy(s->token, token, SESSION_TOKEN_LEN + 1);
		session_csrf(cfg, token, s->csrf);
	}
	db_result_free(&r);
	return 0;
}

void
session_csrf(const struct kaaj_config *cfg, const char *token,
    char out[CSRF_TOKEN_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;

	crypto_auth_hmacsha256_init(&st, cfg->secret_key,
	    sizeof(cfg->secret_key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"csrf:", 5);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)token,
	    strlen(token));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(out, CSRF_TOKEN_LEN + 1, mac, sizeof(mac));
}

int
session_csrf_ok(const struct session *s, const char *given)
{
	if (s->user_id == 0 || given == NULL ||
	    strlen(given) != CSRF_TOKEN_LEN)
		return 0;
	return sodium_memcmp(s->csrf, given, CSRF_TOKEN_LEN) == 0;
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
