/*
 * Campaign templates (templates.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/json.h"
#include "base/money.h"
#include "market/templates.h"
#include "market/market_int.h"
#include "storage/db.h"

/* One template to save; the transaction's argument. */
struct saving {
	int64_t owner, id;
	const char *name;
	int64_t tid;
	enum market_result result;
};

/*
 * The form of campaign c (its row r, its job type's values f) as a JSON
 * object into b: the fields the new-campaign page posts.
 */
static void
form_json(struct buf *b, const struct db_result *r,
    const struct db_result *f)
{
	static const char *const texts[] = { "title", "instructions",
	    "proof_instructions", "countries_mode", "verify_secret",
	    "verify_mode" };
	static const char *const counts[] = { "slots", "minutes", "days",
	    "min_success", "release_per_hour" };
	const char *countries = db_value(r, 0, "countries"), *end;
	char name[64];
	size_t i;

	buf_puts(b, "{");
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		if (db_value(r, 0, texts[i]) == NULL)
			continue;
		json_member(b, texts[i], db_value(r, 0, texts[i]));
		buf_puts(b, ",");
	}
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		json_member_int(b, counts[i], db_value_int(r, 0, counts[i]));
		buf_puts(b, ",");
	}
	json_member_money(b, "pay", db_value_int(r, 0, "pay"));
	buf_puts(b, ",");
	json_member_bool(b, "screenshot_required",
	    db_value_int(r, 0, "screenshot_required") != 0);
	buf_puts(b, ",\"countries\":[");
	for (i = 0; countries != NULL && *countries != '\0'; i++) {
		end = countries + strcspn(countries, ",");
		snprintf(name, sizeof(name), "%.*s", (int)(end - countries),
		    countries);
		buf_puts(b, i > 0 ? "," : "");
		json_string(b, name);
		countries = *end == ',' ? end + 1 : end;
	}
	buf_puts(b, "]");
	for (i = 0; i < f->nrows; i++) {
		snprintf(name, sizeof(name), "x_%s", db_cell(f, i, 0));
		buf_puts(b, ",");
		json_member(b, name, db_cell(f, i, 1));
	}
	buf_puts(b, "}");
}

/* Transaction body: count and insert under a lock on the owner's row. */
static int
save_body(struct db *db, void *arg)
{
	struct saving *s = arg;
	struct db_result r, f, u;
	struct buf b;
	uint64_t tid;
	int rc;

	s->result = MARKET_DB_ERROR;
	if ((rc = db_query(db, &u, "SELECT (SELECT COUNT(*)"
	    " FROM campaign_templates WHERE owner_id = u.id)"
	    " FROM users u WHERE u.id = ? FOR UPDATE", "i", s->owner)) !=
	    DB_OK)
		return rc;
	if (u.nrows != 1 || db_cell_int(&u, 0, 0) >= TEMPLATES_PER_USER) {
		db_result_free(&u);
		s->result = MARKET_FULL;
		return DB_ROLLBACK;
	}
	db_result_free(&u);
	if ((rc = db_query(db, &r, "SELECT job_type, title, instructions,"
	    " proof_instructions, slots_total AS slots, pay_per_task AS pay,"
	    " minutes_to_finish AS minutes, days_to_rate AS days,"
	    " countries_mode, countries, min_success, screenshot_required,"
	    " verify_secret, verify_mode, release_per_hour"
	    " FROM campaigns WHERE id = ? AND owner_id = ?", "ii", s->id,
	    s->owner)) != DB_OK)
		return rc;
	if (r.nrows != 1) {
		db_result_free(&r);
		s->result = MARKET_NOT_FOUND;
		return DB_ROLLBACK;
	}
	if ((rc = db_query(db, &f, "SELECT name, value FROM campaign_fields"
	    " WHERE campaign_id = ? ORDER BY name", "i", s->id)) != DB_OK) {
		db_result_free(&r);
		return rc;
	}
	buf_init(&b);
	form_json(&b, &r, &f);
	buf_append_nul(&b, "", 0);
	rc = db_exec(db, NULL, &tid, "INSERT INTO campaign_templates"
	    " (owner_id, name, job_type, fields) VALUES (?, ?, ?, ?)", "isss",
	    s->owner, s->name, db_value(&r, 0, "job_type"), b.data);
	buf_free(&b);
	db_result_free(&f);
	db_result_free(&r);
	if (rc == DB_DUPLICATE) {
		s->result = MARKET_TAKEN;
		return DB_ROLLBACK;
	}
	if (rc == DB_OK) {
		s->tid = (int64_t)tid;
		s->result = MARKET_OK;
	}
	return rc;
}

enum market_result
template_save(struct db *db, int64_t owner, int64_t id, const char *name,
    int64_t *tid)
{
	struct saving s = { owner, id, name, 0, MARKET_DB_ERROR };
	enum market_result mr;

	mr = market_txn(db_txn(db, save_body, &s), &s.result);
	*tid = s.tid;
	return mr;
}

enum market_result
template_get(struct db *db, int64_t owner, int64_t tid, char *type,
    size_t typelen, char **fields)
{
	struct db_result r;

	*fields = NULL;
	if (db_query(db, &r, "SELECT job_type, fields FROM campaign_templates"
	    " WHERE id = ? AND owner_id = ?", "ii", tid, owner) != DB_OK)
		return MARKET_DB_ERROR;
	if (r.nrows != 1) {
		db_result_free(&r);
		return MARKET_NOT_FOUND;
	}
	snprintf(type, typelen, "%s", db_cell(&r, 0, 0));
	*fields = strdup(db_cell(&r, 0, 1));
	db_result_free(&r);
	return *fields != NULL ? MARKET_OK : MARKET_DB_ERROR;
}

enum market_result
template_delete(struct db *db, int64_t owner, int64_t tid)
{
	uint64_t n = 0;

	if (db_exec(db, &n, NULL, "DELETE FROM campaign_templates"
	    " WHERE id = ? AND owner_id = ?", "ii", tid, owner) != DB_OK)
		return MARKET_DB_ERROR;
	return n == 1 ? MARKET_OK : MARKET_NOT_FOUND;
}
