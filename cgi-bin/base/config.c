/*
 * Reading etc/kaaj.conf. Every key is declared once in config_keys[] with
 * its type, limits and place in struct kaaj_config; anything else in the
 * file is an error that names the file and line.
 */
#include <libconfig.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/config.h"
#include "base/money.h"

enum key_kind {
	K_STR,		/* any non-empty string up to max bytes */
	K_OPTSTR,	/* a string that may be empty */
	K_PATH,		/* an absolute path */
	K_URL,		/* http:// or https://, no trailing slash */
	K_LANG,		/* [a-z]{2,3} */
	K_CURRENCY,	/* [A-Z]{3} */
	K_HEXKEY,	/* 64 hex digits, not all zero */
	K_MONEY,	/* an amount in quotes ("0.10"), stored in micro-units */
	K_PERCENT,	/* a percentage in quotes ("7.5"), stored as ppm */
	K_BOOL,		/* true or false, stored as int 1 or 0 */
	K_INT,		/* whole number in [min, max], stored as int */
	K_SIZE		/* whole number in [min, max], stored as size_t */
};

struct config_key {
	const char *group;
	const char *name;
	enum key_kind kind;
	size_t offset;
	long long min, max;	/* numbers: range; strings: max length */
	const char *def;	/* default text for strings, NULL if required */
	long long idef;		/* default for numbers */
};

#define OFF(f) offsetof(struct kaaj_config, f)

