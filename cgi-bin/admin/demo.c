/*
 * Demo data: three accounts and alice's signup campaigns. The passwords
 * are public (printed, and in this file): for trying kaaj out only.
 *
 * Idempotent: each account is looked up with FOR UPDATE and inserted only
 * when missing, and campaigns are added only while alice has none; her
 * locked row makes two runs at once take turns on that check.
 */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "storage/db.h"
#include "admin/demo.h"
#include "money/escrow.h"
#include "base/log.h"
#include "base/money.h"
#include "accounts/audit.h"
#include "accounts/users.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct demo_user {
	const char *username;
	const char *email;
	const char *password;
	const char *country;
	const char *role;	/* only for the report */
	int64_t is_admin;
};

struct demo_campaign {
	const char *title;
	const char *instructions;
	const char *proof;
	const char *signup_url;
	const char *action;	/* the signup plugin's choice */
	int64_t slots_total;
	int64_t pay;		/* micro-units per task */
};

/* The employer, who owns the campaigns, comes first. */
static const struct demo_user demo_users[] = {
	{ "alice", "alice@example.com", "alice-demo-pass", "BD", "employer",
	    0 },
	{ "bob", "bob@example.com", "bob-demo-pass", "BD", "worker", 0 },
	{ "admin", "admin@example.com", "admin-demo-pass", "US", "admin", 1 },
};

#define PROOF_USER "Give the user name or email address you signed up with."
#define PROOF_MAIL "Give the email address you signed up with. We check " \
    "that it was confirmed."

static const struct demo_campaign demo_campaigns[] = {
	{ "Sign up on our recipe site and confirm your email",
	    "Open the link, create a free account with your real email "
	    "address, then click the link in the confirmation email we send.",
	    PROOF_MAIL, "https://recipes.example.com/join",
	    "register_and_verify_email", 50, 50000 },
	{ "Create a free account on a budget tracker app",
	    "Register on the web version of the app. No payment details are "
	    "needed; skip the optional tour.",
	    PROOF_USER, "https://budget.example.net/signup", "register",
	    100, 20000 },
	{ "Register on a Bengali news portal",
	    "Create a reader account so you can comment on articles. Choose "
	    "Bengali as your language when asked.",
	    PROOF_USER, "https://khobor.example.org/register",
	    "register_and_verify_email", 200, 20000 },
	{ "Join our online chess club",
	    "Sign up, pick a user name you do not use elsewhere, and set your "
	    "country on your profile page.",
	    PROOF_USER, "https://chess.example.com/signup", "register",
	    30, 100000 },
	{ "Subscribe to a job-seekers newsletter and confirm",
	    "Enter your email on the page and confirm the subscription from "
	    "the email you receive. Do not use a throw-away address.",
	    PROOF_MAIL, "https://jobs.example.net/newsletter",
	    "register_and_verify_email", 80, 50000 },
	{ "Open a seller account on a handmade crafts marketplace",
	    "Register as a seller (not as a buyer) and fill in the shop name "
	    "and country. You do not need to list anything.",
	    PROOF_MAIL, "https://crafts.example.com/sell",
	    "register_and_verify_email", 20, 250000 },
	{ "Register on a language-exchange forum",
	    "Create an account and write one line about yourself in your "
	    "profile, in English or Bengali.",
	    PROOF_USER, "https://talk.example.org/register", "register",
	    60, 50000 },
	{ "Create a free account on a photo-sharing site",
	    "Sign up with email (not with a social login) and upload a "
	    "profile picture of anything but a person.",
	    PROOF_USER, "https://photos.example.com/signup", "register",
	    10, 100000 },
};

/* What a run of the transaction did; reset at the start of each run. */
struct demo_run {
	char hash[NELEM(demo_users)][crypto_pwhash_STRBYTES];
	int created[NELEM(demo_users)];
	size_t campaigns;
	size_t failed_user;	/* the account a DB_ROLLBACK is about */
	const char *reason;	/* for the audit row; may be NULL */
};

/*
 * Find the user by name, locking the row, or create it; *id gets its id.
 * DB_ROLLBACK when another account has the email. A duplicate on insert
 * means a run at the same time created it: run again to find it.
 */
static int
user_ensure(struct db *db, const struct demo_user *u, const char *hash,
    int64_t *id, int *created)
{
	struct user_new nu;
	struct db_result res;
	int rc, same;

	rc = db_query(db, &res, "SELECT id, username = ? FROM users"
	    " WHERE username = ? OR email = ? ORDER BY 2 DESC FOR UPDATE",
	    "sss", u->username, u->username, u->email);
	if (rc != DB_OK)
		return rc;
	*created = res.nrows == 0;
	*id = db_cell_int(&res, 0, 0);
	same = db_cell_int(&res, 0, 1) == 1;
	db_result_free(&res);
	if (!*created)
		return same ? DB_OK : DB_ROLLBACK;
	nu.username = u->username;
	nu.email = u->email;
	nu.password_hash = hash;
	nu.country = u->country;
	nu.language = "en";
	nu.is_admin = (int)u->is_admin;
	nu.active = 1;
	nu.referred_by = 0;
	rc = users_create(db, &nu, id);
	return rc == DB_DUPLICATE ? DB_RETRY : rc;
}

