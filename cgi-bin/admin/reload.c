/*
 * kaaj-admin reload (reload.h). How the processes are found is in
 * docs/deploy.md ("Reloading the configuration").
 */
#include <signal.h>
#include <stdio.h>

#include "admin/reload.h"
#include "base/pidfile.h"
#include "base/site.h"

int
admin_reload(const char *config_path, FILE *out)
{
	struct site_files files;
	char err[1024];
	size_t i, told;
	int rc = 0;

	if (site_files_load(config_path,
	    SITE_PLUGINS_REQUIRED | SITE_PARSE_TEMPLATES, &files, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "kaaj-admin: %s\n", err);
		fprintf(stderr, "kaaj-admin: nothing was reloaded\n");
		return -1;
	}
	for (i = 0; i < files.plugins.n_refused; i++)
		fprintf(out, "plugin %s refused: %s\n",
		    files.plugins.refused[i].path,
		    files.plugins.refused[i].reason);
	fprintf(out, "%s: ok (%zu job types)\n", config_path,
	    files.plugins.n);
	if (files.cfg.run_dir[0] == '\0') {
		fprintf(stderr, "kaaj-admin: %s: paths.run is not set, so no "
		    "kaaj.fcgi can be found (under Apache: apachectl "
		    "graceful)\n", config_path);
		rc = -1;
	} else if (pidfile_signal_all(files.cfg.run_dir, SIGHUP, &told, err,
	    sizeof(err)) == -1) {
		fprintf(stderr, "kaaj-admin: %s\n", err);
		rc = -1;
	}
	if (files.cfg.run_dir[0] != '\0')
		fprintf(out, "told %zu kaaj.fcgi process%s to reload\n", told,
		    told == 1 ? "" : "es");
	site_files_free(&files);
	return rc;
}
