/*
 * kaaj-admin reload: check the site's files, then make the running
 * kaaj.fcgi processes read them again.
 */
#ifndef KAAJ_ADMIN_RELOAD_H
#define KAAJ_ADMIN_RELOAD_H

#include <stdio.h>

/*
 * Load the configuration at config_path, its plugins and its language
 * files exactly as kaaj.fcgi does on SIGHUP (site_files_load). When that
 * fails, say what is wrong (file:line) on stderr, signal nothing and
 * return -1. Else list the refused plugins on out, send SIGHUP to every
 * kaaj.fcgi with a pid file in paths.run, say on out how many were told,
 * and return 0; -1 (said on stderr) when paths.run is unset or cannot be
 * read, or a process could not be told.
 */
int admin_reload(const char *config_path, FILE *out);

#endif