static int
campaign_add(struct db *db, int64_t owner, const struct demo_campaign *c)
{
	uint64_t id;
	int rc;

	struct ledger_leg gift[2];
	char key[64];

	rc = db_exec(db, NULL, &id, "INSERT INTO campaigns (owner_id, job_type,"
	    " category, title, instructions, proof_instructions, slots_total,"
	    " pay_per_task, status)"
	    " VALUES (?, 'signup', 'signup', ?, ?, ?, ?, ?, 'running')",
	    "isssii", owner, c->title, c->instructions, c->proof,
	    c->slots_total, c->pay);
	if (rc != DB_OK)
		return rc;
	rc = db_exec(db, NULL, NULL, "INSERT INTO campaign_fields"
	    " (campaign_id, name, value)"
	    " VALUES (?, 'signup_url', ?), (?, 'action', ?)", "isis",
	    (int64_t)id, c->signup_url, (int64_t)id, c->action);
	if (rc != DB_OK)
		return rc;
	/*
	 * Real escrow, so demo tasks can be paid: the demo money comes from
	 * outside as a credit to the employer, who funds the campaign (the
	 * site waives its fee on demo campaigns).
	 */
	gift[0] = (struct ledger_leg){ LEDGER_OUTSIDE, 0,
	    -(c->slots_total * c->pay) };
	gift[1] = (struct ledger_leg){ LEDGER_AVAILABLE, owner,
	    c->slots_total * c->pay };
	snprintf(key, sizeof(key), "demo:credit:%llu", (unsigned long long)id);
	if (ledger_post(db, key, "credit", "demo money", 0, NULL, gift, 2,
	    NULL) != LEDGER_OK)
		return DB_ERROR;
	snprintf(key, sizeof(key), "campaign:%llu:fund", (unsigned long long)id);
	return escrow_fund(db, (int64_t)id, owner, c->slots_total * c->pay, 0,
	    key) == LEDGER_OK ? DB_OK : DB_ERROR;
}

/* The audit row of a run that added something; none when it added nothing. */
static int
audit_demo(struct db *db, const struct demo_run *run)
{
	char detail[96];
	size_t i, users = 0;

	for (i = 0; i < NELEM(demo_users); i++)
		users += run->created[i] != 0;
	if (users == 0 && run->campaigns == 0)
		return DB_OK;
	snprintf(detail, sizeof(detail), "%zu accounts, %zu campaigns added",
	    users, run->campaigns);
	return audit_write(db, "demo.load", "site", 0, run->reason, detail);
}

static int
demo_body(struct db *db, void *arg)
{
	struct demo_run *run = arg;
	struct db_result res;
	int64_t id, alice = 0, existing;
	size_t i;
	int rc;

	memset(run->created, 0, sizeof(run->created));
	run->campaigns = 0;
	for (i = 0; i < NELEM(demo_users); i++) {
		run->failed_user = i;
		rc = user_ensure(db, &demo_users[i], run->hash[i], &id,
		    &run->created[i]);
		if (rc != DB_OK)
			return rc;
		if (i == 0)
			alice = id;
	}
	rc = db_query(db, &res, "SELECT COUNT(*) FROM campaigns"
	    " WHERE owner_id = ?", "i", alice);
	if (rc != DB_OK)
		return rc;
	existing = db_cell_int(&res, 0, 0);
	db_result_free(&res);
	for (i = 0; existing == 0 && i < NELEM(demo_campaigns); i++) {
		if ((rc = campaign_add(db, alice, &demo_campaigns[i])) != DB_OK)
			return rc;
		run->campaigns++;
	}
	return audit_demo(db, run);
}

static void
demo_report(const struct demo_run *run, FILE *out)
{
	char pay[32];
	size_t i;

	for (i = 0; i < NELEM(demo_users); i++) {
		if (run->created[i])
			fprintf(out, "created %s (%s): email %s, password %s\n",
			    demo_users[i].username, demo_users[i].role,
			    demo_users[i].email, demo_users[i].password);
		else
			fprintf(out, "%s exists already; left unchanged\n",
			    demo_users[i].username);
	}
	if (run->campaigns == 0) {
		fprintf(out, "%s has campaigns already; none added\n",
		    demo_users[0].username);
		return;
	}
	for (i = 0; i < run->campaigns; i++)
		fprintf(out, "created campaign \"%s\": %lld slots at %s\n",
		    demo_campaigns[i].title,
		    (long long)demo_campaigns[i].slots_total,
		    money_format(demo_campaigns[i].pay, pay, sizeof(pay)));
}

int
demo_load(struct db *db, const char *reason, FILE *out)
{
	struct demo_run run;
	const char *pw;
	size_t i;
	int rc;

	memset(&run, 0, sizeof(run));
	run.reason = reason;
	if (sodium_init() < 0) {
		log_err(NULL, "demo: libsodium failed to start");
		return -1;
	}
	/* Hashed before the transaction: slow, and the same on every run. */
	for (i = 0; i < NELEM(demo_users); i++) {
		pw = demo_users[i].password;
		if (crypto_pwhash_str(run.hash[i], pw, strlen(pw),
		    crypto_pwhash_OPSLIMIT_INTERACTIVE,
		    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
			log_err(NULL, "demo: out of memory hashing passwords");
			return -1;
		}
	}
	rc = db_txn(db, demo_body, &run);
	if (rc == DB_ROLLBACK) {
		log_err(NULL, "demo: another account than %s has the email %s;"
		    " nothing loaded", demo_users[run.failed_user].username,
		    demo_users[run.failed_user].email);
		return -1;
	}
	if (rc != DB_OK) {
		log_err(NULL, "demo: nothing loaded: %s", db_error(db));
		return -1;
	}
	demo_report(&run, out);
	return 0;
}
