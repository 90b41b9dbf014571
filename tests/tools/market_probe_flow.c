/*
 * market_probe's scenarios of races, expiry, eligibility and revision.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "market/campaign.h"
#include "storage/db.h"
#include "market/task.h"

#include "market_probe.h"

/* The campaign and the workers of a race. */
struct racers {
	int64_t campaign, employer, *workers, *tasks;
	int n;
};

static int
kid_claim(struct db *kdb, int i, void *arg)
{
	struct racers *r = arg;
	const char *why;
	int64_t task;

	return (int)task_claim(kdb, r->campaign, r->workers[i], &task, &why);
}

void
scenario_race(int n, int m)
{
	struct racers r = { 0, 0, NULL, NULL, n };
	int codes[MAX_KIDS], i, ok = 0, full = 0;
	int64_t employer;

	employer = user("e", "BD");
	credit(employer, (int64_t)m * PAY * 2);
	r.campaign = campaign(employer, m, NULL, NULL);
	if ((r.workers = calloc((size_t)n, sizeof(int64_t))) == NULL)
		die("calloc");
	for (i = 0; i < n; i++)
		r.workers[i] = user("w", "BD");
	race(n, kid_claim, &r, codes);
	for (i = 0; i < n; i++) {
		if (codes[i] == MARKET_OK)
			ok++;
		else if (codes[i] == MARKET_FULL)
			full++;
		else if (codes[i] != 255)
			printf("        claim %d: %s\n", i,
			    rname((enum market_result)codes[i]));
		else
			printf("        claim %d: the child failed\n", i);
	}
	EXPECT_I(ok, m, "claims that succeeded");
	EXPECT_I(full, n - m, "claims refused as full");
	EXPECT_I(q1("SELECT COUNT(*) FROM tasks WHERE campaign_id = ?",
	    r.campaign), m, "task rows");
	EXPECT_I(q1("SELECT slots_taken FROM campaigns WHERE id = ?",
	    r.campaign), m, "slots_taken");
	free(r.workers);
}

static int
kid_rate_all(struct db *kdb, int i, void *arg)
{
	struct racers *r = arg;
	int j, ok = 0;

	(void)i;
	for (j = 0; j < r->n; j++)
		if (task_rate(kdb, r->tasks[j], r->employer, TASK_SATISFIED,
		    NULL, 1) == MARKET_OK)
			ok++;
	return ok;
}

/* Two processes rate the same tasks satisfied at once: each pays once. */
void
scenario_double_approve(void)
{
	enum { N = 10 };
	int64_t employer, c, workers[N], tasks[N];
	struct racers r = { 0, 0, workers, tasks, N };
	int codes[2], i, paid = 0;

	employer = user("e", "BD");
	credit(employer, N * PAY * 2);
	c = campaign(employer, N, NULL, NULL);
	for (i = 0; i < N; i++) {
		workers[i] = user("w", "BD");
		tasks[i] = claim_submit(c, workers[i], "name");
	}
	r.employer = employer;
	race(2, kid_rate_all, &r, codes);
	EXPECT_I(codes[0] + codes[1], N, "approvals that succeeded");
	for (i = 0; i < N; i++)
		if (AVAIL(workers[i]) == PAY)
			paid++;
	EXPECT_I(paid, N, "workers paid exactly the pay once");
	EXPECT_I(ESCROW(c), 0, "escrow emptied exactly");
	EXPECT_I(q1("SELECT slots_done FROM campaigns WHERE id = ?", c), N,
	    "slots_done");
	EXPECT_I(q1("SELECT tasks_satisfied FROM users WHERE id = ?",
	    workers[0]), 1, "worker counted satisfied once");
	EXPECT_I(q1("SELECT rated_satisfied FROM users WHERE id = ?",
	    employer), N, "employer counted once per task");
	ledger_ok();
}

static int
kid_cron(struct db *kdb, int i, void *arg)
{
	int64_t n;

	(void)i;
	(void)arg;
	if (task_approve_due(kdb, &n) != MARKET_OK)
		return 255;
	return n > 200 ? 200 : (int)n;
}

/* Two overlapping cron runs approve overdue tasks: each paid once. */
void
scenario_cron_overlap(void)
{
	enum { K = 20 };
	int64_t employer, c, workers[K];
	int codes[2], i, paid = 0, told = 0;

	employer = user("e", "BD");
	credit(employer, K * PAY * 2);
	c = campaign(employer, K, NULL, NULL);
	for (i = 0; i < K; i++) {
		workers[i] = user("w", "BD");
		claim_submit(c, workers[i], "name");
	}
	x1("UPDATE tasks SET rate_by = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
	    " WHERE campaign_id = ?", c);
	race(2, kid_cron, NULL, codes);
	CHECK(codes[0] != 255 && codes[1] != 255, "both cron runs ended well");
	CHECK(codes[0] + codes[1] >= K, "the runs approved %d + %d tasks",
	    codes[0], codes[1]);
	for (i = 0; i < K; i++) {
		if (AVAIL(workers[i]) == PAY)
			paid++;
		if (notices(workers[i], "approved") == 1)
			told++;
	}
	EXPECT_I(paid, K, "workers paid exactly once");
	EXPECT_I(told, K, "workers told once");
	EXPECT_I(q1("SELECT COUNT(*) FROM tasks WHERE campaign_id = ?"
	    " AND status = 'satisfied' AND rated_by IS NULL", c), K,
	    "tasks satisfied by the clock");
	EXPECT_I(ESCROW(c), 0, "escrow emptied exactly");
	EXPECT_S(CAMPAIGN_STATUS, c, "finished",
	    "campaign status with every slot done");
	ledger_ok();
}

