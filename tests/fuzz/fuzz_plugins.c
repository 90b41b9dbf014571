/*
 * Fuzzing target: every job type's validators, through the plugin ABI
 * (include/kaaj/jobtype.h). The plugins are built again with the fuzzing
 * compiler into FUZZ_PLUGIN_DIR and loaded there by the real loader,
 * plugin_load_dir (base/plugin.c), before the first input.
 *
 * The input is the job type's name and then one value for each of its
 * campaign fields and then each of its proof fields, in the order it
 * declares them, all separated by NUL bytes (see one with
 * tr '\0' '\n' < FILE); a value not given is "". As in the core, each
 * value is trimmed as form_get() trims it, a screenshot field's value is
 * "", and a validator sees only values that passed field_check(): the
 * campaign validator gets the campaign's fields but screenshots; a
 * campaign that both accept goes on to the proof validator with every
 * campaign and proof field.
 * Checks: a validator answers KAAJ_OK or KAAJ_INVALID, and a refusal
 * names a code of [a-z_] and an English message.
 */
#include <stdlib.h>
#include <string.h>

#include "base/field.h"
#include "base/plugin.h"
#include "fuzz.h"

#define FIELDS_MAX 32	/* as plugin_check_jobtype allows */

static struct plugin_set plugins;

/* The values of one form, as the core hands them to a validator. */
struct form {
	const char *names[FIELDS_MAX];
	const char *values[FIELDS_MAX];
	struct kaaj_values kv;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (plugin_load_dir(FUZZ_PLUGIN_DIR, &plugins) <= 0)
		fuzz_fail("no plugin loaded from %s", FUZZ_PLUGIN_DIR);
	return 0;
}

/*
 * The next NUL-terminated value at *p (before end), trimmed in place as
 * form_get() trims; "" past the end.
 */
static const char *
next_value(char **p, char *end)
{
	char *v = *p;
	size_t len;

	if (v >= end)
		return "";
	*p = v + strlen(v) + 1;
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	len = strlen(v);
	while (len > 0 && strchr(" \t\r\n", v[len - 1]) != NULL)
		v[--len] = '\0';
	return v;
}

/*
 * Read the values of n fields from *p into values[]; a screenshot's is
 * "". Returns 0, or -1 when a value fails field_check(), which keeps it
 * from any validator.
 */
static int
read_values(const struct kaaj_field *fields, size_t n, const char **values,
    char **p, char *end)
{
	size_t i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		values[i] = next_value(p, end);
		if (fields[i].type == KAAJ_FIELD_SCREENSHOT)
			values[i] = "";
		else if (field_check(&fields[i], values[i]) != FIELD_OK)
			bad = 1;
	}
	return bad ? -1 : 0;
}

/* Make f the form of n fields with values[], without screenshots when
 * skip_screenshots. */
static void
make_form(struct form *f, const struct kaaj_field *fields, size_t n,
    const char **values, int skip_screenshots)
{
	size_t i;

	f->kv.n = 0;
	f->kv.names = f->names;
	f->kv.values = f->values;
	for (i = 0; i < n; i++) {
		if (skip_screenshots && fields[i].type == KAAJ_FIELD_SCREENSHOT)
			continue;
		f->names[f->kv.n] = fields[i].name;
		f->values[f->kv.n++] = values[i];
	}
}

/* Check a validator's answer rc and what it put in err. */
static void
check_answer(int rc, const struct kaaj_error *err)
{
	FUZZ_CHECK(rc == KAAJ_OK || rc == KAAJ_INVALID);
	if (rc == KAAJ_OK)
		return;
	FUZZ_CHECK(err->code != NULL && err->code[0] != '\0');
	FUZZ_CHECK(strspn(err->code, "abcdefghijklmnopqrstuvwxyz_") ==
	    strlen(err->code));
	FUZZ_CHECK(err->message != NULL && err->message[0] != '\0');
	FUZZ_CHECK(err->field == NULL || strlen(err->field) < 64);
}

/*
 * Run jt's validators on the values at *p: the campaign's, then, when
 * it is accepted, the proof's.
 */
static void
validate(const struct kaaj_jobtype *jt, char **p, char *end)
{
	const char *cvalues[FIELDS_MAX], *pvalues[FIELDS_MAX];
	struct form campaign, proof;
	struct kaaj_error err;
	int rc;

	if (read_values(jt->campaign_fields, jt->n_campaign_fields, cvalues, p,
	    end) == -1)
		return;
	if (jt->validate_campaign != NULL) {
		make_form(&campaign, jt->campaign_fields,
		    jt->n_campaign_fields, cvalues, 1);
		memset(&err, 0, sizeof(err));
		rc = jt->validate_campaign(&campaign.kv, &err);
		check_answer(rc, &err);
		if (rc != KAAJ_OK)
			return;
	}
	if (read_values(jt->proof_fields, jt->n_proof_fields, pvalues, p,
	    end) == -1 || jt->validate_proof == NULL)
		return;
	make_form(&campaign, jt->campaign_fields, jt->n_campaign_fields,
	    cvalues, 0);
	make_form(&proof, jt->proof_fields, jt->n_proof_fields, pvalues, 0);
	memset(&err, 0, sizeof(err));
	check_answer(jt->validate_proof(&campaign.kv, &proof.kv, &err), &err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct plugin *pl;
	char *text, *p;

	text = fuzz_strndup(data, size);
	if ((pl = plugin_find(&plugins, text)) != NULL) {
		p = text + strlen(text) + 1;
		validate(pl->jt, &p, text + size);
	}
	free(text);
	return 0;
}
