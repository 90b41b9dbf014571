/*
 * The lists of named entries in etc/kaaj.conf, and finding an entry by
 * name: payouts.methods and deposits.methods (how money leaves and comes
 * in), and jobtypes.min_pay (a site's raise of a job type's minimum pay).
 * workers.levels is read by config_levels.c.
 */
#include <libconfig.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/config_int.h"
#include "base/money.h"

/* Groups that hold lists rather than plain keys. */
static const char *const list_groups[] = { "jobtypes", "payouts",
    "deposits", "workers", NULL };

/* What one entry of a methods list may hold. */
struct method_key {
	const char *name;
	int required;
	int is_amount;
	int per_lang;		/* KEY_LANG gives the text for LANG */
	size_t max_len;		/* characters */
};

/*
 * The first three are the entry's strings, the third a text for users
 * with variants per language: see copy_strings().
 */
static const struct method_key payout_keys[] = {
	{ "name", 1, 0, 0, 32 }, { "label", 1, 0, 0, 60 },
	{ "account_hint", 0, 0, 1, 120 }, { "min", 1, 1, 0, 32 },
	{ "max", 1, 1, 0, 32 }, { NULL, 0, 0, 0, 0 }
};

static const struct method_key deposit_keys[] = {
	{ "name", 1, 0, 0, 32 }, { "label", 1, 0, 0, 60 },
	{ "instructions", 1, 0, 1, 500 }, { "min", 1, 1, 0, 32 },
	{ NULL, 0, 0, 0, 0 }
};

#define METHOD_KEYS_MAX 8	/* keys of a methods entry, at most */

/*
 * The one of the n entries of size bytes at items whose char * member at
 * name_offset equals name, or NULL.
 */
static const void *
find_named(const void *items, size_t n, size_t size, size_t name_offset,
    const char *name)
{
	const char *entry = items;
	size_t i;

	for (i = 0; i < n; i++, entry += size)
		if (strcmp(*(char *const *)(const void *)(entry + name_offset),
		    name) == 0)
			return entry;
	return NULL;
}

int
config_lists_has_group(const char *name)
{
	size_t i;

	for (i = 0; list_groups[i] != NULL; i++)
		if (strcmp(list_groups[i], name) == 0)
			return 1;
	return 0;
}

int
config_sole_member(const config_setting_t *g, const char *member,
    const config_setting_t **out, const struct config_report *r)
{
	const config_setting_t *s;
	unsigned int i;

	for (i = 0; i < (unsigned int)config_setting_length(g); i++) {
		s = config_setting_get_elem(g, i);
		if (strcmp(config_setting_name(s), member) != 0) {
			config_say(r, s, "unknown key %s.%s",
			    config_setting_name(g), config_setting_name(s));
			return -1;
		}
	}
	*out = config_setting_get_member(g, member);
	return *out != NULL;
}

/* Read jobtypes.min_pay = { name = "0.05"; ... }. */
static int
read_jobtypes(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r)
{
	const config_setting_t *s, *mp;
	const char *name;
	int64_t amount;
	unsigned int i, n;
	int rc;

	if ((rc = config_sole_member(g, "min_pay", &mp, r)) <= 0)
		return rc;
	if (!config_setting_is_group(mp)) {
		config_say(r, mp, "jobtypes.min_pay must be a group: "
		    "min_pay = { signup = \"0.05\"; }");
		return -1;
	}
	n = (unsigned int)config_setting_length(mp);
	if (n > 0 &&
	    (cfg->min_pay = calloc(n, sizeof(*cfg->min_pay))) == NULL) {
		config_say(r, mp, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(mp, i);
		name = config_setting_name(s);
		if (config_setting_type(s) != CONFIG_TYPE_STRING ||
		    money_parse(config_setting_get_string(s), &amount) !=
		    MONEY_OK) {
			config_say(r, s, "jobtypes.min_pay.%s must be an "
			    "amount in quotes, such as \"0.05\"", name);
			return -1;
		}
		if ((cfg->min_pay[i].jobtype = strdup(name)) == NULL) {
			config_say(r, s, "out of memory");
			return -1;
		}
		cfg->min_pay[i].min_pay = amount;
		cfg->n_min_pay = i + 1;
	}
	return 0;
}

int
config_is_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return s[0] >= 'a' && s[0] <= 'z' && n <= 32 && s[n] == '\0';
}