/* Expired claims free their slot, by cron or by a late submission. */
void
scenario_expire(void)
{
	const char *const names[] = { "username" };
	const char *vals[] = { "late" };
	struct kaaj_values proof = { 1, names, vals };
	int64_t employer, w1, w2, w3, c, t1, t2, t3, n, dup;
	enum market_result r;
	const char *why;

	employer = user("e", "BD");
	w1 = user("w", "BD");
	w2 = user("w", "BD");
	w3 = user("w", "BD");
	credit(employer, 10 * PAY);
	c = campaign(employer, 1, NULL, NULL);
	r = task_claim(db, c, w1, &t1, &why);
	EXPECT_R(r, MARKET_OK, "claim the only slot");
	r = task_claim(db, c, w2, &t2, &why);
	EXPECT_R(r, MARKET_FULL, "no slot for a second worker");
	x1("UPDATE tasks SET deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
	    " WHERE id = ?", t1);
	r = task_expire_due(db, &n);
	EXPECT_R(r, MARKET_OK, "task_expire_due");
	CHECK(n >= 1, "task_expire_due expired %" PRId64 " task(s)", n);
	EXPECT_S(TASK_STATUS, t1, "expired", "the late claim");
	EXPECT_I(q1("SELECT slots_taken FROM campaigns WHERE id = ?", c), 0,
	    "slot freed");
	EXPECT_I(notices(w1, "expired"), 1, "worker told");
	r = submit(t1, w1, &proof, NULL, NULL, &dup);
	EXPECT_R(r, MARKET_EXPIRED, "submitting the expired task");
	r = task_claim(db, c, w2, &t2, &why);
	EXPECT_R(r, MARKET_OK, "second worker claims the freed slot");

	x1("UPDATE tasks SET deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
	    " WHERE id = ?", t2);
	r = submit(t2, w2, &proof, NULL, NULL, &dup);
	EXPECT_R(r, MARKET_EXPIRED, "late submission");
	EXPECT_S(TASK_STATUS, t2, "expired", "late submission expired it");
	EXPECT_I(q1("SELECT slots_taken FROM campaigns WHERE id = ?", c), 0,
	    "and freed its slot");
	r = task_claim(db, c, w3, &t3, &why);
	EXPECT_R(r, MARKET_OK, "third worker claims it");
	EXPECT_I(ESCROW(c), PAY, "escrow untouched");
	ledger_ok();
}