static const struct config_key config_keys[] = {
	{ "site", "name", K_STR, OFF(site_name), 0, 60, "kaaj", 0 },
	{ "site", "base_url", K_URL, OFF(base_url), 0, 200, NULL, 0 },
	{ "site", "default_language", K_LANG, OFF(default_language), 0, 3,
	    "en", 0 },
	{ "site", "currency", K_CURRENCY, OFF(currency), 0, 3, "USD", 0 },
	{ "site", "secret_key", K_HEXKEY, OFF(secret_key), 0, 64, NULL, 0 },
	{ "paths", "templates", K_PATH, OFF(template_dir), 0, 1024, NULL, 0 },
	{ "paths", "plugins", K_PATH, OFF(plugin_dir), 0, 1024, NULL, 0 },
	{ "paths", "uploads", K_PATH, OFF(upload_dir), 0, 1024, NULL, 0 },
	{ "paths", "sql", K_PATH, OFF(sql_dir), 0, 1024, NULL, 0 },
	{ "database", "socket", K_OPTSTR, OFF(db_socket), 0, 1024, "", 0 },
	{ "database", "host", K_STR, OFF(db_host), 0, 255, "127.0.0.1", 0 },
	{ "database", "port", K_INT, OFF(db_port), 1, 65535, NULL, 3306 },
	{ "database", "name", K_STR, OFF(db_name), 0, 64, "kaaj", 0 },
	{ "database", "user", K_STR, OFF(db_user), 0, 80, "kaaj", 0 },
	{ "database", "password", K_OPTSTR, OFF(db_password), 0, 256, "", 0 },
	{ "database", "retries", K_INT, OFF(db_retries), 0, 20, NULL, 5 },
	{ "database", "timeout", K_INT, OFF(db_timeout), 1, 3600, NULL, 20 },
	{ "limits", "max_body", K_SIZE, OFF(max_body), 1024, 104857600, NULL,
	    10485760 },
	{ "limits", "max_fields", K_SIZE, OFF(max_fields), 1, 10000, NULL, 200 },
	{ "limits", "max_field_length", K_SIZE, OFF(max_field_length), 16,
	    1048576, NULL, 65536 },
	{ "limits", "max_files", K_SIZE, OFF(max_files), 0, 100, NULL, 10 },
	{ "limits", "max_upload", K_SIZE, OFF(max_upload), 1024, 52428800,
	    NULL, 2097152 },
	{ "limits", "max_cookies", K_SIZE, OFF(max_cookies), 1, 200, NULL, 50 },
	{ "limits", "board_page_size", K_INT, OFF(board_page_size), 5, 200,
	    NULL, 20 },
	{ "accounts", "argon2_ops", K_INT, OFF(argon2_ops), 1, 10, NULL, 2 },
	{ "accounts", "argon2_mem_kib", K_SIZE, OFF(argon2_mem_kib), 8,
	    1048576, NULL, 19456 },
	{ "accounts", "session_idle_minutes", K_INT, OFF(session_idle_minutes),
	    5, 525600, NULL, 1440 },
	{ "accounts", "session_max_days", K_INT, OFF(session_max_days), 1, 365,
	    NULL, 30 },
	{ "accounts", "activation_hours", K_INT, OFF(activation_hours), 1, 720,
	    NULL, 48 },
	{ "accounts", "reset_minutes", K_INT, OFF(reset_minutes), 5, 1440,
	    NULL, 60 },
	{ "marketplace", "moderation", K_BOOL, OFF(moderation), 0, 1, NULL,
	    0 },
	{ "marketplace", "reopen_rejected", K_BOOL, OFF(reopen_rejected), 0, 1,
	    NULL, 1 },
	{ "fees", "task_percent", K_PERCENT, OFF(fee_task_ppm), 0, 32, "10",
	    0 },
	{ "fees", "withdrawal_percent", K_PERCENT, OFF(fee_withdrawal_ppm), 0,
	    32, "2", 0 },
	{ "fees", "withdrawal_fixed", K_MONEY, OFF(fee_withdrawal_fixed), 0, 32,
	    "0", 0 },
	{ "captcha", "difficulty", K_INT, OFF(captcha_bits), 1, 28, NULL, 16 },
	{ "captcha", "ttl_seconds", K_INT, OFF(captcha_ttl), 60, 86400, NULL,
	    900 },
	{ "mail", "sendmail", K_STR, OFF(sendmail), 0, 1024,
	    "/usr/sbin/sendmail -t -i", 0 },
	{ "mail", "from", K_STR, OFF(mail_from), 0, 254,
	    "kaaj <noreply@localhost>", 0 },
	{ "ratelimits", "login_failures_per_account", K_INT,
	    OFF(rl_login_account), 1, 1000, NULL, 5 },
	{ "ratelimits", "login_failures_per_account_minutes", K_INT,
	    OFF(rl_login_account_minutes), 1, 1440, NULL, 15 },
	{ "ratelimits", "login_failures_per_ip", K_INT, OFF(rl_login_ip), 1,
	    10000, NULL, 30 },
	{ "ratelimits", "login_failures_per_ip_minutes", K_INT,
	    OFF(rl_login_ip_minutes), 1, 1440, NULL, 15 },
	{ "ratelimits", "registrations_per_ip", K_INT, OFF(rl_register_ip), 1,
	    10000, NULL, 5 },
	{ "ratelimits", "registrations_per_ip_minutes", K_INT,
	    OFF(rl_register_ip_minutes), 1, 10080, NULL, 60 },
	{ "ratelimits", "resets_per_address", K_INT, OFF(rl_reset_address), 1,
	    1000, NULL, 3 },
	{ "ratelimits", "resets_per_address_minutes", K_INT,
	    OFF(rl_reset_address_minutes), 1, 10080, NULL, 60 },
};

#define NKEYS (sizeof(config_keys) / sizeof(config_keys[0]))

/* Groups that hold something other than plain keys. */
static const char *const special_groups[] = { "jobtypes", "payouts",
    "deposits", NULL };

static void say(char *err, size_t errlen, const char *file,
    const config_setting_t *s, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Say "file:line: msg" about setting s (or the file alone). */
static void
say(char *err, size_t errlen, const char *file, const config_setting_t *s,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s != NULL && config_setting_source_line(s) > 0)
		snprintf(err, errlen, "%s:%u: %s", file,
		    config_setting_source_line(s), msg);
	else
		snprintf(err, errlen, "%s: %s", file, msg);
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

static unsigned char
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (unsigned char)(c - '0');
	if (c >= 'a' && c <= 'f')
		return (unsigned char)(c - 'a' + 10);
	return (unsigned char)(c - 'A' + 10);
}

