/*
 * The plain keys of etc/kaaj.conf: each is declared once in config_keys[]
 * with its type, limits, default and place in struct kaaj_config, and
 * checked and stored from that row.
 */
#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"
#include "base/config_int.h"
#include "base/money.h"
#include "base/timezone.h"

enum key_kind {
	K_STR,		/* any non-empty string up to max bytes */
	K_OPTSTR,	/* a string that may be empty */
	K_HOSTS,	/* servers: "host[:port], ..." (config_db_nodes) */
	K_PATH,		/* an absolute path */
	K_URL,		/* http:// or https://, no trailing slash */
	K_LANG,		/* [a-z]{2,3} */
	K_ZONE,		/* "UTC" or a zone of the system's zone.tab */
	K_DIGITS,	/* "latin" or "bengali" */
	K_CURRENCY,	/* [A-Z]{3} */
	K_HEXKEY,	/* 64 hex digits, not all zero */
	K_MONEY,	/* an amount in quotes ("0.10"), kept in micro-units */
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
	{ "site", "time_zone", K_ZONE, OFF(time_zone), 0, TZ_NAME_MAX - 1,
	    "UTC", 0 },
	{ "site", "digits", K_DIGITS, OFF(digits), 0, 7, "latin", 0 },
	{ "site", "currency", K_CURRENCY, OFF(currency), 0, 3, "USD", 0 },
	{ "site", "secret_key", K_HEXKEY, OFF(secret_key), 0, 64, NULL, 0 },
	{ "paths", "templates", K_PATH, OFF(template_dir), 0, 1024, NULL, 0 },
	{ "paths", "plugins", K_PATH, OFF(plugin_dir), 0, 1024, NULL, 0 },
	{ "paths", "uploads", K_PATH, OFF(upload_dir), 0, 1024, NULL, 0 },
	{ "paths", "sql", K_PATH, OFF(sql_dir), 0, 1024, NULL, 0 },
	{ "paths", "run", K_PATH, OFF(run_dir), 0, 1024, "", 0 },
	{ "paths", "static", K_PATH, OFF(static_dir), 0, 1024, "", 0 },
	{ "database", "socket", K_OPTSTR, OFF(db_socket), 0, 1024, "", 0 },
	{ "database", "host", K_HOSTS, OFF(db_host), 0, 2048, "127.0.0.1",
	    0 },
	{ "database", "port", K_INT, OFF(db_port), 1, 65535, NULL, 3306 },
	{ "database", "name", K_STR, OFF(db_name), 0, 64, "kaaj", 0 },
	{ "database", "user", K_STR, OFF(db_user), 0, 80, "kaaj", 0 },
	{ "database", "password", K_OPTSTR, OFF(db_password), 0, 256, "", 0 },
	{ "database", "retries", K_INT, OFF(db_retries), 0, 20, NULL, 5 },
	{ "database", "timeout", K_INT, OFF(db_timeout), 1, 3600, NULL, 20 },
	{ "database", "sync_wait", K_INT, OFF(db_sync_wait), 0, 15, NULL, 0 },
	{ "limits", "max_body", K_SIZE, OFF(max_body), 1024, 104857600, NULL,
	    10485760 },
	{ "limits", "max_fields", K_SIZE, OFF(max_fields), 1, 10000, NULL,
	    200 },
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
	{ "referral", "percent", K_PERCENT, OFF(referral_ppm), 0, 32, "0", 0 },
	{ "referral", "days", K_INT, OFF(referral_days), 0, 36500, NULL, 0 },
	{ "api", "requests_per_minute", K_INT, OFF(api_per_minute), 1, 100000,
	    NULL, 120 },
	{ "webhooks", "allow_http_loopback", K_BOOL,
	    OFF(webhook_http_loopback), 0, 1, NULL, 0 },
	{ "webhooks", "per_run", K_INT, OFF(webhook_per_run), 1, 10000, NULL,
	    100 },
	{ "fraud", "min_task_seconds", K_INT, OFF(fraud_min_task_seconds), 0,
	    86400, NULL, 30 },
	{ "items", "max_rows", K_INT, OFF(items_max_rows), 1, 100000, NULL,
	    1000 },
	{ "items", "max_bytes", K_SIZE, OFF(items_max_bytes), 64, 1048576,
	    NULL, 65536 },
	{ "items", "max_columns", K_INT, OFF(items_max_columns), 1, 100, NULL,
	    20 },
	{ "items", "max_cell", K_INT, OFF(items_max_cell), 1, 10000, NULL,
	    1000 },
	{ "captcha", "difficulty", K_INT, OFF(captcha_bits), 1, 28, NULL, 16 },
	{ "captcha", "ttl_seconds", K_INT, OFF(captcha_ttl), 60, 86400, NULL,
	    900 },
	{ "mail", "sendmail", K_STR, OFF(sendmail), 0, 1024,
	    "/usr/sbin/sendmail -t -i", 0 },
	{ "mail", "from", K_STR, OFF(mail_from), 0, 254,
	    "kaaj <noreply@localhost>", 0 },
	{ "mail", "max_attempts", K_INT, OFF(mail_max_attempts), 1, 100, NULL,
	    5 },
	{ "mail", "retry_minutes", K_INT, OFF(mail_retry_minutes), 1, 1440,
	    NULL, 5 },
	{ "mail", "keep_sent_days", K_INT, OFF(mail_keep_sent_days), 1, 3650,
	    NULL, 30 },
	{ "admin_notices", "deposits_hours", K_INT,
	    OFF(notice_deposits_hours), 0, 8760, NULL, 12 },
	{ "admin_notices", "withdrawals_hours", K_INT,
	    OFF(notice_withdrawals_hours), 0, 8760, NULL, 24 },
	{ "admin_notices", "disputes_hours", K_INT,
	    OFF(notice_disputes_hours), 0, 8760, NULL, 48 },
	{ "admin_notices", "moderation_hours", K_INT,
	    OFF(notice_moderation_hours), 0, 8760, NULL, 12 },
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
	{ "ratelimits", "registration_checks_per_ip", K_INT,
	    OFF(rl_register_check_ip), 1, 10000, NULL, 20 },
	{ "ratelimits", "registration_checks_per_ip_minutes", K_INT,
	    OFF(rl_register_check_ip_minutes), 1, 10080, NULL, 60 },
	{ "ratelimits", "resets_per_address", K_INT, OFF(rl_reset_address), 1,
	    1000, NULL, 3 },
	{ "ratelimits", "resets_per_address_minutes", K_INT,
	    OFF(rl_reset_address_minutes), 1, 10080, NULL, 60 },
};

