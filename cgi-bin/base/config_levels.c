/*
 * The workers' levels in etc/kaaj.conf (workers.levels): a ladder of
 * named steps, each reached with a number of satisfied tasks at a
 * success rate (market/level.h places a worker on it). Read once with
 * the rest of the file; absent, the ladder below is the site's.
 */
#include <libconfig.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/config_int.h"

/* The ladder of a file without workers.levels. */
static const struct {
	const char *name;
	int64_t approved;
	int rate;
} default_levels[] = {
	{ "new", 0, 0 }, { "bronze", 5, 0 }, { "silver", 20, 85 },
	{ "gold", 50, 95 }
};

#define NDEFAULT (sizeof(default_levels) / sizeof(default_levels[0]))

void
config_levels_free(struct kaaj_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_levels; i++)
		free(cfg->levels[i].name);
	free(cfg->levels);
	cfg->levels = NULL;
	cfg->n_levels = 0;
}

int
config_levels_set_defaults(struct kaaj_config *cfg)
{
	size_t i;

	if ((cfg->levels = calloc(NDEFAULT, sizeof(*cfg->levels))) == NULL)
		return -1;
	for (i = 0; i < NDEFAULT; i++) {
		if ((cfg->levels[i].name = strdup(default_levels[i].name)) ==
		    NULL)
			return -1;
		cfg->levels[i].approved = default_levels[i].approved;
		cfg->levels[i].rate = default_levels[i].rate;
		cfg->n_levels = i + 1;
	}
	return 0;
}

/*
 * The whole number key of level entry e into *v, within [min, max].
 * Returns 0, or -1 having said what is wrong.
 */
static int
level_int(const config_setting_t *e, const char *key, long long min,
    long long max, long long *v, const struct config_report *r)
{
	const config_setting_t *s = config_setting_get_member(e, key);

	if (s == NULL || (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64)) {
		config_say(r, s != NULL ? s : e, "a level needs %s, a whole "
		    "number without quotes", key);
		return -1;
	}
	*v = config_setting_get_int64(s);
	if (*v < min || *v > max) {
		config_say(r, s, "a level's %s must be from %lld to %lld",
		    key, min, max);
		return -1;
	}
	return 0;
}

/*
 * Read level entry e (number i) after the levels already kept: its name,
 * approved and rate, each checked, and the rise over the level before.
 */
static int
read_level(const config_setting_t *e, size_t i, struct kaaj_config *cfg,
    const struct config_report *r)
{
	struct config_level *l = &cfg->levels[i], *prev;
	const char *name = NULL;
	long long approved, rate;
	unsigned int k;

	if (!config_setting_is_group(e)) {
		config_say(r, e, "workers.levels entries must be groups "
		    "{ name = ...; approved = ...; rate = ...; }");
		return -1;
	}
	for (k = 0; k < (unsigned int)config_setting_length(e); k++) {
		const char *key = config_setting_name(
		    config_setting_get_elem(e, k));

		if (strcmp(key, "name") != 0 && strcmp(key, "approved") != 0 &&
		    strcmp(key, "rate") != 0) {
			config_say(r, config_setting_get_elem(e, k),
			    "unknown key %s in a level", key);
			return -1;
		}
	}
	if (config_setting_lookup_string(e, "name", &name) != CONFIG_TRUE ||
	    !config_is_name(name)) {
		config_say(r, e, "a level needs a name of small letters, "
		    "digits and _ (such as \"silver\")");
		return -1;
	}
	if (level_int(e, "approved", 0, 1000000, &approved, r) == -1 ||
	    level_int(e, "rate", 0, 100, &rate, r) == -1)
		return -1;
	for (k = 0; k < i; k++) {
		if (strcmp(cfg->levels[k].name, name) == 0) {
			config_say(r, e, "level %s is listed twice", name);
			return -1;
		}
	}
	if (i == 0 && (approved != 0 || rate != 0)) {
		config_say(r, e, "the first level is every worker's: it needs "
		    "approved = 0 and rate = 0");
		return -1;
	}
	prev = i > 0 ? &cfg->levels[i - 1] : NULL;
	if (prev != NULL && (approved < prev->approved || rate < prev->rate ||
	    (approved == prev->approved && rate == prev->rate))) {
		config_say(r, e, "level %s must need more than level %s",
		    name, prev->name);
		return -1;
	}
	if ((l->name = strdup(name)) == NULL) {
		config_say(r, e, "out of memory");
		return -1;
	}
	l->approved = approved;
	l->rate = (int)rate;
	cfg->n_levels = i + 1;
	return 0;
}

int
config_levels_read(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r)
{
	const config_setting_t *list;
	unsigned int i, n;
	int rc;

	if ((rc = config_sole_member(g, "levels", &list, r)) <= 0)
		return rc;
	if (!config_setting_is_list(list) ||
	    (n = (unsigned int)config_setting_length(list)) == 0 ||
	    n > CONFIG_LEVELS_MAX) {
		config_say(r, list, "workers.levels must be a list of 1 to %d "
		    "levels ( { name = \"new\"; approved = 0; rate = 0; }, "
		    "... )", CONFIG_LEVELS_MAX);
		return -1;
	}
	config_levels_free(cfg);
	if ((cfg->levels = calloc(n, sizeof(*cfg->levels))) == NULL) {
		config_say(r, list, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++)
		if (read_level(config_setting_get_elem(list, i), i, cfg, r) ==
		    -1)
			return -1;
	return 0;
}
