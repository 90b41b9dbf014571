/*
 * Sending the webhooks' outbox (accounts/webhooks.h, sql/0023) from
 * kaaj-admin cron, with libcurl: only kaaj-admin links it, so kaaj.fcgi
 * starts no slower. docs/api.md ("Webhooks") says what a receiver gets.
 *
 * A delivery is "queued" until a sender claims it with one guarded UPDATE
 * (due, tries left), which makes it "sending", counts the try and moves
 * next_try_at WEBHOOK_LEASE_SECONDS ahead as the claim's lease; two
 * senders at once therefore never send one delivery twice, and one that
 * died leaves it to be claimed again after the lease. The UPDATE that
 * settles it is guarded by (id, attempts). 2xx: "done"; anything else
 * (another status, a redirect, a timeout, a refused address) waits
 * 1 min, 5 min, 30 min, 2 h and 12 h, and the sixth failure is "failed".
 */
#ifndef KAAJ_WEBHOOK_SEND_H
#define KAAJ_WEBHOOK_SEND_H

#include <stdint.h>

struct db;
struct kaaj_config;

#define WEBHOOK_TRIES 6		/* the last one fails the delivery */
#define WEBHOOK_LEASE_SECONDS 60	/* > the 10 s a try may take */
#define WEBHOOK_CONNECT_SECONDS 5
#define WEBHOOK_TOTAL_SECONDS 10

/* What a run did. */
struct webhook_run {
	int64_t done;		/* answered 2xx */
	int64_t retried;	/* to be tried again */
	int64_t failed;		/* out of tries */
};

/*
 * Seconds to wait after failed try number attempt (1 = the first) before
 * the next; 0 when there is no next (attempt >= WEBHOOK_TRIES).
 */
int64_t webhook_retry_seconds(int64_t attempt);

/*
 * The signature header's value for body sent at unix time t with secret:
 * "t=T,v1=HEX", HEX the HMAC-SHA256 (key: the secret's text) of
 * "T.BODY" in small hex digits, into out (at least 100 bytes).
 */
void webhook_sign(const char *secret, int64_t t, const char *body,
    size_t len, char *out, size_t outlen);

/*
 * Send at most cfg->webhook_per_run due deliveries, oldest first, each
 * once, and settle each. Deliveries done or failed more than 30 days ago
 * are deleted. Returns 0, or -1 on a database error or when libcurl
 * cannot start.
 */
int webhook_send_due(struct db *db, const struct kaaj_config *cfg,
    struct webhook_run *run);

#endif
