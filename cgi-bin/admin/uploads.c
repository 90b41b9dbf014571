/*
 * kaaj-admin's sweep of the upload folder (uploads.h).
 *
 * A folder is read once; each regular file of upload_store's name shape
 * and old enough joins a batch, and a batch's names go to the database as
 * one JSON array: JSON_TABLE makes rows of it, read first (STRAIGHT_JOIN,
 * so the plan never depends on the table's size) and joined on the key
 * that holds the names (sql/0011): one index look-up per name, never a
 * scan of the table. Names no row holds are removed.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin/uploads.h"
#include "base/buf.h"
#include "base/config.h"
#include "base/upload.h"
#include "storage/db.h"

#define BATCH 500

/* A folder of uploads and the statement naming which of ? rows hold. */
static const struct owner {
	const char *folder;
	const char *sql;
} owners[] = {
	{ "screenshots", "SELECT t.screenshot FROM JSON_TABLE(?, '$[*]'"
	    " COLUMNS (n VARCHAR(64) CHARACTER SET utf8mb4"
	    " COLLATE utf8mb4_unicode_ci PATH '$')) j"
	    " STRAIGHT_JOIN tasks t ON t.screenshot = j.n" },
	{ "receipts", "SELECT d.receipt FROM JSON_TABLE(?, '$[*]'"
	    " COLUMNS (n VARCHAR(64) CHARACTER SET utf8mb4"
	    " COLLATE utf8mb4_unicode_ci PATH '$')) j"
	    " STRAIGHT_JOIN deposits d ON d.receipt = j.n" },
};

struct batch {
	char names[BATCH][UPLOAD_NAME_MAX];
	size_t n;
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Remove the batch's files that no row names, then empty the batch. */
static int
flush(struct db *db, const struct kaaj_config *cfg, const struct owner *o,
    struct batch *b, struct uploads_swept *out)
{
	struct db_result r;
	struct buf json;
	char *held;
	size_t i;
	int rc;

	if (b->n == 0)
		return 0;
	buf_init(&json);
	/* upload_store's names are hex digits and a dot: nothing to escape. */
	rc = buf_puts(&json, "[");
	for (i = 0; i < b->n && rc == 0; i++)
		rc = buf_printf(&json, "%s\"%s\"", i > 0 ? "," : "",
		    b->names[i]);
	if (rc == 0)
		rc = buf_puts(&json, "]");
	if (rc != 0) {
		buf_free(&json);
		fprintf(stderr, "kaaj-admin: out of memory\n");
		return -1;
	}
	rc = db_query(db, &r, o->sql, "s", json.data);
	buf_free(&json);
	if (rc != DB_OK) {
		fprintf(stderr, "kaaj-admin: cannot look up stored %s: %s\n",
		    o->folder, db_error(db));
		return -1;
	}
	qsort(b->names, b->n, sizeof(b->names[0]), by_name);
	/* A name a row holds is blanked, so it stays. */
	for (i = 0; i < r.nrows; i++) {
		held = bsearch(db_cell(&r, i, 0), b->names, b->n,
		    sizeof(b->names[0]), by_name);
		if (held != NULL)
			held[0] = '\0';
	}
	db_result_free(&r);
	for (i = 0; i < b->n; i++)
		if (b->names[i][0] != '\0') {
			upload_remove(cfg, o->folder, b->names[i]);
			out->removed++;
		}
	b->n = 0;
	return 0;
}

static int
sweep_folder(struct db *db, const struct kaaj_config *cfg,
    const struct owner *o, time_t before, struct batch *b,
    struct uploads_swept *out)
{
	char path[1100];
	struct dirent *e;
	struct stat st;
	size_t len;
	DIR *d;
	int rc = 0;

	snprintf(path, sizeof(path), "%s/%s", cfg->upload_dir, o->folder);
	if ((d = opendir(path)) == NULL) {
		if (errno == ENOENT)
			return 0;	/* nothing was ever stored there */
		fprintf(stderr, "kaaj-admin: cannot read %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	b->n = 0;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!upload_name_ok(e->d_name) ||
		    fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
		    -1 || !S_ISREG(st.st_mode) || st.st_mtime > before)
			continue;
		len = strlen(e->d_name);	/* under 64: upload_name_ok */
		out->old++;
		memcpy(b->names[b->n++], e->d_name, len + 1);
		if (b->n == BATCH)
			rc = flush(db, cfg, o, b, out);
	}
	if (rc == 0)
		rc = flush(db, cfg, o, b, out);
	closedir(d);
	return rc;
}

int
uploads_sweep(struct db *db, const struct kaaj_config *cfg, time_t min_age,
    struct uploads_swept *out)
{
	struct batch *b;
	size_t i;
	int rc = 0;

	out->old = out->removed = 0;
	if ((b = malloc(sizeof(*b))) == NULL) {
		fprintf(stderr, "kaaj-admin: out of memory\n");
		return -1;
	}
	for (i = 0; i < sizeof(owners) / sizeof(owners[0]) && rc == 0; i++)
		rc = sweep_folder(db, cfg, &owners[i], time(NULL) - min_age,
		    b, out);
	free(b);
	return rc;
}

int
uploads_sweep_hourly(struct db *db, const struct kaaj_config *cfg, int *ran,
    struct uploads_swept *out)
{
	uint64_t won = 0;

	*ran = 0;
	out->old = out->removed = 0;
	if (db_exec(db, &won, NULL, "UPDATE cron_runs"
	    " SET last_run = UTC_TIMESTAMP() WHERE name = 'upload_sweep'"
	    " AND last_run <= UTC_TIMESTAMP() - INTERVAL 1 HOUR", "") != DB_OK)
		return -1;
	if (won == 0)
		return 0;	/* another run did it within the hour */
	*ran = 1;
	return uploads_sweep(db, cfg, UPLOADS_MIN_AGE, out);
}
