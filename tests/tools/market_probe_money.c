/*
 * market_probe's scenarios of money: the whole story, stopping,
 * moderation and disputes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "market/campaign.h"
#include "storage/db.h"
#include "market/dispute.h"
#include "money/fees.h"
#include "accounts/notify.h"
#include "market/task.h"

#include "market_probe.h"

/*
 * The whole story: an employer with money creates a campaign (paying the
 * fee exactly), an admin approves it, a worker claims, submits with a
 * screenshot, is approved and paid exactly the pay; a bonus; the same
 * proof again is flagged; strangers cannot rate or submit.
 */
void
scenario_story(void)
{
	const char *const names[] = { "username" };
	const char *v1[] = { "Worker_One" }, *v2[] = { "  worker_one \n" },
	    *v3[] = { "someone else" };
	struct kaaj_values p1 = { 1, names, v1 }, p2 = { 1, names, v2 },
	    p3 = { 1, names, v3 };
	unsigned char shot[TASK_HASH_LEN];
	int64_t employer, worker, w2, w3, c, task, t2, t3, dup, rev0, n;
	int64_t total = 7 * PAY, fee = fee_of(7 * PAY);
	struct opts o = { .moderated = 1 };
	enum market_result r;
	const char *why;

	employer = user("e", "BD");
	worker = user("w", "BD");
	w2 = user("w", "IN");
	w3 = user("w", "BD");
	credit(employer, 10000000);
	rev0 = REVENUE();
	c = campaign(employer, 7, &o, NULL);
	EXPECT_I(AVAIL(employer), 10000000 - total - fee,
	    "employer paid slots x pay + fee");
	EXPECT_I(fee, fee_task(&cfg, total), "fees.c agrees on the fee");
	EXPECT_I(ESCROW(c), total, "escrow holds slots x pay");
	EXPECT_I(REVENUE() - rev0, fee, "revenue got the fee");
	EXPECT_S(CAMPAIGN_STATUS, c, "pending", "moderated campaign waits");
	r = task_claim(db, c, worker, &task, &why);
	EXPECT_R(r, MARKET_WRONG_STATE, "claim before approval");
	EXPECT_R(campaign_moderate(db, c, 1, NULL), MARKET_OK,
	    "admin approves");
	EXPECT_S(CAMPAIGN_STATUS, c, "running", "approved campaign");
	EXPECT_I(notices(employer, "campaign_approved"), 1, "owner told");

	r = task_claim(db, c, worker, &task, &why);
	EXPECT_R(r, MARKET_OK, "worker claims");
	crypto_hash_sha256(shot, (const unsigned char *)"png bytes", 9);
	r = submit(task, worker, &p1, "0123abcd.png", shot, &dup);
	EXPECT_R(r, MARKET_OK, "worker submits with a screenshot");
	EXPECT_I(dup, 0, "first proof is no duplicate");
	EXPECT_S("SELECT value FROM task_fields WHERE task_id = ?", task,
	    "Worker_One", "proof stored");
	r = submit(task, worker, &p1, NULL, NULL, &dup);
	EXPECT_R(r, MARKET_DONE_BEFORE, "second submit");
	r = submit(task, w2, &p1, NULL, NULL, &dup);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "submit of another's task");
	r = task_rate(db, task, worker, TASK_SATISFIED, NULL, 1);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "worker rates own task");
	r = task_rate(db, task, w2, TASK_SATISFIED, NULL, 1);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "stranger rates the task");
	r = task_rate(db, task + 1000000, employer, TASK_SATISFIED, NULL, 1);
	EXPECT_R(r, MARKET_NOT_FOUND, "rating a task that is not there");

	r = task_rate(db, task, employer, TASK_SATISFIED, NULL, 1);
	EXPECT_R(r, MARKET_OK, "employer approves");
	EXPECT_I(AVAIL(worker), PAY, "worker's balance grew by exactly pay");
	EXPECT_I(ESCROW(c), total - PAY, "escrow paid it");
	r = task_rate(db, task, employer, TASK_SATISFIED, NULL, 1);
	EXPECT_R(r, MARKET_DONE_BEFORE, "approve again");
	r = task_rate(db, task, employer, TASK_NOT_SATISFIED, "no", 1);
	EXPECT_R(r, MARKET_WRONG_STATE, "reject after approval");
	EXPECT_I(AVAIL(worker), PAY, "still paid once");
	EXPECT_I(q1("SELECT slots_done FROM campaigns WHERE id = ?", c), 1,
	    "slots_done");
	EXPECT_I(q1("SELECT tasks_satisfied FROM users WHERE id = ?", worker),
	    1, "worker's satisfied count");
	EXPECT_I(q1("SELECT rated_satisfied FROM users WHERE id = ?",
	    employer), 1, "employer's satisfied count");
	EXPECT_I(notices(worker, "approved"), 1, "worker told");
	notify_unread_count(db, worker, &n);
	EXPECT_I(n, 1, "one unread notice");
	notify_mark_read(db, worker);
	notify_unread_count(db, worker, &n);
	EXPECT_I(n, 0, "none unread after reading");

	r = task_bonus(db, &cfg, task, w2, 10000);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "bonus by a stranger");
	n = AVAIL(employer);
	r = task_bonus(db, &cfg, task, employer, 10000);
	EXPECT_R(r, MARKET_OK, "bonus");
	EXPECT_I(AVAIL(worker), PAY + 10000, "worker got the bonus");
	EXPECT_I(n - AVAIL(employer), 10000 + fee_of(10000),
	    "employer paid bonus + fee");
	r = task_bonus(db, &cfg, task, employer, 10000);
	EXPECT_R(r, MARKET_DONE_BEFORE, "second bonus");
	EXPECT_I(q1("SELECT bonus FROM tasks WHERE id = ?", task), 10000,
	    "bonus recorded once");

	r = task_claim(db, c, w2, &t2, &why);
	EXPECT_R(r, MARKET_OK, "second worker claims");
	r = submit(t2, w2, &p2, NULL, NULL, &dup);
	EXPECT_R(r, MARKET_OK, "same text, other case and spaces");
	EXPECT_I(dup, task, "flagged as duplicate of the first");
	r = task_claim(db, c, w3, &t3, &why);
	EXPECT_R(r, MARKET_OK, "third worker claims");
	r = submit(t3, w3, &p3, "ffff0000.png", shot, &dup);
	EXPECT_R(r, MARKET_OK, "other text, same screenshot");
	EXPECT_I(dup, task, "flagged as duplicate of the first");
	EXPECT_I(q1("SELECT duplicate_of FROM tasks WHERE id = ?", t3), task,
	    "duplicate_of stored");
	ledger_ok();
}

