/*
 * market_probe's helpers for the page tests (t_59_worker): set up what
 * the pages of other areas would, through the same core functions.
 *
 *   campaign USER SLOTS SHOT  credit USER with what SLOTS slots at PAY
 *                             cost, create a running signup campaign of
 *                             theirs (SHOT 1: screenshot required) and
 *                             print "campaign ID"
 *   rate TASK VERDICT         rate pending TASK as its campaign's owner:
 *                             satisfied, not_satisfied or revise
 *   balance USER              print "balance AMOUNT" (micro-units)
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "market/campaign.h"
#include "base/config.h"
#include "storage/db.h"
#include "money/fees.h"
#include "money/ledger.h"
#include "market/task.h"

#include "market_probe.h"

/* The id of user name, or exit 2. */
static int64_t
user_named(const char *name)
{
	struct db_result r;
	int64_t id;

	if (db_query(db, &r, "SELECT id FROM users WHERE username = ?", "s",
	    name) != DB_OK)
		die("find user");
	if (r.nrows != 1) {
		fprintf(stderr, "market_probe: no user %s\n", name);
		exit(2);
	}
	id = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return id;
}

void
scenario_page_campaign(const char *name, int64_t slots, int shot)
{
	static const char *const fn[] = { "signup_url", "action" };
	static const char *const fv[] = { "https://example.com/join",
	    "register" };
	const struct kaaj_values fields = { 2, fn, fv };
	struct campaign_new c = {
		.job_type = "signup", .category = "signup",
		.title = "Sign up at example.com",
		.instructions = "Create an account at example.com.",
		.proof_instructions = "Your user name, and a screenshot.",
		.slots = slots, .pay = PAY, .minutes = 60, .days = 3,
		.countries_mode = "all", .countries = "", .fields = &fields,
	};
	int64_t owner = user_named(name), id;

	c.owner = owner;
	c.screenshot_required = shot;
	credit(owner, slots * PAY + fee_task(&cfg, slots * PAY));
	EXPECT_R(campaign_create(db, &cfg, &c, &id), MARKET_OK,
	    "campaign_create");
	printf("campaign %" PRId64 "\n", id);
}

void
scenario_page_rate(int64_t task, const char *verdict)
{
	enum task_rating rating = TASK_SATISFIED;
	int64_t owner;

	owner = q1("SELECT c.owner_id FROM tasks t JOIN campaigns c"
	    " ON c.id = t.campaign_id WHERE t.id = ?", task);
	if (strcmp(verdict, "not_satisfied") == 0)
		rating = TASK_NOT_SATISFIED;
	else if (strcmp(verdict, "revise") == 0)
		rating = TASK_REVISE;
	EXPECT_R(task_rate(db, task, owner, rating, "The user name is not"
	    " on the site.", cfg.reopen_rejected), MARKET_OK, "task_rate");
}

void
scenario_page_balance(const char *name)
{
	int64_t b = balance(LEDGER_AVAILABLE, user_named(name));

	CHECK(1, "balance read");
	printf("balance %" PRId64 "\n", b);
}
