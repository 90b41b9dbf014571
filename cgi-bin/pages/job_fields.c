/*
 * A campaign's own values, read once and shown on the job and task pages.
 */
#include <string.h>

#include "base/field.h"
#include "pages/job_fields.h"
#include "pages/pages.h"

int
job_fields_load(struct ctx *c, const struct plugin *p, int64_t campaign,
    struct job_fields *jf)
{
	const struct kaaj_field *fd;
	size_t i, j;

	memset(jf, 0, sizeof(*jf));
	jf->kv.names = jf->names;
	jf->kv.values = jf->values;
	if (p == NULL)
		return 0;
	if (db_query(c->app->db, &jf->rows, "SELECT name, value"
	    " FROM campaign_fields WHERE campaign_id = ?", "i", campaign) !=
	    DB_OK)
		return -1;
	for (i = 0; i < p->jt->n_campaign_fields && jf->kv.n < JOB_FIELDS_MAX;
	    i++) {
		fd = &p->jt->campaign_fields[i];
		if (fd->type == KAAJ_FIELD_SCREENSHOT)
			continue;
		jf->names[jf->kv.n] = fd->name;
		jf->values[jf->kv.n] = "";
		for (j = 0; j < jf->rows.nrows; j++)
			if (strcmp(db_cell(&jf->rows, j, 0), fd->name) == 0 &&
			    db_cell(&jf->rows, j, 1) != NULL)
				jf->values[jf->kv.n] = db_cell(&jf->rows, j, 1);
		jf->kv.n++;
	}
	return 0;
}

/* What a stored value looks like to users: a choice shows its label. */
static const char *
field_display(const struct kaaj_field *fd, const char *value)
{
	const struct kaaj_choice *ch;

	if (fd->type != KAAJ_FIELD_CHOICE)
		return value;
	for (ch = fd->choices; ch->value != NULL; ch++)
		if (strcmp(ch->value, value) == 0)
			return ch->label;
	return value;
}

void
job_fields_show(struct ctx *c, const struct plugin *p,
    const struct job_fields *jf)
{
	const struct kaaj_jobtype *jt;
	const struct kaaj_field *fd;
	const char *value;
	size_t i, j, k = 0;
	HDF *row;

	/* The page's language's texts; names are the plugin's own. */
	jt = p != NULL ? page_jobtype(c, p) : NULL;
	for (i = 0; jt != NULL && i < jt->n_campaign_fields; i++) {
		fd = &jt->campaign_fields[i];
		for (j = 0; j < jf->kv.n; j++)
			if (jf->names[j] == fd->name)
				break;
		if (j == jf->kv.n || jf->values[j][0] == '\0' ||
		    !field_applies(fd, &jf->kv) ||
		    (row = page_row(c->hdf, "Job.Fields", k++)) == NULL)
			continue;
		value = jf->values[j];
		render_set(row, "Label", fd->label);
		render_set(row, "Value", field_display(fd, value));
		/* Only web links become links, whatever was stored. */
		render_set(row, "IsUrl", fd->type == KAAJ_FIELD_URL &&
		    (strncmp(value, "https://", 8) == 0 ||
		    strncmp(value, "http://", 7) == 0) ? "1" : "0");
	}
}

void
job_fields_free(struct job_fields *jf)
{
	db_result_free(&jf->rows);
}
