/*
 * config_load: a good file, and each kind of bad file with its
 * "file:line: reason" message.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/config.h"

#define KEY "4f1c2e9a7b3d5f60112233445566778899aabbccddeeff00123456789abcdef0"

static const char good[] =
    "site = {\n"
    "  name = \"kaaj test\";\n"
    "  base_url = \"http://127.0.0.1:8080\";\n"
    "  secret_key = \"" KEY "\";\n"
    "};\n"
    "paths = {\n"
    "  templates = \"/srv/kaaj/templates\";\n"
    "  plugins = \"/srv/kaaj/plugins\";\n"
    "  uploads = \"/srv/kaaj/uploads\";\n"
    "  sql = \"/srv/kaaj/sql\";\n"
    "};\n"
    "database = { socket = \"/tmp/db.sock\"; password = \"pw\"; };\n"
    "limits = { max_body = 2097152; };\n"
    "jobtypes = { min_pay = { signup = \"0.05\"; }; };\n";

/* Write text to a new temporary file; the caller unlinks it. */
static char *
write_temp(const char *text)
{
	static char path[64];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "/tmp/kaaj-conf-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return path;
}

/* Replace the first occurrence of from in good by to. */
static char *
variant(const char *from, const char *to)
{
	static char out[4096];
	const char *at = strstr(good, from);

	ck_assert_ptr_nonnull(at);
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - good), good, to,
	    at + strlen(from));
	return out;
}

START_TEST(test_good)
{
	struct kaaj_config cfg;
	char err[512] = "", *path = write_temp(good);

	ck_assert_msg(config_load(path, &cfg, err, sizeof(err)) == 0, "%s",
	    err);
	ck_assert_str_eq(cfg.site_name, "kaaj test");
	ck_assert_str_eq(cfg.db_socket, "/tmp/db.sock");
	ck_assert_str_eq(cfg.db_name, "kaaj");	/* default */
	ck_assert_int_eq(cfg.db_port, 3306);	/* default */
	ck_assert_uint_eq(cfg.max_body, 2097152);
	ck_assert_uint_eq(cfg.max_fields, 200);
	ck_assert_uint_eq(cfg.secret_key[0], 0x4f);
	ck_assert_uint_eq(cfg.secret_key[31], 0xf0);
	ck_assert_int_eq(config_min_pay(&cfg, "signup", 20000), 50000);
	ck_assert_int_eq(config_min_pay(&cfg, "signup", 90000), 90000);
	ck_assert_int_eq(config_min_pay(&cfg, "survey", 10000), 10000);
	config_free(&cfg);
	unlink(path);
}
END_TEST

/* Each bad file and a piece of the message it must give. */
static const struct {
	const char *from, *to, *want;
} bad_cases[] = {
	{ "name = \"kaaj test\";", "name = = \"kaaj test\";", ":2: syntax error" },
	{ "name = \"kaaj test\";", "nmae = \"x\";", ":2: unknown key site.nmae" },
	{ "limits = {", "limit = {", ":13: unknown key limit" },
	{ "max_body = 2097152;", "max_body = -5;", ":13: limits.max_body is -5, out of range" },
	{ "socket = \"/tmp/db.sock\";", "port = 70000;", ":12: database.port is 70000, out of range" },
	{ "max_body = 2097152;", "max_body = \"big\";", ":13: limits.max_body must be a whole number" },
	{ "base_url = \"http://127.0.0.1:8080\";", "base_url = \"ftp://x\";", ":3: site.base_url must start with http" },
	{ "base_url = \"http://127.0.0.1:8080\";", "base_url = \"http://x/\";", ":3: site.base_url must have no spaces and no trailing slash" },
	{ KEY, "abc", ":4: site.secret_key must be exactly 64 hex digits" },
	{ KEY, "0000000000000000000000000000000000000000000000000000000000000000", "still the sample value" },
	{ "templates = \"/srv/kaaj/templates\";", "templates = \"templates\";", ":7: paths.templates must be an absolute path" },
	{ "templates = \"/srv/kaaj/templates\";", "", "paths.templates is missing" },
	{ "signup = \"0.05\";", "signup = \"0.0000001\";", ":14: jobtypes.min_pay.signup must be an amount" },
	{ "min_pay = {", "minpay = {", ":14: unknown key jobtypes.minpay" },
	{ "site = {", "site = 5; x = {", ":1: site must be a group" },
	{ "socket = \"/tmp/db.sock\";", "host = \"db1, db2:99999\";", ":12: database.host has a port that is not 1 to 65535" },
	{ "socket = \"/tmp/db.sock\";", "sync_wait = 16;", ":12: database.sync_wait is 16, out of range" },
};