/*
 * Stop refunds exactly the unused escrow; tasks outstanding at the stop
 * that end unpaid refund their pay then. Slots added before, once.
 */
void
scenario_stop(void)
{
	int64_t employer, stranger, c, w[6], t[6], before, n;
	enum market_result r;
	const char *why;
	int i;

	employer = user("e", "BD");
	stranger = user("x", "BD");
	credit(employer, 100 * PAY);
	c = campaign(employer, 4, NULL, NULL);
	before = AVAIL(employer);
	r = campaign_add_slots(db, &cfg, c, employer, 2, "more1");
	EXPECT_R(r, MARKET_OK, "add 2 slots");
	EXPECT_I(before - AVAIL(employer), 2 * PAY + fee_of(2 * PAY),
	    "paid 2 x pay + fee");
	r = campaign_add_slots(db, &cfg, c, employer, 2, "more1");
	EXPECT_R(r, MARKET_DONE_BEFORE, "same form again");
	r = campaign_add_slots(db, &cfg, c, stranger, 2, "more2");
	EXPECT_R(r, MARKET_NOT_ALLOWED, "a stranger adds slots");
	EXPECT_I(q1("SELECT slots_total FROM campaigns WHERE id = ?", c), 6,
	    "slots_total");
	EXPECT_I(ESCROW(c), 6 * PAY, "escrow for 6");
	for (i = 0; i < 5; i++)
		w[i] = user("w", "BD");
	for (i = 0; i < 4; i++)
		t[i] = claim_submit(c, w[i], "proof");
	r = task_claim(db, c, w[4], &t[4], &why);
	EXPECT_R(r, MARKET_OK, "fifth worker claims, does not submit");
	for (i = 0; i < 2; i++)
		EXPECT_R(task_rate(db, t[i], employer, TASK_SATISFIED, NULL, 1),
		    MARKET_OK, "approve");
	/* Now: 2 paid, 2 pending, 1 claimed, 1 slot never taken. */
	EXPECT_R(campaign_stop(db, c, stranger), MARKET_NOT_ALLOWED,
	    "a stranger stops it");
	before = AVAIL(employer);
	EXPECT_R(campaign_stop(db, c, employer), MARKET_OK, "stop");
	EXPECT_I(AVAIL(employer) - before, PAY, "refund: the one unused slot");
	EXPECT_I(ESCROW(c), 3 * PAY, "escrow keeps the 3 outstanding");
	EXPECT_R(campaign_stop(db, c, employer), MARKET_DONE_BEFORE,
	    "stop again");
	EXPECT_R(task_claim(db, c, user("w", "BD"), &n, &why),
	    MARKET_WRONG_STATE, "claim a stopped campaign");

	before = AVAIL(employer);
	r = task_rate(db, t[2], employer, TASK_NOT_SATISFIED, "wrong name", 1);
	EXPECT_R(r, MARKET_OK, "reject a pending task after the stop");
	EXPECT_I(AVAIL(employer) - before, PAY, "its pay came back");
	r = task_rate(db, t[3], employer, TASK_SATISFIED, NULL, 1);
	EXPECT_R(r, MARKET_OK, "approve the other pending");
	EXPECT_I(AVAIL(w[3]), PAY, "its worker paid");
	x1("UPDATE tasks SET deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
	    " WHERE id = ?", t[4]);
	before = AVAIL(employer);
	EXPECT_R(task_expire_due(db, &n), MARKET_OK, "expire the claimed one");
	EXPECT_I(AVAIL(employer) - before, PAY, "its pay came back");
	EXPECT_I(ESCROW(c), 0, "escrow empty at the end");
	ledger_ok();
}