/* Check a string value for its kind; NULL when fine, else the reason. */
static const char *
check_string(const struct config_key *k, const char *v)
{
	size_t i, len = strlen(v);
	int64_t amount;

	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return "must not hold control characters";
	if ((long long)len > k->max)
		return "is too long";
	switch (k->kind) {
	case K_STR:
		return len == 0 ? "must not be empty" : NULL;
	case K_OPTSTR:
		return NULL;
	case K_PATH:
		return v[0] == '/' ? NULL : "must be an absolute path";
	case K_URL:
		if (strncmp(v, "http://", 7) != 0 &&
		    strncmp(v, "https://", 8) != 0)
			return "must start with http:// or https://";
		if (strchr(v, ' ') != NULL || v[len - 1] == '/')
			return "must have no spaces and no trailing slash";
		return NULL;
	case K_LANG:
		if (len < 2)
			return "must be a language code such as \"en\" or \"bn\"";
		for (i = 0; i < len; i++)
			if (v[i] < 'a' || v[i] > 'z')
				return "must be a language code such as \"en\" or \"bn\"";
		return NULL;
	case K_CURRENCY:
		if (len != 3)
			return "must be three capital letters such as \"USD\"";
		for (i = 0; i < len; i++)
			if (v[i] < 'A' || v[i] > 'Z')
				return "must be three capital letters such as \"USD\"";
		return NULL;
	case K_MONEY:
		return money_parse(v, &amount) == MONEY_OK ? NULL :
		    "must be an amount in quotes, such as \"0.10\"";
	case K_PERCENT:
		if (money_parse(v, &amount) != MONEY_OK || amount % 100 != 0 ||
		    amount > 100 * MONEY_MICRO)
			return "must be a percentage from \"0\" to \"100\" "
			    "with at most 4 decimals";
		return NULL;
	case K_HEXKEY:
		if (len != 64)
			return "must be exactly 64 hex digits";
		for (i = 0; i < len; i++)
			if (!is_hex(v[i]))
				return "must be exactly 64 hex digits";
		if (strspn(v, "0") == len)
			return "is still the sample value; make a new random key";
		return NULL;
	default:
		return "has an unknown kind";
	}
}

/* Store one checked setting into cfg. Returns 0 or -1 (out of memory). */
static int
store(const struct config_key *k, struct kaaj_config *cfg, const char *sval,
    long long ival)
{
	char *base = (char *)cfg;
	int64_t amount;
	size_t i;
	char *copy;

	switch (k->kind) {
	case K_INT:
	case K_BOOL:
		*(int *)(void *)(base + k->offset) = (int)ival;
		return 0;
	case K_SIZE:
		*(size_t *)(void *)(base + k->offset) = (size_t)ival;
		return 0;
	case K_MONEY:
		money_parse(sval, (int64_t *)(void *)(base + k->offset));
		return 0;
	case K_PERCENT:
		/* Micro-percent / 100 = parts per million. */
		money_parse(sval, &amount);
		*(int64_t *)(void *)(base + k->offset) = amount / 100;
		return 0;
	case K_HEXKEY:
		for (i = 0; i < 32; i++)
			cfg->secret_key[i] = (unsigned char)(hexval(sval[2 * i])
			    << 4 | hexval(sval[2 * i + 1]));
		return 0;
	default:
		if ((copy = strdup(sval)) == NULL)
			return -1;
		free(*(char **)(void *)(base + k->offset));
		*(char **)(void *)(base + k->offset) = copy;
		return 0;
	}
}

static const struct config_key *
find_key(const char *group, const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(config_keys[i].group, group) == 0 &&
		    (name == NULL || strcmp(config_keys[i].name, name) == 0))
			return &config_keys[i];
	return NULL;
}

