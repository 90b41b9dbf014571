/*
 * Fraud signals for the admins (sql/0021_fraud.sql, /admin/fraud): the
 * ones a submission raises, written in its transaction, and the lists
 * the fraud view reads, each newest first, a range of one key.
 *
 * The address, payout and referral signals are written where the
 * address or the withdrawal is recorded (accounts/address_signals.h,
 * money/wallet.c); an employer approving a worker seen on one of the
 * employer's addresses is a fraud_flags row (market/rating.c).
 */
#ifndef KAAJ_FRAUD_H
#define KAAJ_FRAUD_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_result;

/* The view's sections, in the order of the page. */
enum fraud_section {
	FRAUD_ADDRESS,		/* accounts seen on one address */
	FRAUD_PAYOUT,		/* users asking for one payout account */
	FRAUD_COPY,		/* proof another worker sent first */
	FRAUD_FAST,		/* proof sent too soon after the claim */
	FRAUD_OWN,		/* an employer approving their own account */
	FRAUD_REFERRAL,		/* referrer and referred on one address */
	FRAUD_SECTIONS
};

/* The section's name in URLs, ids and Lang.AdminFraud.Section.NAME. */
const char *fraud_section_name(enum fraud_section s);

/* The section named name; FRAUD_SECTIONS when there is none. */
enum fraud_section fraud_section_find(const char *name);

/*
 * In a txn body: worker's task sent the proof that task first (of
 * another worker) sent first; a "copy" signal, once per task. Returns a
 * DB_* code.
 */
int fraud_signal_copy(struct db *db, int64_t worker, int64_t task,
    int64_t first);

/*
 * In a txn body: worker's task got its first proof seconds after the
 * claim; a "fast" signal, once per task. Returns a DB_* code.
 */
int fraud_signal_fast(struct db *db, int64_t worker, int64_t task,
    int64_t seconds);

/*
 * The section's rows older than before (an id; INT64_MAX for the
 * newest), newest first, at most limit, into *r (the caller frees it).
 * Every row has Id, When (`When:time`), UserId, User, and as the kind
 * has them OtherId, Other, Ip, Detail, Seconds, Task, Campaign, Title,
 * OtherTask, OtherCampaign, and Shot and OtherShot (1) when the task has
 * a screenshot. One statement, a range of one key.
 * Returns 0, or -1 on a database error.
 */
int fraud_list(struct db *db, enum fraud_section s, int64_t before,
    size_t limit, struct db_result *r);

#endif