/* Moderation: a rejection gives everything back, fee included. */
void
scenario_moderation(void)
{
	struct opts o = { .moderated = 1, .key = "form-1" };
	int64_t employer, c, c2, again, before, rev0, n;
	enum market_result r;
	const char *why;

	employer = user("e", "BD");
	credit(employer, 20 * PAY);
	before = AVAIL(employer);
	rev0 = REVENUE();
	c = campaign(employer, 10, &o, NULL);
	again = campaign(employer, 10, &o, &r);
	EXPECT_R(r, MARKET_DONE_BEFORE, "same create_key again");
	EXPECT_I(again, c, "gives the same campaign");
	EXPECT_I(before - AVAIL(employer), 10 * PAY + fee_of(10 * PAY),
	    "charged once");
	r = campaign_moderate(db, c, 0, "");
	EXPECT_R(r, MARKET_NOT_ALLOWED, "reject without a reason");
	r = campaign_moderate(db, c, 0, "not allowed here");
	EXPECT_R(r, MARKET_OK, "admin rejects");
	EXPECT_I(AVAIL(employer), before, "everything back, fee included");
	EXPECT_I(ESCROW(c), 0, "escrow empty");
	EXPECT_I(REVENUE(), rev0, "revenue gave the fee back");
	EXPECT_S(CAMPAIGN_STATUS, c, "rejected", "campaign");
	EXPECT_S("SELECT reject_reason FROM campaigns WHERE id = ?", c,
	    "not allowed here", "reason kept");
	EXPECT_I(notices(employer, "campaign_rejected"), 1, "owner told");
	EXPECT_R(campaign_moderate(db, c, 0, "again"), MARKET_DONE_BEFORE,
	    "reject again");
	EXPECT_R(campaign_moderate(db, c, 1, NULL), MARKET_WRONG_STATE,
	    "approve after rejection");
	EXPECT_R(task_claim(db, c, user("w", "BD"), &n, &why),
	    MARKET_WRONG_STATE, "claim a rejected campaign");

	o.key = "form-2";
	n = q1("SELECT COUNT(*) FROM campaigns WHERE owner_id = ?", employer);
	c2 = campaign(employer, 100, &o, &r);
	EXPECT_R(r, MARKET_SHORT, "campaign beyond the balance");
	EXPECT_I(c2, 0, "no id");
	EXPECT_I(q1("SELECT COUNT(*) FROM campaigns WHERE owner_id = ?",
	    employer), n, "nothing created");
	EXPECT_I(AVAIL(employer), before, "no money moved");
	c2 = campaign(employer, 2, &o, &r);
	EXPECT_R(r, MARKET_OK, "a smaller one, same form key");
	EXPECT_R(campaign_moderate(db, c2, 1, NULL), MARKET_OK, "approved");
	EXPECT_R(task_claim(db, c2, user("w", "BD"), &n, &why), MARKET_OK,
	    "claimable once approved");
	ledger_ok();
}

/* The id of task's dispute. */
static int64_t
dispute_of(int64_t task)
{
	return q1("SELECT id FROM disputes WHERE task_id = ?", task);
}

/*
 * Disputes: overturning pays once, from the employer's balance when the
 * escrow has no unused money (slot reopened), from the escrow when it
 * has (slot kept), never when the employer has nothing; upholding pays
 * nothing.
 */
