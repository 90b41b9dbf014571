/*
 * kaaj.fcgi: the web front of kaaj. Serves requests under FastCGI
 * (spawn-fcgi, mod_fcgid) or, when started as plain CGI, the one request
 * of this process.
 */
#include "autoconf.h"	/* from configure: PACKAGE_VERSION */

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
#include "front/router.h"

extern char **environ;

/* Process-wide signal state; never request data. */
static volatile sig_atomic_t reload_requested;
static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t in_request;

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

/* Everything a process needs before its first request. 0 or -1. */
static int
app_init(struct app *app, const char *path)
{
	char err[1024];
	NEOERR *nerr;

	memset(app, 0, sizeof(*app));
	if (config_load(path, &app->cfg, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (sodium_init() < 0) {
		fprintf(stderr, "kaaj.fcgi: libsodium failed to start\n");
		return -1;
	}
	if ((nerr = nerr_init()) != STATUS_OK) {
		nerr_ignore(&nerr);
		fprintf(stderr, "kaaj.fcgi: ClearSilver failed to start\n");
		return -1;
	}
	if (render_env_init(&app->render, app->cfg.template_dir,
	    app->cfg.default_language, err, sizeof(err)) == -1) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	if (tz_table_load(&app->zones, TZ_TABLE_PATH, err, sizeof(err)) ==
	    -1) {
		fprintf(stderr, "kaaj.fcgi: %s\n", err);
		return -1;
	}
	/* site.digits = "bengali": the Bengali pages show Bengali digits. */
	render_native_digits_for(&app->render, strcmp(app->cfg.digits,
	    "bengali") == 0 ? "bn" : NULL);
	set_base_path(app);
	/* A missing plugin folder is logged; the site still serves. */
	plugin_load_dir(app->cfg.plugin_dir, &app->plugins);
	app_plugins_changed(app);
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

/*
 * SIGHUP: read the templates from disk again when next used, and rescan
 * the plugin folder; the old plugins stay if the folder is gone.
 */
static void
reload_plugins(struct app *app)
{
	struct plugin_set fresh = { NULL, 0 };

	render_forget_templates(&app->render);
	log_info(NULL, "SIGHUP: rescanning %s", app->cfg.plugin_dir);
	if (plugin_load_dir(app->cfg.plugin_dir, &fresh) == -1) {
		log_warn(NULL, "keeping the %zu plugins loaded before",
		    app->plugins.n);
		return;
	}
	plugin_set_free(&app->plugins);
	app->plugins = fresh;
	app_plugins_changed(app);
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
			reload_plugins(app);
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
	rc = serve_fastcgi(&app);
	app_free(&app);
	return rc;
}