/* Who may take a campaign. */
void
scenario_eligibility(void)
{
	struct opts inc = { .mode = "include", .countries = "BD,in" },
	    exc = { .mode = "exclude", .countries = "PK" },
	    good = { .min_success = 80 };
	int64_t employer, bd, in, pk, c, t, fresh, weak, strong;
	enum market_result r;
	const char *why;

	employer = user("e", "BD");
	bd = user("w", "BD");
	in = user("w", "IN");
	pk = user("w", "PK");
	credit(employer, 100 * PAY);

	c = campaign(employer, 5, &inc, NULL);
	r = campaign_may_take(db, c, pk, NULL, &why);
	CHECK(r == MARKET_NOT_ALLOWED && why != NULL &&
	    strcmp(why, "country") == 0, "PK on BD,in: %s %s", rname(r),
	    why != NULL ? why : "");
	EXPECT_R(campaign_may_take(db, c, in, NULL, &why), MARKET_OK,
	    "IN on BD,in");
	EXPECT_R(campaign_may_take(db, c, pk, "BD", &why), MARKET_OK,
	    "the country given wins over the record");
	r = campaign_may_take(db, c, employer, NULL, &why);
	CHECK(r == MARKET_NOT_ALLOWED && strcmp(why, "own") == 0,
	    "own campaign: %s", rname(r));
	r = task_claim(db, c, pk, &t, &why);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "PK claims");
	r = task_claim(db, c, bd, &t, &why);
	EXPECT_R(r, MARKET_OK, "BD claims");
	r = task_claim(db, c, bd, &t, &why);
	CHECK(r == MARKET_TAKEN && why != NULL &&
	    strcmp(why, "done_before") == 0, "second claim: %s", rname(r));

	c = campaign(employer, 5, &exc, NULL);
	EXPECT_R(campaign_may_take(db, c, pk, NULL, &why), MARKET_NOT_ALLOWED,
	    "PK on all but PK");
	EXPECT_R(campaign_may_take(db, c, bd, NULL, &why), MARKET_OK,
	    "BD on all but PK");

	c = campaign(employer, 5, &good, NULL);
	fresh = user("w", "BD");
	weak = user("w", "BD");
	strong = user("w", "BD");
	x1("UPDATE users SET tasks_satisfied = 3, tasks_rejected = 2"
	    " WHERE id = ?", weak);
	x1("UPDATE users SET tasks_satisfied = 4, tasks_rejected = 1"
	    " WHERE id = ?", strong);
	r = campaign_may_take(db, c, weak, NULL, &why);
	CHECK(r == MARKET_NOT_ALLOWED && strcmp(why, "success") == 0,
	    "60%% on a campaign asking 80%%: %s", rname(r));
	EXPECT_R(campaign_may_take(db, c, strong, NULL, &why), MARKET_OK,
	    "80% on 80%");
	EXPECT_R(campaign_may_take(db, c, fresh, NULL, &why), MARKET_OK,
	    "nothing rated counts as 100%");

	EXPECT_R(worker_block(db, employer, fresh), MARKET_OK, "block");
	EXPECT_R(worker_block(db, employer, fresh), MARKET_DONE_BEFORE,
	    "block again");
	EXPECT_R(worker_block(db, employer, employer), MARKET_NOT_ALLOWED,
	    "block oneself");
	r = campaign_may_take(db, c, fresh, NULL, &why);
	CHECK(r == MARKET_NOT_ALLOWED && strcmp(why, "blocked") == 0,
	    "blocked worker: %s", rname(r));
	EXPECT_R(task_claim(db, c, fresh, &t, &why), MARKET_NOT_ALLOWED,
	    "blocked worker claims");
	EXPECT_R(worker_unblock(db, employer, fresh), MARKET_OK, "unblock");
	EXPECT_R(worker_unblock(db, employer, fresh), MARKET_DONE_BEFORE,
	    "unblock again");

	EXPECT_R(campaign_pause(db, c, bd), MARKET_NOT_ALLOWED,
	    "a stranger pauses");
	EXPECT_R(campaign_pause(db, c, employer), MARKET_OK, "pause");
	EXPECT_R(campaign_pause(db, c, employer), MARKET_DONE_BEFORE,
	    "pause again");
	r = task_claim(db, c, fresh, &t, &why);
	EXPECT_R(r, MARKET_WRONG_STATE, "claim a paused campaign");
	EXPECT_R(campaign_resume(db, c, employer), MARKET_OK, "resume");
	EXPECT_R(task_claim(db, c, fresh, &t, &why), MARKET_OK,
	    "claim after resume");
	EXPECT_R(task_claim(db, c + 1000000, fresh, &t, &why),
	    MARKET_NOT_FOUND, "claim a campaign that is not there");
}

/* Revise once: a new deadline, a resubmission, no second revise. */
void
scenario_revise(void)
{
	const char *const names[] = { "username" };
	const char *vals[] = { "fixed name" };
	struct kaaj_values proof = { 1, names, vals };
	int64_t employer, w, w2, c, t, t2, dup, n;
	enum market_result r;

	employer = user("e", "BD");
	w = user("w", "BD");
	w2 = user("w", "BD");
	credit(employer, 10 * PAY);
	c = campaign(employer, 2, NULL, NULL);
	t = claim_submit(c, w, "first try");
	x1("UPDATE tasks SET deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
	    " WHERE id = ?", t);
	r = task_rate(db, t, employer, TASK_REVISE, NULL, 1);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "revise without a reason");
	r = task_rate(db, t, employer, TASK_REVISE, "add the e-mail", 1);
	EXPECT_R(r, MARKET_OK, "revise");
	EXPECT_S(TASK_STATUS, t, "revise", "task");
	EXPECT_I(q1("SELECT deadline > UTC_TIMESTAMP() FROM tasks"
	    " WHERE id = ?", t), 1, "a new deadline");
	EXPECT_I(notices(w, "revise"), 1, "worker told");
	EXPECT_R(task_rate(db, t, employer, TASK_REVISE, "again", 1),
	    MARKET_DONE_BEFORE, "revise twice in a row");
	r = submit(t, w, &proof, NULL, NULL, &dup);
	EXPECT_R(r, MARKET_OK, "resubmit");
	EXPECT_S("SELECT value FROM task_fields WHERE task_id = ?", t,
	    "fixed name", "proof replaced");
	r = task_rate(db, t, employer, TASK_REVISE, "more", 1);
	EXPECT_R(r, MARKET_NOT_ALLOWED, "second revise refused");
	r = task_rate(db, t, employer, TASK_SATISFIED, NULL, 1);
	EXPECT_R(r, MARKET_OK, "approve");
	EXPECT_I(AVAIL(w), PAY, "paid");

	t2 = claim_submit(c, w2, "other");
	EXPECT_R(task_rate(db, t2, employer, TASK_REVISE, "redo", 1),
	    MARKET_OK, "revise");
	x1("UPDATE tasks SET deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE"
	    " WHERE id = ?", t2);
	EXPECT_R(task_expire_due(db, &n), MARKET_OK, "expire due");
	EXPECT_S(TASK_STATUS, t2, "expired", "a revise past its deadline");
	EXPECT_I(q1("SELECT slots_taken FROM campaigns WHERE id = ?", c), 1,
	    "its slot freed");
	ledger_ok();
}