#define NKEYS (sizeof(config_keys) / sizeof(config_keys[0]))

/* Whether k's value is a number in the file, with idef as its default. */
static int
is_number_kind(const struct config_key *k)
{
	return k->kind == K_INT || k->kind == K_SIZE || k->kind == K_BOOL;
}

/* Whether k's value is kept as a string of its own in the config. */
static int
is_string_kind(const struct config_key *k)
{
	return !is_number_kind(k) && k->kind != K_HEXKEY &&
	    k->kind != K_MONEY && k->kind != K_PERCENT;
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

/* Why v is not a time zone this system knows, or NULL. */
static const char *
zone_problem(const char *v)
{
	char path[TZ_NAME_MAX + 32];

	if (strcmp(v, "UTC") == 0)
		return NULL;
	if (!tz_name_ok(v))
		return "must be a time zone such as \"Asia/Dhaka\" or \"UTC\"";
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", v);
	if (access(path, R_OK) != 0)
		return "is not a time zone of this system (see "
		    "/usr/share/zoneinfo/zone.tab; is tzdata installed?)";
	return NULL;
}

/*
 * Whether the len bytes at s are a host name or IPv4 address: letters,
 * digits, '.', '-' and '_', not starting with '-'.
 */
static int
host_name_ok(const char *s, size_t len)
{
	static const char ok[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
	size_t i;

	if (len == 0 || len > CONFIG_DB_HOST_MAX || s[0] == '-')
		return 0;
	for (i = 0; i < len; i++)
		if (strchr(ok, s[i]) == NULL)
			return 0;
	return 1;
}

int
config_db_nodes(const char *list, struct config_db_node *out, int max,
    const char **why)
{
	const char *p = list, *end, *colon;
	size_t len;
	long port;
	char *stop;
	int n = 0;

	for (;;) {
		p += strspn(p, ", ");
		if (*p == '\0')
			break;
		end = p + strcspn(p, ", ");
		if (n == max) {
			*why = "names more than 8 servers";
			return -1;
		}
		colon = memchr(p, ':', (size_t)(end - p));
		len = (size_t)((colon != NULL ? colon : end) - p);
		if (!host_name_ok(p, len)) {
			*why = "must be host names or addresses, separated by "
			    "commas, each with an optional :PORT";
			return -1;
		}
		memcpy(out[n].host, p, len);
		out[n].host[len] = '\0';
		out[n].port = 0;
		if (colon != NULL) {
			port = strtol(colon + 1, &stop, 10);
			if (stop != end || colon + 1 == end || port < 1 ||
			    port > 65535 || colon[1] == '+' ||
			    colon[1] == '-') {
				*why = "has a port that is not 1 to 65535";
				return -1;
			}
			out[n].port = (int)port;
		}
		n++;
		p = end;
	}
	if (n == 0) {
		*why = "must name at least one server";
		return -1;
	}
	return n;
}

/* Check a string value for its kind; NULL when fine, else the reason. */
static const char *
check_string(const struct config_key *k, const char *v)
{
	struct config_db_node nodes[CONFIG_DB_NODES_MAX];
	size_t i, len = strlen(v);
	const char *why = NULL;
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
	case K_HOSTS:
		return config_db_nodes(v, nodes, CONFIG_DB_NODES_MAX, &why) ==
		    -1 ? why : NULL;
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
		if (len < 2 || strspn(v, "abcdefghijklmnopqrstuvwxyz") != len)
			return "must be a language code such as \"en\" or "
			    "\"bn\"";
		return NULL;
	case K_ZONE:
		return zone_problem(v);
	case K_DIGITS:
		if (strcmp(v, "latin") != 0 && strcmp(v, "bengali") != 0)
			return "must be \"latin\" or \"bengali\"";
		return NULL;
	case K_CURRENCY:
		if (len != 3 || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != len)
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
		if (len != 64 ||
		    strspn(v, "0123456789abcdefABCDEF") != len)
			return "must be exactly 64 hex digits";
		if (strspn(v, "0") == len)
			return "is still the sample value; "
			    "make a new random key";
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

/* Read one plain key's setting into cfg; -1 with r->err set on a bad value. */
static int
read_key(const struct config_key *k, const config_setting_t *s,
    struct kaaj_config *cfg, const struct config_report *r)
{
	const char *why, *sv;
	long long iv;
	char path[128];

	snprintf(path, sizeof(path), "%s.%s", k->group, k->name);
	if (k->kind == K_BOOL) {
		if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
			config_say(r, s, "%s must be true or false", path);
			return -1;
		}
		return store(k, cfg, NULL, config_setting_get_bool(s) ? 1 : 0);
	}
	if (k->kind == K_INT || k->kind == K_SIZE) {
		if (config_setting_type(s) != CONFIG_TYPE_INT &&
		    config_setting_type(s) != CONFIG_TYPE_INT64) {
			config_say(r, s, "%s must be a whole number", path);
			return -1;
		}
		iv = config_setting_get_int64(s);
		if (iv < k->min || iv > k->max) {
			config_say(r, s,
			    "%s is %lld, out of range (%lld to %lld)", path, iv,
			    k->min, k->max);
			return -1;
		}
		return store(k, cfg, NULL, iv);
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		config_say(r, s, "%s must be a string in double quotes", path);
		return -1;
	}
	sv = config_setting_get_string(s);
	if ((why = check_string(k, sv)) != NULL) {
		config_say(r, s, "%s %s", path, why);
		return -1;
	}
	if (store(k, cfg, sv, 0) == -1) {
		config_say(r, s, "%s: out of memory", path);
		return -1;
	}
	return 0;
}

int
config_keys_has_group(const char *group)
{
	return find_key(group, NULL) != NULL;
}

int
config_keys_read_group(const config_setting_t *g, struct kaaj_config *cfg,
    const struct config_report *r)
{
	const config_setting_t *s;
	const struct config_key *k;
	unsigned int i;

	for (i = 0; i < (unsigned int)config_setting_length(g); i++) {
		s = config_setting_get_elem(g, i);
		k = find_key(config_setting_name(g), config_setting_name(s));
		if (k == NULL) {
			config_say(r, s, "unknown key %s.%s",
			    config_setting_name(g), config_setting_name(s));
			return -1;
		}
		if (read_key(k, s, cfg, r) == -1)
			return -1;
	}
	return 0;
}

int
config_keys_set_defaults(struct kaaj_config *cfg)
{
	const struct config_key *k;
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		k = &config_keys[i];
		if (is_number_kind(k)) {
			store(k, cfg, NULL, k->idef);
		} else if (k->def != NULL) {
			if (store(k, cfg, k->def, 0) == -1)
				return -1;
		}
	}
	return 0;
}

int
config_keys_check_required(const config_t *lc, const struct config_report *r)
{
	const struct config_key *k;
	char path[128];
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		k = &config_keys[i];
		if (k->def != NULL || is_number_kind(k))
			continue;
		snprintf(path, sizeof(path), "%s.%s", k->group, k->name);
		if (config_lookup(lc, path) == NULL) {
			config_say(r, NULL, "%s is missing", path);
			return -1;
		}
	}
	return 0;
}

