/*
 * Sending webhooks (webhook_send.h): claim, build the body from the
 * outbox row, sign, POST with libcurl, settle.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "admin/webhook_send.h"
#include "base/buf.h"
#include "base/config.h"
#include "base/json.h"
#include "base/log.h"
#include "storage/db.h"

#define KEEP_DAYS 30		/* done and failed rows are kept */
#define PURGE_MAX 10000		/* rows deleted a run */
#define RETRIES 5		/* runs of a statement MariaDB undid */

/* What a claim needs true of a row: it is due, and it has tries left. */
#define DUE "status IN ('queued', 'sending')" \
	" AND next_try_at <= UTC_TIMESTAMP() AND attempts < ?"

static const int64_t retry_waits[WEBHOOK_TRIES - 1] = {
	60, 5 * 60, 30 * 60, 2 * 3600, 12 * 3600
};

int64_t
webhook_retry_seconds(int64_t attempt)
{
	if (attempt < 1 || attempt >= WEBHOOK_TRIES)
		return 0;
	return retry_waits[attempt - 1];
}

void
webhook_sign(const char *secret, int64_t t, const char *body, size_t len,
    char *out, size_t outlen)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char hex[2 * sizeof(mac) + 1], stamp[24];
	crypto_auth_hmacsha256_state st;

	snprintf(stamp, sizeof(stamp), "%lld.", (long long)t);
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret,
	    strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)stamp,
	    strlen(stamp));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	snprintf(out, outlen, "t=%lld,v1=%s", (long long)t, hex);
}

/* A sender's curl handle and what the address check saw. */
struct sender {
	CURL *curl;
	int loopback_ok;	/* webhooks.allow_http_loopback */
	int refused;		/* the last try's address was refused */
};

/* Whether IPv4 address a (network order) is one no hook may reach. */
static int
private_v4(const unsigned char *a, int loopback_ok)
{
	if (a[0] == 127)
		return !loopback_ok;
	return a[0] == 0 || a[0] == 10 || a[0] >= 224 ||
	    (a[0] == 100 && (a[1] & 0xc0) == 64) ||
	    (a[0] == 169 && a[1] == 254) ||
	    (a[0] == 172 && (a[1] & 0xf0) == 16) ||
	    (a[0] == 192 && a[1] == 168);
}

