/*
 * The queue of outgoing mail (table mail_queue, sql/0007_mail_queue.sql).
 * A page only adds a row, so an answer never waits for the sendmail
 * command and takes as long whether or not it mails anyone; kaaj-admin
 * (cron, mail-send) sends what is due, retries what failed with a growing
 * wait, and after mail.max_attempts tries marks it failed for the admins.
 */
#ifndef KAAJ_MAIL_QUEUE_H
#define KAAJ_MAIL_QUEUE_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct kaaj_config;

/*
 * Seconds a sender holds a mail it claimed. mail_send gives the command
 * 30 seconds at most, so a live sender settles its mail long before; a
 * sender that died leaves the mail to be claimed again after this.
 */
#define MAIL_LEASE_SECONDS 600

/* The longest wait between two tries of one mail: a day. */
#define MAIL_RETRY_MAX_SECONDS 86400

/* What one mail_queue_send_due run did. */
struct mail_run {
	int64_t sent;		/* piped to the command, which took them */
	int64_t retried;	/* refused now, to be tried again later */
	int64_t failed;		/* out of tries: now failed */
};

/*
 * Queue a mail to the one plain address to with subject and body (UTF-8
 * text), due at once: one INSERT. The address, the subject and
 * mail.from are checked as mail_build checks them first, so a mail that
 * could never be sent is refused here. Returns 0, or -1 with the reason
 * in err (a refused mail, or a database error, which the layer logs).
 */
int mail_queue_add(struct db *db, const struct kaaj_config *cfg,
    const char *to, const char *subject, const char *body, char *err,
    size_t errlen);

/*
 * Send every mail that is due, each through mail_send. A mail is claimed
 * first with one guarded UPDATE checked by its affected rows (which also
 * counts the try and holds it for MAIL_LEASE_SECONDS), so senders that
 * overlap, on one machine or several, never send a mail twice. Then it is
 * marked sent (its body emptied: the link in it is not kept), or the
 * error is kept and it waits mail_retry_seconds for its next try, or,
 * at its mail.max_attempts-th try, it is marked failed. Each mail is
 * tried at most once a run. A mail out of tries whose sender died is
 * marked failed. Counts go to *run. Returns 0, or -1 on a database error
 * (what was done stays done).
 */
int mail_queue_send_due(struct db *db, const struct kaaj_config *cfg,
    struct mail_run *run);

/*
 * The wait, in seconds, before the next try of a mail whose attempts-th
 * try (from 1) failed: mail.retry_minutes, doubled after each further
 * failure, at most MAIL_RETRY_MAX_SECONDS.
 */
int64_t mail_retry_seconds(const struct kaaj_config *cfg, int64_t attempts);

/*
 * Delete the rows of mail sent more than mail.keep_sent_days ago (at most
 * 10000 a call); *deleted gets how many. Returns 0, or -1 on a database
 * error.
 */
int mail_queue_purge(struct db *db, const struct kaaj_config *cfg,
    int64_t *deleted);

/*
 * An admin's "send again" of the failed mail id: it is queued, due now,
 * with all its tries ahead of it; the last error stays until the next
 * try. One guarded UPDATE, so of two admins' clicks one does it, with
 * its audit row in the same transaction (accounts/audit.h). Returns 1
 * when done, 0 when id is not a failed mail (any more), -1 on a database
 * error (also when db has no actor).
 */
int mail_queue_retry(struct db *db, int64_t id);

#endif
