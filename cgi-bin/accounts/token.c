/*
 * Single-use mail tokens (table account_tokens).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "storage/db.h"
#include "accounts/session.h"
#include "accounts/token.h"

static const char *const purpose_names[] = { "activate", "reset", "email" };

/* SHA-256 of the token's text. */
static void
token_hash(const char *token, unsigned char out[crypto_hash_sha256_BYTES])
{
	crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

int
token_create(struct db *db, int64_t user_id, enum token_purpose purpose,
    const char *new_email, int seconds, char out[TOKEN_LEN + 1])
{
	unsigned char raw[TOKEN_LEN / 2], hash[crypto_hash_sha256_BYTES];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, TOKEN_LEN + 1, raw, sizeof(raw));
	token_hash(out, hash);
	if (db_exec(db, NULL, NULL, "UPDATE account_tokens"
	    " SET expires_at = LEAST(expires_at, UTC_TIMESTAMP())"
	    " WHERE user_id = ? AND purpose = ? AND used_at IS NULL", "is",
	    user_id, purpose_names[purpose]) != DB_OK)
		return -1;
	return db_exec(db, NULL, NULL, "INSERT INTO account_tokens"
	    " (token_hash, user_id, purpose, new_email, expires_at)"
	    " VALUES (?, ?, ?, ?, UTC_TIMESTAMP() + INTERVAL ? SECOND)",
	    "bissi", hash, sizeof(hash), user_id, purpose_names[purpose],
	    new_email, (int64_t)seconds) == DB_OK ? 0 : -1;
}

/* Read the token's row; lock it when for_update. */
static enum token_result
token_read(struct db *db, const char *token, enum token_purpose purpose,
    int for_update, int64_t *user_id, char *new_email, int64_t *id)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	enum token_result tr;
	struct db_result r;
	int rc;

	if (token == NULL || !session_token_valid(token))
		return TOKEN_UNKNOWN;
	token_hash(token, hash);
	rc = db_query(db, &r, for_update ?
	    "SELECT id, user_id, new_email, used_at IS NOT NULL,"
	    " expires_at <= UTC_TIMESTAMP() FROM account_tokens"
	    " WHERE token_hash = ? AND purpose = ? FOR UPDATE" :
	    "SELECT id, user_id, new_email, used_at IS NOT NULL,"
	    " expires_at <= UTC_TIMESTAMP() FROM account_tokens"
	    " WHERE token_hash = ? AND purpose = ?", "bs", hash, sizeof(hash),
	    purpose_names[purpose]);
	if (rc != DB_OK)
		return TOKEN_DB_ERROR;
	if (r.nrows == 0)
		tr = TOKEN_UNKNOWN;
	else if (db_cell_int(&r, 0, 3))
		tr = TOKEN_USED;
	else if (db_cell_int(&r, 0, 4))
		tr = TOKEN_EXPIRED;
	else {
		tr = TOKEN_OK;
		*id = db_cell_int(&r, 0, 0);
		*user_id = db_cell_int(&r, 0, 1);
		if (new_email != NULL)
			snprintf(new_email, 256, "%s", db_cell(&r, 0, 2) != NULL ?
			    db_cell(&r, 0, 2) : "");
	}
	db_result_free(&r);
	return tr;
}

enum token_result
token_peek(struct db *db, const char *token, enum token_purpose purpose,
    int64_t *user_id, char *new_email)
{
	int64_t id;

	return token_read(db, token, purpose, 0, user_id, new_email, &id);
}

enum token_result
token_use(struct db *db, const char *token, enum token_purpose purpose,
    int64_t *user_id, char *new_email)
{
	enum token_result tr;
	uint64_t affected = 0;
	int64_t id;

	tr = token_read(db, token, purpose, 1, user_id, new_email, &id);
	if (tr != TOKEN_OK)
		return tr;
	if (db_exec(db, &affected, NULL, "UPDATE account_tokens"
	    " SET used_at = UTC_TIMESTAMP() WHERE id = ? AND used_at IS NULL",
	    "i", id) != DB_OK)
		return TOKEN_DB_ERROR;
	return affected == 1 ? TOKEN_OK : TOKEN_USED;
}

/* db_txn body of token_txn. */
static int
token_txn_body(struct db *db, void *arg)
{
	struct token_action *ta = arg;
	char new_email[256];

	new_email[0] = '\0';
	ta->user_id = 0;
	ta->tr = token_use(db, ta->token, ta->purpose, &ta->user_id,
	    new_email);
	if (ta->tr != TOKEN_OK)
		return ta->tr == TOKEN_DB_ERROR ? DB_ERROR : DB_ROLLBACK;
	return ta->act(db, ta->user_id, new_email, ta->arg);
}

int
token_txn(struct db *db, struct token_action *ta)
{
	ta->tr = TOKEN_DB_ERROR;
	return db_txn(db, token_txn_body, ta);
}
