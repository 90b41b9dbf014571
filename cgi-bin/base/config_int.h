/*
 * Inside the config reader: what config.c (the file, its groups and the
 * file:line messages) shares with config_keys.c (the plain keys: their
 * table, checks and defaults), config_lists.c (the lists of named
 * entries: payout and deposit methods, per-job-type minimum pay) and
 * config_levels.c (the workers' levels). Nothing outside config*.c
 * includes this file.
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

#endif
