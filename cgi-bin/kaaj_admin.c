/*
 * kaaj-admin: the operator's command.
 *
 *	kaaj-admin [-c FILE] COMMAND [ARGS]
 *
 * The configuration is FILE, else $KAAJ_CONFIG, else the installed
 * default. Exit status: 0 done, 1 failed (the reason is on stderr), 2 bad
 * usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/admin_money.h"
#include "admin/admin_users.h"
#include "accounts/mail_queue.h"
#include "base/config.h"
#include "storage/db.h"
#include "admin/demo.h"
#include "admin/uploads.h"
#include "storage/migrate.h"
#include "base/money.h"
#include "base/plugin.h"
#include "market/task.h"

#ifndef KAAJ_SYSCONFDIR
#error "KAAJ_SYSCONFDIR must be defined by the build"
#endif

#define DEFAULT_CONFIG	KAAJ_SYSCONFDIR "/kaaj/kaaj.conf"

enum {
	EXIT_USAGE = 2
};

struct admin {
	const char *config_path;
	struct kaaj_config cfg;
	struct db *db;		/* for commands that need the database */
	int flag;		/* the command's optional flag was given */
	char **args;		/* the command's own arguments */
};

struct command {
	const char *name;
	const char *flag;	/* its one optional flag, or its arguments' names */
	int nargs;		/* arguments it needs (then no flag) */
	int needs_db;
	int (*run)(struct admin *);
	const char *help;
};

static int
cmd_check_config(struct admin *a)
{
	printf("%s: ok\n", a->config_path);
	return 0;
}

static int
cmd_migrate(struct admin *a)
{
	return migrate_apply(a->db, a->cfg.sql_dir, a->flag, stdout);
}

static int
cmd_schema_version(struct admin *a)
{
	int version;

	if (migrate_current(a->db, &version) == -1)
		return -1;
	printf("%d\n", version);
	return 0;
}

static int
cmd_load_demo(struct admin *a)
{
	return demo_load(a->db, stdout);
}

static int
cmd_plugins(struct admin *a)
{
	struct plugin_set set = { NULL, 0 };
	const struct kaaj_jobtype *jt;
	char pay[32];
	size_t i;

	if (plugin_load_dir(a->cfg.plugin_dir, &set) == -1)
		return -1;
	for (i = 0; i < set.n; i++) {
		jt = set.items[i].jt;
		money_format(config_min_pay(&a->cfg, jt->name, jt->min_pay),
		    pay, sizeof(pay));
		printf("%s: category %s, min pay %s %s\n", jt->name,
		    jt->category, pay, a->cfg.currency);
	}
	printf("%zu job type%s loaded from %s\n", set.n,
	    set.n == 1 ? "" : "s", a->cfg.plugin_dir);
	plugin_set_free(&set);
	return 0;
}

static int
cmd_create_admin(struct admin *a)
{
	return admin_create_admin(a->db, &a->cfg, a->args[0], a->args[1],
	    stdin);
}

static int
cmd_ban(struct admin *a)
{
	return admin_ban(a->db, a->args[0], a->args[1]);
}

static int
cmd_unban(struct admin *a)
{
	return admin_ban(a->db, a->args[0], NULL);
}

static int
cmd_credit(struct admin *a)
{
	if (strcmp(a->args[2], "--reason") != 0) {
		fprintf(stderr, "kaaj-admin: usage: credit USERNAME AMOUNT "
		    "--reason TEXT\n");
		return -1;
	}
	return admin_credit(a->db, a->args[0], a->args[1], a->args[3]);
}

static int
cmd_ledger_check(struct admin *a)
{
	return admin_ledger_check(a->db);
}

/* Send the mail that is due, and say what became of it. */
static int
cmd_mail_send(struct admin *a)
{
	struct mail_run run;

	if (mail_queue_send_due(a->db, &a->cfg, &run) == -1)
		return -1;
	printf("sent %lld mails, %lld to try again, %lld failed\n",
	    (long long)run.sent, (long long)run.retried, (long long)run.failed);
	return 0;
}

