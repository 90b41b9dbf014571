/*
 * Site configuration read from etc/kaaj.conf with libconfig.
 */
#ifndef KAAJ_CONFIG_H
#define KAAJ_CONFIG_H

#include <stddef.h>
#include <stdint.h>

/* Bytes of a language's name in a key's suffix, at most ("bn", "chr"). */
#define CONFIG_LANG_MAX 3

/* A text for the pages in one language (from KEY_LANG). */
struct config_text_lang {
	char lang[CONFIG_LANG_MAX + 1];	/* [a-z]{2,3}, a language file's */
	char *text;
	int line;		/* of KEY_LANG in the file, for messages */
};

/*
 * A text the site admin writes for users (KEY), with its variants for
 * some languages (KEY_LANG, such as instructions_bn).
 */
struct config_text {
	char *text;		/* KEY: for every language without its own */
	struct config_text_lang *langs;
	size_t n_langs;
};

/* A payout method workers may withdraw to. */
struct config_payout {
	char *name;		/* [a-z][a-z0-9_]*, stored with the account */
	char *label;		/* shown to users */
	struct config_text account_hint;	/* what the account field
						 * expects; text "" if none */
	int64_t min, max;	/* withdrawal amount, micro-units */
};

/* A way employers pay money in, confirmed by an admin. */
struct config_deposit {
	char *name;
	char *label;
	struct config_text instructions;	/* where to send the money */
	int64_t min;		/* micro-units */
};

/* A per-site raise of one job type's minimum pay. */
struct config_min_pay {
	char *jobtype;
	int64_t min_pay;	/* micro-units */
};

/*
 * A worker's level (workers.levels): reached with at least approved
 * satisfied tasks at a success rate of at least rate percent. The first
 * level needs neither; each next one needs more than the one before.
 */
struct config_level {
	char *name;		/* [a-z][a-z0-9_]*, shown as Lang.Level.NAME */
	int64_t approved;	/* satisfied tasks, at least */
	int rate;		/* percent satisfied of rated, 0 to 100 */
};

#define CONFIG_LEVELS_MAX 10

/* database.host: at most this many servers, each name this long. */
#define CONFIG_DB_NODES_MAX 8
#define CONFIG_DB_HOST_MAX 255

/* One server of database.host. */
struct config_db_node {
	char host[CONFIG_DB_HOST_MAX + 1];
	int port;		/* 0: database.port */
};

struct kaaj_config {
	char *path;		/* the file this was read from */

	/* site */
	char *site_name;
	char *base_url;
	char *default_language;
	char *time_zone;	/* site.time_zone: visitors' zone, "UTC" */
	char *digits;		/* "latin", or "bengali" on pages in bn */
	char *currency;
	unsigned char secret_key[32];	/* from 64 hex digits */

	/* paths */
	char *template_dir;
	char *plugin_dir;
	char *upload_dir;
	char *sql_dir;
	char *run_dir;		/* kaaj.fcgi's pid files; "": none kept */
	char *static_dir;	/* the files served as /static/; "": none */

	/* database */
	char *db_socket;	/* "" when host is used */
	char *db_host;		/* one server, or several: "a, b:3307, c" */
	int db_port;
	char *db_name;
	char *db_user;
	char *db_password;
	int db_retries;		/* whole-transaction retries on 1213/1205 */
	int db_timeout;		/* seconds a read or write may wait */
	int db_sync_wait;	/* wsrep_sync_wait of each session, 0: unset */

	/* limits */
	size_t max_body;	/* bytes of a request body */
	size_t max_fields;	/* fields in the query, and in the form */
	size_t max_field_length;
	size_t max_files;
	size_t max_upload;	/* bytes of one uploaded image */
	size_t max_cookies;
	int board_page_size;

	/* accounts */
	int argon2_ops;		/* crypto_pwhash opslimit */
	size_t argon2_mem_kib;	/* crypto_pwhash memlimit, KiB */
	int session_idle_minutes;
	int session_max_days;
	int activation_hours;
	int reset_minutes;

