/*
 * The audit log's rows: who kaaj-admin runs as, and the one INSERT.
 */
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "accounts/audit.h"
#include "base/log.h"
#include "storage/db.h"

void
audit_actor_cli(struct audit_actor *a)
{
	const struct passwd *pw = getpwuid(getuid());
	const char *sudo = getenv("SUDO_USER");
	char login[48];

	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0')
		snprintf(login, sizeof(login), "%s", pw->pw_name);
	else
		snprintf(login, sizeof(login), "uid %lu",
		    (unsigned long)getuid());
	if (sudo != NULL && sudo[0] != '\0')
		snprintf(a->name, sizeof(a->name), "%s via sudo %.40s",
		    login, sudo);	/* at most 47 + 10 + 40 characters */
	else
		snprintf(a->name, sizeof(a->name), "%s", login);
	a->user_id = 0;
	a->via = "cli";
	a->address = "";
}

/*
 * Copy the first max characters of UTF-8 text s (NULL: none) into out,
 * which holds max * 4 + 1 bytes, never splitting a character.
 */
static const char *
cut(const char *s, size_t max, char *out)
{
	size_t i = 0, chars = 0;

	if (s == NULL)
		s = "";
	for (; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
		out[i] = s[i];
	}
	out[i] = '\0';
	return out;
}

int
audit_write(struct db *db, const char *action, const char *target_kind,
    int64_t target_id, const char *reason, const char *detail)
{
	const struct audit_actor *a = db_actor(db);
	char why[AUDIT_REASON_MAX * 4 + 1], what[AUDIT_DETAIL_MAX * 4 + 1];

	if (a == NULL) {
		log_err(NULL, "audit: %s of %s %lld refused: nobody is named "
		    "as the actor", action, target_kind, (long long)target_id);
		return DB_ERROR;
	}
	return db_exec(db, NULL, NULL, "INSERT INTO audit_log (actor_id,"
	    " actor_name, via, address, action, target_kind, target_id,"
	    " reason, detail) VALUES (NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)",
	    "isssssiss", a->user_id, a->name, a->via, a->address, action,
	    target_kind, target_id, cut(reason, AUDIT_REASON_MAX, why),
	    cut(detail, AUDIT_DETAIL_MAX, what));
}
