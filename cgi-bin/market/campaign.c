/*
 * Campaigns: creation with its escrow, moderation, and the owner's
 * controls. Who may take one: eligibility.c.
 */
#include <stdio.h>
#include <string.h>

#include "base/csv.h"
#include "market/campaign.h"
#include "market/items.h"
#include "storage/db.h"
#include "money/escrow.h"
#include "money/fees.h"
#include "market/market_int.h"
#include "accounts/audit.h"
#include "accounts/notify.h"
#include "base/money.h"

/* Largest escrow total accepted, far from int64 overflow with its fee. */
#define TOTAL_MAX	(INT64_MAX / 4)

int
campaign_total_ok(int64_t n, int64_t pay)
{
	return n > 0 && pay > 0 && pay <= TOTAL_MAX / n;
}

/*
 * Why a guarded UPDATE of campaign id by owner (0: anyone) changed
 * nothing: not there, not owner's, already in state target (NULL: none
 * counts) or in another state.
 */
static enum market_result
campaign_why(struct db *db, int64_t id, int64_t owner, const char *target)
{
	enum market_result why;
	struct db_result r;

	if (db_query(db, &r, "SELECT owner_id, status FROM campaigns"
	    " WHERE id = ?", "i", id) != DB_OK)
		return MARKET_DB_ERROR;
	if (r.nrows == 0)
		why = MARKET_NOT_FOUND;
	else if (owner != 0 && db_cell_int(&r, 0, 0) != owner)
		why = MARKET_NOT_ALLOWED;
	else if (target != NULL && strcmp(db_cell(&r, 0, 1), target) == 0)
		why = MARKET_DONE_BEFORE;
	else
		why = MARKET_WRONG_STATE;
	db_result_free(&r);
	return why;
}

/*
 * In a txn body, after a guarded UPDATE of campaign id changed nothing:
 * campaign_why into *result, and DB_ROLLBACK (DB_ERROR when the reason
 * could not be read).
 */
static int
campaign_refused(struct db *db, int64_t id, int64_t owner,
    const char *target, enum market_result *result)
{
	*result = campaign_why(db, id, owner, target);
	return *result == MARKET_DB_ERROR ? DB_ERROR : DB_ROLLBACK;
}

struct create {
	const struct kaaj_config *cfg;
	const struct campaign_new *c;
	int64_t id;
	enum market_result result;
};

/* The campaign an earlier submission of the same form created. */
static int
create_found(struct db *db, struct create *cr)
{
	struct db_result r;

	if (db_query(db, &r, "SELECT id FROM campaigns"
	    " WHERE owner_id = ? AND create_key = ?", "is", cr->c->owner,
	    cr->c->create_key) != DB_OK)
		return DB_ERROR;
	cr->id = r.nrows == 1 ? db_cell_int(&r, 0, 0) : 0;
	db_result_free(&r);
	cr->result = MARKET_DONE_BEFORE;
	return DB_ROLLBACK;
}

/* Transaction body: the campaign row, its fields, its escrow. */
static int
create_body(struct db *db, void *arg)
{
	struct create *cr = arg;
	const struct campaign_new *c = cr->c;
	int64_t total = c->slots * c->pay;
	char key[MARKET_KEY_MAX];
	uint64_t id;
	size_t i;
	int rc;

	cr->id = 0;
	cr->result = MARKET_DB_ERROR;
	rc = db_exec(db, NULL, &id, "INSERT INTO campaigns (owner_id,"
	    " job_type, category, title, instructions, proof_instructions,"
	    " slots_total, pay_per_task, fee_per_task, status,"
	    " minutes_to_finish, days_to_rate, countries_mode, countries,"
	    " min_success, screenshot_required, verify_secret, verify_mode,"
	    " create_key, release_per_hour, opened_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	    " ?, ?, IF(? = 'running', UTC_TIMESTAMP(), NULL))",
	    "isssssiiisiissiisssis", c->owner, c->job_type, c->category,
	    c->title, c->instructions, c->proof_instructions, c->slots, c->pay,
	    fee_task(cr->cfg, c->pay), c->moderated ? "pending" : "running",
	    c->minutes, c->days, c->countries_mode, c->countries,
	    c->min_success, (int64_t)(c->screenshot_required != 0),
	    c->verify_secret, c->verify_secret != NULL &&
	    c->verify_mode != NULL ? c->verify_mode : "off", c->create_key,
	    c->release_per_hour, c->moderated ? "pending" : "running");
	if (rc == DB_DUPLICATE)
		return create_found(db, cr);
	if (rc != DB_OK)
		return rc;
	/* An empty value (left empty, or not applying) is not stored. */
	for (i = 0; c->fields != NULL && i < c->fields->n; i++) {
		if (c->fields->values[i][0] == '\0')
			continue;
		rc = db_exec(db, NULL, NULL, "INSERT INTO campaign_fields"
		    " (campaign_id, name, value) VALUES (?, ?, ?)", "iss",
		    (int64_t)id, c->fields->names[i], c->fields->values[i]);
		if (rc != DB_OK)
			return rc;
	}
	if (c->items != NULL && (rc = items_store(db, (int64_t)id,
	    c->items)) != DB_OK)
		return rc;
	snprintf(key, sizeof(key), "campaign:%llu:fund",
	    (unsigned long long)id);
	rc = market_ledger(escrow_fund(db, (int64_t)id, c->owner, total,
	    fee_task(cr->cfg, total), key), &cr->result);
	if (rc != DB_OK)
		return rc;
	cr->id = (int64_t)id;
	cr->result = MARKET_OK;
	return DB_OK;
}

