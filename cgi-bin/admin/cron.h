/*
 * kaaj-admin's scheduled work: cron and mail-send. The site's own work,
 * done for nobody, so neither writes to the audit log.
 */
#ifndef KAAJ_ADMIN_CRON_H
#define KAAJ_ADMIN_CRON_H

struct db;
struct kaaj_config;

/*
 * Send the queued mail that is due, and say on stdout what became of it.
 * Returns 0, or -1 on a database error.
 */
int admin_mail_send(struct db *db, const struct kaaj_config *cfg);

/*
 * The periodic work, for a crontab line such as "* * * * * kaaj-admin
 * cron": expired claims free their slots, work not rated in time is
 * approved, the admins are mailed about queue items that wait too long
 * (admin/notices.h), spent rate-limit counters and captcha records go,
 * queued mail is sent, due webhooks are sent (admin/webhook_send.h),
 * and sent mail's rows past mail.keep_sent_days go;
 * once an hour,
 * uploads no row names go. Safe to run from several machines at once.
 * Says what it did on stdout; returns 0, or -1 after saying on stderr
 * which step failed.
 */
int admin_cron(struct db *db, const struct kaaj_config *cfg);

#endif