void
scenario_dispute(void)
{
	int64_t employer, admin, w1, w2, w3, c, t1, t2, t3, d1, d2, d3, e0;
	enum market_result r;

	employer = user("e", "BD");
	admin = user("a", "BD");
	w1 = user("w", "BD");
	w2 = user("w", "BD");
	w3 = user("w", "BD");
	credit(employer, 3 * PAY + fee_of(3 * PAY));
	c = campaign(employer, 3, NULL, NULL);
	EXPECT_I(AVAIL(employer), 0, "employer spent everything");

	t1 = claim_submit(c, w1, "one");
	r = dispute_open(db, t1, w1, "I did it");
	EXPECT_R(r, MARKET_WRONG_STATE, "dispute a pending task");
	r = task_rate(db, t1, employer, TASK_NOT_SATISFIED, "", 1);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "reject without a reason");
	r = task_rate(db, t1, employer, TASK_NOT_SATISFIED, "no account", 1);
	EXPECT_R(r, MARKET_OK, "reject, slot reopened");
	EXPECT_I(q1("SELECT slots_taken FROM campaigns WHERE id = ?", c), 0,
	    "slot back in the pool");
	EXPECT_I(q1("SELECT tasks_rejected FROM users WHERE id = ?", w1), 1,
	    "worker's rejected count");
	EXPECT_R(dispute_open(db, t1, w2, "mine"), MARKET_NOT_ALLOWED,
	    "another worker disputes it");
	EXPECT_R(dispute_open(db, t1, w1, "I did it"), MARKET_OK, "dispute");
	EXPECT_R(dispute_open(db, t1, w1, "again"), MARKET_DONE_BEFORE,
	    "dispute twice");
	d1 = dispute_of(t1);
	r = dispute_decide(db, d1, admin, 1, "proof is fine");
	EXPECT_R(r, MARKET_SHORT, "overturn with no unused escrow, no money");
	EXPECT_I(AVAIL(w1), 0, "nothing paid");
	EXPECT_S("SELECT status FROM disputes WHERE id = ?", d1, "open",
	    "dispute still open");
	credit(employer, PAY);
	r = dispute_decide(db, d1, admin, 1, "proof is fine");
	EXPECT_R(r, MARKET_OK, "overturn");
	EXPECT_I(AVAIL(w1), PAY, "worker paid");
	EXPECT_I(AVAIL(employer), 0, "from the employer's balance");
	EXPECT_I(ESCROW(c), 3 * PAY, "escrow kept for the open slots");
	EXPECT_S(TASK_STATUS, t1, "satisfied", "task");
	EXPECT_I(q1("SELECT tasks_rejected FROM users WHERE id = ?", w1), 0,
	    "worker's rejected count back");
	EXPECT_I(q1("SELECT tasks_satisfied FROM users WHERE id = ?", w1), 1,
	    "worker's satisfied count");
	EXPECT_I(q1("SELECT rated_satisfied - rated_rejected FROM users"
	    " WHERE id = ?", employer), 1, "employer's counts moved");
	EXPECT_I(notices(w1, "dispute_overturned"), 1, "worker told");
	EXPECT_R(dispute_decide(db, d1, admin, 1, NULL), MARKET_DONE_BEFORE,
	    "overturn again");
	EXPECT_R(dispute_decide(db, d1, admin, 0, NULL), MARKET_WRONG_STATE,
	    "uphold after overturn");
	EXPECT_I(AVAIL(w1), PAY, "still paid once");

	t2 = claim_submit(c, w2, "two");
	r = task_rate(db, t2, employer, TASK_NOT_SATISFIED, "no account", 0);
	EXPECT_R(r, MARKET_OK, "reject, slot kept");
	EXPECT_I(q1("SELECT slots_taken FROM campaigns WHERE id = ?", c), 1,
	    "slot stays taken");
	EXPECT_R(dispute_open(db, t2, w2, "I did it"), MARKET_OK, "dispute");
	d2 = dispute_of(t2);
	e0 = AVAIL(employer);
	EXPECT_R(dispute_decide(db, d2, admin, 1, NULL), MARKET_OK, "overturn");
	EXPECT_I(AVAIL(w2), PAY, "worker paid");
	EXPECT_I(ESCROW(c), 2 * PAY, "from the unused escrow");
	EXPECT_I(AVAIL(employer), e0, "employer's balance untouched");

	t3 = claim_submit(c, w3, "three");
	r = task_rate(db, t3, employer, TASK_NOT_SATISFIED, "no account", 1);
	EXPECT_R(r, MARKET_OK, "reject");
	EXPECT_R(dispute_open(db, t3, w3, "please"), MARKET_OK, "dispute");
	d3 = dispute_of(t3);
	EXPECT_R(dispute_decide(db, d3, admin, 0, "the name is wrong"),
	    MARKET_OK, "uphold");
	EXPECT_I(AVAIL(w3), 0, "nothing paid");
	EXPECT_S(TASK_STATUS, t3, "not_satisfied", "task");
	EXPECT_I(notices(w3, "dispute_upheld"), 1, "worker told");
	EXPECT_R(dispute_decide(db, d3, admin, 1, NULL), MARKET_WRONG_STATE,
	    "overturn after uphold");
	ledger_ok();
}
