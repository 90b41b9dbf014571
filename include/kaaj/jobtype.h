/*
 * kaaj job-type plugin ABI.
 *
 * This header is the whole contract between the kaaj core and a job-type
 * plugin. A plugin is a shared object "NAME.so" in the plugins directory
 * named by etc/kaaj.conf. It exports exactly one symbol, KAAJ_JOBTYPE_SYMBOL,
 * a const struct kaaj_jobtype whose first member is the ABI version.
 *
 * The core reads the declarations, renders the forms, stores the values and
 * owns HTTP, SQL, money and escaping. A plugin only declares fields and
 * validates values, purely: no I/O, no SQL, no globals, no allocation that
 * outlives the call.
 *
 * Texts: labels and messages here are English defaults. A site translates
 * them in templates/lang/LANG.hdf under JobType.NAME.* (see docs/plugins.md).
 */
#ifndef KAAJ_JOBTYPE_H
#define KAAJ_JOBTYPE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bumped whenever struct kaaj_jobtype or anything it points to changes. */
#define KAAJ_JOBTYPE_ABI 3

/* The one symbol a plugin exports. */
#define KAAJ_JOBTYPE_SYMBOL "kaaj_jobtype"

/* One micro-unit is 0.000001 of the site currency. */
#define KAAJ_MICRO 1000000LL

/* Longest job-type name, without the terminating NUL. */
#define KAAJ_NAME_MAX 32

enum kaaj_field_type {
	KAAJ_FIELD_TEXT = 1,	/* one line of text */
	KAAJ_FIELD_TEXTAREA,	/* several lines of text */
	KAAJ_FIELD_URL,		/* an absolute http or https URL */
	KAAJ_FIELD_INT,		/* a whole number in [min, max] */
	KAAJ_FIELD_CHOICE,	/* one of choices[] */
	KAAJ_FIELD_SCREENSHOT	/* an uploaded PNG, JPEG or WebP image */
};

/* One option of a CHOICE field: a stored value and its English label. */
struct kaaj_choice {
	const char *value;	/* [a-z0-9_]+, what is stored */
	const char *label;	/* what the user sees */
};

/*
 * One form field. The core checks the generic limits (required, length,
 * number range, choice membership, URL syntax) before calling the plugin's
 * validator, so a validator sees only values that passed them.
 */
struct kaaj_field {
	const char *name;	/* [a-z][a-z0-9_]*, unique within its form */
	enum kaaj_field_type type;
	const char *label;	/* English label shown next to the field */
	const char *help;	/* English hint under the field, or NULL */
	int required;		/* non-zero: an empty value is refused */
	size_t max_len;		/* bytes, for text, textarea and url */
	int64_t min, max;	/* for KAAJ_FIELD_INT */
	const struct kaaj_choice *choices;	/* for CHOICE; ends with
						 * { NULL, NULL } */
	/*
	 * ABI 3: when the field applies, or NULL for always. The form is
	 * "FIELD=VALUE" or "FIELD=VALUE|VALUE|...": the field applies only
	 * while the CHOICE field FIELD has one of the VALUEs. For a
	 * campaign field, FIELD is a campaign field declared before it;
	 * for a proof field, FIELD is a campaign field (the campaign's
	 * choice decides which proof the worker gives). Each VALUE must be
	 * one of FIELD's choices; the loader refuses the plugin otherwise.
	 * A field that does not apply is not shown, not required and not
	 * stored: validators see it as "".
	 */
	const char *shown_if;
};

/*
 * Read-only name/value pairs handed to a validator. Every declared field
 * of the form is present; an empty optional field has the value "".
 */
struct kaaj_values {
	size_t n;
	const char *const *names;
	const char *const *values;
};

/*
 * What a validator reports when it refuses a value: the field name and an
 * English message (a static string). The core shows the message next to
 * the field, translated when the language file has JobType.NAME.error.CODE.
 */
struct kaaj_error {
	const char *field;
	const char *code;	/* short [a-z_]+ key for translation */
	const char *message;	/* English text */
};

/* Validator result. */
#define KAAJ_OK 0
#define KAAJ_INVALID 1

/* Checks plugins share: addresses, text, refusing (needs the above). */
#include "kaaj/check.h"

struct kaaj_jobtype {
	unsigned int abi_version;	/* KAAJ_JOBTYPE_ABI; must stay first */
	const char *name;	/* [a-z][a-z0-9_]*, equal to the file name */
	const char *category;	/* grouping on the board, [a-z][a-z0-9_]* */
	const char *label;	/* English name shown to users */
	const char *description;	/* English one-line summary */
	int64_t min_pay;	/* micro-units per task; config may raise it */

	const struct kaaj_field *campaign_fields;
	size_t n_campaign_fields;
	const struct kaaj_field *proof_fields;
	size_t n_proof_fields;

	/*
	 * Check a campaign's own fields. Pure: no I/O, no globals. Returns
	 * KAAJ_OK, or KAAJ_INVALID after filling *err. May be NULL.
	 */
	int (*validate_campaign)(const struct kaaj_values *campaign,
	    struct kaaj_error *err);

	/*
	 * Check a worker's proof against its campaign's values. Same rules.
	 * May be NULL.
	 */
	int (*validate_proof)(const struct kaaj_values *campaign,
	    const struct kaaj_values *proof, struct kaaj_error *err);

	/*
	 * ABI 2: the name of the TEXT proof field that carries a per-worker
	 * completion code the employer's own page shows, or NULL when the
	 * type offers no automatic verification. With it the employer may
	 * set a secret; the core computes each worker's expected code and
	 * checks it (docs/marketplace.md, "Automatic verification").
	 */
	const char *verify_field;
};

/*
 * The one symbol a plugin defines, with external linkage:
 *     const struct kaaj_jobtype kaaj_jobtype = { KAAJ_JOBTYPE_ABI, ... };
 */
extern const struct kaaj_jobtype kaaj_jobtype;

/*
 * Look up a value by field name; NULL when absent. A convenience that
 * plugins may use; it reads only its arguments.
 */
static inline const char *
kaaj_value(const struct kaaj_values *v, const char *name)
{
	size_t i, j;

	for (i = 0; i < v->n; i++) {
		for (j = 0; name[j] != '\0' && v->names[i][j] == name[j]; j++)
			continue;
		if (name[j] == '\0' && v->names[i][j] == '\0')
			return v->values[i];
	}
	return NULL;
}

#ifdef __cplusplus
}
#endif

#endif /* KAAJ_JOBTYPE_H */
