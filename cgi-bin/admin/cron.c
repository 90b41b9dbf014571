/*
 * kaaj-admin's scheduled work: cron and mail-send (admin/cron.h). The
 * site's own work, done for nobody: not written to the audit log.
 */
#include <stdio.h>

#include "accounts/mail_queue.h"
#include "admin/cron.h"
#include "admin/notices.h"
#include "admin/uploads.h"
#include "admin/webhook_send.h"
#include "base/config.h"
#include "market/task.h"
#include "storage/db.h"

int
admin_mail_send(struct db *db, const struct kaaj_config *cfg)
{
	struct mail_run run;

	if (mail_queue_send_due(db, cfg, &run) == -1)
		return -1;
	printf("sent %lld mails, %lld to try again, %lld failed\n",
	    (long long)run.sent, (long long)run.retried, (long long)run.failed);
	return 0;
}

/* What cron's tidying removed. */
struct tidy {
	const struct kaaj_config *cfg;
	int64_t purged;		/* rows of old sent mail */
};

/*
 * The txn body of cron's tidying: spent rate-limit counters and captcha
 * records, and sent mail's rows past mail.keep_sent_days. In a db_txn so
 * that two crons at once, whose DELETEs can deadlock on the same range,
 * retry instead of failing.
 */
static int
tidy_body(struct db *db, void *arg)
{
	struct tidy *t = arg;
	int rc;

	if ((rc = db_exec(db, NULL, NULL, "DELETE FROM rate_limits"
	    " WHERE expires_at < UTC_TIMESTAMP()", "")) != DB_OK ||
	    (rc = db_exec(db, NULL, NULL, "DELETE FROM captcha_used"
	    " WHERE expires_at < UTC_TIMESTAMP()", "")) != DB_OK)
		return rc;
	return mail_queue_purge(db, t->cfg, &t->purged) == 0 ? DB_OK :
	    DB_ERROR;
}

/* Say on stderr which step of cron failed; returns -1. */
static int
cron_failed(const char *step)
{
	fprintf(stderr, "kaaj-admin: cron: %s failed\n", step);
	return -1;
}

int
admin_cron(struct db *db, const struct kaaj_config *cfg)
{
	int64_t expired = 0, approved = 0, late = 0, noticed = 0;
	struct tidy tidy = { cfg, 0 };
	struct uploads_swept sw;
	struct webhook_run hooks;
	int swept;

	if (task_expire_due(db, &expired) != MARKET_OK)
		return cron_failed("expiring claims");
	if (task_approve_due(db, &approved) != MARKET_OK)
		return cron_failed("approving work not rated in time");
	printf("expired %lld claims, approved %lld tasks\n",
	    (long long)expired, (long long)approved);
	if (admin_notices_send(db, cfg, &late, &noticed) == -1)
		return cron_failed("mailing the admins about late queues");
	if (late > 0)
		printf("%lld queue items wait too long: %lld mails to admins\n",
		    (long long)late, (long long)noticed);
	if (admin_mail_send(db, cfg) == -1)
		return cron_failed("sending mail");
	if (webhook_send_due(db, cfg, &hooks) == -1)
		return cron_failed("sending webhooks");
	if (hooks.done + hooks.retried + hooks.failed > 0)
		printf("webhooks: %lld delivered, %lld to try again, %lld "
		    "failed\n", (long long)hooks.done, (long long)hooks.retried,
		    (long long)hooks.failed);
	if (db_txn(db, tidy_body, &tidy) != DB_OK)
		return cron_failed("tidying old rows");
	printf("deleted %lld rows of old sent mail\n", (long long)tidy.purged);
	if (uploads_sweep_hourly(db, cfg, &swept, &sw) == -1)
		return cron_failed("sweeping uploads");
	if (swept)
		printf("removed %lld of %lld uploads older than an hour: no "
		    "row named them\n", (long long)sw.removed,
		    (long long)sw.old);
	return 0;
}