	/* captcha */
	int captcha_bits;	/* leading zero bits of SHA-256 */
	int captcha_ttl;	/* seconds a challenge stays valid */

	/* mail */
	char *sendmail;		/* command line, split on spaces, no shell */
	char *mail_from;
	int mail_max_attempts;	/* tries of one mail before it is failed */
	int mail_retry_minutes;	/* wait after the first failure; doubles */
	int mail_keep_sent_days;	/* sent mail's rows are deleted after */

	/* admin_notices: hours a queue item waits before the admins are
	 * mailed about it (kaaj-admin cron); 0: never */
	int notice_deposits_hours;
	int notice_withdrawals_hours;
	int notice_disputes_hours;
	int notice_moderation_hours;

	/* rate limits: at most N events per M minutes */
	int rl_login_account, rl_login_account_minutes;
	int rl_login_ip, rl_login_ip_minutes;
	int rl_register_ip, rl_register_ip_minutes;
	int rl_register_check_ip, rl_register_check_ip_minutes;
	int rl_reset_address, rl_reset_address_minutes;

	/* payouts and deposits */
	struct config_payout *payouts;
	size_t n_payouts;
	struct config_deposit *deposits;
	size_t n_deposits;

	/* marketplace */
	int moderation;		/* new campaigns wait for an admin */
	int reopen_rejected;	/* a "not satisfied" slot returns to the pool */

	/* fees */
	int64_t fee_task_ppm;		/* on task pay, parts per million */
	int64_t fee_withdrawal_ppm;
	int64_t fee_withdrawal_fixed;	/* micro-units */

	/* referral */
	int64_t referral_ppm;	/* share of a referred worker's task pay
				 * for the referrer; 0: referrals off */
	int api_per_minute;	/* requests of one API key a minute */
	int webhook_http_loopback;	/* http:// hooks on loopback (tests) */
	int webhook_per_run;	/* deliveries one cron run sends at most */
	int referral_days;	/* how long after the referred user's
				 * registration; 0: no end */

	/* fraud */
	int fraud_min_task_seconds;	/* a first proof sooner after the
					 * claim is shown to admins; 0: off */

	/* items: a campaign's CSV file of one item per slot */
	int items_max_rows;
	size_t items_max_bytes;
	int items_max_columns;
	int items_max_cell;	/* bytes of one cell */

	/* jobtypes */
	struct config_min_pay *min_pay;
	size_t n_min_pay;
	/* workers: the levels, lowest first, at least one */
	struct config_level *levels;
	size_t n_levels;
};

/*
 * Read and check the file at path into *cfg. On error returns -1 and puts
 * "file:line: what is wrong" (or "file: what is wrong") in err; *cfg is
 * then empty. On success the caller owns *cfg and frees it with
 * config_free().
 */
/*
 * Split database.host's list into out (at most max servers): names
 * separated by commas and spaces, each with an optional ":PORT". Returns
 * how many, or -1 with *why set when the list is empty, too long, or a
 * name or port is wrong.
 */
int config_db_nodes(const char *list, struct config_db_node *out, int max,
    const char **why);

int config_load(const char *path, struct kaaj_config *cfg, char *err,
    size_t errlen);

/* Release everything config_load() allocated. Safe on an empty config. */
void config_free(struct kaaj_config *cfg);

/* The payout method named name, or NULL. */
const struct config_payout *config_payout(const struct kaaj_config *cfg,
    const char *name);

/* The deposit method named name, or NULL. */
const struct config_deposit *config_deposit(const struct kaaj_config *cfg,
    const char *name);

/*
 * The text of t for pages in the language lang: its variant for lang, or
 * else its plain text. Never NULL; owned by the config.
 */
const char *config_text_in(const struct config_text *t, const char *lang);

/*
 * The site's minimum pay for a job type: the larger of the plugin's own
 * and the configured one.
 */
int64_t config_min_pay(const struct kaaj_config *cfg, const char *jobtype,
    int64_t plugin_min);

#endif