static int
is_special_group(const char *name)
{
	size_t i;

	for (i = 0; special_groups[i] != NULL; i++)
		if (strcmp(special_groups[i], name) == 0)
			return 1;
	return 0;
}

/* Read one plain key's setting into cfg; -1 with err set on a bad value. */
static int
read_key(const struct config_key *k, const config_setting_t *s,
    struct kaaj_config *cfg, const char *file, char *err, size_t errlen)
{
	const char *why, *sv;
	long long iv;
	char path[128];

	snprintf(path, sizeof(path), "%s.%s", k->group, k->name);
	if (k->kind == K_BOOL) {
		if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
			say(err, errlen, file, s, "%s must be true or false", path);
			return -1;
		}
		return store(k, cfg, NULL, config_setting_get_bool(s) ? 1 : 0);
	}
	if (k->kind == K_INT || k->kind == K_SIZE) {
		if (config_setting_type(s) != CONFIG_TYPE_INT &&
		    config_setting_type(s) != CONFIG_TYPE_INT64) {
			say(err, errlen, file, s, "%s must be a whole number", path);
			return -1;
		}
		iv = config_setting_get_int64(s);
		if (iv < k->min || iv > k->max) {
			say(err, errlen, file, s,
			    "%s is %lld, out of range (%lld to %lld)", path, iv,
			    k->min, k->max);
			return -1;
		}
		return store(k, cfg, NULL, iv);
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		say(err, errlen, file, s, "%s must be a string in double quotes", path);
		return -1;
	}
	sv = config_setting_get_string(s);
	if ((why = check_string(k, sv)) != NULL) {
		say(err, errlen, file, s, "%s %s", path, why);
		return -1;
	}
	if (store(k, cfg, sv, 0) == -1) {
		say(err, errlen, file, s, "%s: out of memory", path);
		return -1;
	}
	return 0;
}

/* Read jobtypes.min_pay = { name = "0.05"; ... }. */
static int
read_jobtypes(const config_setting_t *g, struct kaaj_config *cfg,
    const char *file, char *err, size_t errlen)
{
	const config_setting_t *s, *mp;
	const char *name;
	int64_t amount;
	unsigned int i, n;

	n = (unsigned int)config_setting_length(g);
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(g, i);
		if (strcmp(config_setting_name(s), "min_pay") != 0) {
			say(err, errlen, file, s, "unknown key jobtypes.%s", config_setting_name(s));
			return -1;
		}
	}
	if ((mp = config_setting_get_member(g, "min_pay")) == NULL)
		return 0;
	if (!config_setting_is_group(mp)) {
		say(err, errlen, file, mp,
		    "jobtypes.min_pay must be a group: min_pay = { signup = \"0.05\"; }");
		return -1;
	}
	n = (unsigned int)config_setting_length(mp);
	if (n > 0 && (cfg->min_pay = calloc(n, sizeof(*cfg->min_pay))) == NULL) {
		say(err, errlen, file, mp, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(mp, i);
		name = config_setting_name(s);
		if (config_setting_type(s) != CONFIG_TYPE_STRING ||
		    money_parse(config_setting_get_string(s), &amount) !=
		    MONEY_OK) {
			say(err, errlen, file, s,
			    "jobtypes.min_pay.%s must be an amount in quotes, such as \"0.05\"", name);
			return -1;
		}
		if ((cfg->min_pay[i].jobtype = strdup(name)) == NULL) {
			say(err, errlen, file, s, "out of memory");
			return -1;
		}
		cfg->min_pay[i].min_pay = amount;
		cfg->n_min_pay = i + 1;
	}
	return 0;
}

/* Non-zero when s is [a-z][a-z0-9_]* of 1 to 32 bytes. */
static int
is_name(const char *s)
{
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");

	return s[0] >= 'a' && s[0] <= 'z' && n <= 32 && s[n] == '\0';
}

/* What one entry of a methods list may hold. */
struct method_key {
	const char *name;
	int required;
	int is_amount;
	size_t max_len;
};

