/*
 * Versions of the static files (style sheet, scripts, icons) for their
 * links: a page links /static/kaaj.css?v=HASH, so that the web server may
 * let browsers keep a file for a year, and a changed file (a new release,
 * an admin's edit of the style sheet) is fetched anew on the next page.
 */
#ifndef KAAJ_STATIC_FILES_H
#define KAAJ_STATIC_FILES_H

#include <stddef.h>

#include "base/render.h"

/*
 * For each regular file NAME.EXT of folder dir (paths.static), share
 * Static.NAME_EXT = "?v=" and the first 16 hex digits of the file's
 * BLAKE2b hash with every page (render_share). dir "" shares nothing
 * (the links have no version). Returns 0, or -1 with "dir: what is
 * wrong" in err.
 */
int static_versions_share(struct render_env *env, const char *dir,
    char *err, size_t errlen);

#endif
