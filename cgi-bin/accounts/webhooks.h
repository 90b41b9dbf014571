/*
 * Webhooks (docs/api.md, "Webhooks"): an employer's https addresses that
 * kaaj POSTs a signed JSON body to when a submission arrives, one of
 * their campaigns runs out of slots, or a dispute of their campaign's
 * task opens. This file keeps the hooks (sql/0023, table webhooks) and
 * writes the outbox (webhook_deliveries) inside the event's own
 * transaction; kaaj-admin cron sends it (admin/webhook_send.h).
 */
#ifndef KAAJ_WEBHOOKS_H
#define KAAJ_WEBHOOKS_H

#include <stdint.h>

struct db;

/* What a hook may be told of: bits of its events. */
enum webhook_event {
	WEBHOOK_SUBMISSION = 1 << 0,	/* "submission.arrived" */
	WEBHOOK_OUT_OF_SLOTS = 1 << 1,	/* "campaign.out_of_slots" */
	WEBHOOK_DISPUTE = 1 << 2	/* "dispute.opened" */
};

#define WEBHOOK_EVENTS 3
#define WEBHOOKS_PER_USER 10
#define WEBHOOK_URL_MAX 500	/* characters, ASCII */
/* "whsec_" and 64 hex digits: 32 random bytes. */
#define WEBHOOK_SECRET_LEN 70

/*
 * The name of event bit number bit in the webhooks.events column and in
 * the form ("submission", "out_of_slots", "dispute"), or "".
 */
const char *webhook_event_name(int bit);

/*
 * Why url cannot be a hook's address, as a Lang.Form.Error key, or NULL
 * when it can: "webhook_url_bad" when it is not an absolute http(s)
 * address with a host name (no user name, no spaces, no fragment);
 * "webhook_url_https" when it is not https, unless loopback_http and its
 * host is 127.0.0.1, [::1] or localhost (the configuration's
 * webhooks.allow_http_loopback, for tests).
 */
const char *webhook_url_problem(const char *url, int loopback_http);

enum webhook_result {
	WEBHOOK_OK,
	WEBHOOK_TOO_MANY,	/* WEBHOOKS_PER_USER hooks already */
	WEBHOOK_DB_ERROR
};

/*
 * Register url (checked by webhook_url_problem) for user with events
 * (non-zero bits): a new random secret into secret (shown to the user
 * once), the hook's id into *id.
 */
enum webhook_result webhook_create(struct db *db, int64_t user,
    const char *url, unsigned int events,
    char secret[WEBHOOK_SECRET_LEN + 1], int64_t *id);

/*
 * Delete user's hook id and its deliveries. Returns 1 when it was
 * user's, 0 when there is no such hook of user's, -1 on a database error.
 */
int webhook_delete(struct db *db, int64_t user, int64_t id);

/*
 * In the transaction of an event: queue a delivery of event (one bit) to
 * every hook of the campaign's owner that takes it, in one INSERT ...
 * SELECT (no rows, and one indexed lookup, for an owner without hooks).
 * id is the task for WEBHOOK_SUBMISSION (call it once the task is
 * pending) and for WEBHOOK_OUT_OF_SLOTS (the claim that took a slot:
 * queued only when no slot of its campaign is free now), the dispute for
 * WEBHOOK_DISPUTE. Returns DB_OK or a db failure (storage/db.h).
 */
int webhook_queue(struct db *db, enum webhook_event event, int64_t id);

#endif
