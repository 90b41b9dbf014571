/*
 * Who may take a campaign, and employers' blocks of workers.
 */
#include <string.h>

#include "market/campaign.h"
#include "market/market_int.h"
#include "storage/db.h"

/* ASCII upper case of c. */
static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/*
 * Non-zero when the comma-separated list ("BD, IN") names country, in
 * any case. An empty country is in no list.
 */
static int
country_listed(const char *list, const char *country)
{
	size_t len = strlen(country), i;
	const char *p = list, *end;

	if (len == 0)
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		for (end = p; *end != '\0' && *end != ',' && *end != ' '; end++)
			continue;
		if ((size_t)(end - p) == len) {
			for (i = 0; i < len && upper(p[i]) == upper(country[i]);
			    i++)
				continue;
			if (i == len)
				return 1;
		}
		p = end;
	}
	return 0;
}

/* Non-zero when the campaign's country rule lets country in. */
static int
country_ok(const char *mode, const char *list, const char *country)
{
	if (strcmp(mode, "include") == 0)
		return country_listed(list, country);
	if (strcmp(mode, "exclude") == 0)
		return !country_listed(list, country);
	return 1;
}

/*
 * Non-zero when satisfied of rated tasks reach min percent; nothing rated
 * yet counts as 100%.
 */
static int
success_ok(int64_t satisfied, int64_t rejected, int64_t min)
{
	int64_t rated = satisfied + rejected;

	return rated == 0 || satisfied * 100 >= min * rated;
}

enum market_result
campaign_may_take(struct db *db, int64_t campaign, int64_t worker,
    const char *country, const char **why)
{
	int items;

	return market_may_take(db, campaign, worker, country, why, &items);
}

enum market_result
market_may_take(struct db *db, int64_t campaign, int64_t worker,
    const char *country, const char **why, int *items)
{
	enum market_result res = MARKET_OK;
	struct db_result r;

	*why = NULL;
	*items = 0;
	if (db_query(db, &r, "SELECT c.owner_id, c.status, c.countries_mode,"
	    " c.countries, c.min_success, u.country, u.tasks_satisfied,"
	    " u.tasks_rejected,"
	    " EXISTS (SELECT 1 FROM tasks t"
	    " WHERE t.campaign_id = c.id AND t.worker_id = u.id),"
	    " EXISTS (SELECT 1 FROM worker_blocks b"
	    " WHERE b.employer_id = c.owner_id AND b.worker_id = u.id),"
	    " c.item_columns IS NOT NULL"
	    " FROM campaigns c JOIN users u ON u.id = ? WHERE c.id = ?", "ii",
	    worker, campaign) != DB_OK)
		return MARKET_DB_ERROR;
	if (country == NULL && r.nrows == 1)
		country = db_cell(&r, 0, 5);
	if (r.nrows == 1)
		*items = db_cell_int(&r, 0, 10) != 0;
	if (r.nrows == 0)
		res = MARKET_NOT_FOUND;
	else if (db_cell_int(&r, 0, 0) == worker) {
		res = MARKET_NOT_ALLOWED;
		*why = "own";
	} else if (db_cell_int(&r, 0, 8) != 0) {
		res = MARKET_TAKEN;
		*why = "done_before";
	} else if (strcmp(db_cell(&r, 0, 1), "running") != 0) {
		res = MARKET_WRONG_STATE;
		*why = "state";
	} else if (!country_ok(db_cell(&r, 0, 2), db_cell(&r, 0, 3),
	    country)) {
		res = MARKET_NOT_ALLOWED;
		*why = "country";
	} else if (!success_ok(db_cell_int(&r, 0, 6), db_cell_int(&r, 0, 7),
	    db_cell_int(&r, 0, 4))) {
		res = MARKET_NOT_ALLOWED;
		*why = "success";
	} else if (db_cell_int(&r, 0, 9) != 0) {
		res = MARKET_NOT_ALLOWED;
		*why = "blocked";
	}
	db_result_free(&r);
	return res;
}

enum market_result
worker_block(struct db *db, int64_t employer, int64_t worker)
{
	uint64_t affected;
	int rc;

	if (employer == worker)
		return MARKET_NOT_ALLOWED;
	rc = db_exec(db, &affected, NULL, "INSERT INTO worker_blocks"
	    " (employer_id, worker_id) SELECT ?, id FROM users WHERE id = ?",
	    "ii", employer, worker);
	if (rc == DB_DUPLICATE)
		return MARKET_DONE_BEFORE;
	if (rc != DB_OK)
		return MARKET_DB_ERROR;
	return affected == 1 ? MARKET_OK : MARKET_NOT_FOUND;
}

enum market_result
worker_unblock(struct db *db, int64_t employer, int64_t worker)
{
	uint64_t affected;

	if (db_exec(db, &affected, NULL, "DELETE FROM worker_blocks"
	    " WHERE employer_id = ? AND worker_id = ?", "ii", employer,
	    worker) != DB_OK)
		return MARKET_DB_ERROR;
	return affected == 1 ? MARKET_OK : MARKET_DONE_BEFORE;
}
