/*
 * API keys (api_keys.h, sql/0022).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "accounts/api_keys.h"
#include "storage/db.h"

static const char *const scope_names[API_SCOPES] = {
	"read", "post", "rate", "pay"
};

const char *
api_scope_name(int bit)
{
	return bit >= 0 && bit < API_SCOPES ? scope_names[bit] : "";
}

/* scopes as the SET column's text: "read,rate". */
static void
scopes_text(unsigned int scopes, char *out, size_t outlen)
{
	int i;

	out[0] = '\0';
	for (i = 0; i < API_SCOPES; i++)
		if (scopes & (1u << i))
			snprintf(out + strlen(out), outlen - strlen(out), "%s%s",
			    out[0] != '\0' ? "," : "", scope_names[i]);
}

/* The bits of a SET column's text. */
static unsigned int
scopes_of(const char *text)
{
	unsigned int scopes = 0;
	size_t n;
	int i;

	while (text != NULL && *text != '\0') {
		n = strcspn(text, ",");
		for (i = 0; i < API_SCOPES; i++)
			if (strlen(scope_names[i]) == n &&
			    strncmp(text, scope_names[i], n) == 0)
				scopes |= 1u << i;
		text += n + (text[n] == ',');
	}
	return scopes;
}

/* A key to make, and what became of it. */
struct new_key {
	int64_t user;
	const char *name;
	const char *scopes;
	char lookup[API_LOOKUP_LEN + 1];
	unsigned char hash[crypto_hash_sha256_BYTES];
	int64_t id;
	int too_many;
};

/*
 * Transaction body: the user's row is locked, so two keys made at once
 * are counted one after the other against API_KEYS_PER_USER.
 */
static int
create_body(struct db *db, void *arg)
{
	struct new_key *k = arg;
	struct db_result r;
	uint64_t id;
	int rc;

	if ((rc = db_query(db, &r, "SELECT (SELECT COUNT(*) FROM api_keys"
	    " WHERE user_id = u.id AND revoked_at IS NULL) AS live"
	    " FROM users u WHERE u.id = ? FOR UPDATE", "i", k->user)) != DB_OK)
		return rc;
	k->too_many = r.nrows != 1 ||
	    db_cell_int(&r, 0, 0) >= API_KEYS_PER_USER;
	db_result_free(&r);
	if (k->too_many)
		return DB_OK;
	rc = db_exec(db, NULL, &id, "INSERT INTO api_keys"
	    " (user_id, name, lookup, secret_hash, scopes)"
	    " VALUES (?, ?, ?, ?, ?)", "issbs", k->user, k->name, k->lookup,
	    k->hash, (size_t)sizeof(k->hash), k->scopes);
	k->id = (int64_t)id;
	return rc;
}

enum api_key_result
api_key_create(struct db *db, int64_t user, const char *name,
    unsigned int scopes, char token[API_TOKEN_LEN + 1], int64_t *id)
{
	unsigned char lookup[API_LOOKUP_LEN / 2], secret[API_SECRET_LEN / 2];
	char secret_hex[API_SECRET_LEN + 1], set[64];
	struct new_key k = { user, name, set, "", { 0 }, 0, 0 };
	int rc, tries;

	scopes_text(scopes, set, sizeof(set));
	/* A lookup already taken (1 in 2^48) is drawn again. */
	for (tries = 0; tries < 3; tries++) {
		randombytes_buf(lookup, sizeof(lookup));
		randombytes_buf(secret, sizeof(secret));
		sodium_bin2hex(k.lookup, sizeof(k.lookup), lookup,
		    sizeof(lookup));
		sodium_bin2hex(secret_hex, sizeof(secret_hex), secret,
		    sizeof(secret));
		crypto_hash_sha256(k.hash, (unsigned char *)secret_hex,
		    API_SECRET_LEN);
		if ((rc = db_txn(db, create_body, &k)) != DB_DUPLICATE)
			break;
	}
	sodium_memzero(secret, sizeof(secret));
	if (rc != DB_OK) {
		sodium_memzero(secret_hex, sizeof(secret_hex));
		return API_KEY_DB_ERROR;
	}
	if (k.too_many) {
		sodium_memzero(secret_hex, sizeof(secret_hex));
		return API_KEY_TOO_MANY;
	}
	snprintf(token, API_TOKEN_LEN + 1, "kaaj_%s_%s", k.lookup, secret_hex);
	sodium_memzero(secret_hex, sizeof(secret_hex));
	*id = k.id;
	return API_KEY_OK;
}

int
api_key_revoke(struct db *db, int64_t user, int64_t id)
{
	uint64_t n;

	if (db_exec(db, &n, NULL, "UPDATE api_keys"
	    " SET revoked_at = UTC_TIMESTAMP()"
	    " WHERE id = ? AND user_id = ? AND revoked_at IS NULL", "ii", id,
	    user) != DB_OK)
		return -1;
	return n == 1;
}

/* Whether s is n small hex digits. */
static int
is_hex(const char *s, size_t n)
{
	return strspn(s, "0123456789abcdef") >= n;
}

int
api_key_check(struct db *db, const char *token, struct api_key *key)
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	char lookup[API_LOOKUP_LEN + 1], hex[2 * sizeof(hash) + 1];
	const char *secret, *stored;
	struct db_result r;
	int ok;

	memset(key, 0, sizeof(*key));
	if (token == NULL || strlen(token) != API_TOKEN_LEN ||
	    strncmp(token, "kaaj_", 5) != 0 ||
	    !is_hex(token + 5, API_LOOKUP_LEN) ||
	    token[5 + API_LOOKUP_LEN] != '_' ||
	    !is_hex(token + 6 + API_LOOKUP_LEN, API_SECRET_LEN))
		return 0;
	memcpy(lookup, token + 5, API_LOOKUP_LEN);
	lookup[API_LOOKUP_LEN] = '\0';
	secret = token + 6 + API_LOOKUP_LEN;
	if (db_query(db, &r, "SELECT k.id, k.user_id, k.scopes, k.name,"
	    " LOWER(HEX(k.secret_hash)) AS hash, u.username, u.is_admin"
	    " FROM api_keys k JOIN users u ON u.id = k.user_id"
	    " WHERE k.lookup = ? AND k.revoked_at IS NULL"
	    " AND u.status = 'active'", "s", lookup) != DB_OK)
		return -1;
	ok = r.nrows == 1 && (stored = db_value(&r, 0, "hash")) != NULL &&
	    strlen(stored) == sizeof(hex) - 1;
	if (ok) {
		crypto_hash_sha256(hash, (const unsigned char *)secret,
		    API_SECRET_LEN);
		sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
		ok = sodium_memcmp(hex, stored, sizeof(hex) - 1) == 0;
	}
	if (ok) {
		key->id = db_value_int(&r, 0, "id");
		key->user_id = db_value_int(&r, 0, "user_id");
		key->scopes = scopes_of(db_value(&r, 0, "scopes"));
		key->is_admin = db_value_int(&r, 0, "is_admin") != 0;
		snprintf(key->name, sizeof(key->name), "%s",
		    db_value(&r, 0, "name"));
		snprintf(key->username, sizeof(key->username), "%s",
		    db_value(&r, 0, "username"));
	}
	db_result_free(&r);
	return ok;
}