static const struct method_key payout_keys[] = {
	{ "name", 1, 0, 32 }, { "label", 1, 0, 60 },
	{ "account_hint", 0, 0, 120 }, { "min", 1, 1, 32 }, { "max", 1, 1, 32 },
	{ NULL, 0, 0, 0 }
};

static const struct method_key deposit_keys[] = {
	{ "name", 1, 0, 32 }, { "label", 1, 0, 60 },
	{ "instructions", 1, 0, 500 }, { "min", 1, 1, 32 },
	{ NULL, 0, 0, 0 }
};

/*
 * Read one entry of group.methods: strings for each of keys into v (NULL
 * when absent), each checked for presence, length and, for amounts, form.
 */
static int
read_method(const config_setting_t *e, const char *group,
    const struct method_key *keys, const char **v, const char *file,
    char *err, size_t errlen)
{
	const config_setting_t *s;
	int64_t amount;
	unsigned int i, k;

	if (!config_setting_is_group(e)) {
		say(err, errlen, file, e, "%s.methods entries must be groups "
		    "{ name = ...; }", group);
		return -1;
	}
	for (k = 0; keys[k].name != NULL; k++)
		v[k] = NULL;
	for (i = 0; i < (unsigned int)config_setting_length(e); i++) {
		s = config_setting_get_elem(e, i);
		for (k = 0; keys[k].name != NULL; k++)
			if (strcmp(keys[k].name, config_setting_name(s)) == 0)
				break;
		if (keys[k].name == NULL) {
			say(err, errlen, file, s, "unknown key %s in a %s method",
			    config_setting_name(s), group);
			return -1;
		}
		if (config_setting_type(s) != CONFIG_TYPE_STRING) {
			say(err, errlen, file, s, "%s method %s must be a string "
			    "in double quotes", group, keys[k].name);
			return -1;
		}
		v[k] = config_setting_get_string(s);
		if (strlen(v[k]) > keys[k].max_len) {
			say(err, errlen, file, s, "%s method %s is longer than "
			    "%zu characters", group, keys[k].name,
			    keys[k].max_len);
			return -1;
		}
		if (keys[k].is_amount &&
		    money_parse(v[k], &amount) != MONEY_OK) {
			say(err, errlen, file, s, "%s method %s must be an "
			    "amount such as \"5.00\"", group, keys[k].name);
			return -1;
		}
	}
	if (v[0] == NULL || !is_name(v[0])) {
		say(err, errlen, file, e, "a %s method needs a name of small "
		    "letters, digits and _ (such as \"bkash\")", group);
		return -1;
	}
	for (k = 1; keys[k].name != NULL; k++) {
		if (keys[k].required && (v[k] == NULL || v[k][0] == '\0')) {
			say(err, errlen, file, e, "%s method %s needs %s", group,
			    v[0], keys[k].name);
			return -1;
		}
	}
	return 0;
}

/* A strdup that says "out of memory" in err when it fails. */
static char *
dup_or_say(const char *v, const config_setting_t *e, const char *file,
    char *err, size_t errlen)
{
	char *c = strdup(v != NULL ? v : "");

	if (c == NULL)
		say(err, errlen, file, e, "out of memory");
	return c;
}

/*
 * Read payouts or deposits = { methods = ( { ... }, ... ); } into
 * cfg->payouts or cfg->deposits. Names must differ.
 */
