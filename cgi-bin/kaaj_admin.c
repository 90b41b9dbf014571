/*
 * kaaj-admin: the operator's command.
 *
 *	kaaj-admin [-c FILE] COMMAND [ARGS] [--reason TEXT]
 *	kaaj-admin [-c FILE] setup [OPTIONS]
 *	kaaj-admin --help | -h | help
 *
 * The configuration is FILE, else $KAAJ_CONFIG, else the installed
 * default. Exit status: 0 done (and the usage asked for), 1 failed (the
 * reason is on stderr), 2 bad usage: an unknown command or option, a
 * missing or extra argument, a bad value, or no --reason for a command
 * that changes money or users. Such commands, and migrate, load-demo and
 * sweep-uploads when they change something, write an audit row as the
 * OS user running kaaj-admin (accounts/audit.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "admin/admin.h"
#include "admin/admin_money.h"
#include "admin/admin_users.h"
#include "admin/cron.h"
#include "accounts/audit.h"
#include "accounts/password.h"
#include "base/config.h"
#include "storage/db.h"
#include "admin/demo.h"
#include "admin/reload.h"
#include "admin/setup.h"
#include "admin/uploads.h"
#include "storage/migrate.h"
#include "base/money.h"
#include "base/plugin.h"
#include "base/text.h"

#ifndef KAAJ_SYSCONFDIR
#error "KAAJ_SYSCONFDIR must be defined by the build"
#endif

#define DEFAULT_CONFIG	KAAJ_SYSCONFDIR "/kaaj/kaaj.conf"

enum {
	EXIT_USAGE = 2
};

/* At most this many arguments of a command, its options left out. */
#define ARGS_MAX 4

struct admin {
	const char *config_path;
	struct kaaj_config cfg;
	struct db *db;		/* for commands that need the database */
	int flag;		/* the command's optional flag was given */
	char *args[ARGS_MAX];	/* the command's own arguments */
	const char *reason;	/* --reason TEXT; NULL when not given */
	const struct setup *setup;	/* what setup was told */
	const char *key;	/* --key KEY; NULL when not given */
};

/* Whether a command takes --reason TEXT. */
enum reason_use {
	REASON_NONE,		/* refused */
	REASON_NEEDED,		/* required: it changes money or users */
	REASON_OR_LAST,		/* required, or as its last argument (ban) */
	REASON_OPTIONAL		/* taken into its audit row when given */
};

struct command {
	const char *name;
	const char *flag;	/* its one optional flag, or its arguments' names */
	int nargs;		/* arguments it needs (then no flag) */
	int needs_db;
	int (*run)(struct admin *);
	const char *help;
	enum reason_use reason;
	int takes_key;		/* takes --key KEY, an idempotency key */
};

/*
 * Write the audit row of a run of a command that changed something
 * outside a transaction of its own (migrate, sweep-uploads): the change
 * is made already, so a row that cannot be written is said on stderr.
 */
static int
audit_run(struct admin *a, const char *action, const char *target,
    int64_t id, const char *detail)
{
	if (audit_write(a->db, action, target, id, a->reason, detail) ==
	    DB_OK)
		return 0;
	fprintf(stderr, "kaaj-admin: the change is made, but its audit row "
	    "could not be written\n");
	return -1;
}

static int
cmd_check_config(struct admin *a)
{
	printf("%s: ok\n", a->config_path);
	return 0;
}

/* Apply the migrations; a run that applied any writes an audit row. */
static int
cmd_migrate(struct admin *a)
{
	int before, after, rc;
	char detail[64];

	if (migrate_current(a->db, &before) == -1)
		return -1;
	rc = migrate_apply(a->db, a->cfg.sql_dir, a->flag, stdout);
	if (a->flag || migrate_current(a->db, &after) == -1 ||
	    after == before)
		return rc;
	snprintf(detail, sizeof(detail), "schema version %d to %d", before,
	    after);
	if (audit_run(a, "schema.migrate", "schema", after, detail) == -1)
		return -1;
	return rc;
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
	return demo_load(a->db, a->reason, stdout);
}

