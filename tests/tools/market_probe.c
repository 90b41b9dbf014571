/*
 * market_probe CONFIG SCENARIO [ARGS]: run one marketplace scenario
 * against the real database of CONFIG, checking every step itself. For
 * the integration tests (tests/integration/t_55_market.sh).
 *
 * Scenarios: story, race N M, double-approve, cron-overlap, expire, stop,
 * moderation, dispute, eligibility, revise. Each makes its own users
 * (names unique per run) and campaigns. Prints one line per check and
 * "N passed, N failed" last; exits 0 only if every check passed.
 * Scenarios that race fork child processes, each with its own database
 * connection, released together once all are connected.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <sodium.h>

#include "accounts/audit.h"
#include "market/campaign.h"
#include "base/config.h"
#include "storage/db.h"
#include "money/ledger.h"
#include "market/task.h"
#include "money/wallet.h"

#include "market_probe.h"

struct kaaj_config cfg;
struct db *db;
static char tag[16];		/* this run's random part of user names */
static int passed, failed, serial;

static const char *const result_names[] = {
	"OK", "DONE_BEFORE", "SHORT", "FULL", "TAKEN", "NOT_ALLOWED",
	"WRONG_STATE", "NOT_FOUND", "EXPIRED", "BAD_PROOF", "DB_ERROR"
};

const char *
rname(enum market_result r)
{
	return (unsigned)r < sizeof(result_names) / sizeof(result_names[0]) ?
	    result_names[r] : "?";
}

