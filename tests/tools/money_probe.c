/*
 * money_probe CONFIG SCENARIO [ARGS]: run one scenario of the money core
 * (fees, ledger, escrow, wallet) against the database CONFIG names, for
 * the integration tests (t_40_money). Each check prints one line,
 * "ok    WHAT" or "FAIL  WHAT: DETAIL"; the exit status is 0 when every
 * check passed, 1 when one failed, 2 on bad usage or setup errors.
 *
 * Scenarios (each makes its own users, named mp_<random>_<role>, so runs
 * never meet; campaign ids and keys are unique per run too):
 *   fees            exact fee arithmetic (no database)
 *   escrow          credit, fund, pay tasks (twice), bonus, refund, SHORT
 *   race N M        N processes at once ask to withdraw from a balance that
 *                   covers exactly M requests
 *   race-samekey N  N processes at once post one request_key
 *   confirm-twice   a deposit confirmed twice, in turn and at once
 *   deposit-refs N  which requests may share a transaction ID (a rejected
 *                   one frees it, one user cannot send it twice, two
 *                   users' requests wait as a conflict, only one is ever
 *                   confirmed), then N rounds of the two requests of one
 *                   ID confirmed by several processes at once
 *   withdraw-decide reject returns the money, pay sends it out, each once
 *   check           ledger_check finds no problem
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "accounts/audit.h"
#include "base/config.h"
#include "storage/db.h"
#include "money/escrow.h"
#include "money/fees.h"
#include "money/ledger.h"
#include "base/money.h"
#include "money/wallet.h"

static struct kaaj_config cfg;
static const char *conf_path;
static char tag[17];		/* this run's random tag, 16 hex digits */
static int failures;

/* ------------------------------------------------------------ reporting */

