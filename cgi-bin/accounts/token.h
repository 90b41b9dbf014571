/*
 * Single-use, time-limited tokens sent by mail (activation, password
 * reset, e-mail change): 128 random bits as 32 hex digits in the link;
 * the database keeps only their SHA-256.
 */
#ifndef KAAJ_TOKEN_H
#define KAAJ_TOKEN_H

#include <stdint.h>

struct db;

#define TOKEN_LEN 32	/* hex digits */

enum token_purpose {
	TOKEN_ACTIVATE,
	TOKEN_RESET,
	TOKEN_EMAIL
};

enum token_result {
	TOKEN_OK = 0,
	TOKEN_UNKNOWN,		/* malformed, or no such token for purpose */
	TOKEN_EXPIRED,
	TOKEN_USED,
	TOKEN_DB_ERROR
};

/*
 * Make a token for user_id valid for seconds, store its hash and write the
 * 32 hex digits to out. new_email is kept with TOKEN_EMAIL (else NULL).
 * Earlier unused tokens of the same user and purpose stop working, so only
 * the newest link works. Returns 0, or -1 on a database error.
 */
int token_create(struct db *db, int64_t user_id, enum token_purpose purpose,
    const char *new_email, int seconds, char out[TOKEN_LEN + 1]);

/*
 * Look a token up without using it: on TOKEN_OK, *user_id is its user and,
 * for TOKEN_EMAIL, new_email (256 bytes, may be NULL) gets the address.
 */
enum token_result token_peek(struct db *db, const char *token,
    enum token_purpose purpose, int64_t *user_id, char *new_email);

/*
 * Use the token: one guarded UPDATE marks it used, so of two racing uses
 * exactly one gets TOKEN_OK. Call inside the transaction that does what
 * the token allows. Fills *user_id and new_email as token_peek does.
 */
enum token_result token_use(struct db *db, const char *token,
    enum token_purpose purpose, int64_t *user_id, char *new_email);

/* What a mailed link does, once its token is used. */
struct token_action {
	const char *token;		/* the link's token */
	enum token_purpose purpose;
	/*
	 * Do what the token allows for user_id, inside the transaction;
	 * new_email is the address of a TOKEN_EMAIL token (else ""). Returns
	 * a db_rc: DB_OK commits, anything else rolls back.
	 */
	int (*act)(struct db *db, int64_t user_id, const char *new_email,
	    void *arg);
	void *arg;
	enum token_result tr;		/* out: why the token did not work */
	int64_t user_id;		/* out: whose it was */
};

/*
 * Use ta->token and run ta->act in one transaction (db_txn, retried as a
 * whole), so a link works once and does all it does, or nothing. Returns
 * db_txn's result: DB_OK when it was done, else ta->tr says whether the
 * token was the reason (TOKEN_OK when ta->act refused).
 */
int token_txn(struct db *db, struct token_action *ta);

#endif
