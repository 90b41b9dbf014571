/*
 * The job board (the home page) and a job's own page.
 */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "money.h"
#include "pages.h"

/* Put pay and progress of row i of r (columns as in BOARD_COLS) at prefix. */
static void
set_campaign(HDF *hdf, const char *prefix, const struct db_result *r,
    size_t i)
{
	char name[96], money[32];

	snprintf(name, sizeof(name), "%s.Id", prefix);
	render_set(hdf, name, db_cell(r, i, 0));
	snprintf(name, sizeof(name), "%s.Title", prefix);
	render_set(hdf, name, db_cell(r, i, 1));
	snprintf(name, sizeof(name), "%s.JobType", prefix);
	render_set(hdf, name, db_cell(r, i, 2));
	snprintf(name, sizeof(name), "%s.Category", prefix);
	render_set(hdf, name, db_cell(r, i, 3));
	snprintf(name, sizeof(name), "%s.Pay", prefix);
	render_set(hdf, name, money_format(db_cell_int(r, i, 4), money,
	    sizeof(money)));
	snprintf(name, sizeof(name), "%s.SlotsTotal", prefix);
	render_set(hdf, name, db_cell(r, i, 5));
	snprintf(name, sizeof(name), "%s.SlotsTaken", prefix);
	render_set(hdf, name, db_cell(r, i, 6));
	snprintf(name, sizeof(name), "%s.SlotsDone", prefix);
	render_set(hdf, name, db_cell(r, i, 7));
	snprintf(name, sizeof(name), "%s.Minutes", prefix);
	render_set(hdf, name, db_cell(r, i, 8));
}

#define BOARD_COLS "c.id, c.title, c.job_type, c.category, c.pay_per_task," \
	" c.slots_total, c.slots_taken, c.slots_done, c.minutes_to_finish"

int
page_home(struct ctx *c)
{
	int64_t before, limit = c->app->cfg.board_page_size;
	struct db_result r;
	char prefix[32];
	size_t i, shown;
	int rc;

	if ((before = page_id(param_get(&c->req->query, "before"))) == -1) {
		c->error_detail = "bad_page";
		return 400;
	}
	/* Keyset pagination: newest first, the next page starts below id. */
	if (before > 0)
		rc = db_query(c->app->db, &r, "SELECT " BOARD_COLS
		    " FROM campaigns c WHERE c.status = 'running'"
		    " AND c.slots_taken < c.slots_total AND c.id < ?"
		    " ORDER BY c.id DESC LIMIT ?", "ii", before, limit + 1);
	else
		rc = db_query(c->app->db, &r, "SELECT " BOARD_COLS
		    " FROM campaigns c WHERE c.status = 'running'"
		    " AND c.slots_taken < c.slots_total"
		    " ORDER BY c.id DESC LIMIT ?", "i", limit + 1);
	if (rc != DB_OK) {
		c->error_detail = "db";
		return 503;
	}
	shown = r.nrows > (size_t)limit ? (size_t)limit : r.nrows;
	for (i = 0; i < shown; i++) {
		snprintf(prefix, sizeof(prefix), "Jobs.%zu", i);
		set_campaign(c->hdf, prefix, &r, i);
	}
	render_setf(c->hdf, "Board.Count", "%zu", shown);
	if (r.nrows > (size_t)limit)
		render_set(c->hdf, "Board.Next", db_cell(&r, shown - 1, 0));
	if (before > 0)
		render_set(c->hdf, "Board.Paged", "1");
	db_result_free(&r);
	c->template = "home.cs";
	return 200;
}

/* What a stored value looks like to users: a choice shows its label. */
static const char *
field_display(const struct kaaj_field *fd, const char *value)
{
	const struct kaaj_choice *ch;

	if (fd->type != KAAJ_FIELD_CHOICE || value == NULL)
		return value;
	for (ch = fd->choices; ch->value != NULL; ch++)
		if (strcmp(ch->value, value) == 0)
			return ch->label;
	return value;
}

int
page_job(struct ctx *c)
{
	struct db_result r, f;
	const struct plugin *p;
	char name[96];
	size_t i, j;

	if (db_query(c->app->db, &r, "SELECT " BOARD_COLS ", c.instructions,"
	    " c.proof_instructions, c.days_to_rate, c.status, u.username"
	    " FROM campaigns c JOIN users u ON u.id = c.owner_id"
	    " WHERE c.id = ? AND c.status IN ('running', 'paused', 'finished')",
	    "i", c->path_id) != DB_OK) {
		c->error_detail = "db";
		return 503;
	}
	if (r.nrows == 0) {
		db_result_free(&r);
		c->error_detail = "no_job";
		return 404;
	}
	set_campaign(c->hdf, "Job", &r, 0);
	render_set(c->hdf, "Job.Instructions", db_cell(&r, 0, 9));
	render_set(c->hdf, "Job.ProofInstructions", db_cell(&r, 0, 10));
	render_set(c->hdf, "Job.DaysToRate", db_cell(&r, 0, 11));
	render_set(c->hdf, "Job.Status", db_cell(&r, 0, 12));
	render_set(c->hdf, "Job.Owner", db_cell(&r, 0, 13));
	p = plugin_find(&c->app->plugins, db_cell(&r, 0, 2));
	db_result_free(&r);
	if (p != NULL)
		render_set(c->hdf, "Job.TypeLabel", p->jt->label);
	if (db_query(c->app->db, &f, "SELECT name, value FROM campaign_fields"
	    " WHERE campaign_id = ? ORDER BY name", "i", c->path_id) != DB_OK) {
		c->error_detail = "db";
		return 503;
	}
	/* Show the job type's own fields with the labels it declares. */
	for (i = 0; p != NULL && i < p->jt->n_campaign_fields; i++) {
		const struct kaaj_field *fd = &p->jt->campaign_fields[i];

		for (j = 0; j < f.nrows; j++) {
			if (strcmp(db_cell(&f, j, 0), fd->name) != 0)
				continue;
			snprintf(name, sizeof(name), "Job.Fields.%zu.Label", i);
			render_set(c->hdf, name, fd->label);
			snprintf(name, sizeof(name), "Job.Fields.%zu.Value", i);
			render_set(c->hdf, name, field_display(fd,
			    db_cell(&f, j, 1)));
			snprintf(name, sizeof(name), "Job.Fields.%zu.IsUrl", i);
			/* Only web links become links, whatever was stored. */
			render_set(c->hdf, name, fd->type == KAAJ_FIELD_URL &&
			    (strncmp(db_cell(&f, j, 1), "https://", 8) == 0 ||
			    strncmp(db_cell(&f, j, 1), "http://", 7) == 0) ?
			    "1" : "0");
		}
	}
	db_result_free(&f);
	c->template = "job.cs";
	return 200;
}
