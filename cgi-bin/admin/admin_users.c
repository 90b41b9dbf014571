/*
 * kaaj-admin's account commands.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "admin/admin_users.h"
#include "base/config.h"
#include "storage/db.h"
#include "accounts/password.h"
#include "accounts/session.h"
#include "accounts/users.h"
#include "accounts/validate.h"

/* Read one line of at most PASSWORD_MAX * 4 bytes, without its newline. */
static int
read_password(FILE *in, char *out, size_t outlen)
{
	size_t n;

	if (fgets(out, (int)outlen, in) == NULL)
		return -1;
	n = strcspn(out, "\r\n");
	if (out[n] == '\0' && n == outlen - 1)
		return -1;	/* longer than the buffer */
	out[n] = '\0';
	return 0;
}

int
admin_create_admin(struct db *db, const struct kaaj_config *cfg,
    const char *username, const char *email, FILE *in)
{
	char password[PASSWORD_MAX * 4 + 2], hash[PASSWORD_HASH_MAX];
	struct user_new nu = { username, email, hash, "", "en", 1, 1, 0 };
	const char *why;
	int64_t id;
	int rc;

	if ((why = validate_username(username)) != NULL ||
	    (why = validate_email(email)) != NULL) {
		fprintf(stderr, "kaaj-admin: %s\n", why);
		return -1;
	}
	if (read_password(in, password, sizeof(password)) == -1) {
		fprintf(stderr, "kaaj-admin: give the password as the first "
		    "line of standard input\n");
		return -1;
	}
	if ((why = password_problem(password, username, email)) != NULL) {
		fprintf(stderr, "kaaj-admin: password refused: %s\n", why);
		sodium_memzero(password, sizeof(password));
		return -1;
	}
	if (sodium_init() < 0 || password_hash(cfg, password, hash) == -1) {
		fprintf(stderr, "kaaj-admin: cannot hash the password\n");
		sodium_memzero(password, sizeof(password));
		return -1;
	}
	sodium_memzero(password, sizeof(password));
	rc = users_create(db, &nu, &id);
	if (rc == DB_DUPLICATE) {
		fprintf(stderr, "kaaj-admin: the username or e-mail address "
		    "is taken\n");
		return -1;
	}
	if (rc != DB_OK)
		return -1;
	printf("admin %s created\n", username);
	return 0;
}

int
admin_ban(struct db *db, const char *username, const char *reason)
{
	struct db_result r;
	int64_t id;
	int was_banned;

	if (reason != NULL && (reason[0] == '\0' || strlen(reason) > 500)) {
		fprintf(stderr, "kaaj-admin: a ban needs a reason of 1 to 500 "
		    "characters\n");
		return -1;
	}
	if (db_query(db, &r, "SELECT id FROM users WHERE username = ?", "s",
	    username) != DB_OK)
		return -1;
	id = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	if (id == 0) {
		fprintf(stderr, "kaaj-admin: no user %s\n", username);
		return -1;
	}
	if (reason != NULL) {
		if (users_ban(db, id, reason) != DB_OK ||
		    session_end_user(db, id, NULL) == -1)
			return -1;
		printf("%s banned\n", username);
		return 0;
	}
	if (users_unban(db, id, &was_banned) != DB_OK)
		return -1;
	printf(was_banned ? "%s unbanned\n" : "%s was not banned\n",
	    username);
	return 0;
}
