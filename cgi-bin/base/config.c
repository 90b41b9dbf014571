/*
 * Reading etc/kaaj.conf: the file, its top-level groups and the messages
 * that name the file and line of what is wrong. The plain keys are in
 * config_keys.c, the lists of named entries in config_lists.c (their
 * texts per language in config_text.c); anything neither knows is an
 * error.
 */
#include <libconfig.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/config_int.h"

/* Put "file:line: " (or "file: " when line is 0) and msg into r->err. */
static void __attribute__((format(printf, 3, 0)))
say(const struct config_report *r, int line, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (line > 0)
		snprintf(r->err, r->errlen, "%s:%d: %s", r->file, line, msg);
	else
		snprintf(r->err, r->errlen, "%s: %s", r->file, msg);
}

void
config_say(const struct config_report *r, const config_setting_t *s,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(r, s != NULL ? config_setting_source_line(s) : 0, fmt, ap);
	va_end(ap);
}

void
config_say_line(const struct config_report *r, int line, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	say(r, line, fmt, ap);
	va_end(ap);
}

/* Walk the file: known groups, known keys, right types and values. */
static int
read_settings(const config_t *lc, struct kaaj_config *cfg,
    const struct config_report *r)
{
	const config_setting_t *root, *g;
	const char *name;
	unsigned int i;

	root = config_root_setting(lc);
	for (i = 0; i < (unsigned int)config_setting_length(root); i++) {
		g = config_setting_get_elem(root, i);
		name = config_setting_name(g);
		if (!config_lists_has_group(name) &&
		    !config_keys_has_group(name)) {
			config_say(r, g, "unknown key %s", name);
			return -1;
		}
		if (!config_setting_is_group(g)) {
			config_say(r, g, "%s must be a group { ... }", name);
			return -1;
		}
		if ((config_lists_has_group(name) ?
		    config_lists_read(g, cfg, r) :
		    config_keys_read_group(g, cfg, r)) == -1)
			return -1;
	}
	if (config_keys_check_required(lc, r) == -1 ||
	    config_lists_check_langs(cfg, r) == -1)
		return -1;
	return config_keys_check_together(lc, cfg, r);
}

int
config_load(const char *path, struct kaaj_config *cfg, char *err,
    size_t errlen)
{
	const struct config_report r = { path, err, errlen };
	config_t lc;
	FILE *f;
	int rc = -1;

	memset(cfg, 0, sizeof(*cfg));
	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: cannot open: %m", path);
		return -1;
	}
	config_init(&lc);
	if (config_read(&lc, f) == CONFIG_FALSE) {
		snprintf(err, errlen, "%s:%d: %s", path, config_error_line(&lc),
		    config_error_text(&lc));
		goto out;
	}
	if (config_keys_set_defaults(cfg) == -1 ||
	    config_levels_set_defaults(cfg) == -1 ||
	    (cfg->path = strdup(path)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	rc = read_settings(&lc, cfg, &r);
out:
	config_destroy(&lc);
	fclose(f);
	if (rc == -1)
		config_free(cfg);
	return rc;
}

void
config_free(struct kaaj_config *cfg)
{
	config_keys_free(cfg);
	config_lists_free(cfg);
	free(cfg->path);
	memset(cfg, 0, sizeof(*cfg));
}