START_TEST(test_bad_table)
{
	struct kaaj_config cfg;
	char err[512] = "", *path;
	char want[600];

	path = write_temp(variant(bad_cases[_i].from, bad_cases[_i].to));
	ck_assert_int_eq(config_load(path, &cfg, err, sizeof(err)), -1);
	ck_assert_msg(strncmp(err, path, strlen(path)) == 0,
	    "message does not start with the file: %s", err);
	snprintf(want, sizeof(want), "%s", bad_cases[_i].want);
	ck_assert_msg(strstr(err, want) != NULL, "case %d: \"%s\" lacks \"%s\"",
	    _i, err, want);
	unlink(path);
}
END_TEST

/* Payout and deposit methods, added to the good file from line 15 on. */
static const char methods[] =
    "payouts = { methods = (\n"
    "  { name = \"bkash\"; label = \"bKash\"; account_hint = \"01XXX\";\n"
    "    min = \"5.00\"; max = \"500.00\"; },\n"
    "  { name = \"bank\"; label = \"Bank\"; min = \"10\"; max = \"1000\"; }\n"
    "); };\n"
    "deposits = { methods = (\n"
    "  { name = \"bkash\"; label = \"bKash\"; instructions = \"Send to 017\";\n"
    "    min = \"1.00\"; }\n"
    "); };\n";

/* The good file with methods, its first from replaced by to. */
static char *
with_methods(const char *from, const char *to)
{
	static char out[4096];
	const char *at = strstr(methods, from);

	ck_assert_ptr_nonnull(at);
	snprintf(out, sizeof(out), "%s%.*s%s%s", good, (int)(at - methods),
	    methods, to, at + strlen(from));
	return out;
}

START_TEST(test_methods)
{
	const struct config_payout *p;
	const struct config_deposit *d;
	struct kaaj_config cfg;
	char err[512] = "", *path = write_temp(with_methods("", ""));

	ck_assert_msg(config_load(path, &cfg, err, sizeof(err)) == 0, "%s",
	    err);
	ck_assert_uint_eq(cfg.n_payouts, 2);
	ck_assert_uint_eq(cfg.n_deposits, 1);
	p = config_payout(&cfg, "bank");
	ck_assert_ptr_eq(p, &cfg.payouts[1]);
	ck_assert_str_eq(p->label, "Bank");
	ck_assert_str_eq(p->account_hint.text, "");
	ck_assert_int_eq(p->min, 10000000);
	ck_assert_int_eq(p->max, 1000000000);
	ck_assert_str_eq(config_payout(&cfg, "bkash")->account_hint.text,
	    "01XXX");
	d = config_deposit(&cfg, "bkash");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->instructions.text, "Send to 017");
	ck_assert_int_eq(d->min, 1000000);
	ck_assert_ptr_null(config_payout(&cfg, "nagad"));
	ck_assert_ptr_null(config_deposit(&cfg, "bank"));
	config_free(&cfg);
	unlink(path);
}
END_TEST

/* Each bad methods list and a piece of the message it must give. */
static const struct {
	const char *from, *to, *want;
} bad_methods[] = {
	{ "max = \"500.00\"", "max = \"1.00\"",
	    ":16: payout method bkash needs 0 < min <= max" },
	{ "name = \"bank\"", "name = \"bkash\"",
	    ":18: payouts method bkash is listed twice" },
	{ "label = \"Bank\";", "",
	    ":18: payouts method bank needs label" },
	{ "name = \"bank\"", "name = \"Bank\"",
	    ":18: a payouts method needs a name of small letters" },
	{ "min = \"1.00\"", "min = \"0\"",
	    ":21: deposit method bkash needs a min above 0" },
	{ "account_hint", "hint",
	    ":16: unknown key hint in a payouts method" },
	{ "min = \"5.00\"", "min = 5",
	    ":17: payouts method min must be a string in double quotes" },
	{ "min = \"5.00\"", "min = \"five\"",
	    ":17: payouts method min must be an amount such as \"5.00\"" },
	{ "\"Send to 017\"", "\"" KEY KEY KEY KEY KEY KEY KEY KEY "\"",
	    ":21: deposits method instructions is longer than 500" },
	{ "  { name = \"bank\"; label = \"Bank\"; min = \"10\"; "
	    "max = \"1000\"; }\n", "  \"bank\"\n",
	    "payouts.methods entries must be groups" },
	{ "deposits = { methods = (",
	    "deposits = { methods = 5; }; z = { w = (",
	    ":20: deposits.methods must be a list" },
	{ "deposits = { methods", "deposits = { method",
	    ":20: unknown key deposits.method" },
	{ "payouts = {", "payouts = 5; x = {", ":15: payouts must be a group" },
};

