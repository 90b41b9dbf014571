/*
 * Webhooks: the hooks and the outbox (webhooks.h, sql/0023).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "accounts/webhooks.h"
#include "storage/db.h"

static const char *const event_names[WEBHOOK_EVENTS] = {
	"submission", "out_of_slots", "dispute"
};

const char *
webhook_event_name(int bit)
{
	return bit >= 0 && bit < WEBHOOK_EVENTS ? event_names[bit] : "";
}

/* Whether the n bytes at host name a loopback host. */
static int
is_loopback(const char *host, size_t n)
{
	static const char *const names[] = {
		"127.0.0.1", "localhost", "[::1]"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n &&
		    strncasecmp(host, names[i], n) == 0)
			return 1;
	return 0;
}

/*
 * The length of the host part (a name, IPv4 or [IPv6]) at s, which ends
 * at ':', '/', '?' or the end; 0 when it is not one.
 */
static size_t
host_len(const char *s)
{
	size_t n;

	if (s[0] == '[') {
		n = 1 + strspn(s + 1, "0123456789abcdefABCDEF:.");
		return s[n] == ']' && n > 2 ? n + 1 : 0;
	}
	n = strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789.-");
	return n > 0 && s[0] != '.' && s[0] != '-' ? n : 0;
}

const char *
webhook_url_problem(const char *url, int loopback_http)
{
	const char *host, *p;
	size_t n, port;
	int https;

	if (strncasecmp(url, "https://", 8) == 0)
		https = 1;
	else if (strncasecmp(url, "http://", 7) == 0)
		https = 0;
	else
		return "webhook_url_bad";
	host = url + (https ? 8 : 7);
	if ((n = host_len(host)) == 0)
		return "webhook_url_bad";
	p = host + n;
	if (*p == ':') {
		port = strspn(p + 1, "0123456789");
		if (port == 0 || port > 5)
			return "webhook_url_bad";
		p += 1 + port;
	}
	if (*p != '\0' && *p != '/' && *p != '?')
		return "webhook_url_bad";
	/* The rest: printable ASCII, no spaces, no fragment. */
	for (; *p != '\0'; p++)
		if (*p <= ' ' || *p > '~' || *p == '#')
			return "webhook_url_bad";
	if (!https && !(loopback_http && is_loopback(host, n)))
		return "webhook_url_https";
	return NULL;
}

/* A hook to make, and what became of it. */
struct new_hook {
	int64_t user;
	const char *url;
	const char *events;
	const char *secret;
	int64_t id;
	int too_many;
};

/*
 * Transaction body: the user's row is locked, so two hooks made at once
 * are counted one after the other against WEBHOOKS_PER_USER.
 */
static int
create_body(struct db *db, void *arg)
{
	struct new_hook *h = arg;
	struct db_result r;
	uint64_t id;
	int rc;

	if ((rc = db_query(db, &r, "SELECT (SELECT COUNT(*) FROM webhooks"
	    " WHERE user_id = u.id) AS hooks"
	    " FROM users u WHERE u.id = ? FOR UPDATE", "i", h->user)) != DB_OK)
		return rc;
	h->too_many = r.nrows != 1 ||
	    db_cell_int(&r, 0, 0) >= WEBHOOKS_PER_USER;
	db_result_free(&r);
	if (h->too_many)
		return DB_OK;
	rc = db_exec(db, NULL, &id, "INSERT INTO webhooks"
	    " (user_id, url, secret, events) VALUES (?, ?, ?, ?)", "isss",
	    h->user, h->url, h->secret, h->events);
	h->id = (int64_t)id;
	return rc;
}

