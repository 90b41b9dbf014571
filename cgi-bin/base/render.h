/*
 * Rendering pages with ClearSilver. Language strings are read once per
 * process from templates/lang/LANG.hdf and never copied: a page's HDF
 * names its language in Page.Lang, templates find Lang.* in that
 * language's tree (ClearSilver's global_hdf, looked up when a name is not
 * in the page's own data) and C code reads them with render_lang(). Every
 * page gets a fresh HDF with HTML auto-escaping switched on before any
 * template is parsed.
 */
#ifndef KAAJ_RENDER_H
#define KAAJ_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/cs.h"

#define RENDER_MAX_LANGS 8
#define RENDER_CACHE 64		/* parsed templates kept per process */

/* A template parsed once and rendered again for every page. */
struct render_parsed {
	char *name;		/* template file, under the template dir */
	int plain;		/* parsed for plain text (no escaping) */
	CSPARSE *cs;
};

/* Per-process rendering state. */
struct render_env {
	char *template_dir;
	size_t nlangs;
	char *lang_names[RENDER_MAX_LANGS];
	HDF *langs[RENDER_MAX_LANGS];	/* each holds a Lang.* tree */
	int digits_lang;	/* pages in this language show Bengali digits
				 * (render_native_digits); -1: none */
	struct render_parsed *parsed;	/* RENDER_CACHE entries */
};

/*
 * Load template_dir/lang/LANG.hdf for every LANG.hdf present there.
 * default_lang must be among them; it gets index 0, the others follow in
 * the order of their names. Every tree shares Langs.I.Name and
 * Langs.I.Label (the language's own name: its Lang.LanguageName.NAME,
 * else the default language's, else NAME), for the language switch.
 * Returns 0, or -1 with "file: reason" in
 * err. The caller frees env with render_env_free(). The process's pages
 * read their strings from the env made last (one per process).
 */
int render_env_init(struct render_env *env, const char *template_dir,
    const char *default_lang, char *err, size_t errlen);

void render_env_free(struct render_env *env);

/*
 * Free what live holds and move fresh (made by render_env_init) into it,
 * leaving fresh empty; the process's pages read their strings from live
 * from then on. For a reload: every template is read again when next used.
 */
void render_env_move(struct render_env *live, struct render_env *fresh);

/*
 * Parse template name (under the template folder; plain: for plain text,
 * as mail) into env's cache, where the pages find it. Returns 0, or -1
 * with "template NAME: file:line: what is wrong" in err.
 */
int render_keep_parsed(const struct render_env *env, const char *name,
    int plain, char *err, size_t errlen);

/*
 * Parse every template of the folder: NAME.cs for pages, mail/NAME.cs
 * for plain-text mail, with the templates they include, into env's cache
 * (render_keep_parsed). So a process serves the templates it loaded:
 * one broken by an edit is refused at start or at a reload (0, or -1
 * with the file:line in err), and a refused reload keeps the old ones.
 */
int render_parse_templates(const struct render_env *env, char *err,
    size_t errlen);

/*
 * Forget every parsed template, so the next pages read them from disk
 * again (on SIGHUP, after templates changed).
 */
void render_forget_templates(const struct render_env *env);

/* Non-zero when strings for lang were loaded. */
int render_has_lang(const struct render_env *env, const char *lang);

/* The index of the loaded language lang, or -1. */
int render_lang_find(const struct render_env *env, const char *lang);

/* The index of hdf's language (Page.Lang); 0 (the default) if unknown. */
size_t render_lang_index(const struct render_env *env, HDF *hdf);

/*
 * The string Lang.KEY of the loaded language of index lang, or def when
 * it has none. Owned by the language, valid while the process lives.
 */
const char *render_lang_in(const struct render_env *env, size_t lang,
    const char *key, const char *def);

/*
 * Pages in language lang show their amounts, counts and dates with
 * Bengali digits (site.digits = "bengali" names "bn"); NULL or a
 * language not loaded: no page does.
 */
void render_native_digits_for(struct render_env *env, const char *lang);

/*
 * Make a page's HDF: escaping on, template path set, Page.Lang the
 * language lang (or the default language, when lang is not loaded).
 * Returns NULL when out of memory. Free with hdf_destroy().
 */
HDF *render_page_new(const struct render_env *env, const char *lang);

/*
 * Switch hdf to plain-text output (no escaping), for mail bodies.
 * Returns 0 or -1.
 */
int render_plain_text(HDF *hdf);

/*
 * Render template (a file name under the template dir) with the data hdf
 * and append the output to out. Each template is parsed once per process
 * and escaping mode, then rendered again with each page's data. Returns
 * 0, or -1 with the reason in err.
 */
int render_page(const struct render_env *env, HDF *hdf, const char *template,
    struct buf *out, char *err, size_t errlen);

/*
 * Set name to value in hdf, formatted; returns 0 or -1 on error (which is
 * logged nowhere: HDF errors here mean out of memory).
 */
int render_setf(HDF *hdf, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Set name to the text value; NULL value sets "". Returns 0 or -1. */
int render_set(HDF *hdf, const char *name, const char *value);

/* Set name to the decimal text of v (as "%lld" writes it). 0 or -1. */
int render_set_int(HDF *hdf, const char *name, int64_t v);

/*
 * Data that is the same on every page of the process (the job types the
 * board offers, say), kept once in each language's tree beside Lang.*
 * rather than copied into every page: templates find NAME there when the
 * page's own data has none, so a page's own value wins. render_share sets
 * NAME to value (0, or -1 when out of memory or NAME is under Lang);
 * render_unshare forgets NAME and everything under it.
 */
int render_share(struct render_env *env, const char *name, const char *value);

/*
 * render_share for the one language of index lang (a job type's label
 * in that language, say). 0, or -1 as render_share.
 */
int render_share_in(struct render_env *env, size_t lang, const char *name,
    const char *value);
void render_unshare(struct render_env *env, const char *name);

/*
 * The string Lang.KEY of hdf's language (Page.Lang), or "" when missing.
 * Never NULL; owned by the language, valid while the process lives.
 */
const char *render_lang(HDF *hdf, const char *key);

#endif