START_TEST(test_bad_methods)
{
	struct kaaj_config cfg;
	char err[512] = "", *path;

	path = write_temp(with_methods(bad_methods[_i].from,
	    bad_methods[_i].to));
	ck_assert_int_eq(config_load(path, &cfg, err, sizeof(err)), -1);
	ck_assert_msg(strncmp(err, path, strlen(path)) == 0,
	    "message does not start with the file: %s", err);
	ck_assert_msg(strstr(err, bad_methods[_i].want) != NULL,
	    "case %d: \"%s\" lacks \"%s\"", _i, err, bad_methods[_i].want);
	unlink(path);
}
END_TEST

/*
 * Methods with texts per language, for the good file with the source
 * tree's templates (lang/en.hdf and lang/bn.hdf), from line 15 on.
 */
static const char lang_methods[] =
    "payouts = { methods = (\n"
    "  { name = \"bkash\"; label = \"bKash\"; account_hint = \"11 digits\";\n"
    "    account_hint_bn = \"১১ অঙ্কের নম্বর\"; min = \"5\"; max = \"500\"; },\n"
    "  { name = \"paypal\"; label = \"PayPal\"; account_hint = \"e-mail\";\n"
    "    min = \"5\"; max = \"500\"; }\n"
    "); };\n"
    "deposits = { methods = (\n"
    "  { name = \"bkash\"; label = \"bKash\"; instructions = \"Send to 017\";\n"
    "    instructions_bn = \"০১৭ নম্বরে পাঠান\"; min = \"1.00\"; }\n"
    "); };\n";

/*
 * Load the good file, with the source tree's templates, followed by
 * lang_methods with its first from replaced by to, into cfg:
 * config_load's result, with its message in err.
 */
static int
load_lang_methods(const char *from, const char *to, struct kaaj_config *cfg,
    char *err, size_t errlen)
{
	char text[8192], tpl[1100], *path;
	const char *at = strstr(lang_methods, from);
	int rc;

	ck_assert_ptr_nonnull(at);
	snprintf(tpl, sizeof(tpl), "templates = \"%s/templates\";", SRCDIR);
	snprintf(text, sizeof(text), "%s%.*s%s%s",
	    variant("templates = \"/srv/kaaj/templates\";", tpl),
	    (int)(at - lang_methods), lang_methods, to, at + strlen(from));
	path = write_temp(text);
	rc = config_load(path, cfg, err, errlen);
	unlink(path);
	return rc;
}

/* A text's variant for a language is kept and picked for that language. */
START_TEST(test_texts_per_language)
{
	const struct config_payout *p;
	const struct config_deposit *d;
	struct kaaj_config cfg;
	char err[512] = "";

	ck_assert_msg(load_lang_methods("", "", &cfg, err, sizeof(err)) == 0,
	    "%s", err);
	p = config_payout(&cfg, "bkash");
	ck_assert_str_eq(config_text_in(&p->account_hint, "bn"),
	    "১১ অঙ্কের নম্বর");
	ck_assert_str_eq(config_text_in(&p->account_hint, "en"), "11 digits");
	ck_assert_str_eq(config_text_in(&p->account_hint, ""), "11 digits");
	/* No bn variant: the plain text for every language. */
	p = config_payout(&cfg, "paypal");
	ck_assert_uint_eq(p->account_hint.n_langs, 0);
	ck_assert_str_eq(config_text_in(&p->account_hint, "bn"), "e-mail");
	d = config_deposit(&cfg, "bkash");
	ck_assert_str_eq(d->instructions.text, "Send to 017");
	ck_assert_str_eq(config_text_in(&d->instructions, "bn"),
	    "০১৭ নম্বরে পাঠান");
	ck_assert_str_eq(config_text_in(&d->instructions, "en"),
	    "Send to 017");
	config_free(&cfg);
}
END_TEST

