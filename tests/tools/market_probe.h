/*
 * What market_probe's files share: the run's config and connection, the
 * checks, and helpers that make users, money and campaigns. Every helper
 * exits with status 2 on a database error (the run is then broken, not a
 * check failed).
 */
#ifndef KAAJ_MARKET_PROBE_H
#define KAAJ_MARKET_PROBE_H

#include <stdint.h>

#include "kaaj/jobtype.h"
#include "money/ledger.h"
#include "market/market.h"

struct db;
struct kaaj_config;

#define PAY	50000		/* every probe campaign pays 0.05 a task */
#define MAX_KIDS 1000		/* child processes of one race */

extern struct kaaj_config cfg;
extern struct db *db;		/* the run's own connection */

/* The name of r ("OK", "FULL", ...), a static string. */
const char *rname(enum market_result r);

/* Count and print one check; file and line say where it is. */
void check(int ok, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define CHECK(cond, ...) check((cond), __FILE__, __LINE__, __VA_ARGS__)
#define EXPECT_R(got, want, what) do { \
	enum market_result got_ = (got), want_ = (want); \
	CHECK(got_ == want_, "%s: %s (want %s)", (what), rname(got_), \
	    rname(want_)); \
} while (0)
#define EXPECT_I(got, want, what) do { \
	int64_t got_ = (got), want_ = (want); \
	CHECK(got_ == want_, "%s: %" PRId64 " (want %" PRId64 ")", (what), \
	    got_, want_); \
} while (0)

/* Check that the first cell of sql (one integer parameter) is want. */
void expect_text(const char *sql, int64_t arg, const char *want,
    const char *what, const char *file, int line);

#define EXPECT_S(sql, arg, want, what) \
	expect_text((sql), (arg), (want), (what), __FILE__, __LINE__)
#define CAMPAIGN_STATUS "SELECT status FROM campaigns WHERE id = ?"
#define TASK_STATUS "SELECT status FROM tasks WHERE id = ?"

/*
 * task_submit of checked proof: text values, an optional stored
 * screenshot and its hash; *dup gets the task it duplicates (0: none).
 */
enum market_result submit(int64_t task, int64_t worker,
    const struct kaaj_values *values, const char *shot,
    const unsigned char *shot_hash, int64_t *dup);

/* Print what failed and the database's error; exit 2. */
void die(const char *what) __attribute__((noreturn));

/* The first cell of sql with one integer parameter (0 for no row). */
int64_t q1(const char *sql, int64_t arg);

/* Run the statement sql with one integer parameter. */
void x1(const char *sql, int64_t arg);

/* A new active user of country, named after this run and role. */
int64_t user(const char *role, const char *country);

/* Give user who amount from outside. */
void credit(int64_t who, int64_t amount);

/* The cached balance of kind/owner. */
int64_t balance(enum ledger_kind kind, int64_t owner);

#define AVAIL(u)	balance(LEDGER_AVAILABLE, (u))
#define ESCROW(c)	balance(LEDGER_ESCROW, (c))
#define REVENUE()	balance(LEDGER_REVENUE, 0)

/* The task fee on amount, worked out here rather than by fees.c. */
int64_t fee_of(int64_t amount);

/* Campaign options beyond owner, slots and pay; zeros are defaults. */
struct opts {
	const char *mode, *countries, *key;
	int64_t min_success, minutes;
	int moderated;
};

/*
 * Create a signup campaign of owner with slots at PAY; o may be NULL. Its
 * result goes to *r, or, when r is NULL, must be MARKET_OK (else exit 2).
 */
int64_t campaign(int64_t owner, int64_t slots, const struct opts *o,
    enum market_result *r);

/* Claim campaign c for worker and submit text as proof (both checked). */
int64_t claim_submit(int64_t c, int64_t worker, const char *text);

/* How many notices of kind user who has. */
int64_t notices(int64_t who, const char *kind);

/* Check that ledger_check finds no problem. */
void ledger_ok(void);

/* What a racing child does with its own connection; its exit status. */
typedef int (*kid_fn)(struct db *kdb, int i, void *arg);

/*
 * Fork n children; each opens its own connection, waits until all are
 * connected, then exits with fn(its db, i, arg) (255 on trouble).
 * codes[i] gets each exit status.
 */
void race(int n, kid_fn fn, void *arg, int *codes);

/* The scenarios (market_probe_flow.c, market_probe_money.c). */
void scenario_race(int n, int m);
void scenario_double_approve(void);
void scenario_cron_overlap(void);
void scenario_expire(void);
void scenario_eligibility(void);
void scenario_revise(void);
void scenario_story(void);
void scenario_stop(void);
void scenario_moderation(void);
void scenario_dispute(void);

/* market_probe_pages.c: set-up for the page tests. */
void scenario_page_campaign(const char *name, int64_t slots, int shot);
void scenario_page_rate(int64_t task, const char *verdict);
void scenario_page_balance(const char *name);

#endif