static void okf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void failf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static void
okf(const char *fmt, ...)
{
	va_list ap;

	printf("ok    ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void
failf(const char *fmt, ...)
{
	va_list ap;

	failures++;
	printf("FAIL  ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Report what == want for amounts (shown as money). */
static void
expect_money(const char *what, int64_t got, int64_t want)
{
	char g[32], w[32];

	if (got == want)
		okf("%s = %s", what, money_format(want, w, sizeof(w)));
	else
		failf("%s: got %s (%" PRId64 "), want %s (%" PRId64 ")", what,
		    money_format(got, g, sizeof(g)), got,
		    money_format(want, w, sizeof(w)), want);
}

/* Report what == want for plain numbers. */
static void
expect_int(const char *what, int64_t got, int64_t want)
{
	if (got == want)
		okf("%s = %" PRId64, what, want);
	else
		failf("%s: got %" PRId64 ", want %" PRId64, what, got, want);
}

static const char *
ledger_name(enum ledger_result r)
{
	static const char *const n[] = { "OK", "DONE_BEFORE", "SHORT",
	    "INVALID", "DB_ERROR" };

	return (unsigned)r < sizeof(n) / sizeof(n[0]) ? n[r] : "?";
}

static const char *
wallet_name(enum wallet_result r)
{
	static const char *const n[] = { "OK", "DONE_BEFORE", "NOT_PENDING",
	    "NOT_FOUND", "SHORT", "DUPLICATE_REF", "REF_CONFIRMED", "INVALID",
	    "DB_ERROR" };

	return (unsigned)r < sizeof(n) / sizeof(n[0]) ? n[r] : "?";
}

static void
expect_ledger(const char *what, enum ledger_result got,
    enum ledger_result want)
{
	if (got == want)
		okf("%s -> %s", what, ledger_name(want));
	else
		failf("%s: got %s, want %s", what, ledger_name(got),
		    ledger_name(want));
}

static void
expect_wallet(const char *what, enum wallet_result got,
    enum wallet_result want)
{
	if (got == want)
		okf("%s -> %s", what, wallet_name(want));
	else
		failf("%s: got %s, want %s", what, wallet_name(got),
		    wallet_name(want));
}

static void
die(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fprintf(stderr, "money_probe: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ------------------------------------------------------------ database */

/* Who the probe's admin actions are by, in the audit log: kaaj-admin's. */
static const struct audit_actor *
probe_actor(void)
{
	static struct audit_actor actor;

	if (actor.via == NULL)
		audit_actor_cli(&actor);
	return &actor;
}

static struct db *
open_db(void)
{
	struct db *db;

	if ((db = db_new(&cfg)) == NULL)
		die("out of memory");
	if (db_connect(db) != DB_OK)
		die("cannot connect: %s", db_error(db));
	db_set_actor(db, probe_actor());
	return db;
}

/* A new active user mp_<tag>_<role>; returns its id. */
static int64_t
make_user(struct db *db, const char *role)
{
	char name[64], email[128];
	uint64_t id;

	snprintf(name, sizeof(name), "mp_%.8s_%s", tag, role);
	snprintf(email, sizeof(email), "%s@probe.invalid", name);
	if (db_exec(db, NULL, &id, "INSERT INTO users (username, email,"
	    " password_hash, status) VALUES (?, ?, 'x', 'active')", "ss",
	    name, email) != DB_OK)
		die("cannot create user %s: %s", name, db_error(db));
	return (int64_t)id;
}

static int64_t
balance(struct db *db, enum ledger_kind kind, int64_t owner)
{
	int64_t b;

	if (ledger_balance(db, kind, owner, &b) == -1)
		die("ledger_balance: %s", db_error(db));
	return b;
}

/* One integer from a query with one int parameter (types "i" or "s"). */
static int64_t
query_int(struct db *db, const char *sql, const char *types, ...)
{
	struct db_result r;
	va_list ap;
	int64_t v;
	int rc;

	/* db_query takes "..." only: handle the two shapes used here. */
	va_start(ap, types);
	if (types[0] == 'i')
		rc = db_query(db, &r, sql, "i", va_arg(ap, int64_t));
	else if (types[0] == 's')
		rc = db_query(db, &r, sql, "s", va_arg(ap, const char *));
	else
		rc = db_query(db, &r, sql, "");
	va_end(ap);
	if (rc != DB_OK)
		die("query failed: %s: %s", sql, db_error(db));
	v = r.nrows > 0 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	return v;
}

static int64_t
key_count(struct db *db, const char *key)
{
	return query_int(db, "SELECT COUNT(*) FROM ledger_transactions"
	    " WHERE idem_key = ?", "s", key);
}

/* The ledger has no problem; print them if it has. */
static void
expect_ledger_sound(struct db *db, const char *when)
{
	int n;

	fflush(stdout);
	n = ledger_check(db, stdout);
	if (n == 0)
		okf("ledger_check finds no problem %s", when);
	else
		failf("ledger_check %s: %d problem(s)%s", when, n,
		    n < 0 ? " (database error)" : " (listed above)");
}

/* Credit user from outside with a key unique to this run. */
static void
credit(struct db *db, int64_t user, int64_t amount, const char *role)
{
	char key[LEDGER_KEY_MAX + 1];
	enum wallet_result r;

	snprintf(key, sizeof(key), "probe:%s:credit:%s", tag, role);
	if ((r = wallet_credit(db, user, amount, "money_probe", key)) !=
	    WALLET_OK)
		die("wallet_credit: %s", wallet_name(r));
}

/* ------------------------------------------------------------ escrow txns */

enum op { OP_FUND, OP_PAY, OP_BONUS, OP_REFUND, OP_RAW };

struct escrow_call {
	enum op op;
	int64_t campaign, employer, worker, amount, fee;
	const char *key;
	const struct ledger_leg *legs;
	size_t nlegs;
	enum ledger_result result;
};

static int
escrow_body(struct db *db, void *arg)
{
	struct escrow_call *c = arg;

	switch (c->op) {
	case OP_FUND:
		c->result = escrow_fund(db, c->campaign, c->employer,
		    c->amount, c->fee, c->key);
		break;
	case OP_PAY:
		c->result = escrow_pay(db, c->campaign, 0, c->worker,
		    c->amount, "pay", c->key);
		break;
	case OP_BONUS:
		c->result = escrow_bonus(db, c->campaign, 0, c->employer,
		    c->worker, c->amount, c->fee, c->key);
		break;
	case OP_REFUND:
		c->result = escrow_refund(db, c->campaign, 0, c->employer,
		    c->amount, c->key);
		break;
	case OP_RAW:
		c->result = ledger_post(db, c->key, "probe", "money_probe",
		    0, NULL, c->legs, c->nlegs, NULL);
		break;
	}
	if (c->result == LEDGER_OK)
		return DB_OK;
	if (c->result == LEDGER_DB_ERROR)
		return DB_ERROR;
	return DB_ROLLBACK;
}

/* Run one escrow call in its own transaction, as the marketplace will. */
static enum ledger_result
run_escrow(struct db *db, struct escrow_call c)
{
	int rc;

	c.result = LEDGER_DB_ERROR;
	rc = db_txn(db, escrow_body, &c);
	if (rc != DB_OK && rc != DB_ROLLBACK)
		return LEDGER_DB_ERROR;
	return c.result;
}

/* ------------------------------------------------------------ scenarios */

static int
scenario_fees(void)
{
	struct kaaj_config c;
	__int128 want;
	int64_t ppm;

	/* money_parse agrees with the amounts the issue names. */
	{
		int64_t v = 0;

		expect_int("money_parse(\"0.005\") micro-units",
		    money_parse("0.005", &v) == MONEY_OK ? v : -1, 5000);
		expect_int("money_parse(\"0.0035\") micro-units",
		    money_parse("0.0035", &v) == MONEY_OK ? v : -1, 3500);
	}
	expect_money("10% of 0.005", fee_percent(5000, 100000), 500);
	expect_money("10% of 0.0035", fee_percent(3500, 100000), 350);
	expect_money("7.5% of 0.0035 (0.0002625 rounded up)",
	    fee_percent(3500, 75000), 263);
	expect_money("7.5% of 0.005 (exact)", fee_percent(5000, 75000), 375);
	expect_money("0.0001% of 0.000001 rounds up to one micro-unit",
	    fee_percent(1, 1), 1);
	expect_money("10% of 0.000001 rounds up", fee_percent(1, 100000), 1);
	expect_money("33.3333% of 0.000003 (0.00000099999 rounded up)",
	    fee_percent(3, 333333), 1);
	expect_money("0% of 5.00", fee_percent(5000000, 0), 0);
	expect_money("10% of 0", fee_percent(0, 100000), 0);
	expect_money("100% of 0.0035", fee_percent(3500, 1000000), 3500);

	/* Huge amounts: no overflow, still exact. */
	expect_money("10% of MONEY_MAX", fee_percent(MONEY_MAX, 100000),
	    MONEY_MAX / 10);
	expect_money("100% of INT64_MAX", fee_percent(INT64_MAX, 1000000),
	    INT64_MAX);
	for (ppm = 1; ppm <= 1000000; ppm = ppm * 7 + 3) {
		char what[96];

		want = ((__int128)INT64_MAX * ppm + 999999) / 1000000;
		snprintf(what, sizeof(what), "%" PRId64 " ppm of INT64_MAX",
		    ppm);
		expect_money(what, fee_percent(INT64_MAX, ppm), (int64_t)want);
	}
	want = ((__int128)(MONEY_MAX - 1) * 999999 + 999999) / 1000000;
	expect_money("99.9999% of MONEY_MAX - 0.000001",
	    fee_percent(MONEY_MAX - 1, 999999), (int64_t)want);

	/* The config's functions, on a config with known fees. */
	memset(&c, 0, sizeof(c));
	c.fee_task_ppm = 100000;
	c.fee_withdrawal_ppm = 20000;
	c.fee_withdrawal_fixed = 100000;
	expect_money("fee_task 10% of 0.005", fee_task(&c, 5000), 500);
	expect_money("fee_task 10% of 0.0035", fee_task(&c, 3500), 350);
	expect_money("fee_withdrawal 2% + 0.10 of 5.00",
	    fee_withdrawal(&c, 5000000), 200000);
	expect_money("fee_withdrawal 2% + 0.10 of 2.50",
	    fee_withdrawal(&c, 2500000), 150000);
	expect_money("fee_withdrawal 2% + 0.10 of 0.000001 (rounded up)",
	    fee_withdrawal(&c, 1), 100001);
	expect_money("fee_withdrawal 2% + 0.10 of MONEY_MAX",
	    fee_withdrawal(&c, MONEY_MAX), MONEY_MAX / 50 + 100000);
	c.fee_task_ppm = 75000;
	expect_money("fee_task 7.5% of 0.0035", fee_task(&c, 3500), 263);

	/* And the stack's config as the sample ships it. */
	expect_int("config fees.task_percent \"10\" in ppm", cfg.fee_task_ppm,
	    100000);
	expect_int("config fees.withdrawal_percent \"2\" in ppm",
	    cfg.fee_withdrawal_ppm, 20000);
	expect_money("config fees.withdrawal_fixed", cfg.fee_withdrawal_fixed,
	    100000);
	expect_money("stack fee_withdrawal of 5.00",
	    fee_withdrawal(&cfg, 5000000), 200000);
	expect_money("stack fee_task of 0.005", fee_task(&cfg, 5000), 500);
	return 0;
}

static int
scenario_escrow(void)
{
	struct db *db = open_db();
	int64_t emp, wrk, camp, rev0, e, w, x, r;
	char k[LEDGER_KEY_MAX + 1], k1[LEDGER_KEY_MAX + 1], fund_key[96];
	struct ledger_leg legs[3];
	int64_t task_base;
	const int64_t pay = 5000;		/* 0.005 a task */
	const int64_t ntasks = 5;
	int64_t total = pay * ntasks, fee = fee_percent(total, 100000);
	int i;

	emp = make_user(db, "emp");
	wrk = make_user(db, "wrk");
	/* A campaign id no real campaign will have: the tag's low bits. */
	camp = (int64_t)(strtoull(tag + 8, NULL, 16) & 0x3fffffff) +
	    ((int64_t)1 << 40);
	task_base = camp * 100;
	rev0 = balance(db, LEDGER_REVENUE, 0);
	credit(db, emp, 1000000, "emp");	/* 1.00 */
	expect_money("employer's balance after a credit of 1.00",
	    balance(db, LEDGER_AVAILABLE, emp), 1000000);

	/* Funding more than the balance: SHORT, nothing moves. */
	snprintf(fund_key, sizeof(fund_key), "probe:%s:fund", tag);
	expect_ledger("fund 1.00 + 0.10 fee from a balance of 1.00",
	    run_escrow(db, (struct escrow_call){ OP_FUND, camp, emp, 0,
	    1000000, 100000, fund_key, NULL, 0, 0 }), LEDGER_SHORT);
	expect_money("... employer's balance unchanged",
	    balance(db, LEDGER_AVAILABLE, emp), 1000000);
	expect_money("... campaign escrow still empty",
	    balance(db, LEDGER_ESCROW, camp), 0);
	expect_money("... revenue unchanged",
	    balance(db, LEDGER_REVENUE, 0) - rev0, 0);
	expect_int("... its key is not used up", key_count(db, fund_key), 0);

	/* Fund 5 tasks of 0.005 plus the 10% fee. */
	expect_money("fee on 5 tasks of 0.005 (10%)", fee, 2500);
	expect_ledger("fund 0.025 + fee 0.0025",
	    run_escrow(db, (struct escrow_call){ OP_FUND, camp, emp, 0,
	    total, fee, fund_key, NULL, 0, 0 }), LEDGER_OK);
	expect_money("employer after funding", e = balance(db,
	    LEDGER_AVAILABLE, emp), 1000000 - 27500);
	expect_money("escrow after funding", balance(db, LEDGER_ESCROW, camp),
	    25000);
	expect_money("revenue grew by the fee",
	    balance(db, LEDGER_REVENUE, 0) - rev0, 2500);
	expect_ledger("fund again with the same key",
	    run_escrow(db, (struct escrow_call){ OP_FUND, camp, emp, 0,
	    total, fee, fund_key, NULL, 0, 0 }), LEDGER_DONE_BEFORE);
	expect_money("... employer unchanged",
	    balance(db, LEDGER_AVAILABLE, emp), e);
	expect_money("... escrow unchanged", balance(db, LEDGER_ESCROW, camp),
	    25000);

	/* Pay task 1, then the same key again. */
	snprintf(k1, sizeof(k1), "task:%" PRId64 ":pay", task_base + 1);
	expect_ledger(k1, run_escrow(db, (struct escrow_call){ OP_PAY, camp,
	    0, wrk, pay, 0, k1, NULL, 0, 0 }), LEDGER_OK);
	expect_money("worker after one task", balance(db, LEDGER_AVAILABLE,
	    wrk), 5000);
	expect_money("escrow after one task", balance(db, LEDGER_ESCROW, camp),
	    20000);
	expect_ledger("the same task key again", run_escrow(db,
	    (struct escrow_call){ OP_PAY, camp, 0, wrk, pay, 0, k1, NULL, 0,
	    0 }), LEDGER_DONE_BEFORE);
	expect_money("... worker paid once", balance(db, LEDGER_AVAILABLE,
	    wrk), 5000);
	expect_money("... escrow paid out once", balance(db, LEDGER_ESCROW,
	    camp), 20000);
	expect_int("... one transaction with that key", key_count(db, k1), 1);

	/* Tasks 2 and 3. */
	for (i = 2; i <= 3; i++) {
		snprintf(k, sizeof(k), "task:%" PRId64 ":pay", task_base + i);
		expect_ledger(k, run_escrow(db, (struct escrow_call){ OP_PAY,
		    camp, 0, wrk, pay, 0, k, NULL, 0, 0 }), LEDGER_OK);
	}
	expect_money("worker after three tasks",
	    w = balance(db, LEDGER_AVAILABLE, wrk), 15000);
	expect_money("escrow after three tasks",
	    balance(db, LEDGER_ESCROW, camp), 10000);

	/* Paying more than the escrow holds: SHORT, nothing moves. */
	snprintf(k, sizeof(k), "task:%" PRId64 ":pay", task_base + 4);
	expect_ledger("pay 0.010001 from an escrow of 0.01", run_escrow(db,
	    (struct escrow_call){ OP_PAY, camp, 0, wrk, 10001, 0, k, NULL, 0,
	    0 }), LEDGER_SHORT);
	expect_money("... worker unchanged", balance(db, LEDGER_AVAILABLE,
	    wrk), w);
	expect_money("... escrow unchanged", balance(db, LEDGER_ESCROW, camp),
	    10000);
	expect_int("... key not used up", key_count(db, k), 0);

	/* A bonus of 0.0035 with its fee (10%: 0.00035). */
	snprintf(k, sizeof(k), "probe:%s:bonus", tag);
	expect_ledger("bonus 0.0035 + fee 0.00035", run_escrow(db,
	    (struct escrow_call){ OP_BONUS, 0, emp, wrk, 3500,
	    fee_percent(3500, 100000), k, NULL, 0, 0 }), LEDGER_OK);
	expect_money("worker after the bonus", balance(db, LEDGER_AVAILABLE,
	    wrk), 18500);
	expect_money("employer after the bonus", balance(db, LEDGER_AVAILABLE,
	    emp), e - 3850);
	expect_money("revenue: both fees", balance(db, LEDGER_REVENUE, 0) -
	    rev0, 2850);
	expect_ledger("the bonus again", run_escrow(db, (struct escrow_call){
	    OP_BONUS, 0, emp, wrk, 3500, 350, k, NULL, 0, 0 }),
	    LEDGER_DONE_BEFORE);
	expect_money("... worker unchanged", balance(db, LEDGER_AVAILABLE,
	    wrk), 18500);
	e -= 3850;

	/* Refund the unused 0.01. */
	snprintf(k, sizeof(k), "probe:%s:refund", tag);
	expect_ledger("refund the unused 0.01", run_escrow(db,
	    (struct escrow_call){ OP_REFUND, camp, emp, 0, 10000, 0, k, NULL,
	    0, 0 }), LEDGER_OK);
	expect_money("escrow empty after the refund", balance(db,
	    LEDGER_ESCROW, camp), 0);
	expect_money("employer got the 0.01 back", balance(db,
	    LEDGER_AVAILABLE, emp), e + 10000);
	snprintf(k, sizeof(k), "probe:%s:refund2", tag);
	expect_ledger("refund 0.000001 more from the empty escrow",
	    run_escrow(db, (struct escrow_call){ OP_REFUND, camp, emp, 0, 1,
	    0, k, NULL, 0, 0 }), LEDGER_SHORT);

	/* The whole story adds up: employer + worker + revenue = credit. */
	x = balance(db, LEDGER_AVAILABLE, emp) + balance(db, LEDGER_AVAILABLE,
	    wrk);
	r = balance(db, LEDGER_REVENUE, 0) - rev0;
	expect_money("employer + worker + new revenue = the 1.00 credited",
	    x + r, 1000000);

	/* Malformed transactions are refused. */
	legs[0] = (struct ledger_leg){ LEDGER_AVAILABLE, emp, -1 };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, wrk, 2 };
	snprintf(k, sizeof(k), "probe:%s:bad1", tag);
	expect_ledger("legs summing to +1", run_escrow(db,
	    (struct escrow_call){ OP_RAW, 0, 0, 0, 0, 0, k, legs, 2, 0 }),
	    LEDGER_INVALID);
	legs[0] = (struct ledger_leg){ LEDGER_AVAILABLE, emp, 0 };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, wrk, 0 };
	expect_ledger("zero legs", run_escrow(db, (struct escrow_call){
	    OP_RAW, 0, 0, 0, 0, 0, k, legs, 2, 0 }), LEDGER_INVALID);
	legs[0] = (struct ledger_leg){ LEDGER_AVAILABLE, emp, 0 };
	expect_ledger("a single leg", run_escrow(db, (struct escrow_call){
	    OP_RAW, 0, 0, 0, 0, 0, k, legs, 1, 0 }), LEDGER_INVALID);
	legs[0] = (struct ledger_leg){ LEDGER_AVAILABLE, emp, INT64_MAX };
	legs[1] = (struct ledger_leg){ LEDGER_AVAILABLE, wrk, INT64_MAX };
	legs[2] = (struct ledger_leg){ LEDGER_OUTSIDE, 0, 2 };
	expect_ledger("legs whose int64 sum wraps to zero", run_escrow(db,
	    (struct escrow_call){ OP_RAW, 0, 0, 0, 0, 0, k, legs, 3, 0 }),
	    LEDGER_INVALID);
	expect_int("... none of them wrote a transaction", key_count(db, k), 0);
	expect_money("... employer unchanged", balance(db, LEDGER_AVAILABLE,
	    emp), e + 10000);

	expect_ledger_sound(db, "after the escrow scenario");
	db_free(db);
	return 0;
}

/* ------------------------------------------------------------ processes */

/* In a child: its ends of the start-line pipes. */
static int child_gate_fd = -1, child_ready_fd = -1;

/* In a child: connect, say ready, and wait for the start signal. */
static struct db *
child_start(void)
{
	struct db *db;
	char c = 'r';

	if ((db = db_new(&cfg)) == NULL || db_connect(db) != DB_OK) {
		fprintf(stderr, "money_probe: child cannot connect: %s\n",
		    db != NULL ? db_error(db) : "out of memory");
		if (write(child_ready_fd, &c, 1) != 1)
			_exit(98);
		_exit(99);
	}
	db_set_actor(db, probe_actor());
	if (write(child_ready_fd, &c, 1) != 1)
		_exit(98);
	while (read(child_gate_fd, &c, 1) == -1 && errno == EINTR)
		continue;
	return db;
}

/* ------------------------------------------------------------ race */

struct race {
	int64_t user, amount, fee;
	const char *same_key;	/* NULL: each child its own key */
};

enum { CH_OK = 0, CH_SHORT = 1, CH_DONE_BEFORE = 2, CH_OTHER = 3 };

static int
race_child(int i, void *arg)
{
	struct race *r = arg;
	enum wallet_result wr;
	char key[40];
	struct db *db = child_start();
	int64_t id;

	if (r->same_key != NULL)
		snprintf(key, sizeof(key), "%s", r->same_key);
	else
		snprintf(key, sizeof(key), "%.16s%016x", tag, (unsigned)i);
	wr = withdrawal_request(db, r->user, "bkash", "01700000000",
	    r->amount, r->fee, key, &id);
	db_free(db);
	switch (wr) {
	case WALLET_OK:
		return CH_OK;
	case WALLET_SHORT:
		return CH_SHORT;
	case WALLET_DONE_BEFORE:
		return CH_DONE_BEFORE;
	default:
		fprintf(stderr, "money_probe: child %d: withdrawal_request "
		    "gave %s\n", i, wallet_name(wr));
		return CH_OTHER;
	}
}

/* Count the children's statuses into counts[0..4] (4: anything else). */
static void
tally(const int *status, int n, int counts[5])
{
	int i;

	memset(counts, 0, 5 * sizeof(counts[0]));
	for (i = 0; i < n; i++)
		counts[status[i] >= 0 && status[i] <= 3 ? status[i] : 4]++;
}

/*
 * Fork n children that each connect, say they are ready, wait at the
 * start line (a pipe the parent closes once all are ready: EOF for all at
 * once) and then run fn(i, arg), whose return is their exit status. Fills
 * status[i] with each child's exit status (255 if it did not exit).
 */
static void
run_children(int n, int (*fn)(int, void *), void *arg, int *status)
{
	int gate[2], ready[2], i, st;
	pid_t *pids;
	char c;

	if ((pids = calloc((size_t)n, sizeof(*pids))) == NULL)
		die("out of memory");
	if (pipe(gate) == -1 || pipe(ready) == -1)
		die("pipe: %s", strerror(errno));
	fflush(stdout);
	fflush(stderr);
	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == -1)
			die("fork: %s", strerror(errno));
		if (pids[i] == 0) {
			close(gate[1]);
			close(ready[0]);
			child_gate_fd = gate[0];
			child_ready_fd = ready[1];
			free(pids);
			_exit(fn(i, arg));
		}
	}
	close(gate[0]);
	close(ready[1]);
	for (i = 0; i < n; i++)
		if (read(ready[0], &c, 1) != 1)
			break;
	close(ready[0]);
	close(gate[1]);
	for (i = 0; i < n; i++) {
		while (waitpid(pids[i], &st, 0) == -1)
			if (errno != EINTR)
				die("waitpid: %s", strerror(errno));
		status[i] = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	}
	free(pids);
}

static int
scenario_race(int n, int m, const char *same)
{
	struct db *db = open_db();
	struct race r;
	int *status, counts[5];
	int64_t user, amount = 2500000, fee;
	char what[160];

	if (n < 1 || n > 200 || m < 0 || m > n)
		die("race: N must be 1 to 200 and M 0 to N");
	fee = fee_withdrawal(&cfg, amount);
	user = make_user(db, same != NULL ? "same" : "race");
	if (same != NULL)
		m = 1;
	credit(db, user, amount * (same != NULL ? n : m), "race");
	/* No held account yet: the racers also race to make it. */
	db_free(db);

	r = (struct race){ user, amount, fee, same };
	if ((status = calloc((size_t)n, sizeof(*status))) == NULL)
		die("out of memory");
	run_children(n, race_child, &r, status);
	tally(status, n, counts);
	printf("# race: %d at once: ok=%d short=%d done_before=%d other=%d "
	    "crashed=%d\n", n, counts[CH_OK], counts[CH_SHORT],
	    counts[CH_DONE_BEFORE], counts[CH_OTHER], counts[4]);

	db = open_db();
	if (same != NULL) {
		snprintf(what, sizeof(what), "%d requests with one request_key "
		    "at once: successes", n);
		expect_int(what, counts[CH_OK], 1);
		expect_int("... the others were DONE_BEFORE",
		    counts[CH_DONE_BEFORE], n - 1);
	} else {
		snprintf(what, sizeof(what), "%d withdrawals at once on a "
		    "balance covering %d: successes", n, m);
		expect_int(what, counts[CH_OK], m);
		expect_int("... refused as SHORT", counts[CH_SHORT], n - m);
	}
	expect_int("... children that failed otherwise",
	    counts[CH_OTHER] + counts[4] + (same == NULL ?
	    counts[CH_DONE_BEFORE] : counts[CH_SHORT]), 0);
	expect_int("... withdrawal rows recorded", query_int(db,
	    "SELECT COUNT(*) FROM withdrawals WHERE user_id = ?", "i", user),
	    m);
	expect_int("... hold transactions posted", query_int(db,
	    "SELECT COUNT(*) FROM ledger_transactions t JOIN withdrawals w"
	    " ON t.idem_key = CONCAT('withdrawal:', w.id, ':hold')"
	    " WHERE w.user_id = ?", "i", user), m);
	expect_money("... available balance", balance(db, LEDGER_AVAILABLE,
	    user), same != NULL ? amount * (n - 1) : 0);
	expect_money("... held balance", balance(db, LEDGER_HELD, user),
	    amount * m);
	expect_ledger_sound(db, "after the race");
	db_free(db);
	free(status);
	return 0;
}

/* ------------------------------------------------------------ deposits */

struct confirm_race {
	int64_t deposit, admin;
};

static int
confirm_child(int i, void *arg)
{
	struct confirm_race *c = arg;
	struct db *db = child_start();
	enum wallet_result wr;

	(void)i;
	wr = deposit_confirm(db, c->deposit, c->admin);
	db_free(db);
	switch (wr) {
	case WALLET_OK:
		return 0;
	case WALLET_NOT_PENDING:
		return 1;
	default:
		fprintf(stderr, "money_probe: deposit_confirm gave %s\n",
		    wallet_name(wr));
		return 3;
	}
}

static int
scenario_confirm_twice(void)
{
	struct db *db = open_db();
	int64_t user, admin, id, id2, b;
	enum wallet_result wr;
	char ref[64], key[64];
	int status[4], counts[5], round, oks = 0, nps = 0, other = 0;

	user = make_user(db, "dep");
	admin = make_user(db, "adm");

	snprintf(ref, sizeof(ref), "TRX%s1", tag);
	wr = deposit_request(db, user, "bkash", 3250000, ref, NULL, &id);
	expect_wallet("deposit_request of 3.25", wr, WALLET_OK);
	expect_money("... moves no money", balance(db, LEDGER_AVAILABLE, user),
	    0);
	expect_wallet("the same method and transaction ID again",
	    deposit_request(db, user, "bkash", 3250000, ref, NULL, &id2),
	    WALLET_DUPLICATE_REF);
	expect_wallet("deposit_confirm", deposit_confirm(db, id, admin),
	    WALLET_OK);
	expect_money("... credits 3.25", balance(db, LEDGER_AVAILABLE, user),
	    3250000);
	expect_wallet("deposit_confirm again", deposit_confirm(db, id, admin),
	    WALLET_NOT_PENDING);
	expect_money("... credits nothing more", balance(db, LEDGER_AVAILABLE,
	    user), 3250000);
	expect_wallet("deposit_reject after the confirm",
	    deposit_reject(db, id, admin, "too late"), WALLET_NOT_PENDING);
	expect_money("... takes nothing back", balance(db, LEDGER_AVAILABLE,
	    user), 3250000);
	snprintf(key, sizeof(key), "deposit:%" PRId64, id);
	expect_int("one ledger transaction for the deposit",
	    key_count(db, key), 1);
	expect_wallet("deposit_confirm of a deposit that does not exist",
	    deposit_confirm(db, INT64_MAX / 2, admin), WALLET_NOT_FOUND);

	/* Rejected: no money, and it cannot be confirmed later. */
	snprintf(ref, sizeof(ref), "TRX%s2", tag);
	expect_wallet("a second deposit_request",
	    deposit_request(db, user, "nagad", 1000000, ref, NULL, &id2),
	    WALLET_OK);
	expect_wallet("deposit_reject", deposit_reject(db, id2, admin,
	    "no such payment"), WALLET_OK);
	expect_wallet("deposit_confirm after the reject",
	    deposit_confirm(db, id2, admin), WALLET_NOT_PENDING);
	expect_money("... the rejected one credited nothing",
	    balance(db, LEDGER_AVAILABLE, user), 3250000);

	/* Confirmed from several processes at once, a few times over. */
	db_free(db);
	for (round = 0; round < 5; round++) {
		struct confirm_race c;

		db = open_db();
		snprintf(ref, sizeof(ref), "TRX%sr%d", tag, round);
		if (deposit_request(db, user, "bkash", 1000000, ref, NULL,
		    &c.deposit) != WALLET_OK)
			die("deposit_request failed");
		db_free(db);
		c.admin = admin;
		run_children(round == 0 ? 2 : 4, confirm_child, &c, status);
		tally(status, round == 0 ? 2 : 4, counts);
		oks += counts[0] == 1;
		nps += counts[1];
		other += counts[3] + counts[4] + counts[2] + (counts[0] != 1);
	}
	expect_int("5 deposits each confirmed by 2 or 4 processes at once: "
	    "rounds with exactly one success", oks, 5);
	expect_int("... NOT_PENDING answers", nps, 1 + 4 * 3);
	expect_int("... anything else", other, 0);
	db = open_db();
	expect_money("... balance: 3.25 + 5 x 1.00, each once",
	    b = balance(db, LEDGER_AVAILABLE, user), 8250000);
	(void)b;
	expect_int("confirmed deposits of the user", query_int(db,
	    "SELECT COUNT(*) FROM deposits WHERE user_id = ?"
	    " AND status = 'confirmed'", "i", user), 6);
	expect_ledger_sound(db, "after the confirm-twice scenario");
	db_free(db);
	return 0;
}

/* ------------------------------------------------------------ deposit refs */

/* Two users' requests of one ID, each confirmed by half the racers. */
struct ref_race {
	int64_t deposit[2], admin;
};

enum { RR_OK = 0, RR_NOT_PENDING = 1, RR_REF_CONFIRMED = 2, RR_OTHER = 3 };

static int
ref_race_child(int i, void *arg)
{
	struct ref_race *r = arg;
	struct db *db = child_start();
	enum wallet_result wr;

	wr = deposit_confirm(db, r->deposit[i % 2], r->admin);
	db_free(db);
	switch (wr) {
	case WALLET_OK:
		return RR_OK;
	case WALLET_NOT_PENDING:
		return RR_NOT_PENDING;
	case WALLET_REF_CONFIRMED:
		return RR_REF_CONFIRMED;
	default:
		fprintf(stderr, "money_probe: child %d: deposit_confirm gave "
		    "%s\n", i, wallet_name(wr));
		return RR_OTHER;
	}
}

/* A deposit request of amount that must be accepted; its id. */
static int64_t
must_request(struct db *db, int64_t user, const char *method,
    int64_t amount, const char *ref)
{
	enum wallet_result wr;
	int64_t id;

	if ((wr = deposit_request(db, user, method, amount, ref, NULL, &id)) !=
	    WALLET_OK)
		die("deposit_request %s: %s", ref, wallet_name(wr));
	return id;
}

/*
 * The rules of shared transaction IDs, one at a time: users a and b,
 * one ID by bkash.
 */
static void
ref_rules(struct db *db, int64_t a, int64_t b, int64_t admin)
{
	int64_t id, id2, id3;
	char ref[64], key[64];

	snprintf(ref, sizeof(ref), "REF%s", tag);
	id = must_request(db, a, "bkash", 1000000, ref);
	expect_wallet("the same user sends the same ID again",
	    deposit_request(db, a, "bkash", 1000000, ref, NULL, &id2),
	    WALLET_DUPLICATE_REF);
	expect_wallet("... by another method it is another payment",
	    deposit_request(db, a, "nagad", 1000000, ref, NULL, &id2),
	    WALLET_OK);
	expect_wallet("the first is rejected",
	    deposit_reject(db, id, admin, "wrong amount"), WALLET_OK);
	expect_wallet("... the same user sends its ID again",
	    deposit_request(db, a, "bkash", 2000000, ref, NULL, &id2),
	    WALLET_OK);
	expect_wallet("that one is rejected too",
	    deposit_reject(db, id2, admin, "still wrong"), WALLET_OK);
	expect_wallet("... another user sends the ID",
	    deposit_request(db, b, "bkash", 3000000, ref, NULL, &id3),
	    WALLET_OK);
	expect_wallet("... and the first user again, while it is pending",
	    deposit_request(db, a, "bkash", 1000000, ref, NULL, &id),
	    WALLET_OK);
	expect_int("live requests of the ID (a conflict)", query_int(db,
	    "SELECT COUNT(*) FROM deposits WHERE method = 'bkash'"
	    " AND live_ref = ?", "s", ref), 2);
	expect_wallet("the other user's is confirmed",
	    deposit_confirm(db, id3, admin), WALLET_OK);
	expect_wallet("... the first user's then cannot be",
	    deposit_confirm(db, id, admin), WALLET_REF_CONFIRMED);
	expect_int("... and stays pending", query_int(db, "SELECT status ="
	    " 'pending' FROM deposits WHERE id = ?", "i", id), 1);
	snprintf(key, sizeof(key), "deposit:%" PRId64, id);
	expect_int("... with no ledger transaction", key_count(db, key), 0);
	expect_money("... the first user has nothing",
	    balance(db, LEDGER_AVAILABLE, a), 0);
	expect_money("... the other user has 3.00",
	    balance(db, LEDGER_AVAILABLE, b), 3000000);
	expect_wallet("the other user sends the confirmed ID again",
	    deposit_request(db, b, "bkash", 3000000, ref, NULL, &id2),
	    WALLET_DUPLICATE_REF);
	expect_wallet("the first user's is rejected",
	    deposit_reject(db, id, admin, "paid by the other"), WALLET_OK);
	expect_wallet("... the first user sends the confirmed ID again",
	    deposit_request(db, a, "bkash", 1000000, ref, NULL, &id),
	    WALLET_OK);
	expect_wallet("... which cannot be confirmed either",
	    deposit_confirm(db, id, admin), WALLET_REF_CONFIRMED);
	expect_int("confirmed requests of the ID", query_int(db,
	    "SELECT COUNT(*) FROM deposits WHERE method = 'bkash'"
	    " AND txn_ref = ? AND status = 'confirmed'", "s", ref), 1);
}

/* The ledger transactions of user's raced deposits. */
static int64_t
race_deposit_txns(struct db *db, int64_t user)
{
	return query_int(db, "SELECT COUNT(*) FROM ledger_transactions t"
	    " JOIN deposits d ON t.idem_key = CONCAT('deposit:', d.id)"
	    " WHERE d.user_id = ? AND d.txn_ref LIKE 'RACE%'", "i", user);
}

static int
scenario_deposit_refs(int rounds)
{
	struct db *db = open_db();
	int64_t a, b, admin, a0, b0;
	int status[4], counts[5], round, n, wins[2] = { 0, 0 };
	int exact = 0, other = 0;
	struct ref_race r;
	char ref[64];

	if (rounds < 1 || rounds > 500)
		die("deposit-refs: N must be 1 to 500");
	a = make_user(db, "ra");
	b = make_user(db, "rb");
	admin = make_user(db, "radm");
	ref_rules(db, a, b, admin);

	/* a asks for 1.00 and b for 2.00 each round, with the same ID. */
	a0 = balance(db, LEDGER_AVAILABLE, a);
	b0 = balance(db, LEDGER_AVAILABLE, b);
	db_free(db);
	for (round = 0; round < rounds; round++) {
		db = open_db();
		snprintf(ref, sizeof(ref), "RACE%s%d", tag, round);
		r.deposit[0] = must_request(db, a, "bkash", 1000000, ref);
		r.deposit[1] = must_request(db, b, "bkash", 2000000, ref);
		r.admin = admin;
		db_free(db);
		n = round % 2 == 0 ? 2 : 4;
		run_children(n, ref_race_child, &r, status);
		tally(status, n, counts);
		exact += counts[RR_OK] == 1;
		other += counts[RR_OTHER] + counts[4];
		if (counts[RR_OK] != 1)
			printf("# round %d: %d confirmed\n", round,
			    counts[RR_OK]);
		db = open_db();
		wins[0] += (int)query_int(db, "SELECT status = 'confirmed'"
		    " FROM deposits WHERE id = ?", "i", r.deposit[0]);
		wins[1] += (int)query_int(db, "SELECT status = 'confirmed'"
		    " FROM deposits WHERE id = ?", "i", r.deposit[1]);
		db_free(db);
	}
	printf("# %d rounds: a's request confirmed %d times, b's %d\n",
	    rounds, wins[0], wins[1]);
	expect_int("two users' requests of one ID confirmed at once: rounds"
	    " with exactly one confirmed", exact, rounds);
	expect_int("... confirmed requests", wins[0] + wins[1], rounds);
	expect_int("... answers other than OK, NOT_PENDING, REF_CONFIRMED",
	    other, 0);
	db = open_db();
	expect_money("... a's balance: 1.00 a round won",
	    balance(db, LEDGER_AVAILABLE, a) - a0, 1000000 * (int64_t)wins[0]);
	expect_money("... b's balance: 2.00 a round won",
	    balance(db, LEDGER_AVAILABLE, b) - b0, 2000000 * (int64_t)wins[1]);
	expect_int("... one ledger transaction per confirmed request",
	    race_deposit_txns(db, a) + race_deposit_txns(db, b), rounds);
	expect_ledger_sound(db, "after the deposit-refs scenario");
	db_free(db);
	return 0;
}

/* ------------------------------------------------------------ decisions */

struct decide_race {
	int64_t id, admin;
};

static int
decide_child(int i, void *arg)
{
	struct decide_race *d = arg;
	struct db *db = child_start();
	enum wallet_result wr;

	wr = i % 2 == 0 ? withdrawal_pay(db, d->id, d->admin, "PAYREF") :
	    withdrawal_reject(db, d->id, d->admin, "raced");
	db_free(db);
	if (wr == WALLET_OK)
		return 0;
	if (wr == WALLET_NOT_PENDING)
		return 1;
	fprintf(stderr, "money_probe: decision gave %s\n", wallet_name(wr));
	return 3;
}

static int
scenario_withdraw_decide(void)
{
	struct db *db = open_db();
	int64_t user, admin, a, b, c, rev0, out0, fee;
	const int64_t amount = 5000000;
	char key[40];
	int status[4], counts[5];
	struct decide_race d;
	const char *st;

	user = make_user(db, "wd");
	admin = make_user(db, "wda");
	credit(db, user, 3 * amount, "wd");
	fee = fee_withdrawal(&cfg, amount);
	expect_money("fee of a 5.00 withdrawal", fee, 200000);

	snprintf(key, sizeof(key), "%.16s%016x", tag, 1u);
	expect_wallet("withdrawal_request 5.00", withdrawal_request(db, user,
	    "paypal", "w@probe.invalid", amount, fee, key, &a), WALLET_OK);
	expect_wallet("the same request_key again", withdrawal_request(db,
	    user, "paypal", "w@probe.invalid", amount, fee, key, &b),
	    WALLET_DONE_BEFORE);
	expect_money("available after one request", balance(db,
	    LEDGER_AVAILABLE, user), 2 * amount);
	expect_money("held after one request", balance(db, LEDGER_HELD, user),
	    amount);
	expect_wallet("withdrawal_request of 10.000001 (more than the rest)",
	    withdrawal_request(db, user, "paypal", "w@probe.invalid",
	    2 * amount + 1, fee, "probe-short-key-000000000000000", &b),
	    WALLET_SHORT);
	expect_int("... records no request", query_int(db, "SELECT COUNT(*)"
	    " FROM withdrawals WHERE user_id = ?", "i", user), 1);

	/* Rejected: the money comes back, once. */
	expect_wallet("withdrawal_reject", withdrawal_reject(db, a, admin,
	    "wrong account"), WALLET_OK);
	expect_money("... available back to 15.00", balance(db,
	    LEDGER_AVAILABLE, user), 3 * amount);
	expect_money("... held empty", balance(db, LEDGER_HELD, user), 0);
	expect_wallet("withdrawal_reject again", withdrawal_reject(db, a,
	    admin, "again"), WALLET_NOT_PENDING);
	expect_wallet("withdrawal_pay of the rejected one",
	    withdrawal_pay(db, a, admin, "REF1"), WALLET_NOT_PENDING);
	expect_money("... available still 15.00", balance(db,
	    LEDGER_AVAILABLE, user), 3 * amount);

	/* Paid: held to outside (amount - fee) and revenue (fee). */
	snprintf(key, sizeof(key), "%.16s%016x", tag, 2u);
	expect_wallet("another withdrawal_request 5.00",
	    withdrawal_request(db, user, "paypal", "w@probe.invalid", amount,
	    fee, key, &b), WALLET_OK);
	rev0 = balance(db, LEDGER_REVENUE, 0);
	out0 = balance(db, LEDGER_OUTSIDE, 0);
	expect_wallet("withdrawal_pay", withdrawal_pay(db, b, admin, "REF2"),
	    WALLET_OK);
	expect_money("... held empty", balance(db, LEDGER_HELD, user), 0);
	expect_money("... revenue grew by the fee", balance(db, LEDGER_REVENUE,
	    0) - rev0, fee);
	expect_money("... the outside world got amount - fee",
	    balance(db, LEDGER_OUTSIDE, 0) - out0, amount - fee);
	expect_money("... available 10.00", balance(db, LEDGER_AVAILABLE,
	    user), 2 * amount);
	expect_wallet("withdrawal_pay again", withdrawal_pay(db, b, admin,
	    "REF3"), WALLET_NOT_PENDING);
	expect_wallet("withdrawal_reject of the paid one",
	    withdrawal_reject(db, b, admin, "late"), WALLET_NOT_PENDING);
	expect_money("... revenue unchanged", balance(db, LEDGER_REVENUE, 0) -
	    rev0, fee);
	expect_money("... available unchanged", balance(db, LEDGER_AVAILABLE,
	    user), 2 * amount);
	expect_wallet("withdrawal_pay of one that does not exist",
	    withdrawal_pay(db, INT64_MAX / 2, admin, "X"), WALLET_NOT_FOUND);

	/* Paid and rejected at once by 4 admins: exactly one decision. */
	snprintf(key, sizeof(key), "%.16s%016x", tag, 3u);
	if (withdrawal_request(db, user, "paypal", "w@probe.invalid", amount,
	    fee, key, &c) != WALLET_OK)
		die("withdrawal_request failed");
	rev0 = balance(db, LEDGER_REVENUE, 0);
	db_free(db);
	d = (struct decide_race){ c, admin };
	run_children(4, decide_child, &d, status);
	tally(status, 4, counts);
	expect_int("pay and reject of one request by 4 processes at once: "
	    "successes", counts[0], 1);
	expect_int("... NOT_PENDING", counts[1], 3);
	db = open_db();
	expect_money("... held empty", balance(db, LEDGER_HELD, user), 0);
	st = query_int(db, "SELECT status = 'paid' FROM withdrawals"
	    " WHERE id = ?", "i", c) ? "paid" : "rejected";
	printf("# the raced request ended %s\n", st);
	if (strcmp(st, "paid") == 0) {
		expect_money("... paid: revenue grew by the fee", balance(db,
		    LEDGER_REVENUE, 0) - rev0, fee);
		expect_money("... available 5.00", balance(db,
		    LEDGER_AVAILABLE, user), amount);
	} else {
		expect_money("... rejected: revenue unchanged", balance(db,
		    LEDGER_REVENUE, 0) - rev0, 0);
		expect_money("... available 10.00", balance(db,
		    LEDGER_AVAILABLE, user), 2 * amount);
	}
	expect_ledger_sound(db, "after the withdraw-decide scenario");
	db_free(db);
	return 0;
}

static int
scenario_check(void)
{
	struct db *db = open_db();

	expect_ledger_sound(db, "");
	db_free(db);
	return 0;
}

/* ------------------------------------------------------------ main */

static void
usage(void)
{
	fprintf(stderr, "usage: money_probe CONFIG SCENARIO [ARGS]\n"
	    "  scenarios: fees, escrow, race N M, race-samekey N,\n"
	    "  confirm-twice, deposit-refs N, withdraw-decide, check\n");
	exit(2);
}

static int
int_arg(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < 0 || v > 100000)
		usage();
	return (int)v;
}

int
main(int argc, char *argv[])
{
	unsigned char rnd[8];
	const char *sc;
	char err[512];

	if (argc < 3)
		usage();
	conf_path = argv[1];
	sc = argv[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (sodium_init() < 0)
		die("sodium_init failed");
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(tag, sizeof(tag), rnd, sizeof(rnd));
	if (config_load(conf_path, &cfg, err, sizeof(err)) == -1)
		die("%s", err);

	if (strcmp(sc, "fees") == 0 && argc == 3)
		scenario_fees();
	else if (strcmp(sc, "escrow") == 0 && argc == 3)
		scenario_escrow();
	else if (strcmp(sc, "race") == 0 && argc == 5)
		scenario_race(int_arg(argv[3]), int_arg(argv[4]), NULL);
	else if (strcmp(sc, "race-samekey") == 0 && argc == 4)
		scenario_race(int_arg(argv[3]), 1, tag);
	else if (strcmp(sc, "confirm-twice") == 0 && argc == 3)
		scenario_confirm_twice();
	else if (strcmp(sc, "deposit-refs") == 0 && argc == 4)
		scenario_deposit_refs(int_arg(argv[3]));
	else if (strcmp(sc, "withdraw-decide") == 0 && argc == 3)
		scenario_withdraw_decide();
	else if (strcmp(sc, "check") == 0 && argc == 3)
		scenario_check();
	else
		usage();
	config_free(&cfg);
	return failures > 0 ? 1 : 0;
}
