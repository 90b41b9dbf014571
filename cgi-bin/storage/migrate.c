/*
 * Schema migrations.
 *
 * A migration is a file NNNN_name.sql in the sql directory: four digits
 * from 0001, an underscore, then [a-z0-9_]. Every other .sql file there is
 * refused rather than skipped, so a misnamed migration cannot go unapplied
 * unnoticed; files that do not end in .sql, and hidden files, are ignored.
 *
 * MariaDB commits DDL implicitly, so a file cannot be applied and recorded
 * atomically: each is recorded in schema_version right after it succeeds,
 * and a failure stops the run with the earlier files recorded. The next
 * run starts again at the failed file, over whatever part of it went
 * through; so write migrations that can run again: CREATE TABLE IF NOT
 * EXISTS, ADD COLUMN IF NOT EXISTS, CREATE INDEX IF NOT EXISTS.
 *
 * No lock is taken (GET_LOCK does not hold across a Galera cluster). Two
 * runs at once may both apply a file; the primary key of schema_version
 * turns the slower INSERT into a duplicate, which counts as applied. With
 * files written as above both runs succeed; a file that is not may fail in
 * the slower run ("table exists"), and running again then finds it done.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/buf.h"
#include "storage/db.h"
#include "base/log.h"
#include "storage/migrate.h"

#define MIGRATION_MAX_BYTES	(16 * 1024 * 1024)

struct migration {
	int version;
	char *file;		/* name within the directory */
};

struct migration_list {
	struct migration *items;
	size_t n, cap;
};

static const char create_sql[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(200) NOT NULL,"
    " applied_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

/* The version of a well-formed migration file name, or 0. */
static int
migration_version(const char *name)
{
	size_t i, n = strlen(name);
	int v = 0;
	char c;

	if (n < 10 || strcmp(name + n - 4, ".sql") != 0 || name[4] != '_')
		return 0;
	for (i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		v = v * 10 + (name[i] - '0');
	}
	for (i = 5; i < n - 4; i++) {
		c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '_'))
			return 0;
	}
	return v;
}

static int
migration_cmp(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;

	return (x->version > y->version) - (x->version < y->version);
}

static void
migrations_free(struct migration_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->items[i].file);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

static int
migrations_add(struct migration_list *list, int version, const char *file)
{
	struct migration *p;
	size_t cap;

	if (list->n == list->cap) {
		cap = list->cap ? list->cap * 2 : 16;
		if ((p = realloc(list->items, cap * sizeof(*p))) == NULL)
			return -1;
		list->items = p;
		list->cap = cap;
	}
	if ((list->items[list->n].file = strdup(file)) == NULL)
		return -1;
	list->items[list->n++].version = version;
	return 0;
}

/* Check a directory entry that ends in .sql and add it to the list. */
static int
migrations_take(struct migration_list *list, const char *dir,
    const char *file)
{
	struct stat st;
	struct buf path;
	int rc = -1, version;

	buf_init(&path);
	if (buf_printf(&path, "%s/%s", dir, file) == -1) {
		log_err(NULL, "migrate: out of memory");
	} else if (stat(path.data, &st) == -1) {
		log_err(NULL, "migrate: %s: %s", path.data, strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		log_err(NULL, "migrate: %s: not a regular file", path.data);
	} else if ((version = migration_version(file)) == 0) {
		log_err(NULL, "migrate: %s: misnamed migration (want NNNN_name"
		    ".sql: four digits from 0001, then [a-z0-9_])", path.data);
	} else if (migrations_add(list, version, file) == -1) {
		log_err(NULL, "migrate: out of memory");
	} else {
		rc = 0;
	}
	buf_free(&path);
	return rc;
}

/* The migrations in dir, sorted by version, none repeated. */
static int
migrations_list(const char *dir, struct migration_list *list)
{
	struct dirent *de;
	size_t i, n;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		log_err(NULL, "migrate: %s: %s", dir, strerror(errno));
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (de->d_name[0] == '.' || n < 4 ||
		    strcmp(de->d_name + n - 4, ".sql") != 0)
			continue;
		rc = migrations_take(list, dir, de->d_name);
	}
	closedir(d);
	if (rc == 0 && list->n > 0)
		qsort(list->items, list->n, sizeof(*list->items),
		    migration_cmp);
	for (i = 1; rc == 0 && i < list->n; i++) {
		if (list->items[i].version != list->items[i - 1].version)
			continue;
		log_err(NULL, "migrate: %s: %s and %s have the same number",
		    dir, list->items[i - 1].file, list->items[i].file);
		rc = -1;
	}
	if (rc != 0)
		migrations_free(list);
	return rc;
}

