/*
 * The job-type plugin loader.
 */
#ifndef KAAJ_PLUGIN_H
#define KAAJ_PLUGIN_H

#include <stddef.h>

#include "kaaj/jobtype.h"

struct plugin {
	char *name;		/* job-type name, equal to the file's stem */
	char *path;		/* the file it was loaded from */
	void *handle;		/* from dlopen */
	const struct kaaj_jobtype *jt;
	/*
	 * The job type as users see it in each loaded language: ntexts
	 * copies of *jt whose labels, descriptions, help texts and choice
	 * labels are the language's (plugin_texts_build); NULL until built.
	 */
	struct kaaj_jobtype *texts;
	size_t ntexts;
};

/* A file the loader refused, and why (as its log line says). */
struct plugin_refusal {
	char *path;
	char *reason;
};

/*
 * The loaded job types, sorted by name, and the files the same load
 * refused, in the order it tried them.
 */
struct plugin_set {
	struct plugin *items;
	size_t n;
	struct plugin_refusal *refused;
	size_t n_refused;
};

/*
 * Load every "*.so" regular file in dir into *set (which starts empty).
 * A file that is not a regular file (a symlink, say), that dlopen refuses,
 * that lacks the KAAJ_JOBTYPE_SYMBOL symbol, that has another ABI version,
 * whose name differs from its file name, whose declarations are invalid, or
 * that repeats a name already loaded is skipped with a log line naming the
 * file and the reason, and kept with its reason in set->refused. Returns
 * the number loaded, or -1 when dir cannot be read at all (logged; *set is
 * then empty). The caller frees *set with plugin_set_free().
 */
int plugin_load_dir(const char *dir, struct plugin_set *set);

/* The job type named name, or NULL. */
const struct plugin *plugin_find(const struct plugin_set *set,
    const char *name);

/*
 * Check a job type's declarations: ABI version, names, field types and
 * limits, and each shown_if (a CHOICE campaign field, declared before a
 * campaign field, and values among its choices). Returns NULL when fine,
 * else an English reason (static string); the loader's log line also
 * names the field. Used by the loader and by the plugin tests.
 */
const char *plugin_check_jobtype(const struct kaaj_jobtype *jt,
    const char *file_stem);

/* dlclose every plugin, free the set and its refusals, leave it empty. */
void plugin_set_free(struct plugin_set *set);

#endif
