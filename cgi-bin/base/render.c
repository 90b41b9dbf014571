/*
 * Rendering pages with ClearSilver.
 */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/render.h"
#include "base/render_digits.h"
#include "base/text.h"

/*
 * The process's languages, for render_lang(): set by render_env_init (at
 * start) and render_env_move (at a reload, between requests), read-only
 * while a request is served. Not request data.
 */
static const struct render_env *process_env;

/* Turn a ClearSilver error into text in err and free it. */
static void
neo_error(NEOERR *nerr, const char *what, char *err, size_t errlen)
{
	STRING s;

	string_init(&s);
	nerr_error_string(nerr, &s);
	snprintf(err, errlen, "%s: %s", what, s.buf != NULL ? s.buf : "error");
	string_clear(&s);
	nerr_ignore(&nerr);
}

/* Non-zero when name is LANG.hdf with LANG two or three small letters. */
static int
lang_file_name(const char *name, char *lang, size_t langlen)
{
	size_t n = strcspn(name, ".");

	if (n < 2 || n > 3 || n >= langlen || strcmp(name + n, ".hdf") != 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (name[i] < 'a' || name[i] > 'z')
			return 0;
	memcpy(lang, name, n);
	lang[n] = '\0';
	return 1;
}

/*
 * Order the languages: the default first (it stands in for unknown ones),
 * then by name, so that the switch lists them alike in every process.
 */
static void
sort_langs(struct render_env *env, const char *default_lang)
{
	size_t i, j;
	char *n;
	HDF *h;

	for (i = 0; i < env->nlangs; i++) {
		for (j = i + 1; j < env->nlangs; j++) {
			if (strcmp(env->lang_names[j], default_lang) != 0 &&
			    (strcmp(env->lang_names[i], default_lang) == 0 ||
			    strcmp(env->lang_names[i], env->lang_names[j]) < 0))
				continue;
			n = env->lang_names[i];
			h = env->langs[i];
			env->lang_names[i] = env->lang_names[j];
			env->langs[i] = env->langs[j];
			env->lang_names[j] = n;
			env->langs[j] = h;
		}
	}
}

/* Langs.I.Name and Langs.I.Label in every tree; 0 or -1. */
static int
share_lang_names(struct render_env *env)
{
	char name[32], key[32];
	const char *label;
	size_t i;

	for (i = 0; i < env->nlangs; i++) {
		snprintf(key, sizeof(key), "LanguageName.%s",
		    env->lang_names[i]);
		label = render_lang_in(env, i, key, render_lang_in(env, 0, key,
		    env->lang_names[i]));
		snprintf(name, sizeof(name), "Langs.%zu.Name", i);
		if (render_share(env, name, env->lang_names[i]) == -1)
			return -1;
		snprintf(name, sizeof(name), "Langs.%zu.Label", i);
		if (render_share(env, name, label) == -1)
			return -1;
	}
	return 0;
}

int
render_env_init(struct render_env *env, const char *template_dir,
    const char *default_lang, char *err, size_t errlen)
{
	char dir[1024], path[1300], lang[4];
	struct dirent *de;
	NEOERR *nerr;
	DIR *d;

	memset(env, 0, sizeof(*env));
	env->parsed = calloc(RENDER_CACHE, sizeof(*env->parsed));
	if ((env->template_dir = strdup(template_dir)) == NULL ||
	    env->parsed == NULL) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(dir, sizeof(dir), "%s/lang", template_dir);
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: cannot open: %m", dir);
		goto fail;
	}
	while ((de = readdir(d)) != NULL) {
		if (!lang_file_name(de->d_name, lang, sizeof(lang)))
			continue;
		if (env->nlangs == RENDER_MAX_LANGS) {
			snprintf(err, errlen, "%s: more than %d languages", dir,
			    RENDER_MAX_LANGS);
			closedir(d);
			goto fail;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		env->lang_names[env->nlangs] = strdup(lang);
		if ((nerr = hdf_init(&env->langs[env->nlangs])) == STATUS_OK)
			nerr = hdf_read_file(env->langs[env->nlangs], path);
		env->nlangs++;
		if (nerr != STATUS_OK || env->lang_names[env->nlangs - 1] == NULL) {
			neo_error(nerr, path, err, errlen);
			closedir(d);
			goto fail;
		}
	}
	closedir(d);
	if (!render_has_lang(env, default_lang)) {
		snprintf(err, errlen, "%s/%s.hdf: missing (site.default_language)",
		    dir, default_lang);
		goto fail;
	}
	sort_langs(env, default_lang);
	env->digits_lang = -1;
	if (share_lang_names(env) == -1) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	process_env = env;
	return 0;
fail:
	render_env_free(env);
	return -1;
}

void
render_env_free(struct render_env *env)
{
	for (size_t i = 0; i < env->nlangs; i++) {
		free(env->lang_names[i]);
		if (env->langs[i] != NULL)
			hdf_destroy(&env->langs[i]);
	}
	if (env->parsed != NULL)
		render_forget_templates(env);
	free(env->parsed);
	free(env->template_dir);
	memset(env, 0, sizeof(*env));
	if (process_env == env)
		process_env = NULL;
}

void
render_env_move(struct render_env *live, struct render_env *fresh)
{
	render_env_free(live);
	*live = *fresh;
	memset(fresh, 0, sizeof(*fresh));
	process_env = live;
}

int
render_lang_find(const struct render_env *env, const char *lang)
{
	for (size_t i = 0; i < env->nlangs; i++)
		if (strcmp(env->lang_names[i], lang) == 0)
			return (int)i;
	return -1;
}

size_t
render_lang_index(const struct render_env *env, HDF *hdf)
{
	int i = render_lang_find(env, hdf_get_value(hdf, "Page.Lang", ""));

	return i < 0 ? 0 : (size_t)i;
}

int
render_has_lang(const struct render_env *env, const char *lang)
{
	return render_lang_find(env, lang) >= 0;
}

const char *
render_lang_in(const struct render_env *env, size_t lang, const char *key,
    const char *def)
{
	HDF *tree = lang < env->nlangs ? hdf_get_obj(env->langs[lang],
	    "Lang") : NULL;

	return tree != NULL ? hdf_get_value(tree, key, def) : def;
}

void
render_native_digits_for(struct render_env *env, const char *lang)
{
	env->digits_lang = lang != NULL ? render_lang_find(env, lang) : -1;
}

HDF *
render_page_new(const struct render_env *env, const char *lang)
{
	HDF *hdf = NULL;
	NEOERR *nerr;

	if (lang == NULL || !render_has_lang(env, lang))
		lang = env->nlangs > 0 ? env->lang_names[0] : "";
	if ((nerr = hdf_init(&hdf)) != STATUS_OK ||
	    (nerr = hdf_set_value(hdf, "Config.VarEscapeMode", "html")) !=
	    STATUS_OK ||
	    (nerr = hdf_set_value(hdf, "hdf.loadpaths.0", env->template_dir)) !=
	    STATUS_OK ||
	    (nerr = hdf_set_value(hdf, "Page.Lang", lang)) != STATUS_OK) {
		nerr_ignore(&nerr);
		if (hdf != NULL)
			hdf_destroy(&hdf);
		return NULL;
	}
	return hdf;
}

int
render_plain_text(HDF *hdf)
{
	return render_set(hdf, "Config.VarEscapeMode", "none");
}

/* ClearSilver output callback: append to a struct buf. */
static NEOERR *
render_out(void *ctx, char *s)
{
	if (buf_puts(ctx, s) == -1)
		return nerr_raise(NERR_NOMEM, "out of memory");
	return STATUS_OK;
}

void
render_forget_templates(const struct render_env *env)
{
	struct render_parsed *p;

	for (p = env->parsed; p < env->parsed + RENDER_CACHE; p++) {
		if (p->cs != NULL)
			cs_destroy(&p->cs);
		free(p->name);
		p->name = NULL;
	}
}

/*
 * The parsed template for name in escaping mode plain, parsed now (with
 * hdf for its settings) when not yet; NULL with *nerr set on failure.
 * *kept says whether the cache keeps it; else the caller destroys it.
 */
static CSPARSE *
parsed(const struct render_env *env, HDF *hdf, const char *name, int plain,
    int *kept, NEOERR **nerr)
{
	struct render_parsed *p, *free_slot = NULL;
	CSPARSE *cs = NULL;

	*nerr = STATUS_OK;
	*kept = 1;
	for (p = env->parsed; p < env->parsed + RENDER_CACHE; p++) {
		if (p->cs == NULL) {
			if (free_slot == NULL)
				free_slot = p;
			continue;
		}
		if (p->plain == plain && strcmp(p->name, name) == 0)
			return p->cs;
	}
	if ((*nerr = cs_init(&cs, hdf)) == STATUS_OK &&
	    (*nerr = cgi_register_strfuncs(cs)) == STATUS_OK)
		*nerr = cs_parse_file(cs, name);
	if (*nerr != STATUS_OK) {
		if (cs != NULL)
			cs_destroy(&cs);
		return NULL;
	}
	/* A full cache (more templates than slots) renders uncached. */
	if (free_slot != NULL && (free_slot->name = strdup(name)) != NULL) {
		free_slot->plain = plain;
		free_slot->cs = cs;
	} else
		*kept = 0;
	return cs;
}

int
render_keep_parsed(const struct render_env *env, const char *name, int plain,
    char *err, size_t errlen)
{
	char what[320];
	NEOERR *nerr;
	CSPARSE *cs;
	HDF *hdf;
	int kept;

	if ((hdf = render_page_new(env, NULL)) == NULL ||
	    (plain && render_plain_text(hdf) == -1)) {
		if (hdf != NULL)
			hdf_destroy(&hdf);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if ((cs = parsed(env, hdf, name, plain, &kept, &nerr)) != NULL) {
		cs->hdf = NULL;	/* each page sets its own */
		if (!kept)
			cs_destroy(&cs);
	}
	hdf_destroy(&hdf);
	if (nerr == STATUS_OK)
		return 0;
	snprintf(what, sizeof(what), "template %s", name);
	neo_error(nerr, what, err, errlen);
	return -1;
}

int
render_page(const struct render_env *env, HDF *hdf, const char *template,
    struct buf *out, char *err, size_t errlen)
{
	int plain = strcmp(hdf_get_value(hdf, "Config.VarEscapeMode", ""),
	    "html") != 0;
	NEOERR *nerr;
	CSPARSE *cs;
	int kept;

	size_t lang = render_lang_index(env, hdf);
	struct buf page;
	int digits = !plain && env->digits_lang == (int)lang;

	if ((cs = parsed(env, hdf, template, plain, &kept, &nerr)) != NULL) {
		/* The page's own data, and its language's strings. */
		cs->hdf = hdf;
		cs->global_hdf = env->nlangs > 0 ? env->langs[lang] : NULL;
		buf_init(&page);
		nerr = cs_render(cs, digits ? &page : out, render_out);
		if (digits && nerr == STATUS_OK && page.len > 0 &&
		    render_native_digits(page.data, page.len, out) == -1)
			nerr = nerr_raise(NERR_NOMEM, "out of memory");
		buf_free(&page);
		cs->hdf = NULL;
		cs->global_hdf = NULL;
		if (!kept)
			cs_destroy(&cs);
	}
	if (nerr != STATUS_OK) {
		neo_error(nerr, template, err, errlen);
		return -1;
	}
	return 0;
}

int
render_setf(HDF *hdf, const char *name, const char *fmt, ...)
{
	char val[512];
	va_list ap;
	NEOERR *nerr;

	va_start(ap, fmt);
	vsnprintf(val, sizeof(val), fmt, ap);
	va_end(ap);
	if ((nerr = hdf_set_value(hdf, name, val)) != STATUS_OK) {
		nerr_ignore(&nerr);
		return -1;
	}
	return 0;
}

int
render_set(HDF *hdf, const char *name, const char *value)
{
	NEOERR *nerr;

	if ((nerr = hdf_set_value(hdf, name, value != NULL ? value : "")) !=
	    STATUS_OK) {
		nerr_ignore(&nerr);
		return -1;
	}
	return 0;
}

/* Non-zero when name is Lang or under it: the strings are not shared data. */
static int
is_lang(const char *name)
{
	return strncmp(name, "Lang", 4) == 0 &&
	    (name[4] == '\0' || name[4] == '.');
}

int
render_share(struct render_env *env, const char *name, const char *value)
{
	size_t i;

	if (is_lang(name))
		return -1;
	for (i = 0; i < env->nlangs; i++)
		if (render_set(env->langs[i], name, value) == -1)
			return -1;
	return 0;
}

int
render_share_in(struct render_env *env, size_t lang, const char *name,
    const char *value)
{
	if (is_lang(name) || lang >= env->nlangs)
		return -1;
	return render_set(env->langs[lang], name, value);
}

void
render_unshare(struct render_env *env, const char *name)
{
	NEOERR *nerr;
	size_t i;

	if (is_lang(name))
		return;
	for (i = 0; i < env->nlangs; i++)
		if ((nerr = hdf_remove_tree(env->langs[i], name)) != STATUS_OK)
			nerr_ignore(&nerr);
}

int
render_set_int(HDF *hdf, const char *name, int64_t v)
{
	char text[TEXT_INT_LEN];

	return render_set(hdf, name, text_of_int(v, text));
}

const char *
render_lang(HDF *hdf, const char *key)
{
	if (process_env == NULL || process_env->nlangs == 0)
		return "";
	return render_lang_in(process_env, render_lang_index(process_env,
	    hdf), key, "");
}