/*
 * The index in keys of the key name is, or of which it is a variant for a
 * language (*is_variant then set); -1 when neither.
 */
static int
find_key(const struct method_key *keys, const char *name, int *is_variant)
{
	int k;

	*is_variant = 0;
	for (k = 0; keys[k].name != NULL; k++)
		if (strcmp(keys[k].name, name) == 0)
			return k;
	for (k = 0; keys[k].name != NULL; k++) {
		if (keys[k].per_lang &&
		    config_text_suffix(name, keys[k].name) != NULL) {
			*is_variant = 1;
			return k;
		}
	}
	return -1;
}

/*
 * Read one entry of group.methods: strings for each of keys into v (NULL
 * when absent), each checked for presence, length, control characters
 * and, for amounts, form; a key's variants for languages are checked as
 * the key is and left in e.
 */
static int
read_method(const config_setting_t *e, const char *group,
    const struct method_key *keys, const char **v,
    const struct config_report *r)
{
	const config_setting_t *s;
	int64_t amount;
	unsigned int i;
	int k, is_variant;

	if (!config_setting_is_group(e)) {
		config_say(r, e, "%s.methods entries must be groups "
		    "{ name = ...; }", group);
		return -1;
	}
	for (k = 0; keys[k].name != NULL; k++)
		v[k] = NULL;
	for (i = 0; i < (unsigned int)config_setting_length(e); i++) {
		s = config_setting_get_elem(e, i);
		if ((k = find_key(keys, config_setting_name(s),
		    &is_variant)) < 0) {
			config_say(r, s, "unknown key %s in a %s method",
			    config_setting_name(s), group);
			return -1;
		}
		if (config_text_check(s, group, keys[k].max_len, r) == -1)
			return -1;
		if (is_variant)
			continue;
		v[k] = config_setting_get_string(s);
		if (keys[k].is_amount &&
		    money_parse(v[k], &amount) != MONEY_OK) {
			config_say(r, s, "%s method %s must be an "
			    "amount such as \"5.00\"", group, keys[k].name);
			return -1;
		}
	}
	if (v[0] == NULL || !config_is_name(v[0])) {
		config_say(r, e, "a %s method needs a name of small "
		    "letters, digits and _ (such as \"bkash\")", group);
		return -1;
	}
	for (k = 1; keys[k].name != NULL; k++) {
		if (keys[k].required && (v[k] == NULL || v[k][0] == '\0')) {
			config_say(r, e, "%s method %s needs %s", group,
			    v[0], keys[k].name);
			return -1;
		}
	}
	return 0;
}

/*
 * Copy a method's name and label from v to *name and *label, and keep its
 * third string, the text key (an absent one as ""), with the variants of
 * key in the entry e in *text. Returns 0, or -1 with r->err set.
 */
static int
copy_strings(const char *const *v, const config_setting_t *e,
    const struct config_report *r, char **name, char **label,
    const char *key, struct config_text *text)
{
	if ((*name = strdup(v[0])) == NULL ||
	    (*label = strdup(v[1])) == NULL) {
		config_say(r, e, "out of memory");
		return -1;
	}
	return config_text_keep(e, key, v[2], text, r);
}

/* Free what copy_strings() made. */
static void
free_strings(char *name, char *label, struct config_text *text)
{
	free(name);
	free(label);
	config_text_free(text);
}

/* Keep the checked payout method v as the next of cfg->payouts. */
static int
keep_payout(struct kaaj_config *cfg, const char *const *v,
    const config_setting_t *e, const struct config_report *r)
{
	struct config_payout *m = &cfg->payouts[cfg->n_payouts++];

	money_parse(v[3], &m->min);
	money_parse(v[4], &m->max);
	if (m->min <= 0 || m->max < m->min) {
		config_say(r, e, "payout method %s needs 0 < min <= max", v[0]);
		return -1;
	}
	return copy_strings(v, e, r, &m->name, &m->label,
	    payout_keys[2].name, &m->account_hint);
}

