-- 0022: keys for kaaj's JSON API (/api/v1, docs/api.md). A key is
-- "kaaj_" LOOKUP "_" SECRET: lookup (12 hex digits) finds the row, and
-- only the SHA-256 of the secret (32 random bytes, so a fast hash is
-- enough) is kept: the key is shown once, when it is made. scopes say
-- what the key may do; a revoked key keeps its row (revoked_at), so the
-- log's key names stay explained. last_used_at is written by the rate
-- limit's statement of the request, not by one of its own. Safe to run
-- again.

CREATE TABLE IF NOT EXISTS api_keys (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	user_id BIGINT UNSIGNED NOT NULL,
	name VARCHAR(60) NOT NULL,
	lookup CHAR(12) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
	secret_hash BINARY(32) NOT NULL,
	scopes SET('read', 'post', 'rate', 'pay') NOT NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	last_used_at DATETIME NULL,
	revoked_at DATETIME NULL,
	PRIMARY KEY (id),
	UNIQUE KEY lookup (lookup),
	KEY user_id (user_id, id),
	CONSTRAINT api_keys_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