static int
read_methods(const config_setting_t *g, struct kaaj_config *cfg,
    const char *file, char *err, size_t errlen)
{
	const char *group = config_setting_name(g), *v[8];
	const config_setting_t *s, *list;
	unsigned int i, j, n;
	int payouts = strcmp(group, "payouts") == 0;

	for (i = 0; i < (unsigned int)config_setting_length(g); i++) {
		s = config_setting_get_elem(g, i);
		if (strcmp(config_setting_name(s), "methods") != 0) {
			say(err, errlen, file, s, "unknown key %s.%s", group,
			    config_setting_name(s));
			return -1;
		}
	}
	if ((list = config_setting_get_member(g, "methods")) == NULL)
		return 0;
	if (!config_setting_is_list(list)) {
		say(err, errlen, file, list, "%s.methods must be a list "
		    "( { ... }, { ... } )", group);
		return -1;
	}
	n = (unsigned int)config_setting_length(list);
	if (n == 0)
		return 0;
	if (payouts ? (cfg->payouts = calloc(n, sizeof(*cfg->payouts))) ==
	    NULL : (cfg->deposits = calloc(n, sizeof(*cfg->deposits))) ==
	    NULL) {
		say(err, errlen, file, list, "out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		s = config_setting_get_elem(list, i);
		if (read_method(s, group, payouts ? payout_keys : deposit_keys,
		    v, file, err, errlen) == -1)
			return -1;
		for (j = 0; j < i; j++) {
			if (strcmp(payouts ? cfg->payouts[j].name :
			    cfg->deposits[j].name, v[0]) == 0) {
				say(err, errlen, file, s, "%s method %s is listed "
				    "twice", group, v[0]);
				return -1;
			}
		}
		if (payouts) {
			struct config_payout *m = &cfg->payouts[i];

			cfg->n_payouts = i + 1;
			money_parse(v[3], &m->min);
			money_parse(v[4], &m->max);
			if (m->min <= 0 || m->max < m->min) {
				say(err, errlen, file, s, "payout method %s needs "
				    "0 < min <= max", v[0]);
				return -1;
			}
			if ((m->name = dup_or_say(v[0], s, file, err, errlen)) ==
			    NULL || (m->label = dup_or_say(v[1], s, file, err,
			    errlen)) == NULL || (m->account_hint =
			    dup_or_say(v[2], s, file, err, errlen)) == NULL)
				return -1;
		} else {
			struct config_deposit *m = &cfg->deposits[i];

			cfg->n_deposits = i + 1;
			money_parse(v[3], &m->min);
			if (m->min <= 0) {
				say(err, errlen, file, s, "deposit method %s needs "
				    "a min above 0", v[0]);
				return -1;
			}
			if ((m->name = dup_or_say(v[0], s, file, err, errlen)) ==
			    NULL || (m->label = dup_or_say(v[1], s, file, err,
			    errlen)) == NULL || (m->instructions =
			    dup_or_say(v[2], s, file, err, errlen)) == NULL)
				return -1;
		}
	}
	return 0;
}

/* Fill defaults before reading, so absent optional keys have values. */
static int
set_defaults(struct kaaj_config *cfg)
{
	size_t i;
	const struct config_key *k;

	for (i = 0; i < NKEYS; i++) {
		k = &config_keys[i];
		if (k->kind == K_INT || k->kind == K_SIZE || k->kind == K_BOOL) {
			store(k, cfg, NULL, k->idef);
		} else if (k->def != NULL) {
			if (store(k, cfg, k->def, 0) == -1)
				return -1;
		}
	}
	return 0;
}

/* Check that every key without a default was given. */
static int
check_required(const config_t *lc, const char *file, char *err,
    size_t errlen)
{
	size_t i;
	char path[128];
	const struct config_key *k;

	for (i = 0; i < NKEYS; i++) {
		k = &config_keys[i];
		if (k->def != NULL || k->kind == K_INT || k->kind == K_SIZE ||
		    k->kind == K_BOOL)
			continue;
		snprintf(path, sizeof(path), "%s.%s", k->group, k->name);
		if (config_lookup(lc, path) == NULL) {
			say(err, errlen, file, NULL, "%s is missing", path);
			return -1;
		}
	}
	return 0;
}

/* Walk the file: known groups, known keys, right types and values. */
static int
read_settings(const config_t *lc, struct kaaj_config *cfg, const char *file,
    char *err, size_t errlen)
{
	const config_setting_t *root, *g, *s;
	const struct config_key *k;
	unsigned int i, j;

	root = config_root_setting(lc);
	for (i = 0; i < (unsigned int)config_setting_length(root); i++) {
		g = config_setting_get_elem(root, i);
		if (is_special_group(config_setting_name(g))) {
			if (!config_setting_is_group(g)) {
				say(err, errlen, file, g, "%s must be a group { ... }", config_setting_name(g));
				return -1;
			}
			if (strcmp(config_setting_name(g), "jobtypes") == 0 &&
			    read_jobtypes(g, cfg, file, err, errlen) == -1)
				return -1;
			if ((strcmp(config_setting_name(g), "payouts") == 0 ||
			    strcmp(config_setting_name(g), "deposits") == 0) &&
			    read_methods(g, cfg, file, err, errlen) == -1)
				return -1;
			continue;
		}
		if (find_key(config_setting_name(g), NULL) == NULL) {
			say(err, errlen, file, g, "unknown key %s", config_setting_name(g));
			return -1;
		}
		if (!config_setting_is_group(g)) {
			say(err, errlen, file, g, "%s must be a group { ... }", config_setting_name(g));
			return -1;
		}
		for (j = 0; j < (unsigned int)config_setting_length(g); j++) {
			s = config_setting_get_elem(g, j);
			k = find_key(config_setting_name(g),
			    config_setting_name(s));
			if (k == NULL) {
				say(err, errlen, file, s, "unknown key %s.%s",
				    config_setting_name(g), config_setting_name(s));
				return -1;
			}
			if (read_key(k, s, cfg, file, err, errlen) == -1)
				return -1;
		}
	}
	return check_required(lc, file, err, errlen);
}

int
config_load(const char *path, struct kaaj_config *cfg, char *err,
    size_t errlen)
{
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
	if (set_defaults(cfg) == -1 || (cfg->path = strdup(path)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", path);
		goto out;
	}
	rc = read_settings(&lc, cfg, path, err, errlen);
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
	size_t i;
	const struct config_key *k;

	for (i = 0; i < NKEYS; i++) {
		k = &config_keys[i];
		if (k->kind != K_INT && k->kind != K_SIZE && k->kind != K_BOOL &&
		    k->kind != K_HEXKEY && k->kind != K_MONEY &&
		    k->kind != K_PERCENT)
			free(*(char **)(void *)((char *)cfg + k->offset));
	}
	for (i = 0; i < cfg->n_payouts; i++) {
		free(cfg->payouts[i].name);
		free(cfg->payouts[i].label);
		free(cfg->payouts[i].account_hint);
	}
	free(cfg->payouts);
	for (i = 0; i < cfg->n_deposits; i++) {
		free(cfg->deposits[i].name);
		free(cfg->deposits[i].label);
		free(cfg->deposits[i].instructions);
	}
	free(cfg->deposits);
	for (i = 0; i < cfg->n_min_pay; i++)
		free(cfg->min_pay[i].jobtype);
	free(cfg->min_pay);
	free(cfg->path);
	memset(cfg, 0, sizeof(*cfg));
}

int64_t
config_min_pay(const struct kaaj_config *cfg, const char *jobtype,
    int64_t plugin_min)
{
	size_t i;

	for (i = 0; i < cfg->n_min_pay; i++)
		if (strcmp(cfg->min_pay[i].jobtype, jobtype) == 0 &&
		    cfg->min_pay[i].min_pay > plugin_min)
			return cfg->min_pay[i].min_pay;
	return plugin_min;
}

const struct config_payout *
config_payout(const struct kaaj_config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_payouts; i++)
		if (strcmp(cfg->payouts[i].name, name) == 0)
			return &cfg->payouts[i];
	return NULL;
}

const struct config_deposit *
config_deposit(const struct kaaj_config *cfg, const char *name)
{
	size_t i;

	for (i = 0; i < cfg->n_deposits; i++)
		if (strcmp(cfg->deposits[i].name, name) == 0)
			return &cfg->deposits[i];
	return NULL;
}