/* Whether the socket address sa is one no hook may reach. */
static int
private_address(const struct sockaddr *sa, int loopback_ok)
{
	static const unsigned char mapped[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};
	const unsigned char *a;

	if (sa->sa_family == AF_INET)
		return private_v4((const unsigned char *)
		    &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    loopback_ok);
	if (sa->sa_family != AF_INET6)
		return 1;
	a = ((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr.s6_addr;
	if (memcmp(a, mapped, sizeof(mapped)) == 0)
		return private_v4(a + 12, loopback_ok);
	if (IN6_IS_ADDR_LOOPBACK((const struct in6_addr *)(const void *)a))
		return !loopback_ok;
	return IN6_IS_ADDR_UNSPECIFIED((const struct in6_addr *)
	    (const void *)a) || (a[0] & 0xfe) == 0xfc ||
	    (a[0] == 0xfe && (a[1] & 0xc0) == 0x80) || a[0] == 0xff;
}

/*
 * libcurl's socket maker: refuses loopback, private, link-local and
 * multicast addresses, whatever name led there, so no employer can make
 * the site's own machines answer.
 */
static curl_socket_t
open_socket(void *arg, curlsocktype purpose, struct curl_sockaddr *addr)
{
	struct sender *s = arg;

	(void)purpose;
	if (private_address(&addr->addr, s->loopback_ok)) {
		s->refused = 1;
		return CURL_SOCKET_BAD;
	}
	return socket(addr->family, addr->socktype, addr->protocol);
}

/* The answer's body is not wanted. */
static size_t
discard(char *data, size_t size, size_t n, void *arg)
{
	(void)data;
	(void)arg;
	return size * n;
}

/* The outbox's numbers a body names, each left out when NULL. */
static const char *const body_ids[] = {
	"campaign_id", "task_id", "worker_id", "dispute_id", "slots"
};

/*
 * The delivery's body (the event, from the outbox row r only, so every
 * try sends the same bytes) into b. Columns: see send_one.
 */
static int
build_body(const struct db_result *r, const char *currency, struct buf *b)
{
	char created[32];
	size_t i;
	int rc;

	/* "2026-12-06 20:04:31" as RFC 3339: "2026-12-06T20:04:31Z". */
	snprintf(created, sizeof(created), "%sZ", db_value(r, 0, "created"));
	if (strlen(created) > 10)
		created[10] = 'T';
	rc = buf_puts(b, "{");
	rc |= json_member(b, "id", db_value(r, 0, "event_id"));
	rc |= buf_puts(b, ",");
	rc |= json_member(b, "event", db_value(r, 0, "event"));
	rc |= buf_puts(b, ",");
	rc |= json_member(b, "created", created);
	for (i = 0; i < sizeof(body_ids) / sizeof(body_ids[0]); i++)
		if (db_value(r, 0, body_ids[i]) != NULL) {
			rc |= buf_puts(b, ",");
			rc |= json_member_int(b, body_ids[i],
			    db_value_int(r, 0, body_ids[i]));
		}
	rc |= buf_puts(b, ",");
	rc |= json_member_money(b, "pay", db_value_int(r, 0, "pay"));
	rc |= buf_puts(b, ",");
	rc |= json_member(b, "currency", currency);
	rc |= buf_puts(b, "}");
	return rc == 0 ? 0 : -1;
}

/*
 * POST body to url with its headers. Returns the HTTP status (0 when
 * there was none) and, when it is not 2xx, a short code into *err:
 * "timeout", "address" (refused by open_socket), "tls", "connect",
 * "redirect" or "status"; NULL for 2xx.
 */
static long
post(struct sender *s, const char *url, const char *secret,
    const char *event, int64_t id, const struct buf *body, const char **err)
{
	char sig[128], h_sig[160], h_event[80], h_id[64];
	struct curl_slist *h = NULL, *next;
	long status = 0;
	CURLcode cc;

	webhook_sign(secret, (int64_t)time(NULL), body->data, body->len, sig,
	    sizeof(sig));
	snprintf(h_sig, sizeof(h_sig), "Kaaj-Signature: %s", sig);
	snprintf(h_event, sizeof(h_event), "Kaaj-Event: %s", event);
	snprintf(h_id, sizeof(h_id), "Kaaj-Delivery: %lld", (long long)id);
	s->refused = 0;
	*err = "connect";
	if ((next = curl_slist_append(h, "Content-Type: application/json")) ==
	    NULL || (h = next, next = curl_slist_append(h, h_sig)) == NULL ||
	    (h = next, next = curl_slist_append(h, h_event)) == NULL ||
	    (h = next, next = curl_slist_append(h, h_id)) == NULL ||
	    (h = next, next = curl_slist_append(h, "Expect:")) == NULL) {
		curl_slist_free_all(h);
		return 0;
	}
	h = next;
	curl_easy_setopt(s->curl, CURLOPT_URL, url);
	curl_easy_setopt(s->curl, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDS, body->data);
	curl_easy_setopt(s->curl, CURLOPT_POSTFIELDSIZE, (long)body->len);
	cc = curl_easy_perform(s->curl);
	curl_slist_free_all(h);
	if (cc == CURLE_OK)
		curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
	if (cc == CURLE_OK && status >= 200 && status < 300) {
		*err = NULL;
		return status;
	}
	if (cc == CURLE_OK)
		*err = status >= 300 && status < 400 ? "redirect" : "status";
	else if (s->refused)
		*err = "address";
	else if (cc == CURLE_OPERATION_TIMEDOUT)
		*err = "timeout";
	else if (cc == CURLE_SSL_CONNECT_ERROR ||
	    cc == CURLE_PEER_FAILED_VERIFICATION)
		*err = "tls";
	if (cc != CURLE_OK)
		log_warn(NULL, "webhook delivery %lld to %s: %s", (long long)id,
		    url, s->refused ? "address refused (loopback or private)" :
		    curl_easy_strerror(cc));
	return status;
}

/*
 * Claim delivery id: 1 when it is ours, 0 when it is not due or another
 * sender has it, -1 on a database error.
 */
static int
claim(struct db *db, int64_t id)
{
	uint64_t n;
	int rc, tries = 0;

	/* Two senders at once may deadlock here: MariaDB undoes one; again. */
	do
		rc = db_exec(db, &n, NULL, "UPDATE webhook_deliveries"
		    " SET status = 'sending', attempts = attempts + 1,"
		    " next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND"
		    " WHERE id = ? AND " DUE, "iii",
		    (int64_t)WEBHOOK_LEASE_SECONDS, id, (int64_t)WEBHOOK_TRIES);
	while (rc == DB_RETRY && ++tries < RETRIES);
	if (rc != DB_OK)
		return -1;
	return n == 1;
}

/* Settle the claim (id, attempt): done when err is NULL, else wait. */
static int
settle(struct db *db, int64_t id, int64_t attempt, long status,
    const char *err, struct webhook_run *run)
{
	int64_t wait = err == NULL ? 0 : webhook_retry_seconds(attempt);
	uint64_t n;
	int rc, tries = 0;

	do
		rc = db_exec(db, &n, NULL, "UPDATE webhook_deliveries"
		    " SET status = ?,"
		    " next_try_at = UTC_TIMESTAMP() + INTERVAL ? SECOND,"
		    " last_status = NULLIF(?, 0), last_error = ?,"
		    " done_at = IF(status = 'done', UTC_TIMESTAMP(), NULL)"
		    " WHERE id = ? AND status = 'sending' AND attempts = ?",
		    "siisii", err == NULL ? "done" : wait == 0 ? "failed" :
		    "queued", wait, (int64_t)status, err, id, attempt);
	while (rc == DB_RETRY && ++tries < RETRIES);
	if (rc != DB_OK)
		return -1;
	if (n == 0)	/* only when this try outlived its lease */
		log_warn(NULL, "webhook delivery %lld lost its claim (try "
		    "%lld) before it was settled", (long long)id,
		    (long long)attempt);
	if (err == NULL)
		run->done++;
	else if (wait == 0)
		run->failed++;
	else
		run->retried++;
	return 0;
}

/* Claim delivery id, send it and settle it: 0, or -1 on a db error. */
static int
send_one(struct db *db, const struct kaaj_config *cfg, struct sender *s,
    int64_t id, struct webhook_run *run)
{
	struct db_result r;
	struct buf body;
	const char *err;
	long status;
	int rc;

	if ((rc = claim(db, id)) != 1)
		return rc;
	if (db_query(db, &r, "SELECT d.event, d.event_id, d.campaign_id,"
	    " d.task_id, d.worker_id, d.dispute_id, d.slots, d.pay,"
	    " d.created_at AS created, d.attempts, h.url, h.secret"
	    " FROM webhook_deliveries d JOIN webhooks h ON h.id = d.hook_id"
	    " WHERE d.id = ?", "i", id) != DB_OK)
		return -1;
	if (r.nrows != 1) {	/* its hook was deleted meanwhile */
		db_result_free(&r);
		return 0;
	}
	buf_init(&body);
	if (build_body(&r, cfg->currency, &body) == -1) {
		status = 0;
		err = "connect";
	} else
		status = post(s, db_value(&r, 0, "url"), db_value(&r, 0,
		    "secret"), db_value(&r, 0, "event"), id, &body, &err);
	buf_free(&body);
	rc = settle(db, id, db_value_int(&r, 0, "attempts"), status, err, run);
	db_result_free(&r);
	return rc;
}

/*
 * Transaction body: fail the deliveries out of tries whose last sender
 * died, and delete old rows. In a db_txn so that two crons at once,
 * whose statements can deadlock on the same range, retry.
 */
static int
tidy_body(struct db *db, void *arg)
{
	int64_t *failed = arg;
	uint64_t n;
	int rc;

	if ((rc = db_exec(db, &n, NULL, "UPDATE webhook_deliveries"
	    " SET status = 'failed' WHERE status IN ('queued', 'sending')"
	    " AND next_try_at <= UTC_TIMESTAMP() AND attempts >= ?", "i",
	    (int64_t)WEBHOOK_TRIES)) != DB_OK)
		return rc;
	*failed = (int64_t)n;
	return db_exec(db, NULL, NULL, "DELETE FROM webhook_deliveries"
	    " WHERE status IN ('done', 'failed')"
	    " AND next_try_at < UTC_TIMESTAMP() - INTERVAL ? DAY LIMIT ?",
	    "ii", (int64_t)KEEP_DAYS, (int64_t)PURGE_MAX);
}

/* A curl handle with the options every try shares, or NULL. */
static CURL *
sender_curl(struct sender *s)
{
	CURL *c;

	if ((c = curl_easy_init()) == NULL)
		return NULL;
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT,
	    (long)WEBHOOK_CONNECT_SECONDS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)WEBHOOK_TOTAL_SECONDS);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR,
	    s->loopback_ok ? "http,https" : "https");
	/* No proxy from the environment: the address check must hold. */
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "kaaj-webhooks");
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, s);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	return c;
}

int
webhook_send_due(struct db *db, const struct kaaj_config *cfg,
    struct webhook_run *run)
{
	struct sender s = { NULL, cfg->webhook_http_loopback, 0 };
	struct db_result r;
	size_t i;
	int rc = 0;

	memset(run, 0, sizeof(*run));
	if (db_txn(db, tidy_body, &run->failed) != DB_OK)
		return -1;
	if (db_query(db, &r, "SELECT id FROM webhook_deliveries WHERE " DUE
	    " ORDER BY id LIMIT ?", "ii", (int64_t)WEBHOOK_TRIES,
	    (int64_t)cfg->webhook_per_run) != DB_OK)
		return -1;
	if (r.nrows > 0) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
		    (s.curl = sender_curl(&s)) == NULL) {
			log_err(NULL, "webhooks: libcurl did not start");
			rc = -1;
		}
		for (i = 0; i < r.nrows && rc == 0; i++)
			rc = send_one(db, cfg, &s, db_cell_int(&r, i, 0), run);
		if (s.curl != NULL)
			curl_easy_cleanup(s.curl);
		curl_global_cleanup();
	}
	db_result_free(&r);
	return rc;
}
