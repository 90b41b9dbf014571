/*
 * Campaigns: creating one (its escrow funded in the same transaction),
 * moderation, pause and resume, more slots, stopping; and who may take
 * one, employers' blocks included (eligibility.c). States and money:
 * docs/marketplace.md.
 *
 * Every function checks state with a guarded UPDATE inside its own
 * db_txn. Pages validate the form first (lengths, the job type's fields
 * and minimum pay); these functions refuse only what would break the
 * books.
 */
#ifndef KAAJ_CAMPAIGN_H
#define KAAJ_CAMPAIGN_H

#include <stdint.h>

#include "kaaj/jobtype.h"
#include "market/market.h"

struct csv_table;
struct db;
struct kaaj_config;

/* A campaign to create, as the validated form gives it. */
struct campaign_new {
	int64_t owner;
	const char *job_type;		/* a loaded plugin's name */
	const char *category;		/* that plugin's category */
	const char *title;
	const char *instructions;
	const char *proof_instructions;
	int64_t slots;			/* >= 1 */
	int64_t pay;			/* per task, micro-units, > 0 */
	int64_t minutes;		/* to finish once claimed, >= 1 */
	int64_t days;			/* to rate a submission, >= 1 */
	const char *countries_mode;	/* "all", "include" or "exclude" */
	const char *countries;		/* "BD,IN" ("" with "all") */
	int64_t min_success;		/* percent, 0 to 100 */
	int screenshot_required;
	int64_t release_per_hour;	/* slots opened an hour, 0: all */
	const struct kaaj_values *fields;	/* the plugin's own values */
	const char *verify_secret;	/* NULL: no automatic verification */
	const char *verify_mode;	/* "off", "verify" or "approve" */
	const char *create_key;		/* the form's one-time key, or NULL */
	int moderated;			/* start 'pending' for an admin */
	const struct csv_table *items;	/* one item per slot (market/items.h;
					 * slots = its rows), or NULL */
};

/*
 * SQL: campaign row t (an alias) has an opened slot free under its
 * release speed: all of its slots when release_per_hour is 0, else
 * release_per_hour for each hour begun since opened_at. The claim's
 * guarded UPDATE and the board use it, so what the board offers is what
 * a claim can take.
 */
#define CAMPAIGN_RELEASED(t) \
	"(" t ".release_per_hour = 0 OR " t ".slots_taken < " t \
	".release_per_hour * (TIMESTAMPDIFF(HOUR, " t ".opened_at," \
	" UTC_TIMESTAMP()) + 1))"

/*
 * Non-zero when n slots of pay each (both > 0) make a total the books can
 * hold with its fee, far from int64 overflow. Forms check it before any
 * arithmetic on the total.
 */
int campaign_total_ok(int64_t n, int64_t pay);

/*
 * Create campaign c ('pending' when c->moderated, else 'running') with its
 * plugin values, and fund its escrow with slots * pay from the owner's
 * balance plus fee_task(cfg, slots * pay) to revenue ("campaign:ID:fund"),
 * all in one transaction, with c->items (market/items.h) when given.
 * *id gets the new campaign's id.
 * MARKET_DONE_BEFORE: the owner already created one with this create_key,
 * whose id *id gets. MARKET_SHORT: not enough money; nothing was created.
 * MARKET_NOT_ALLOWED: slots or pay not positive, or too large, or slots
 * not the number of items.
 */
enum market_result campaign_create(struct db *db,
    const struct kaaj_config *cfg, const struct campaign_new *c,
    int64_t *id);

/*
 * Decide pending campaign id (admin): approve makes it running; else it
 * is rejected with reason and its funding returned in full, fee included
 * ("campaign:ID:rejected"). The owner is told ("campaign_approved" or
 * "campaign_rejected"), and the audit log has a row of the decision
 * (accounts/audit.h; MARKET_DB_ERROR when db has no actor).
 * MARKET_WRONG_STATE: it is not pending; MARKET_NOT_ALLOWED: a rejection
 * without a reason.
 */
enum market_result campaign_moderate(struct db *db, int64_t id,
    int approve, const char *reason);

/*
 * Pause a running campaign of owner (no new claims; claimed tasks go on).
 * MARKET_NOT_ALLOWED: not owner's; MARKET_WRONG_STATE: not running.
 */
enum market_result campaign_pause(struct db *db, int64_t id, int64_t owner);

/* Resume a paused campaign of owner. Results as campaign_pause. */
enum market_result campaign_resume(struct db *db, int64_t id, int64_t owner);

/*
 * Add n slots to a running or paused campaign of owner, funding n * pay
 * plus its fee from owner's balance ("campaign:ID:add:KEY", key from the
 * form: the same key twice adds once, MARKET_DONE_BEFORE). MARKET_SHORT:
 * not enough money, nothing changed. A campaign with one item per slot
 * has as many slots as items: MARKET_WRONG_STATE.
 */
enum market_result campaign_add_slots(struct db *db,
    const struct kaaj_config *cfg, int64_t id, int64_t owner, int64_t n,
    const char *key);

/*
 * Stop a running or paused campaign of owner: no more claims, and its
 * unused escrow (the balance less the pay of every claimed, pending or
 * revise task) goes back to owner ("campaign:ID:stop"). Those tasks can
 * still be rated; each that ends unpaid returns its pay then.
 */
enum market_result campaign_stop(struct db *db, int64_t id, int64_t owner);

/*
 * An admin's stop of running or paused campaign id, whoever owns it, with
 * reason (required: MARKET_NOT_ALLOWED without one): as campaign_stop,
 * the same refund to the owner under the same key, and in the same
 * transaction an audit row ("campaign.stop", its detail the refund and
 * its ledger key; MARKET_DB_ERROR when db has no actor) and the owner's
 * notice "campaign_stopped" with the reason. MARKET_DONE_BEFORE: it is
 * stopped already (nothing more is refunded); MARKET_WRONG_STATE: it is
 * pending, rejected or finished; MARKET_NOT_FOUND.
 */
enum market_result campaign_stop_admin(struct db *db, int64_t id,
    const char *reason);

/*
 * May worker claim campaign? country is the worker's (NULL: as on
 * record). MARKET_OK; MARKET_NOT_FOUND; MARKET_WRONG_STATE (not running,
 * *why "state"); MARKET_TAKEN (a task of worker exists, *why
 * "done_before"); MARKET_NOT_ALLOWED with *why "own" (the worker's own
 * campaign), "country", "success" (success rate below the campaign's
 * minimum; no rated task counts as 100%) or "blocked" (by the owner).
 * *why is a static string, NULL with MARKET_OK.
 */
enum market_result campaign_may_take(struct db *db, int64_t campaign,
    int64_t worker, const char *country, const char **why);

/*
 * Keep worker out of employer's campaigns (claims only: tasks already
 * claimed go on). MARKET_DONE_BEFORE: blocked already; MARKET_NOT_FOUND:
 * no such worker; MARKET_NOT_ALLOWED: employer is worker.
 */
enum market_result worker_block(struct db *db, int64_t employer,
    int64_t worker);

/* Lift that. MARKET_DONE_BEFORE: worker was not blocked. */
enum market_result worker_unblock(struct db *db, int64_t employer,
    int64_t worker);

#endif