/* Remove stored uploads at least an hour old that no row names. */
static int
cmd_sweep_uploads(struct admin *a)
{
	struct uploads_swept sw;
	int rc;

	rc = uploads_sweep(a->db, &a->cfg, UPLOADS_MIN_AGE, &sw);
	printf("removed %lld of %lld uploads older than an hour: no row "
	    "named them\n", (long long)sw.removed, (long long)sw.old);
	return rc;
}

/* What cron's tidying removed. */
struct tidy {
	const struct kaaj_config *cfg;
	int64_t purged;		/* rows of old sent mail */
};

/*
 * The txn body of cron's tidying: spent rate-limit counters and captcha
 * records, and sent mail's rows past mail.keep_sent_days. In a db_txn so
 * that two crons at once, whose DELETEs can deadlock on the same range,
 * retry instead of failing.
 */
static int
tidy_body(struct db *db, void *arg)
{
	struct tidy *t = arg;
	int rc;

	if ((rc = db_exec(db, NULL, NULL, "DELETE FROM rate_limits"
	    " WHERE expires_at < UTC_TIMESTAMP()", "")) != DB_OK ||
	    (rc = db_exec(db, NULL, NULL, "DELETE FROM captcha_used"
	    " WHERE expires_at < UTC_TIMESTAMP()", "")) != DB_OK)
		return rc;
	return mail_queue_purge(db, t->cfg, &t->purged) == 0 ? DB_OK :
	    DB_ERROR;
}

/* Say on stderr which step of cron failed; returns -1. */
static int
cron_failed(const char *step)
{
	fprintf(stderr, "kaaj-admin: cron: %s failed\n", step);
	return -1;
}

/*
 * The periodic work, for a crontab line such as "* * * * * kaaj-admin
 * cron": expired claims free their slots, work not rated in time is
 * approved, spent rate-limit counters and captcha records go, queued mail
 * is sent and sent mail's rows past mail.keep_sent_days go; once an hour,
 * uploads no row names go. Safe to run from several machines at once.
 */
static int
cmd_cron(struct admin *a)
{
	int64_t expired = 0, approved = 0;
	struct tidy tidy = { &a->cfg, 0 };
	struct uploads_swept sw;
	int swept;

	if (task_expire_due(a->db, &expired) != MARKET_OK)
		return cron_failed("expiring claims");
	if (task_approve_due(a->db, &approved) != MARKET_OK)
		return cron_failed("approving work not rated in time");
	printf("expired %lld claims, approved %lld tasks\n",
	    (long long)expired, (long long)approved);
	if (cmd_mail_send(a) == -1)
		return cron_failed("sending mail");
	if (db_txn(a->db, tidy_body, &tidy) != DB_OK)
		return cron_failed("tidying old rows");
	printf("deleted %lld rows of old sent mail\n", (long long)tidy.purged);
	if (uploads_sweep_hourly(a->db, &a->cfg, &swept, &sw) == -1)
		return cron_failed("sweeping uploads");
	if (swept)
		printf("removed %lld of %lld uploads older than an hour: no "
		    "row named them\n", (long long)sw.removed,
		    (long long)sw.old);
	return 0;
}

