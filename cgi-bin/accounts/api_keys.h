/*
 * Keys for the JSON API (docs/api.md): an employer's programs call
 * /api/v1 with "Authorization: Bearer kaaj_LOOKUP_SECRET". The key is
 * shown once, when made; only the SHA-256 of its secret is kept
 * (sql/0022). Each key has a name and scopes; a revoked key, or a key
 * of a user who is no longer active, answers nothing.
 */
#ifndef KAAJ_API_KEYS_H
#define KAAJ_API_KEYS_H

#include <stdint.h>

struct db;

/* What a key may do. */
enum api_scope {
	API_SCOPE_READ = 1 << 0,	/* read the account, campaigns, work */
	API_SCOPE_POST = 1 << 1,	/* create and manage campaigns */
	API_SCOPE_RATE = 1 << 2,	/* rate submissions */
	API_SCOPE_PAY = 1 << 3		/* bonuses */
};

#define API_SCOPES 4
#define API_KEY_NAME_MAX 60	/* characters */
#define API_KEYS_PER_USER 20	/* live keys */
#define API_LOOKUP_LEN 12	/* hex digits */
#define API_SECRET_LEN 64	/* hex digits */
/* "kaaj_" LOOKUP "_" SECRET */
#define API_TOKEN_LEN (5 + API_LOOKUP_LEN + 1 + API_SECRET_LEN)

/* The scope's name in the database and the API ("read", ...). */
const char *api_scope_name(int bit);

/* The key a request named, once checked. */
struct api_key {
	int64_t id;
	int64_t user_id;
	unsigned int scopes;	/* enum api_scope bits */
	int is_admin;
	char name[API_KEY_NAME_MAX * 4 + 1];
	char username[33];
};

enum api_key_result {
	API_KEY_OK,
	API_KEY_TOO_MANY,	/* API_KEYS_PER_USER live keys already */
	API_KEY_DB_ERROR
};

/*
 * Make a key named name with scopes (non-zero) for user: its token (shown
 * once) into token, its id into *id.
 */
enum api_key_result api_key_create(struct db *db, int64_t user,
    const char *name, unsigned int scopes,
    char token[API_TOKEN_LEN + 1], int64_t *id);

/*
 * Revoke user's key id. Returns 1 when it was live, 0 when there is no
 * such live key of user's, -1 on a database error.
 */
int api_key_revoke(struct db *db, int64_t user, int64_t id);

/*
 * Check the token of a request (as the client sent it). Returns 1 with
 * *key filled for a live key of an active user, 0 for any other token
 * (malformed, unknown, wrong secret, revoked), -1 on a database error.
 * The secret is compared in constant time.
 */
int api_key_check(struct db *db, const char *token, struct api_key *key);

#endif
