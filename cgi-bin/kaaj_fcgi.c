/*
 * kaaj.fcgi: the web front of kaaj. Serves requests under FastCGI
 * (spawn-fcgi, mod_fcgid) or, when started as plain CGI, the one request
 * of this process.
 */
#include "autoconf.h"	/* from configure: PACKAGE_VERSION */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>
#include <sodium.h>
/* -fsanitize=address: gcc defines a macro, clang 14 has a feature. */
#if defined(__SANITIZE_ADDRESS__)
#define KAAJ_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KAAJ_ASAN 1
#endif
#endif
#ifdef KAAJ_ASAN
#include <sanitizer/lsan_interface.h>
#endif

#include "base/cs.h"
#include "storage/db.h"
#include "base/log.h"
#include "base/pidfile.h"
#include "base/site.h"
#include "front/router.h"

extern char **environ;

/* Process-wide signal state; never request data. */
static volatile sig_atomic_t reload_requested;
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t in_request;
/* This process's pid file (paths.run), "" when none; removed at exit. */
static char pid_path[1100];

static void
on_hup(int sig)
{
	(void)sig;
	reload_requested = 1;
}

static void
on_term(int sig)
{
	(void)sig;
	if (!in_request) {
		pidfile_remove(pid_path);
#ifdef KAAJ_ASAN
		/* _exit skips LeakSanitizer's exit check: run it here. */
		__lsan_do_leak_check();
#endif
		_exit(0);
	}
	stop_requested = 1;
}

static const char *
config_path(void)
{
	const char *p = getenv("KAAJ_CONFIG");

	return p != NULL && *p != '\0' ? p : KAAJ_SYSCONFDIR "/kaaj/kaaj.conf";
}

/* The path part of base_url ("" for "http://host"). */
static void
set_base_path(struct app *app)
{
	const char *u = strstr(app->cfg.base_url, "://");
	const char *slash = u != NULL ? strchr(u + 3, '/') : NULL;

	snprintf(app->base_path, sizeof(app->base_path), "%s",
	    slash != NULL ? slash : "");
}

/*
 * Take over what fresh holds (fresh is left empty) and remake what the
 * pages keep per process from it.
 */
static void
app_take_files(struct app *app, struct site_files *fresh)
{
	plugin_set_free(&app->plugins);
	app->plugins = fresh->plugins;
	render_env_move(&app->render, &fresh->render);
	config_free(&app->cfg);
	app->cfg = fresh->cfg;
	memset(fresh, 0, sizeof(*fresh));
	set_base_path(app);
	app_plugins_changed(app);
}