void
check(int ok, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	printf("  %-5s ", ok ? "ok" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	if (!ok)
		printf("  (%s:%d)", file, line);
	putchar('\n');
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
}

void
die(const char *what)
{
	fprintf(stderr, "market_probe: %s: %s\n", what, db_error(db));
	exit(2);
}

int64_t
q1(const char *sql, int64_t arg)
{
	struct db_result r;
	int64_t v;

	if (db_query(db, &r, sql, "i", arg) != DB_OK)
		die(sql);
	v = r.nrows > 0 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	return v;
}

/* The first cell's text (copied into out) of a query with one integer. */
static const char *
qs(const char *sql, int64_t arg, char *out, size_t len)
{
	struct db_result r;

	if (db_query(db, &r, sql, "i", arg) != DB_OK)
		die(sql);
	snprintf(out, len, "%s", r.nrows > 0 && db_cell(&r, 0, 0) != NULL ?
	    db_cell(&r, 0, 0) : "NULL");
	db_result_free(&r);
	return out;
}

void
expect_text(const char *sql, int64_t arg, const char *want,
    const char *what, const char *file, int line)
{
	char got[64];

	qs(sql, arg, got, sizeof(got));
	check(strcmp(got, want) == 0, file, line, "%s: %s (want %s)", what,
	    got, want);
}

void
x1(const char *sql, int64_t arg)
{
	if (db_exec(db, NULL, NULL, sql, "i", arg) != DB_OK)
		die(sql);
}

int64_t
user(const char *role, const char *country)
{
	char name[33], email[64];
	uint64_t id;

	snprintf(name, sizeof(name), "m%s_%s%d", tag, role, ++serial);
	snprintf(email, sizeof(email), "%s@example.test", name);
	if (db_exec(db, NULL, &id, "INSERT INTO users (username, email,"
	    " password_hash, country, status)"
	    " VALUES (?, ?, 'x', ?, 'active')", "sss", name, email,
	    country) != DB_OK)
		die("insert user");
	return (int64_t)id;
}

int64_t
balance(enum ledger_kind kind, int64_t owner)
{
	int64_t b;

	if (ledger_balance(db, kind, owner, &b) == -1)
		die("ledger_balance");
	return b;
}

void
credit(int64_t who, int64_t amount)
{
	int64_t before = balance(LEDGER_AVAILABLE, who);
	char key[64];

	snprintf(key, sizeof(key), "probe:%s:%d", tag, ++serial);
	if (wallet_credit(db, who, amount, "market_probe", key) != WALLET_OK ||
	    balance(LEDGER_AVAILABLE, who) != before + amount)
		die("wallet_credit");
}

int64_t
fee_of(int64_t amount)
{
	return (amount * cfg.fee_task_ppm + 999999) / 1000000;
}

/* The signup plugin's campaign values. */
static const char *const cfield_names[] = { "signup_url", "action" };
static const char *const cfield_values[] = { "https://example.com/join",
    "register" };
static const struct kaaj_values cfields = { 2, cfield_names, cfield_values };

int64_t
campaign(int64_t owner, int64_t slots, const struct opts *o,
    enum market_result *r)
{
	struct campaign_new c = {
		.owner = owner, .job_type = "signup", .category = "signup",
		.title = "Probe campaign", .instructions = "Sign up.",
		.proof_instructions = "Your user name.", .slots = slots,
		.pay = PAY, .minutes = 60, .days = 3, .countries_mode = "all",
		.countries = "", .fields = &cfields,
	};
	enum market_result res;
	int64_t id;

	if (o != NULL) {
		c.countries_mode = o->mode != NULL ? o->mode : "all";
		c.countries = o->countries != NULL ? o->countries : "";
		c.create_key = o->key;
		c.min_success = o->min_success;
		c.minutes = o->minutes > 0 ? o->minutes : 60;
		c.moderated = o->moderated;
	}
	res = campaign_create(db, &cfg, &c, &id);
	if (r != NULL)
		*r = res;
	else if (res != MARKET_OK) {
		fprintf(stderr, "market_probe: campaign_create: %s\n",
		    rname(res));
		exit(2);
	}
	return id;
}

enum market_result
submit(int64_t task, int64_t worker, const struct kaaj_values *values,
    const char *shot, const unsigned char *shot_hash, int64_t *dup)
{
	struct task_proof in = { values, shot, shot_hash, 0, 0 };
	struct task_submitted out;
	enum market_result r;

	r = task_submit(db, task, worker, &in, &out);
	*dup = out.duplicate_of;
	return r;
}

int64_t
claim_submit(int64_t c, int64_t worker, const char *text)
{
	const char *const names[] = { "username" };
	const char *values[] = { text };
	struct kaaj_values proof = { 1, names, values };
	enum market_result r;
	const char *why;
	int64_t task, dup;

	r = task_claim(db, c, worker, &task, &why);
	EXPECT_R(r, MARKET_OK, "claim");
	r = submit(task, worker, &proof, NULL, NULL, &dup);
	EXPECT_R(r, MARKET_OK, "submit");
	return task;
}

int64_t
notices(int64_t who, const char *kind)
{
	struct db_result r;
	int64_t n;

	if (db_query(db, &r, "SELECT COUNT(*) FROM notifications"
	    " WHERE user_id = ? AND kind = ?", "is", who, kind) != DB_OK)
		die("count notifications");
	n = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	return n;
}

void
ledger_ok(void)
{
	CHECK(ledger_check(db, stdout) == 0, "ledger_check finds no problem");
}

/* ------------------------------------------------------------ racing */

void
race(int n, kid_fn fn, void *arg, int *codes)
{
	int go[2], ready[2], i, j, st, up;
	struct db *kdb;
	pid_t pids[MAX_KIDS];
	char c;

	if (n > MAX_KIDS || pipe(go) == -1 || pipe(ready) == -1)
		die("race setup");
	fflush(stdout);
	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == -1)
			die("fork");
		if (pids[i] != 0)
			continue;
		close(go[1]);
		close(ready[0]);
		kdb = db_new(&cfg);
		for (j = 0, up = 0; kdb != NULL && !up && j < 100; j++)
			if (!(up = db_connect(kdb) == DB_OK))
				usleep(50000);
		/* Ready even when failed: the parent counts every child. */
		if (write(ready[1], "r", 1) != 1 || read(go[0], &c, 1) != 0 ||
		    !up)
			_exit(255);
		_exit(fn(kdb, i, arg));
	}
	close(go[0]);
	close(ready[1]);
	for (i = 0; i < n && read(ready[0], &c, 1) == 1; i++)
		continue;
	close(go[1]);		/* go: every child reads end of file */
	close(ready[0]);
	for (i = 0; i < n; i++) {
		while (waitpid(pids[i], &st, 0) == -1 && errno == EINTR)
			continue;
		codes[i] = WIFEXITED(st) ? WEXITSTATUS(st) : 255;
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: market_probe CONFIG SCENARIO\n"
	    "  SCENARIO: story, race N M, double-approve, cron-overlap,"
	    " expire,\n  stop, moderation, dispute, eligibility, revise;\n"
	    "  for the page tests: campaign USER SLOTS SHOT, rate TASK"
	    " VERDICT,\n  balance USER\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct audit_actor actor;
	unsigned char rnd[6];
	char err[512];
	int n, m;

	if (argc < 3)
		usage();
	if (sodium_init() < 0 ||
	    config_load(argv[1], &cfg, err, sizeof(err)) == -1) {
		fprintf(stderr, "market_probe: %s\n", err);
		return 2;
	}
	if ((db = db_new(&cfg)) == NULL || db_connect(db) != DB_OK)
		die("connect");
	/* The probe's admin actions are in the audit log as kaaj-admin's. */
	audit_actor_cli(&actor);
	db_set_actor(db, &actor);
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(tag, sizeof(tag), rnd, sizeof(rnd));
	if (strcmp(argv[2], "race") == 0 && argc == 5) {
		n = atoi(argv[3]);
		m = atoi(argv[4]);
		if (n < 1 || n > MAX_KIDS || m < 1 || m > n)
			usage();
		scenario_race(n, m);
	} else if (strcmp(argv[2], "campaign") == 0 && argc == 6)
		scenario_page_campaign(argv[3], atoll(argv[4]),
		    atoi(argv[5]));
	else if (strcmp(argv[2], "rate") == 0 && argc == 5)
		scenario_page_rate(atoll(argv[3]), argv[4]);
	else if (strcmp(argv[2], "balance") == 0 && argc == 4)
		scenario_page_balance(argv[3]);
	else if (argc != 3)
		usage();
	else if (strcmp(argv[2], "story") == 0)
		scenario_story();
	else if (strcmp(argv[2], "double-approve") == 0)
		scenario_double_approve();
	else if (strcmp(argv[2], "cron-overlap") == 0)
		scenario_cron_overlap();
	else if (strcmp(argv[2], "expire") == 0)
		scenario_expire();
	else if (strcmp(argv[2], "stop") == 0)
		scenario_stop();
	else if (strcmp(argv[2], "moderation") == 0)
		scenario_moderation();
	else if (strcmp(argv[2], "dispute") == 0)
		scenario_dispute();
	else if (strcmp(argv[2], "eligibility") == 0)
		scenario_eligibility();
	else if (strcmp(argv[2], "revise") == 0)
		scenario_revise();
	else
		usage();
	db_free(db);
	config_free(&cfg);
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 && passed > 0 ? 0 : 1;
}