enum market_result
campaign_create(struct db *db, const struct kaaj_config *cfg,
    const struct campaign_new *c, int64_t *id)
{
	struct create cr = { cfg, c, 0, MARKET_DB_ERROR };
	enum market_result r;

	*id = 0;
	if (!campaign_total_ok(c->slots, c->pay) || (c->items != NULL &&
	    (int64_t)c->items->nrows != c->slots))
		return MARKET_NOT_ALLOWED;
	r = market_txn(db_txn(db, create_body, &cr), &cr.result);
	if (r == MARKET_OK || r == MARKET_DONE_BEFORE)
		*id = cr.id;
	return r;
}

struct moderation {
	int64_t id;
	int approve;
	const char *reason;
	enum market_result result;
};

/*
 * Transaction body: approve, or reject and give everything back; the
 * audit row is written once the guarded UPDATE took the campaign.
 */
static int
moderate_body(struct db *db, void *arg)
{
	struct moderation *m = arg;
	int64_t owner, total, fee;
	char key[MARKET_KEY_MAX];
	struct db_result r;
	uint64_t affected;
	int rc;

	m->result = MARKET_DB_ERROR;
	if (m->approve)
		rc = db_exec(db, &affected, NULL, "UPDATE campaigns"
		    " SET status = 'running',"
		    " opened_at = COALESCE(opened_at, UTC_TIMESTAMP())"
		    " WHERE id = ? AND status = 'pending'", "i", m->id);
	else
		rc = db_exec(db, &affected, NULL, "UPDATE campaigns"
		    " SET status = 'rejected', reject_reason = ?"
		    " WHERE id = ? AND status = 'pending'", "si", m->reason,
		    m->id);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return campaign_refused(db, m->id, 0,
		    m->approve ? "running" : "rejected", &m->result);
	if (db_query(db, &r, "SELECT owner_id FROM campaigns WHERE id = ?",
	    "i", m->id) != DB_OK)
		return DB_ERROR;
	owner = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	if ((rc = audit_write(db, m->approve ? "campaign.approve" :
	    "campaign.reject", "campaign", m->id, m->reason, NULL)) != DB_OK)
		return rc;
	if (!m->approve) {
		snprintf(key, sizeof(key), "campaign:%lld:fund",
		    (long long)m->id);
		if (escrow_funded(db, key, &total, &fee) == -1)
			return DB_ERROR;
		snprintf(key, sizeof(key), "campaign:%lld:rejected",
		    (long long)m->id);
		if (total > 0 && (rc = market_ledger(escrow_unfund(db, m->id,
		    owner, total, fee, key), &m->result)) != DB_OK)
			return rc;
	}
	rc = notify(db, owner, m->approve ? "campaign_approved" :
	    "campaign_rejected", 0, m->id, m->approve ? NULL : m->reason);
	if (rc != DB_OK)
		return rc;
	m->result = MARKET_OK;
	return DB_OK;
}

enum market_result
campaign_moderate(struct db *db, int64_t id, int approve, const char *reason)
{
	struct moderation m = { id, approve, reason, MARKET_DB_ERROR };

	if (!approve && (reason == NULL || reason[0] == '\0'))
		return MARKET_NOT_ALLOWED;
	return market_txn(db_txn(db, moderate_body, &m), &m.result);
}

/* Move a campaign of owner from state from to state to. */
static enum market_result
campaign_switch(struct db *db, int64_t id, int64_t owner, const char *from,
    const char *to)
{
	uint64_t affected;

	if (db_exec(db, &affected, NULL, "UPDATE campaigns SET status = ?"
	    " WHERE id = ? AND owner_id = ? AND status = ?", "siis", to, id,
	    owner, from) != DB_OK)
		return MARKET_DB_ERROR;
	return affected == 1 ? MARKET_OK : campaign_why(db, id, owner, to);
}

enum market_result
campaign_pause(struct db *db, int64_t id, int64_t owner)
{
	return campaign_switch(db, id, owner, "running", "paused");
}

enum market_result
campaign_resume(struct db *db, int64_t id, int64_t owner)
{
	return campaign_switch(db, id, owner, "paused", "running");
}

struct slots {
	const struct kaaj_config *cfg;
	int64_t id, owner, n;
	const char *key;
	enum market_result result;
};