/* Whether schema_version exists in the current database. */
static int
version_table_exists(struct db *db, int *exists)
{
	struct db_result res;

	if (db_query(db, &res, "SELECT COUNT(*) FROM information_schema.TABLES"
	    " WHERE TABLE_SCHEMA = DATABASE()"
	    " AND TABLE_NAME = 'schema_version'", "") != DB_OK)
		return -1;
	*exists = db_cell_int(&res, 0, 0) > 0;
	db_result_free(&res);
	return 0;
}

/*
 * The applied versions into *res, one per row, ascending; empty when the
 * table does not exist.
 */
static int
applied_versions(struct db *db, struct db_result *res)
{
	int exists;

	memset(res, 0, sizeof(*res));
	if (version_table_exists(db, &exists) == -1)
		return -1;
	if (!exists)
		return 0;
	return db_query(db, res,
	    "SELECT version FROM schema_version ORDER BY version", "") ==
	    DB_OK ? 0 : -1;
}

static int
is_applied(const struct db_result *applied, int version)
{
	size_t i;

	for (i = 0; i < applied->nrows; i++)
		if (db_cell_int(applied, i, 0) == version)
			return 1;
	return 0;
}

/* Read migration file path into sql, logging why it could not. */
static int
read_whole(const char *path, struct buf *sql)
{
	switch (buf_read_file(sql, path, MIGRATION_MAX_BYTES)) {
	case 0:
		return 0;
	case -2:
		log_err(NULL, "migrate: %s: larger than %d bytes", path,
		    MIGRATION_MAX_BYTES);
		return -1;
	default:
		log_err(NULL, "migrate: %s: %s", path, strerror(errno));
		return -1;
	}
}

/* Run one migration file and record it. */
static int
apply_one(struct db *db, const char *dir, const struct migration *m,
    FILE *out)
{
	struct buf path, sql;
	int rc = -1;

	buf_init(&path);
	buf_init(&sql);
	if (buf_printf(&path, "%s/%s", dir, m->file) == -1) {
		log_err(NULL, "migrate: out of memory");
		goto out;
	}
	if (read_whole(path.data, &sql) == -1)
		goto out;
	if (sql.len == 0) {
		log_err(NULL, "migrate: %s: empty file", path.data);
		goto out;
	}
	if (db_script(db, sql.data, sql.len) != DB_OK) {
		log_err(NULL, "migrate: %s failed: %s", m->file, db_error(db));
		goto out;
	}
	switch (db_exec(db, NULL, NULL,
	    "INSERT INTO schema_version (version, name) VALUES (?, ?)", "is",
	    (int64_t)m->version, m->file)) {
	case DB_OK:
		fprintf(out, "applied %s\n", m->file);
		break;
	case DB_DUPLICATE:
		fprintf(out, "applied %s (also recorded by another run)\n",
		    m->file);
		break;
	default:
		log_err(NULL, "migrate: %s ran but could not be recorded: %s",
		    m->file, db_error(db));
		goto out;
	}
	rc = 0;
out:
	buf_free(&path);
	buf_free(&sql);
	return rc;
}

int
migrate_apply(struct db *db, const char *sql_dir, int dry_run, FILE *out)
{
	struct migration_list list = { NULL, 0, 0 };
	struct db_result applied;
	size_t i, pending = 0;
	int rc = -1, version;

	memset(&applied, 0, sizeof(applied));
	if (migrations_list(sql_dir, &list) == -1)
		return -1;
	if (!dry_run && db_exec(db, NULL, NULL, create_sql, "") != DB_OK) {
		log_err(NULL, "migrate: cannot create schema_version: %s",
		    db_error(db));
		goto out;
	}
	if (applied_versions(db, &applied) == -1)
		goto out;
	for (i = 0; i < list.n; i++) {
		if (is_applied(&applied, list.items[i].version))
			continue;
		pending++;
		if (dry_run)
			fprintf(out, "pending %s\n", list.items[i].file);
		else if (apply_one(db, sql_dir, &list.items[i], out) == -1)
			goto out;
	}
	if (pending == 0) {
		if (migrate_current(db, &version) == -1)
			goto out;
		fprintf(out, "schema is up to date (version %d)\n", version);
	}
	rc = 0;
out:
	db_result_free(&applied);
	migrations_free(&list);
	return rc;
}

int
migrate_current(struct db *db, int *version)
{
	struct db_result res;
	int exists;

	*version = 0;
	if (version_table_exists(db, &exists) == -1)
		return -1;
	if (!exists)
		return 0;
	if (db_query(db, &res, "SELECT COALESCE(MAX(version), 0)"
	    " FROM schema_version", "") != DB_OK)
		return -1;
	*version = (int)db_cell_int(&res, 0, 0);
	db_result_free(&res);
	return 0;
}
