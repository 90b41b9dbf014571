/*
 * A campaign's own values, the fields its job type declares: read once
 * per page, shown the same on the job page and on the task page (as
 * Job.Fields, rendered by templates/job_fields.cs), and handed to the
 * proof form, which asks only for the proof fields that apply to them.
 */
#ifndef KAAJ_JOB_FIELDS_H
#define KAAJ_JOB_FIELDS_H

#include <stdint.h>

#include "storage/db.h"
#include "front/router.h"

#define JOB_FIELDS_MAX 32	/* a job type's campaign fields, as plugin.c */

/* The stored values of one campaign, in the job type's declared order. */
struct job_fields {
	struct db_result rows;		/* what the values point into */
	const char *names[JOB_FIELDS_MAX];
	const char *values[JOB_FIELDS_MAX];
	struct kaaj_values kv;		/* every declared field but the
					 * screenshots; "" when not stored */
};

/*
 * Read campaign's stored values of job type p (NULL: the type is gone,
 * and nothing is read) into *jf with one query. Returns 0, or -1 on a
 * database error. Free *jf with job_fields_free either way.
 */
int job_fields_load(struct ctx *c, const struct plugin *p, int64_t campaign,
    struct job_fields *jf);

/*
 * Job.Fields.N (Label, Value: a choice by its label, IsUrl: 1 for a web
 * address) for each field of p that applies and has a value.
 */
void job_fields_show(struct ctx *c, const struct plugin *p,
    const struct job_fields *jf);

/* Free what job_fields_load read. */
void job_fields_free(struct job_fields *jf);

#endif