/* Transaction body: more slots, and the escrow to pay for them. */
static int
add_slots_body(struct db *db, void *arg)
{
	struct slots *s = arg;
	char key[MARKET_KEY_MAX];
	struct db_result r;
	uint64_t affected;
	int64_t pay;
	int rc;

	s->result = MARKET_DB_ERROR;
	rc = db_exec(db, &affected, NULL, "UPDATE campaigns"
	    " SET slots_total = slots_total + ? WHERE id = ? AND owner_id = ?"
	    " AND status IN ('running', 'paused') AND item_columns IS NULL",
	    "iii", s->n, s->id, s->owner);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return campaign_refused(db, s->id, s->owner, NULL, &s->result);
	if (db_query(db, &r, "SELECT pay_per_task FROM campaigns WHERE id = ?",
	    "i", s->id) != DB_OK)
		return DB_ERROR;
	pay = db_cell_int(&r, 0, 0);
	db_result_free(&r);
	if (!campaign_total_ok(s->n, pay)) {
		s->result = MARKET_NOT_ALLOWED;
		return DB_ROLLBACK;
	}
	snprintf(key, sizeof(key), "campaign:%lld:add:%s", (long long)s->id,
	    s->key);
	rc = market_ledger(escrow_fund(db, s->id, s->owner, s->n * pay,
	    fee_task(s->cfg, s->n * pay), key), &s->result);
	if (rc != DB_OK)
		return rc;
	s->result = MARKET_OK;
	return DB_OK;
}

enum market_result
campaign_add_slots(struct db *db, const struct kaaj_config *cfg, int64_t id,
    int64_t owner, int64_t n, const char *key)
{
	struct slots s = { cfg, id, owner, n, key, MARKET_DB_ERROR };

	if (n <= 0 || key == NULL || key[0] == '\0' ||
	    strlen(key) > LEDGER_KEY_MAX - 40)
		return MARKET_NOT_ALLOWED;
	return market_txn(db_txn(db, add_slots_body, &s), &s.result);
}

struct stop {
	int64_t id, owner;	/* owner 0: an admin stops it */
	const char *reason;	/* an admin's; NULL for the owner */
	enum market_result result;
};

/*
 * In the stop's txn body, when an admin stopped campaign s->id of owner
 * and refunded unused: the audit row (with the refund and its key) and
 * the owner's notice with the admin's reason.
 */
static int
stop_told(struct db *db, const struct stop *s, int64_t owner, int64_t unused,
    const char *key)
{
	char detail[AUDIT_DETAIL_MAX + 1], amount[32];
	int rc;

	if (unused > 0)
		snprintf(detail, sizeof(detail), "refund %s, ledger %s",
		    money_format(unused, amount, sizeof(amount)), key);
	else
		snprintf(detail, sizeof(detail), "refund 0");
	if ((rc = audit_write(db, "campaign.stop", "campaign", s->id,
	    s->reason, detail)) != DB_OK)
		return rc;
	return notify(db, owner, "campaign_stopped", 0, s->id, s->reason);
}

/*
 * Transaction body: stop, and return what no task can still earn; an
 * admin's stop also writes its audit row and tells the owner.
 */
static int
stop_body(struct db *db, void *arg)
{
	struct stop *s = arg;
	char key[MARKET_KEY_MAX];
	struct db_result r;
	uint64_t affected;
	int64_t unused, owner;
	int rc;

	s->result = MARKET_DB_ERROR;
	rc = db_exec(db, &affected, NULL, "UPDATE campaigns"
	    " SET status = 'stopped' WHERE id = ? AND (? = 0 OR owner_id = ?)"
	    " AND status IN ('running', 'paused')", "iii", s->id, s->owner,
	    s->owner);
	if (rc != DB_OK)
		return rc;
	if (affected != 1)
		return campaign_refused(db, s->id, s->owner, "stopped",
		    &s->result);
	owner = s->owner;
	if (owner == 0) {
		if (db_query(db, &r, "SELECT owner_id FROM campaigns"
		    " WHERE id = ?", "i", s->id) != DB_OK)
			return DB_ERROR;
		owner = db_cell_int(&r, 0, 0);
		db_result_free(&r);
	}
	/* Stopped, so no open slot counts; the row lock keeps it still. */
	if ((rc = market_unused_escrow(db, s->id, &unused)) != DB_OK)
		return rc;
	snprintf(key, sizeof(key), "campaign:%lld:stop", (long long)s->id);
	if (unused > 0 && (rc = market_ledger(escrow_refund(db, s->id, 0,
	    owner, unused, key), &s->result)) != DB_OK)
		return rc;
	if (s->owner == 0 && (rc = stop_told(db, s, owner, unused, key)) !=
	    DB_OK)
		return rc;
	s->result = MARKET_OK;
	return DB_OK;
}

enum market_result
campaign_stop(struct db *db, int64_t id, int64_t owner)
{
	struct stop s = { id, owner, NULL, MARKET_DB_ERROR };

	if (owner <= 0)
		return MARKET_NOT_ALLOWED;
	return market_txn(db_txn(db, stop_body, &s), &s.result);
}

enum market_result
campaign_stop_admin(struct db *db, int64_t id, const char *reason)
{
	struct stop s = { id, 0, reason, MARKET_DB_ERROR };

	if (reason == NULL || reason[0] == '\0')
		return MARKET_NOT_ALLOWED;
	return market_txn(db_txn(db, stop_body, &s), &s.result);
}