enum webhook_result
webhook_create(struct db *db, int64_t user, const char *url,
    unsigned int events, char secret[WEBHOOK_SECRET_LEN + 1], int64_t *id)
{
	unsigned char bytes[(WEBHOOK_SECRET_LEN - 6) / 2];
	char set[64], hex[WEBHOOK_SECRET_LEN - 6 + 1];
	struct new_hook h = { user, url, set, secret, 0, 0 };
	int i, rc;

	set[0] = '\0';
	for (i = 0; i < WEBHOOK_EVENTS; i++)
		if (events & (1u << i))
			snprintf(set + strlen(set), sizeof(set) - strlen(set),
			    "%s%s", set[0] != '\0' ? "," : "", event_names[i]);
	randombytes_buf(bytes, sizeof(bytes));
	sodium_bin2hex(hex, sizeof(hex), bytes, sizeof(bytes));
	sodium_memzero(bytes, sizeof(bytes));
	snprintf(secret, WEBHOOK_SECRET_LEN + 1, "whsec_%s", hex);
	sodium_memzero(hex, sizeof(hex));
	rc = db_txn(db, create_body, &h);
	if (rc != DB_OK || h.too_many)
		sodium_memzero(secret, WEBHOOK_SECRET_LEN + 1);
	if (rc != DB_OK)
		return WEBHOOK_DB_ERROR;
	if (h.too_many)
		return WEBHOOK_TOO_MANY;
	*id = h.id;
	return WEBHOOK_OK;
}

int
webhook_delete(struct db *db, int64_t user, int64_t id)
{
	uint64_t n;

	if (db_exec(db, &n, NULL, "DELETE FROM webhooks"
	    " WHERE id = ? AND user_id = ?", "ii", id, user) != DB_OK)
		return -1;
	return n == 1;
}

/* The columns every queued delivery fills, then the hook's row. */
#define QUEUE_INTO "INSERT INTO webhook_deliveries (hook_id, event," \
	" event_id, campaign_id, task_id, worker_id, dispute_id, slots, pay," \
	" created_at, next_try_at) SELECT h.id, "

/*
 * One statement per event. The event id names the event, the same for
 * every hook and every try: a task's submission is counted by its
 * revisions (one proof each time it is claimed or sent back).
 */
static const char *const queue_sql[WEBHOOK_EVENTS] = {
	QUEUE_INTO "'submission.arrived',"
	" CONCAT('submission-', t.id, '-', t.revisions), c.id, t.id,"
	" t.worker_id, NULL, c.slots_total, c.pay_per_task,"
	" UTC_TIMESTAMP(), UTC_TIMESTAMP()"
	" FROM tasks t JOIN campaigns c ON c.id = t.campaign_id"
	" JOIN webhooks h ON h.user_id = c.owner_id"
	" WHERE t.id = ? AND FIND_IN_SET('submission', h.events)",

	QUEUE_INTO "'campaign.out_of_slots',"
	" CONCAT('out_of_slots-', t.id), c.id, t.id, t.worker_id, NULL,"
	" c.slots_total, c.pay_per_task, UTC_TIMESTAMP(), UTC_TIMESTAMP()"
	" FROM tasks t JOIN campaigns c ON c.id = t.campaign_id"
	" JOIN webhooks h ON h.user_id = c.owner_id"
	" WHERE t.id = ? AND c.slots_taken >= c.slots_total"
	" AND FIND_IN_SET('out_of_slots', h.events)",

	QUEUE_INTO "'dispute.opened',"
	" CONCAT('dispute-', d.id), c.id, t.id, t.worker_id, d.id,"
	" c.slots_total, c.pay_per_task, UTC_TIMESTAMP(), UTC_TIMESTAMP()"
	" FROM disputes d JOIN tasks t ON t.id = d.task_id"
	" JOIN campaigns c ON c.id = t.campaign_id"
	" JOIN webhooks h ON h.user_id = c.owner_id"
	" WHERE d.id = ? AND FIND_IN_SET('dispute', h.events)",
};

int
webhook_queue(struct db *db, enum webhook_event event, int64_t id)
{
	int bit;

	for (bit = 0; bit < WEBHOOK_EVENTS; bit++)
		if ((unsigned int)event == 1u << bit)
			return db_exec(db, NULL, NULL, queue_sql[bit], "i", id);
	return DB_ERROR;
}