/* A percentage kept as ppm, as the file writes it: "7.5", "10". */
static void
ppm_text(int64_t ppm, char *out, size_t len)
{
	int frac = (int)(ppm % 10000), digits = 4;

	while (digits > 0 && frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	if (digits == 0)
		snprintf(out, len, "%lld", (long long)(ppm / 10000));
	else
		snprintf(out, len, "%lld.%0*d", (long long)(ppm / 10000),
		    digits, frac);
}

int
config_keys_check_together(const config_t *lc,
    const struct kaaj_config *cfg, const struct config_report *r)
{
	char share[32], fee[32];

	if (cfg->referral_ppm <= cfg->fee_task_ppm)
		return 0;
	ppm_text(cfg->referral_ppm, share, sizeof(share));
	ppm_text(cfg->fee_task_ppm, fee, sizeof(fee));
	config_say(r, config_lookup(lc, "referral.percent"),
	    "referral.percent (\"%s\") must not be above fees.task_percent"
	    " (\"%s\"): the referrer's share is paid out of the site's fee"
	    " on the task", share, fee);
	return -1;
}

void
config_keys_free(struct kaaj_config *cfg)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (is_string_kind(&config_keys[i]))
			free(*(char **)(void *)((char *)cfg +
			    config_keys[i].offset));
}