/* Everything a process needs before its first request. 0 or -1. */
static int
app_init(struct app *app, const char *path)
{
	struct site_files files;
	char err[1024];
	NEOERR *nerr;

	memset(app, 0, sizeof(*app));
	if (sodium_init() < 0) {
		fprintf(stderr, "kaaj.fcgi: libsodium failed to start\n");
		return -1;
	}
	if ((nerr = nerr_init()) != STATUS_OK) {
		nerr_ignore(&nerr);
		fprintf(stderr, "kaaj.fcgi: ClearSilver failed to start\n");
		return -1;
	}
	/*
	 * A missing plugin folder is logged; the site still serves. A
	 * FastCGI process parses every template now; a plain CGI one,
	 * which serves one page, only the page's.
	 */
	if (site_files_load(path, FCGX_IsCGI() ? 0 : SITE_PARSE_TEMPLATES,
	    &files, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	app_take_files(app, &files);
	if (tz_table_load(&app->zones, TZ_TABLE_PATH, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "kaaj.fcgi: %s\n", err);
		return -1;
	}
	if ((app->db = db_new(&app->cfg)) == NULL) {
		fprintf(stderr, "kaaj.fcgi: out of memory\n");
		return -1;
	}
	return 0;
}

static void
app_free(struct app *app)
{
	db_free(app->db);
	plugin_set_free(&app->plugins);
	render_env_free(&app->render);
	tz_table_free(&app->zones);
	config_free(&app->cfg);
}

/* Non-zero when a and b differ in a string key. */
static int
differ(const char *a, const char *b)
{
	return strcmp(a, b) != 0;
}

/* Non-zero when a and b connect to the database differently. */
static int
db_settings_differ(const struct kaaj_config *a, const struct kaaj_config *b)
{
	return differ(a->db_socket, b->db_socket) ||
	    differ(a->db_host, b->db_host) || a->db_port != b->db_port ||
	    differ(a->db_name, b->db_name) || differ(a->db_user, b->db_user) ||
	    differ(a->db_password, b->db_password) ||
	    a->db_timeout != b->db_timeout ||
	    a->db_sync_wait != b->db_sync_wait;
}

/*
 * SIGHUP, between requests: read the configuration, the plugins, the
 * language files and the templates again, and only when all of them
 * load, serve with them. Else log why, with the
 * file and line, and keep serving with what was loaded before.
 */
static void
reload_site(struct app *app)
{
	struct site_files fresh;
	char err[1024];
	struct db *db;

	log_info(NULL, "SIGHUP: rereading %s", config_path());
	if (site_files_load(config_path(),
	    SITE_PLUGINS_REQUIRED | SITE_PARSE_TEMPLATES, &fresh, err,
	    sizeof(err)) == -1) {
		log_err(NULL, "SIGHUP: %s", err);
		log_err(NULL, "SIGHUP: the configuration loaded before keeps "
		    "serving, unchanged");
		return;
	}
	if (differ(app->cfg.run_dir, fresh.cfg.run_dir))
		log_warn(NULL, "SIGHUP: paths.run changed: needs a restart "
		    "(the pid file stays %s)", pid_path[0] != '\0' ?
		    pid_path : "unwritten");
	if (db_settings_differ(&app->cfg, &fresh.cfg)) {
		/* The handle reads app->cfg when it connects (lazily). */
		if ((db = db_new(&app->cfg)) == NULL) {
			log_err(NULL, "SIGHUP: out of memory; the "
			    "configuration loaded before keeps serving");
			site_files_free(&fresh);
			return;
		}
		db_free(app->db);
		app->db = db;
		log_info(NULL, "SIGHUP: database settings changed: "
		    "connecting again");
	}
	app_take_files(app, &fresh);
	log_info(NULL, "SIGHUP: reloaded %s: %zu job types from %s, %zu "
	    "refused", app->cfg.path, app->plugins.n, app->cfg.plugin_dir,
	    app->plugins.n_refused);
}

static int
serve_fastcgi(struct app *app)
{
	FCGX_Request fr;
	struct http_io io;

	if (FCGX_Init() != 0 || FCGX_InitRequest(&fr, 0, 0) != 0) {
		log_err(NULL, "FastCGI failed to start");
		return 1;
	}
	memset(&io, 0, sizeof(io));
	while (!stop_requested && FCGX_Accept_r(&fr) >= 0) {
		in_request = 1;
		if (reload_requested) {
			reload_requested = 0;
			reload_site(app);
		}
		io.in = fr.in;
		io.out = fr.out;
		io.envp = fr.envp;
		dispatch(app, &io);
		FCGX_Finish_r(&fr);
		in_request = 0;
	}
	FCGX_Free(&fr, 1);
	return 0;
}

static void
usage(void)
{
	fprintf(stderr, "usage: kaaj.fcgi [--check-config FILE | --version]\n"
	    "Serves kaaj under FastCGI or CGI; reads the file named by "
	    "KAAJ_CONFIG.\n");
}

int
main(int argc, char *argv[])
{
	static struct app app;
	struct sigaction sa;
	struct http_io io;
	char err[1024];
	int rc;

	if (argc == 3 && strcmp(argv[1], "--check-config") == 0) {
		if (config_load(argv[2], &app.cfg, err, sizeof(err)) == -1) {
			fprintf(stderr, "%s\n", err);
			return 1;
		}
		config_free(&app.cfg);
		printf("%s: ok\n", argv[2]);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--version") == 0) {
		printf("kaaj.fcgi %s (plugin ABI %d)\n", PACKAGE_VERSION,
		    KAAJ_JOBTYPE_ABI);
		return 0;
	}
	if (argc != 1) {
		usage();
		return 2;
	}
	if (app_init(&app, config_path()) == -1)
		return 1;
	memset(&sa, 0, sizeof(sa));
	/* fcgi2 does not retry a read cut short by a signal. */
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_hup;
	sigaction(SIGHUP, &sa, NULL);
	/* multiwatch forwards SIGUSR2 (SIGHUP would stop it). */
	sigaction(SIGUSR2, &sa, NULL);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);	/* mod_fcgid's graceful stop */

	if (FCGX_IsCGI()) {
		memset(&io, 0, sizeof(io));
		io.envp = environ;
		dispatch(&app, &io);
		/*
		 * One request per process: exit hands every page back at
		 * once, which is cheaper than freeing the language tree and
		 * closing the plugins piece by piece. Only the database is
		 * told goodbye, so that it logs no aborted connection. (app
		 * is static: what it holds is still reachable at exit, which
		 * LeakSanitizer accepts.)
		 */
		db_free(app.db);
		return 0;
	}
	if (app.cfg.run_dir[0] != '\0' && pidfile_write(app.cfg.run_dir,
	    pid_path, sizeof(pid_path)) == -1)
		log_warn(NULL, "paths.run: cannot write a pid file in %s: %s "
		    "(kaaj-admin reload will not find this process)",
		    app.cfg.run_dir, strerror(errno));
	rc = serve_fastcgi(&app);
	pidfile_remove(pid_path);
	app_free(&app);
	return rc;
}
