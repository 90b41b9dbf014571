/*
 * Schema migrations: sql/NNNN_name.sql files applied in order, each
 * recorded in the schema_version table.
 */
#ifndef KAAJ_MIGRATE_H
#define KAAJ_MIGRATE_H

#include <stdio.h>

struct db;

/*
 * Apply, in order, every migration in sql_dir not yet in schema_version
 * (created first if missing), recording each right after its file
 * succeeds. Writes "applied FILE" per file, or "schema is up to date
 * (version N)", to out. With dry_run nothing is changed and "pending FILE"
 * lines are written instead. Returns 0, or -1 after logging what failed:
 * an unreadable directory, a misnamed or duplicate migration, or a file
 * the server refused (earlier files stay applied and recorded).
 */
int migrate_apply(struct db *db, const char *sql_dir, int dry_run,
    FILE *out);

/*
 * The highest applied version into *version: 0 when the schema_version
 * table does not exist yet. Returns 0, or -1 on a database error.
 */
int migrate_current(struct db *db, int *version);

#endif