/* Keep the checked deposit method v as the next of cfg->deposits. */
static int
keep_deposit(struct kaaj_config *cfg, const char *const *v,
    const config_setting_t *e, const struct config_report *r)
{
	struct config_deposit *m = &cfg->deposits[cfg->n_deposits++];

	money_parse(v[3], &m->min);
	if (m->min <= 0) {
		config_say(r, e, "deposit method %s needs a min above 0", v[0]);
		return -1;
	}
	return copy_strings(v, e, r, &m->name, &m->label,
	    deposit_keys[2].name, &m->instructions);
}

/*
 * Read payouts or deposits = { methods = ( { ... }, ... ); } into
 * cfg->payouts or cfg->deposits. Names must differ.
 */
static int
read_methods(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r)
{
	const char *group = config_setting_name(g), *v[METHOD_KEYS_MAX];
	const config_setting_t *s, *list;
	unsigned int i, n;
	int payouts = strcmp(group, "payouts") == 0, taken, rc;

	if ((rc = config_sole_member(g, "methods", &list, r)) <= 0)
		return rc;
	if (!config_setting_is_list(list)) {
		config_say(r, list, "%s.methods must be a list "
		    "( { ... }, { ... } )", group);
		return -1;
	}
	n = (unsigned int)config_setting_length(list);
	if (n == 0)
		return 0;
	if (payouts ? (cfg->payouts = calloc(n, sizeof(*cfg->payouts))) ==
	    NULL : (cfg->deposits = calloc(n, sizeof(*cfg->deposits))) ==
	    NULL) {
		config_say(r, list, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(list, i);
		if (read_method(s, group, payouts ? payout_keys : deposit_keys,
		    v, r) == -1)
			return -1;
		taken = payouts ? config_payout(cfg, v[0]) != NULL :
		    config_deposit(cfg, v[0]) != NULL;
		if (taken) {
			config_say(r, s, "%s method %s is listed twice", group,
			    v[0]);
			return -1;
		}
		if ((payouts ? keep_payout(cfg, v, s, r) :
		    keep_deposit(cfg, v, s, r)) == -1)
			return -1;
	}
	return 0;
}

int
config_lists_read(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r)
{
	if (strcmp(config_setting_name(g), "jobtypes") == 0)
		return read_jobtypes(g, cfg, r);
	if (strcmp(config_setting_name(g), "workers") == 0)
		return config_levels_read(g, cfg, r);
	return read_methods(g, cfg, r);
}

void
config_lists_free(struct kaaj_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->n_payouts; i++)
		free_strings(cfg->payouts[i].name, cfg->payouts[i].label,
		    &cfg->payouts[i].account_hint);
	free(cfg->payouts);
	for (i = 0; i < cfg->n_deposits; i++)
		free_strings(cfg->deposits[i].name, cfg->deposits[i].label,
		    &cfg->deposits[i].instructions);
	free(cfg->deposits);
	for (i = 0; i < cfg->n_min_pay; i++)
		free(cfg->min_pay[i].jobtype);
	free(cfg->min_pay);
	config_levels_free(cfg);
}

int
config_lists_check_langs(const struct kaaj_config *cfg,
    const struct config_report *r)
{
	size_t i;

	for (i = 0; i < cfg->n_payouts; i++)
		if (config_text_check_langs(&cfg->payouts[i].account_hint,
		    payout_keys[2].name, cfg, r) == -1)
			return -1;
	for (i = 0; i < cfg->n_deposits; i++)
		if (config_text_check_langs(&cfg->deposits[i].instructions,
		    deposit_keys[2].name, cfg, r) == -1)
			return -1;
	return 0;
}

const struct config_payout *
config_payout(const struct kaaj_config *cfg, const char *name)
{
	return find_named(cfg->payouts, cfg->n_payouts, sizeof(*cfg->payouts),
	    offsetof(struct config_payout, name), name);
}

const struct config_deposit *
config_deposit(const struct kaaj_config *cfg, const char *name)
{
	return find_named(cfg->deposits, cfg->n_deposits,
	    sizeof(*cfg->deposits), offsetof(struct config_deposit, name),
	    name);
}

int64_t
config_min_pay(const struct kaaj_config *cfg, const char *jobtype,
    int64_t plugin_min)
{
	const struct config_min_pay *m;

	m = find_named(cfg->min_pay, cfg->n_min_pay, sizeof(*cfg->min_pay),
	    offsetof(struct config_min_pay, jobtype), jobtype);
	return m != NULL && m->min_pay > plugin_min ? m->min_pay : plugin_min;
}
