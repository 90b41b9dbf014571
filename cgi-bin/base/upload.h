/*
 * Screenshots and receipts uploaded by users: checked by content (PNG,
 * JPEG or WebP, whatever the browser claimed), stored under a random name
 * in a folder of paths.uploads (outside the web root), and read back only
 * by handlers that checked who may see them.
 */
#ifndef KAAJ_UPLOAD_H
#define KAAJ_UPLOAD_H

#include <stddef.h>

#include "base/buf.h"

struct kaaj_config;

#define UPLOAD_NAME_MAX 64	/* stored names: 32 hex digits + ".png" */

enum upload_type {
	UPLOAD_NOT_IMAGE = 0,
	UPLOAD_PNG,
	UPLOAD_JPEG,
	UPLOAD_WEBP
};

/* What the first bytes of data say it is. */
enum upload_type upload_sniff(const char *data, size_t len);

/* The Content-Type to serve a type with ("image/png"), or NULL. */
const char *upload_content_type(enum upload_type type);

/*
 * Store the len bytes at data in paths.uploads/folder (folder: [a-z]+, made when missing)
 * under a new random name written to name. Returns 0, or -1 with *why a
 * Lang.Form.Error key: "upload_empty", "upload_too_big" (over
 * limits.max_upload), "upload_not_image", or "upload_failed" (the disk;
 * logged).
 */
int upload_store(const struct kaaj_config *cfg, const char *folder,
    const char *data, size_t len, char name[UPLOAD_NAME_MAX],
    const char **why);

/* Whether name has the shape of a name upload_store makes. */
int upload_name_ok(const char *name);

/*
 * Remove folder/name, a file upload_store made that is not needed after
 * all (the request it came with failed, or newer proof replaced it).
 * Names of any other shape are ignored.
 */
void upload_remove(const struct kaaj_config *cfg, const char *folder,
    const char *name);

/*
 * Read back folder/name (a name upload_store made; anything else is
 * refused) into out and say its type. Returns 0, or -1 when it cannot be
 * read.
 */
int upload_read(const struct kaaj_config *cfg, const char *folder,
    const char *name, struct buf *out, enum upload_type *type);

#endif