static int
cmd_plugins(struct admin *a)
{
	struct plugin_set set = { .items = NULL };
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
cmd_reload(struct admin *a)
{
	return admin_reload(a->config_path, stdout);
}

static int
cmd_create_admin(struct admin *a)
{
	return admin_create_admin(a->db, &a->cfg, a->args[0], a->args[1],
	    a->reason, stdin);
}

static int
cmd_ban(struct admin *a)
{
	return admin_ban(a->db, a->args[0], a->reason);
}

static int
cmd_unban(struct admin *a)
{
	return admin_unban(a->db, a->args[0], a->reason);
}

static int
cmd_credit(struct admin *a)
{
	return admin_credit(a->db, a->args[0], a->args[1], a->reason, a->key);
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
	return admin_mail_send(a->db, &a->cfg);
}

/*
 * Remove stored uploads at least an hour old that no row names; a run
 * that removed any writes an audit row.
 */
static int
cmd_sweep_uploads(struct admin *a)
{
	struct uploads_swept sw = { 0, 0 };
	char detail[96];
	int rc;

	rc = uploads_sweep(a->db, &a->cfg, UPLOADS_MIN_AGE, &sw);
	printf("removed %lld of %lld uploads older than an hour: no row "
	    "named them\n", (long long)sw.removed, (long long)sw.old);
	if (sw.removed == 0)
		return rc;
	snprintf(detail, sizeof(detail), "removed %lld of %lld old uploads",
	    (long long)sw.removed, (long long)sw.old);
	if (audit_run(a, "uploads.sweep", "site", 0, detail) == -1)
		return -1;
	return rc;
}

/* The periodic work (admin/cron.h). */
static int
cmd_cron(struct admin *a)
{
	return admin_cron(a->db, &a->cfg);
}

/*
 * After setup_write_config(): the schema, then the first admin unless
 * the account is there already (setup run again).
 */
static int
cmd_setup(struct admin *a)
{
	char password[PASSWORD_MAX * 4 + 2];
	const struct setup *s = a->setup;
	FILE *in;
	int rc;

	if ((rc = cmd_migrate(a)) != 0 || s->no_admin)
		return rc;
	if ((rc = admin_user_exists(a->db, s->admin_user)) != 0) {
		if (rc == 1)
			printf("user %s exists already: left as it is\n",
			    s->admin_user);
		return rc == 1 ? 0 : ADMIN_FAILED;
	}
	if ((rc = setup_admin_password(s, password, sizeof(password))) != 0)
		return rc;
	if ((in = fmemopen(password, strlen(password), "r")) == NULL)
		rc = ADMIN_FAILED;
	else {
		rc = admin_create_admin(a->db, &a->cfg, s->admin_user,
		    s->admin_email, a->reason, in);
		fclose(in);
	}
	sodium_memzero(password, sizeof(password));
	return rc;
}

static const struct command commands[] = {
	{ "setup", "OPTIONS", 0, 1, cmd_setup,
	    "fill in the configuration file (database, site name and "
	    "address, a fresh secret key), migrate, create the first "
	    "admin; asks on a terminal (options below)", REASON_NONE, 0 },
	{ "check-config", NULL, 0, 0, cmd_check_config,
	    "read and check the configuration file", REASON_NONE, 0 },
	{ "migrate", "--dry-run", 0, 1, cmd_migrate,
	    "apply the pending schema migrations (--dry-run: list them)",
	    REASON_OPTIONAL, 0 },
	{ "schema-version", NULL, 0, 1, cmd_schema_version,
	    "print the applied schema version (0: none)", REASON_NONE, 0 },
	{ "load-demo", NULL, 0, 1, cmd_load_demo,
	    "add demo accounts and campaigns (safe to repeat)",
	    REASON_OPTIONAL, 0 },
	{ "plugins", NULL, 0, 0, cmd_plugins,
	    "list the job types that load, with their minimum pay",
	    REASON_NONE, 0 },
	{ "reload", NULL, 0, 0, cmd_reload,
	    "check the configuration, languages and plugins, then make the "
	    "running kaaj.fcgi reload them",
	    REASON_NONE, 0 },
	{ "create-admin", "USERNAME EMAIL", 2, 1, cmd_create_admin,
	    "create an admin account; the password is read from stdin",
	    REASON_NEEDED, 0 },
	{ "ban", "USERNAME", 1, 1, cmd_ban,
	    "ban a user, ending their sessions; they see the reason (which "
	    "may also come last, without --reason)", REASON_OR_LAST, 0 },
	{ "unban", "USERNAME", 1, 1, cmd_unban, "lift a user's ban",
	    REASON_NEEDED, 0 },
	{ "credit", "USERNAME AMOUNT", 2, 1, cmd_credit,
	    "add money to a user's balance from outside; a second run with "
	    "the same --key credits nothing and says so", REASON_NEEDED, 1 },
	{ "cron", NULL, 0, 1, cmd_cron,
	    "expire claims, approve work not rated in time, send mail and "
	    "webhooks, tidy up", REASON_NONE, 0 },
	{ "sweep-uploads", NULL, 0, 1, cmd_sweep_uploads,
	    "remove uploads older than an hour that no row names (cron "
	    "does it hourly)", REASON_OPTIONAL, 0 },
	{ "mail-send", NULL, 0, 1, cmd_mail_send,
	    "send the queued mail that is due (cron does it too)",
	    REASON_NONE, 0 },
	{ "ledger-check", NULL, 0, 1, cmd_ledger_check,
	    "prove the ledger sums to zero and no balance is wrong",
	    REASON_NONE, 0 },
	{ "help", NULL, 0, 0, NULL, "show this text (also --help, -h)",
	    REASON_NONE, 0 },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	const struct command *cmd;
	int optional;

	fprintf(f, "usage: kaaj-admin [-c FILE] COMMAND [ARGS]\n"
	    "       kaaj-admin --help\n\n"
	    "Runs a command on the kaaj site of the configuration FILE, which "
	    "defaults\nto $KAAJ_CONFIG, else %s. Commands that change money "
	    "or\nusers need --reason TEXT, kept in the audit log. Exit "
	    "status: 0 done,\n1 failed, 2 bad usage.\n\nCommands:\n",
	    DEFAULT_CONFIG);
	for (cmd = commands; cmd < commands + NCOMMANDS; cmd++) {
		optional = cmd->flag != NULL && cmd->nargs == 0;
		fprintf(f, "  %s%s%s%s%s%s%s\n      %s\n", cmd->name,
		    cmd->flag == NULL ? "" : optional ? " [" : " ",
		    cmd->flag != NULL ? cmd->flag : "", optional ? "]" : "",
		    cmd->reason == REASON_NEEDED ||
		    cmd->reason == REASON_OR_LAST ? " --reason TEXT" : "",
		    cmd->reason == REASON_OPTIONAL ? " [--reason TEXT]" : "",
		    cmd->takes_key ? " [--key KEY]" : "", cmd->help);
	}
	setup_usage(f);
}

/* Say what is wrong with the command line on stderr; returns exit 2. */
static int
bad_usage(const char *what, const char *arg)
{
	fprintf(stderr, "kaaj-admin: %s%s\n", what, arg);
	fprintf(stderr, "kaaj-admin: see kaaj-admin --help\n");
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

/*
 * Non-zero when word looks like an option: a dash, then something that
 * does not start a number ("-5" is an amount, for credit to refuse).
 */
static int
is_option(const char *word)
{
	return word[0] == '-' && word[1] != '\0' && word[1] != '.' &&
	    (word[1] < '0' || word[1] > '9');
}

/*
 * Sort the words after the command into its arguments, its flag,
 * --reason TEXT and --key KEY (also --reason=TEXT, --key=KEY, anywhere
 * after the command). Returns
 * 0, EXIT_USAGE after saying what is wrong, or -1 when --help or -h asks
 * for the usage.
 */
static int
read_args(struct admin *a, const struct command *cmd, int argc, char **argv)
{
	int i, n = 0;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return -1;
		if (strcmp(argv[i], "--reason") == 0 ||
		    strncmp(argv[i], "--reason=", 9) == 0) {
			if (cmd->reason == REASON_NONE)
				return bad_usage("--reason is not an option "
				    "of ", cmd->name);
			if (a->reason != NULL)
				return bad_usage("--reason given twice", "");
			if (argv[i][8] == '=')
				a->reason = argv[i] + 9;
			else if (++i < argc)
				a->reason = argv[i];
			else
				return bad_usage("--reason needs a text", "");
		} else if (strcmp(argv[i], "--key") == 0 ||
		    strncmp(argv[i], "--key=", 6) == 0) {
			if (!cmd->takes_key)
				return bad_usage("--key is not an option of ",
				    cmd->name);
			if (a->key != NULL)
				return bad_usage("--key given twice", "");
			if (argv[i][5] == '=')
				a->key = argv[i] + 6;
			else if (++i < argc)
				a->key = argv[i];
			else
				return bad_usage("--key needs a text", "");
		} else if (cmd->flag != NULL && cmd->nargs == 0 &&
		    strcmp(argv[i], cmd->flag) == 0)
			a->flag = 1;
		else if (is_option(argv[i]))
			return bad_usage("unknown option: ", argv[i]);
		else if (n < ARGS_MAX)
			a->args[n++] = argv[i];
		else
			return bad_usage("unexpected argument: ", argv[i]);
	}
	/* ban USERNAME REASON, the older form. */
	if (cmd->reason == REASON_OR_LAST && a->reason == NULL &&
	    n == cmd->nargs + 1)
		a->reason = a->args[--n];
	if (n < cmd->nargs)
		return bad_usage("missing argument for ", cmd->name);
	if (n > cmd->nargs)
		return bad_usage("unexpected argument: ", a->args[cmd->nargs]);
	if ((cmd->reason == REASON_NEEDED || cmd->reason == REASON_OR_LAST) &&
	    a->reason == NULL)
		return bad_usage("give the reason with --reason TEXT: this "
		    "command changes money or users: ", cmd->name);
	if (a->reason != NULL && (a->reason[0] == '\0' ||
	    text_chars(a->reason) > AUDIT_REASON_MAX))
		return bad_usage("--reason needs 1 to 500 characters for ",
		    cmd->name);
	return 0;
}

/* Load the configuration, open the database if needed, run the command. */
static int
run_command(struct admin *a, const struct command *cmd)
{
	struct audit_actor actor;
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
	if (a->db != NULL) {
		audit_actor_cli(&actor);
		db_set_actor(a->db, &actor);
	}
	rc = cmd->run(a);
	db_free(a->db);
	config_free(&a->cfg);
	if (rc == ADMIN_BAD_VALUE)
		return EXIT_USAGE;
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

/*
 * setup: write the configuration file from the options, then run the
 * command (migrate, first admin) with the new file.
 */
static int
run_setup(struct admin *a, const struct command *cmd, int argc, char **argv)
{
	struct setup s;
	int rc;

	rc = setup_read(&s, a->config_path, argc, argv);
	if (rc == 0)
		rc = setup_write_config(&s, a->config_path);
	if (rc == 0) {
		a->setup = &s;
		a->reason = "kaaj-admin setup";
		rc = run_command(a, cmd);
	} else
		rc = rc == ADMIN_BAD_VALUE ? EXIT_USAGE : EXIT_FAILURE;
	setup_free(&s);
	return rc;
}

/* Whether the words ask for the usage. */
static int
asks_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 ||
		    strcmp(argv[i], "-h") == 0)
			return 1;
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option options[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const struct command *cmd;
	struct admin a;
	const char *env;
	int c, rc = 0;

	memset(&a, 0, sizeof(a));
	opterr = 0;	/* bad_usage says it, naming the option */
	/* "+": stop at the command, whose own arguments follow it. */
	while ((c = getopt_long(argc, argv, "+c:h", options, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return EXIT_SUCCESS;
		}
		if (c != 'c')
			return bad_usage(optopt == 'c' ? "-c needs a file" :
			    "unknown option: ", optopt == 'c' ? "" :
			    argv[optind - 1]);
		a.config_path = optarg;
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		return bad_usage("no command given", "");
	if ((cmd = find_command(argv[0])) == NULL)
		return bad_usage("unknown command: ", argv[0]);
	if (cmd->run == cmd_setup && asks_help(argc - 1, argv + 1)) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	if ((cmd->run != cmd_setup &&
	    (rc = read_args(&a, cmd, argc - 1, argv + 1)) != 0) ||
	    cmd->run == NULL) {
		if (rc > 0)
			return rc;
		usage(stdout);
		return EXIT_SUCCESS;
	}
	if (a.config_path == NULL) {
		env = getenv("KAAJ_CONFIG");
		a.config_path = env != NULL && env[0] != '\0' ? env :
		    DEFAULT_CONFIG;
	}
	if (cmd->run == cmd_setup)
		return run_setup(&a, cmd, argc - 1, argv + 1);
	return run_command(&a, cmd);
}