/* Bad variants and a piece of the message each must give. */
static const struct {
	const char *from, *to, *want;
} bad_lang_texts[] = {
	{ "instructions_bn", "instructions_xx",
	    ":23: instructions_xx: the site has no language xx (no " },
	{ "account_hint_bn", "account_hint_fr",
	    ":17: account_hint_fr: the site has no language fr (no " },
	{ "account_hint_bn", "account_hint_bangla",
	    ":17: unknown key account_hint_bangla in a payouts method" },
	{ "account_hint_bn", "account_hint_BN",
	    ":17: unknown key account_hint_BN in a payouts method" },
	{ "account_hint_bn", "label_bn",
	    ":17: unknown key label_bn in a payouts method" },
	{ "\"০১৭ নম্বরে পাঠান\"", "\"পাঠান\\tএখানে\"",
	    ":23: deposits method instructions_bn must not hold control" },
	{ "\"০১৭ নম্বরে পাঠান\"", "5",
	    ":23: deposits method instructions_bn must be a string" },
	{ "\"১১ অঙ্কের নম্বর\"", "\"" KEY KEY "\"",
	    ":17: payouts method account_hint_bn is longer than 120" },
	{ "account_hint = \"11 digits\";", "",
	    ":17: account_hint_bn needs account_hint too" },
	{ "\"Send to 017\"", "\"Send\\nto 017\"",
	    ":22: deposits method instructions must not hold control" },
};

START_TEST(test_bad_lang_texts)
{
	struct kaaj_config cfg;
	char err[512] = "";

	ck_assert_int_eq(load_lang_methods(bad_lang_texts[_i].from,
	    bad_lang_texts[_i].to, &cfg, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, bad_lang_texts[_i].want) != NULL,
	    "case %d: \"%s\" lacks \"%s\"", _i, err,
	    bad_lang_texts[_i].want);
}
END_TEST

/* A Bengali text is measured in characters, not bytes. */
START_TEST(test_lang_text_length)
{
	struct kaaj_config cfg;
	char err[512] = "", hint[600], *p = hint;
	size_t i;

	/* 120 Bengali letters: 360 bytes, within account_hint's 120. */
	*p++ = '"';
	for (i = 0; i < 120; i++, p += 3)
		memcpy(p, "ক", 3);
	snprintf(p, sizeof(hint) - (size_t)(p - hint), "\"");
	ck_assert_msg(load_lang_methods("\"১১ অঙ্কের নম্বর\"", hint, &cfg,
	    err, sizeof(err)) == 0, "%s", err);
	config_free(&cfg);
}
END_TEST

/*
 * Load the good file followed by extra (a group of its own) into cfg:
 * config_load's result, with its message in err.
 */
static int
load_with(const char *extra, struct kaaj_config *cfg, char *err,
    size_t errlen)
{
	char text[4096], *path;
	int rc;

	snprintf(text, sizeof(text), "%s%s", good, extra);
	path = write_temp(text);
	rc = config_load(path, cfg, err, errlen);
	unlink(path);
	return rc;
}

