/*
 * Job types' texts in each language, looked up once per process.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/plugin_text.h"

/* Where texts are looked up: a language of env, a job type's name. */
struct look {
	const struct render_env *env;
	size_t lang;
	const char *type;
};

/* Lang.JobType.TYPE.WHAT in the language, or def. */
static const char *
text_of(const struct look *l, const char *what, const char *def)
{
	char key[200];

	if (def == NULL)
		return NULL;
	if ((size_t)snprintf(key, sizeof(key), "JobType.%s.%s", l->type, what)
	    >= sizeof(key))
		return def;
	return render_lang_in(l->env, l->lang, key, def);
}

/* Free the field copies of n fields (and their choices). */
static void
fields_free(struct kaaj_field *fields, size_t n)
{
	size_t i;

	for (i = 0; fields != NULL && i < n; i++)
		free((void *)fields[i].choices);
	free(fields);
}

/* The n fields at from, translated, into *out; 0 or -1. */
static int
fields_copy(const struct look *l, const struct kaaj_field *from, size_t n,
    const struct kaaj_field **out)
{
	struct kaaj_field *f;
	struct kaaj_choice *ch;
	char what[160];
	size_t i, k, nch;

	*out = NULL;
	if (n == 0)
		return 0;
	if ((f = calloc(n, sizeof(*f))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		f[i] = from[i];
		snprintf(what, sizeof(what), "field.%s.label", from[i].name);
		f[i].label = text_of(l, what, from[i].label);
		snprintf(what, sizeof(what), "field.%s.help", from[i].name);
		f[i].help = text_of(l, what, from[i].help);
		if (from[i].choices == NULL)
			continue;
		for (nch = 0; from[i].choices[nch].value != NULL; nch++)
			continue;
		if ((ch = calloc(nch + 1, sizeof(*ch))) == NULL) {
			f[i].choices = NULL;
			fields_free(f, i + 1);
			return -1;
		}
		for (k = 0; k < nch; k++) {
			ch[k] = from[i].choices[k];
			snprintf(what, sizeof(what), "field.%s.choice.%s",
			    from[i].name, ch[k].value);
			ch[k].label = text_of(l, what, ch[k].label);
		}
		f[i].choices = ch;
	}
	*out = f;
	return 0;
}

/* Free the fields of one translated job type. */
static void
jobtype_free(struct kaaj_jobtype *jt)
{
	fields_free((struct kaaj_field *)(void *)jt->campaign_fields,
	    jt->n_campaign_fields);
	fields_free((struct kaaj_field *)(void *)jt->proof_fields,
	    jt->n_proof_fields);
}

void
plugin_texts_free(struct plugin *p)
{
	size_t i;

	for (i = 0; i < p->ntexts; i++)
		jobtype_free(&p->texts[i]);
	free(p->texts);
	p->texts = NULL;
	p->ntexts = 0;
}

/* p's texts in every language of env; 0 or -1. */
static int
build_one(struct plugin *p, const struct render_env *env)
{
	struct look l = { env, 0, p->jt->name };
	struct kaaj_jobtype *t;

	if ((p->texts = calloc(env->nlangs, sizeof(*p->texts))) == NULL)
		return -1;
	for (l.lang = 0; l.lang < env->nlangs; l.lang++) {
		t = &p->texts[l.lang];
		*t = *p->jt;
		t->campaign_fields = t->proof_fields = NULL;
		p->ntexts = l.lang + 1;
		t->label = text_of(&l, "label", p->jt->label);
		t->description = text_of(&l, "description",
		    p->jt->description);
		if (fields_copy(&l, p->jt->campaign_fields,
		    p->jt->n_campaign_fields, &t->campaign_fields) == -1 ||
		    fields_copy(&l, p->jt->proof_fields, p->jt->n_proof_fields,
		    &t->proof_fields) == -1)
			return -1;
	}
	return 0;
}

int
plugin_texts_build(struct plugin_set *set, const struct render_env *env)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		plugin_texts_free(&set->items[i]);
		if (build_one(&set->items[i], env) == -1) {
			for (i = 0; i < set->n; i++)
				plugin_texts_free(&set->items[i]);
			return -1;
		}
	}
	return 0;
}

const struct kaaj_jobtype *
plugin_texts(const struct plugin *p, size_t lang)
{
	return lang < p->ntexts ? &p->texts[lang] : p->jt;
}
