/*
 * Referrals: a user brought by another's link (users.referred_by) earns
 * their referrer a share of their task pay, for referral.days after they
 * registered (0: no end). The share is referral.percent of the pay,
 * rounded down to a whole micro-unit, and is paid by the site from its
 * revenue (the fee it took when the campaign was funded, never less than
 * the share: the config refuses a share above the task fee), never from
 * the worker's pay. referral.percent 0 turns referrals off.
 */
#ifndef KAAJ_REFERRAL_H
#define KAAJ_REFERRAL_H

#include <stddef.h>
#include <stdint.h>

#include "money/ledger.h"

struct db;

/* ppm parts per million of pay (>= 0), rounded down: the referrer's share. */
int64_t referral_share(int64_t pay, int64_t ppm);

/*
 * In a db_txn body, right after task's pay of amount went from its
 * campaign's escrow to worker: when worker was referred, the referral
 * still lasts and the referrer is active (read in the one locking
 * statement that finds the referrer, so a ban that commits first stops
 * it and one that comes later waits), post the referrer's share as
 * ledger transaction "task:ID:referral" (kind "referral", about campaign
 * and task) from the site's revenue to the referrer's available balance,
 * and add it to the worker's users.referral_earned. The terms are those
 * of db_config(db). Returns LEDGER_OK also when nothing is owed; else
 * what ledger_post returned (roll back on anything but LEDGER_OK).
 */
enum ledger_result referral_pay(struct db *db, int64_t campaign,
    int64_t task, int64_t worker, int64_t amount);

/*
 * The id of the active user named username, who may refer others; 0 when
 * there is none (unknown, pending or banned). Its name as stored (the
 * case it was registered with) goes to name[0..len) when name is not
 * NULL. Returns 0, or -1 on a database error.
 */
int referral_referrer(struct db *db, const char *username, int64_t *id,
    char *name, size_t len);

/*
 * For the dashboard and the referrals page: how many users user referred
 * (*referred) and what user earned from them in all (*earned, in
 * micro-units). One statement, by the users.referred_by key. Returns 0,
 * or -1 on a database error (both then 0).
 */
int referral_summary(struct db *db, int64_t user, int64_t *referred,
    int64_t *earned);

#endif