/* The mail queue's keys: their defaults, values, and a limit. */
START_TEST(test_mail_keys)
{
	struct kaaj_config cfg;
	char err[512] = "";

	ck_assert_msg(load_with("", &cfg, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(cfg.mail_max_attempts, 5);
	ck_assert_int_eq(cfg.mail_retry_minutes, 5);
	ck_assert_int_eq(cfg.mail_keep_sent_days, 30);
	config_free(&cfg);
	ck_assert_msg(load_with("mail = { max_attempts = 3; retry_minutes = 1;"
	    " keep_sent_days = 7; };\n", &cfg, err, sizeof(err)) == 0, "%s",
	    err);
	ck_assert_int_eq(cfg.mail_max_attempts, 3);
	ck_assert_int_eq(cfg.mail_retry_minutes, 1);
	ck_assert_int_eq(cfg.mail_keep_sent_days, 7);
	config_free(&cfg);
	ck_assert_int_eq(load_with("mail = { max_attempts = 0; };\n", &cfg,
	    err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, ":15: mail.max_attempts is 0, out of range")
	    != NULL, "%s", err);
}
END_TEST

/* The webhooks' keys: off and 100 by default, a site's values, a limit. */
START_TEST(test_webhook_keys)
{
	struct kaaj_config cfg;
	char err[512] = "";

	ck_assert_msg(load_with("", &cfg, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(cfg.webhook_http_loopback, 0);
	ck_assert_int_eq(cfg.webhook_per_run, 100);
	config_free(&cfg);
	ck_assert_msg(load_with("webhooks = { allow_http_loopback = true;"
	    " per_run = 5; };\n", &cfg, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(cfg.webhook_http_loopback, 1);
	ck_assert_int_eq(cfg.webhook_per_run, 5);
	config_free(&cfg);
	ck_assert_int_eq(load_with("webhooks = { per_run = 0; };\n", &cfg,
	    err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "webhooks.per_run is 0, out of range")
	    != NULL, "%s", err);
}
END_TEST

/*
 * database.host: one server by default, a Galera cluster's list with its
 * ports, sync_wait; and lists that are refused, with the reason.
 */
START_TEST(test_db_hosts)
{
	static const struct {
		const char *list, *why;
	} bad[] = {
		{ "", "at least one server" },
		{ " , ,", "at least one server" },
		{ "db1:0", "port that is not 1 to 65535" },
		{ "db1:65536", "port that is not 1 to 65535" },
		{ "db1:", "port that is not 1 to 65535" },
		{ "db1:+3", "port that is not 1 to 65535" },
		{ "db1:33o6", "port that is not 1 to 65535" },
		{ "db 1;x", "host names or addresses" },
		{ "-db", "host names or addresses" },
		{ ":3306", "host names or addresses" },
		{ "a,b,c,d,e,f,g,h,i", "more than 8 servers" },
	};
	struct config_db_node n[CONFIG_DB_NODES_MAX];
	struct kaaj_config cfg;
	char err[512] = "", *path;
	const char *why = NULL;
	size_t i;

	ck_assert_msg(load_with("", &cfg, err, sizeof(err)) == 0, "%s", err);
	ck_assert_str_eq(cfg.db_host, "127.0.0.1");
	ck_assert_int_eq(cfg.db_sync_wait, 0);
	config_free(&cfg);
	ck_assert_int_eq(config_db_nodes("10.0.0.1, db-2.example:3307,db_3",
	    n, CONFIG_DB_NODES_MAX, &why), 3);
	ck_assert_str_eq(n[0].host, "10.0.0.1");
	ck_assert_int_eq(n[0].port, 0);
	ck_assert_str_eq(n[1].host, "db-2.example");
	ck_assert_int_eq(n[1].port, 3307);
	ck_assert_str_eq(n[2].host, "db_3");
	ck_assert_int_eq(config_db_nodes("a,b", n, 1, &why), -1);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		ck_assert_msg(config_db_nodes(bad[i].list, n,
		    CONFIG_DB_NODES_MAX, &why) == -1, "\"%s\" taken",
		    bad[i].list);
		ck_assert_msg(why != NULL && strstr(why, bad[i].why) != NULL,
		    "\"%s\": %s", bad[i].list, why != NULL ? why : "(none)");
	}
	/* In the file: a cluster's list and sync_wait are kept. */
	path = write_temp(variant("socket = \"/tmp/db.sock\";",
	    "socket = \"\"; host = \"127.0.0.1:3307, 127.0.0.1:3308\";"
	    " sync_wait = 1;"));
	ck_assert_msg(config_load(path, &cfg, err, sizeof(err)) == 0, "%s",
	    err);
	unlink(path);
	ck_assert_str_eq(cfg.db_host, "127.0.0.1:3307, 127.0.0.1:3308");
	ck_assert_int_eq(cfg.db_sync_wait, 1);
	config_free(&cfg);
}
END_TEST

/* workers.levels: the default ladder, a site's own, and bad ladders. */
START_TEST(test_levels)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{ "workers = { levels = (); };\n",
		    ":15: workers.levels must be a list of 1 to 10 levels" },
		{ "workers = { levels = ( { name = \"new\"; approved = 1;"
		    " rate = 0; } ); };\n", ":15: the first level is every" },
		{ "workers = { levels = ( { name = \"new\"; approved = 0;"
		    " rate = 0; },\n { name = \"top\"; approved = 0;"
		    " rate = 0; } ); };\n",
		    ":16: level top must need more than level new" },
		{ "workers = { levels = ( { name = \"new\"; approved = 0;"
		    " rate = 0; },\n { name = \"top\"; approved = 5;"
		    " rate = 101; } ); };\n",
		    ":16: a level's rate must be from 0 to 100" },
		{ "workers = { levels = ( { name = \"new\"; approved = 0;"
		    " rate = 0; },\n { name = \"Top\"; approved = 5;"
		    " rate = 50; } ); };\n",
		    ":16: a level needs a name of small letters" },
		{ "workers = { levels = ( { name = \"new\"; approved = 0;"
		    " rate = 0; },\n { name = \"new\"; approved = 5;"
		    " rate = 50; } ); };\n", ":16: level new is listed twice" },
		{ "workers = { levels = ( { name = \"new\"; approved = 0;"
		    " rate = 0; },\n { name = \"top\"; approved = \"5\";"
		    " rate = 50; } ); };\n",
		    ":16: a level needs approved, a whole number" },
		{ "workers = { levels = ( { name = \"new\"; approved = 0;"
		    " rate = 0; pay = 1; } ); };\n",
		    ":15: unknown key pay in a level" },
		{ "workers = { ladder = (); };\n",
		    ":15: unknown key workers.ladder" },
	};
	struct kaaj_config cfg;
	char err[512] = "";
	size_t i;

	ck_assert_msg(load_with("", &cfg, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(cfg.n_levels, 4);
	ck_assert_str_eq(cfg.levels[0].name, "new");
	ck_assert_str_eq(cfg.levels[2].name, "silver");
	ck_assert_int_eq(cfg.levels[2].approved, 20);
	ck_assert_int_eq(cfg.levels[2].rate, 85);
	config_free(&cfg);
	ck_assert_msg(load_with("workers = { levels = (\n"
	    "  { name = \"starter\"; approved = 0; rate = 0; },\n"
	    "  { name = \"pro\"; approved = 30; rate = 80; }\n"
	    "); };\n", &cfg, err, sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(cfg.n_levels, 2);
	ck_assert_str_eq(cfg.levels[1].name, "pro");
	ck_assert_int_eq(cfg.levels[1].approved, 30);
	ck_assert_int_eq(cfg.levels[1].rate, 80);
	config_free(&cfg);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(load_with(bad[i].text, &cfg, err,
		    sizeof(err)), -1);
		ck_assert_msg(strstr(err, bad[i].want) != NULL,
		    "case %zu: \"%s\" lacks \"%s\"", i, err, bad[i].want);
	}
}
END_TEST

START_TEST(test_missing_file)
{
	struct kaaj_config cfg;
	char err[512];

	ck_assert_int_eq(config_load("/nonexistent/kaaj.conf", &cfg, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err,
	    "/nonexistent/kaaj.conf: cannot open: No such file or directory");
}
END_TEST

START_TEST(test_shipped_sample)
{
	struct kaaj_config cfg;
	char err[512] = "", path[1024];

	/* The shipped sample, as the build fills it, must only lack a key. */
	snprintf(path, sizeof(path), "%s/etc/kaaj.conf", BUILDDIR);
	if (access(path, R_OK) != 0)
		return;
	ck_assert_int_eq(config_load(path, &cfg, err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, "site.secret_key is still the sample value")
	    != NULL, "%s", err);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("core");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_good);
	tcase_add_loop_test(tc, test_bad_table, 0,
	    sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tc, test_methods);
	tcase_add_loop_test(tc, test_bad_methods, 0,
	    sizeof(bad_methods) / sizeof(bad_methods[0]));
	tcase_add_test(tc, test_texts_per_language);
	tcase_add_loop_test(tc, test_bad_lang_texts, 0,
	    sizeof(bad_lang_texts) / sizeof(bad_lang_texts[0]));
	tcase_add_test(tc, test_lang_text_length);
	tcase_add_test(tc, test_mail_keys);
	tcase_add_test(tc, test_webhook_keys);
	tcase_add_test(tc, test_levels);
	tcase_add_test(tc, test_db_hosts);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_shipped_sample);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
