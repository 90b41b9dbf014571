/*
 * kaaj-admin cron's mail to the admins about queues that wait too long:
 * deposits awaiting confirmation, withdrawals awaiting payment, open
 * disputes and campaigns awaiting moderation, each past its hours in the
 * admin_notices group of etc/kaaj.conf. An item is mailed about once
 * (table admin_notices, sql/0020_admin_campaigns.sql).
 */
#ifndef KAAJ_ADMIN_NOTICES_H
#define KAAJ_ADMIN_NOTICES_H

#include <stdint.h>

struct db;
struct kaaj_config;

/*
 * Find the items that crossed their queue's threshold and were not
 * mailed about yet (at most 50 a queue a run; the rest wait for the next
 * run), and queue one mail (accounts/mail_queue.h) to every active admin
 * listing them, in the admin's language (templates/mail/admin_notice.cs,
 * Lang.Mail.admin_notice). One transaction: each item is claimed with
 * INSERT IGNORE into admin_notices, checked by its affected rows, so of
 * crons running at once one mails an item, and an item is mailed about
 * with its claim or not at all. *items gets how many items were new,
 * *mails how many mails were queued. Returns 0, or -1 after saying on
 * stderr why (a database error, a template or a mail refused).
 */
int admin_notices_send(struct db *db, const struct kaaj_config *cfg,
    int64_t *items, int64_t *mails);

#endif