static const struct command commands[] = {
	{ "check-config", NULL, 0, 0, cmd_check_config,
	    "read and check the configuration file" },
	{ "migrate", "--dry-run", 0, 1, cmd_migrate,
	    "apply the pending schema migrations (--dry-run: list them)" },
	{ "schema-version", NULL, 0, 1, cmd_schema_version,
	    "print the applied schema version (0: none)" },
	{ "load-demo", NULL, 0, 1, cmd_load_demo,
	    "add demo accounts and campaigns (safe to repeat)" },
	{ "plugins", NULL, 0, 0, cmd_plugins,
	    "list the job types that load, with their minimum pay" },
	{ "create-admin", "USERNAME EMAIL", 2, 1, cmd_create_admin,
	    "create an admin account; the password is read from stdin" },
	{ "ban", "USERNAME REASON", 2, 1, cmd_ban,
	    "ban a user, ending their sessions; they see the reason" },
	{ "unban", "USERNAME", 1, 1, cmd_unban, "lift a user's ban" },
	{ "credit", "USERNAME AMOUNT --reason TEXT", 4, 1, cmd_credit,
	    "add money to a user's balance from outside" },
	{ "cron", NULL, 0, 1, cmd_cron,
	    "expire claims, approve work not rated in time, send mail, "
	    "tidy up" },
	{ "sweep-uploads", NULL, 0, 1, cmd_sweep_uploads,
	    "remove uploads older than an hour that no row names (cron "
	    "does it hourly)" },
	{ "mail-send", NULL, 0, 1, cmd_mail_send,
	    "send the queued mail that is due (cron does it too)" },
	{ "ledger-check", NULL, 0, 1, cmd_ledger_check,
	    "prove the ledger sums to zero and no balance is wrong" },
	{ "help", NULL, 0, 0, NULL, "show this text" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: kaaj-admin [-c FILE] COMMAND [ARGS]\n"
	    "FILE defaults to $KAAJ_CONFIG, else %s\ncommands:\n",
	    DEFAULT_CONFIG);
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %s%s%s%s\n      %s\n", commands[i].name,
		    commands[i].flag == NULL ? "" : commands[i].nargs > 0 ?
		    " " : " [",
		    commands[i].flag != NULL ? commands[i].flag : "",
		    commands[i].flag == NULL || commands[i].nargs > 0 ? "" :
		    "]", commands[i].help);
}

static int
bad_usage(const char *what, const char *arg)
{
	fprintf(stderr, "kaaj-admin: %s%s\n", what, arg);
	usage(stderr);
	return EXIT_USAGE;
}

static const struct command *
find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

/* Load the configuration, open the database if needed, run the command. */
static int
run_command(struct admin *a, const struct command *cmd)
{
	char err[512];
	int rc;

	if (config_load(a->config_path, &a->cfg, err, sizeof(err)) == -1) {
		fprintf(stderr, "kaaj-admin: %s\n", err);
		return EXIT_FAILURE;
	}
	if (cmd->needs_db && (a->db = db_new(&a->cfg)) == NULL) {
		fprintf(stderr, "kaaj-admin: out of memory\n");
		config_free(&a->cfg);
		return EXIT_FAILURE;
	}
	rc = cmd->run(a);
	db_free(a->db);
	config_free(&a->cfg);
	if (rc != 0) {
		fprintf(stderr, "kaaj-admin: %s failed\n", cmd->name);
		return EXIT_FAILURE;
	}
	if (fflush(stdout) == EOF || ferror(stdout)) {
		fprintf(stderr, "kaaj-admin: cannot write the output\n");
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

int
main(int argc, char *argv[])
{
	const struct command *cmd;
	struct admin a;
	const char *env;
	int c;

	memset(&a, 0, sizeof(a));
	/* "+": stop at the command, whose own arguments follow it. */
	while ((c = getopt(argc, argv, "+c:")) != -1) {
		if (c != 'c') {
			usage(stderr);
			return EXIT_USAGE;
		}
		a.config_path = optarg;
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return bad_usage("no command given", "");
	if ((cmd = find_command(argv[0])) == NULL)
		return bad_usage("unknown command: ", argv[0]);
	if (cmd->nargs > 0) {
		if (argc - 1 != cmd->nargs)
			return bad_usage("wrong number of arguments for ",
			    cmd->name);
	} else if (argc > 1 && (cmd->flag == NULL ||
	    strcmp(argv[1], cmd->flag) != 0))
		return bad_usage("unexpected argument: ", argv[1]);
	else if (argc > 2)
		return bad_usage("unexpected argument: ", argv[2]);
	a.args = argv + 1;
	if (cmd->run == NULL) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	a.flag = cmd->nargs == 0 && argc == 2;
	if (a.config_path == NULL) {
		env = getenv("KAAJ_CONFIG");
		a.config_path = env != NULL && env[0] != '\0' ? env :
		    DEFAULT_CONFIG;
	}
	return run_command(&a, cmd);
}
