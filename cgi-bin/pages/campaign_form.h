/*
 * The new-campaign form: reading and checking every field (the common
 * ones, then the job type's own, then the job type's validator), shared by
 * the form, its preview and the create step, which each check it all
 * again. Messages come from Lang.Form.Error.CODE; a plugin's own message
 * is shown as it gives it (or JobType.NAME.error.CODE when translated).
 */
#ifndef KAAJ_CAMPAIGN_FORM_H
#define KAAJ_CAMPAIGN_FORM_H

#include <stdint.h>

#include "front/form.h"
#include "base/csv.h"
#include "market/campaign.h"
#include "front/router.h"

#define CFORM_FIELDS_MAX 32	/* a job type's campaign fields, as plugin.c */
#define CFORM_COUNTRIES 760	/* campaigns.countries is VARCHAR(750) */

/* What the form gave, once read; the strings belong to the request. */
struct cform {
	const struct plugin *plugin;
	int64_t min_pay;		/* the type's effective minimum */
	const char *title;
	const char *instructions;
	const char *proof;
	const char *mode;		/* "all", "include", "exclude" */
	char countries[CFORM_COUNTRIES];	/* "BD,IN" */
	int64_t slots, pay, minutes, days, min_success;
	int64_t release;		/* slots opened an hour, 0: all */
	int screenshot;
	const char *verify_secret;	/* "" without one */
	const char *verify_mode;	/* "off", "verify", "approve" */
	size_t n;			/* the plugin's fields, screenshots
					 * left out */
	const char *names[CFORM_FIELDS_MAX];
	const char *values[CFORM_FIELDS_MAX];
	struct kaaj_values kv;
	int has_items;			/* items holds the file of one item
					 * per slot (campaign_items.h) */
	struct csv_table items;
};

/*
 * The loaded job type named name that campaigns can use, or NULL.
 */
const struct plugin *cform_plugin(struct ctx *c, const char *name);

/*
 * Describe p's form under New (type, label, minimum pay, New.Verify
 * when the type offers automatic verification, the plugin's fields as
 * New.Fields.N with Name "x_NAME", Type, Label, Help, Required, MaxLen,
 * Min, Max, Choices) for the templates.
 */
void cform_describe(struct ctx *c, const struct plugin *p);

/*
 * Read the posted form for job type p into *f, keep every value under
 * Form for the page shown again (Form.CountrySel.XX for each country
 * chosen), and mark each wrong field. Returns the number of errors.
 * Free *f with cform_free, whatever the result.
 */
int cform_read(struct ctx *c, const struct plugin *p, struct cform *f);

/*
 * The fields every campaign's form has (title, instructions, ..., not the
 * job type's own, the countries or verification), n of them: for the
 * API's description of the form.
 */
const struct form_field *cform_common_fields(size_t *n);

/* Free what cform_read allocated (the file of items). */
void cform_free(struct cform *f);

/* Fill *n from a checked form for owner. */
void cform_to_new(const struct cform *f, int64_t owner, int moderated,
    const char *create_key, struct campaign_new *n);

#endif
