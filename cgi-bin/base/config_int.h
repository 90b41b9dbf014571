/*
 * Inside the config reader: what config.c (the file, its groups and the
 * file:line messages) shares with config_keys.c (the plain keys: their
 * table, checks and defaults), config_lists.c (the lists of named
 * entries: payout and deposit methods, per-job-type minimum pay),
 * config_text.c (the methods' texts per language) and config_levels.c
 * (the workers' levels). Nothing outside config*.c includes this file.
 */
#ifndef KAAJ_CONFIG_INT_H
#define KAAJ_CONFIG_INT_H

#include <stddef.h>

#include <libconfig.h>

#include "base/config.h"

/* Where config_load reports what is wrong. */
struct config_report {
	const char *file;	/* the file's name, first in every message */
	char *err;		/* the caller's buffer */
	size_t errlen;
};

/*
 * Put "file:line: msg" about setting s into r->err, or "file: msg" when s
 * is NULL or has no line.
 */
void config_say(const struct config_report *r, const config_setting_t *s,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* config_say about what is on line (0: no line) of the file. */
void config_say_line(const struct config_report *r, int line,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/*
 * Give every plain key its default, so absent optional keys have values.
 * Returns 0, or -1 when out of memory.
 */
int config_keys_set_defaults(struct kaaj_config *cfg);

/* Whether group is the group of some plain key. */
int config_keys_has_group(const char *group);

/*
 * Read every setting of group g (a group of plain keys) into cfg, each
 * checked for being known, its type and its value. Returns 0, or -1 with
 * r->err set.
 */
int config_keys_read_group(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r);

/*
 * Check that every plain key without a default was given in lc. Returns 0,
 * or -1 with r->err set.
 */
int config_keys_check_required(const config_t *lc,
    const struct config_report *r);

/*
 * Check the keys that limit each other: the referrer's share
 * (referral.percent) comes out of the site's fee on task pay, so it may
 * not be above fees.task_percent. Returns 0, or -1 with r->err set,
 * naming the line of referral.percent.
 */
int config_keys_check_together(const config_t *lc,
    const struct kaaj_config *cfg, const struct config_report *r);

/* Free the strings of the plain keys. */
void config_keys_free(struct kaaj_config *cfg);

/*
 * The member of group g, which may hold no other than one named member:
 * *out gets it. Returns 1, 0 when g is empty, or -1 having said "unknown
 * key GROUP.NAME" about another member.
 */
int config_sole_member(const config_setting_t *g, const char *member,
    const config_setting_t **out, const struct config_report *r);

/* Non-zero when s is [a-z][a-z0-9_]* of 1 to 32 bytes. */
int config_is_name(const char *s);

/*
 * Give cfg the default levels of workers (new, bronze, silver, gold).
 * Returns 0, or -1 when out of memory.
 */
int config_levels_set_defaults(struct kaaj_config *cfg);

/*
 * Read the group workers = { levels = ( { name = "new"; approved = 0;
 * rate = 0; }, ... ); } into cfg, in place of the defaults. Returns 0, or
 * -1 with r->err set.
 */
int config_levels_read(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r);

/* Free the levels. */
void config_levels_free(struct kaaj_config *cfg);

/*
 * Whether name is a group of lists: jobtypes, payouts, deposits or
 * workers.
 */
int config_lists_has_group(const char *name);

/*
 * Read g, a group for which config_lists_has_group() holds, into cfg.
 * Returns 0, or -1 with r->err set; what was kept so far is freed by
 * config_lists_free().
 */
int config_lists_read(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r);

/* Free the lists config_lists_read() filled. */
void config_lists_free(struct kaaj_config *cfg);

/*
 * Check that every language a method's text has a variant for is one the
 * site has a file for (paths.templates/lang/LANG.hdf), once the whole
 * file is read. Returns 0, or -1 with r->err naming the variant's line.
 */
int config_lists_check_langs(const struct kaaj_config *cfg,
    const struct config_report *r);

/*
 * The LANG of name when name is key_LANG with LANG 2 to CONFIG_LANG_MAX
 * small letters (a text's variant for a language), else NULL.
 */
const char *config_text_suffix(const char *name, const char *key);

/*
 * Check the setting s, a text of a group ("payouts") method: a string of
 * at most max_chars characters without control characters. Returns 0, or
 * -1 with r->err set.
 */
int config_text_check(const config_setting_t *s, const char *group,
    size_t max_chars, const struct config_report *r);

/*
 * Keep in *t the text plain (the value of key in the entry e; NULL when
 * absent) and every key_LANG of e, already checked with
 * config_text_check(). A variant needs a plain text. Returns 0, or -1
 * with r->err set; free *t with config_text_free() either way.
 */
int config_text_keep(const config_setting_t *e, const char *key,
    const char *plain, struct config_text *t, const struct config_report *r);

/*
 * Check that the site has a language file (cfg->template_dir/lang/
 * LANG.hdf) for every variant of t, the text of key. Returns 0, or -1
 * with r->err naming the variant's line and key.
 */
int config_text_check_langs(const struct config_text *t, const char *key,
    const struct kaaj_config *cfg, const struct config_report *r);

/* Free what config_text_keep() kept in *t and empty it. */
void config_text_free(struct config_text *t);

#endif
