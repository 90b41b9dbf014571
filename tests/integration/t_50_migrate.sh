#!/bin/bash
#
# t_50_migrate: kaaj-admin migrate applies sql/*.sql to an empty database
# and, run again, changes nothing: same schema version, same tables. The
# stack's own database (migrated at start-up) is also up to date.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

FRESH=kaaj_fresh_$$
CONF=$KAAJ_TMP/migrate.conf

# tables DB: the tables of DB, with their column counts, one a line.
tables() {
	db_sql "SELECT table_name, COUNT(*) FROM information_schema.columns
	    WHERE table_schema = '$1' GROUP BY table_name ORDER BY table_name" "$1"
}

# migrate CONF: run kaaj-admin -c CONF migrate; set OUT and RC.
migrate() {
	RC=0
	OUT=$("$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$1" migrate 2>&1) || RC=$?
}

# version CONF: print kaaj-admin -c CONF schema-version.
version() {
	"$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$1" schema-version
}

fresh_db() {
	local n files v1 v2 t1 t2
	db_root -e "CREATE DATABASE $FRESH CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	    GRANT ALL PRIVILEGES ON $FRESH.* TO 'kaaj'@'localhost'"
	cp "$KAAJ_CONF" "$CONF"
	sed -i -e "/^database = {/,/^};/s/^\([[:space:]]*name = \)\"kaaj\";/\1\"$FRESH\";/" \
		"$CONF"
	grep -q "name = \"$FRESH\";" "$CONF" || die "could not point $CONF at $FRESH"

	migrate "$CONF"
	expect_eq "first migrate of an empty database: exit status" "$RC" 0
	files=$(find "$KAAJ_SRCDIR/sql" -maxdepth 1 -name '[0-9]*.sql' | wc -l)
	n=$(grep -c '^applied [0-9].*\.sql' <<<"$OUT" || true)
	expect_eq "first migrate applied every sql/ file" "$n" "$files"
	v1=$(version "$CONF")
	t1=$(tables "$FRESH")
	expect_match "schema-version is a number ($v1)" "$v1" '^[1-9][0-9]*$'

	migrate "$CONF"
	expect_eq "second migrate: exit status" "$RC" 0
	expect_match "second migrate says up to date" "$OUT" "^schema is up to date \(version $v1\)$"
	v2=$(version "$CONF")
	t2=$(tables "$FRESH")
	expect_eq "schema version unchanged" "$v2" "$v1"
	expect_eq "tables and columns unchanged" "$t2" "$t1"
	db_root -e "DROP DATABASE $FRESH"
}

stack_db() {
	local v1 v2 t1 t2
	v1=$(kaaj_admin schema-version)
	t1=$(tables kaaj)
	migrate "$KAAJ_CONF"
	expect_eq "migrate on the stack's database: exit status" "$RC" 0
	expect_match "migrate on the stack's database: up to date" "$OUT" "^schema is up to date \(version $v1\)$"
	v2=$(kaaj_admin schema-version)
	t2=$(tables kaaj)
	expect_eq "stack's schema version unchanged" "$v2" "$v1"
	expect_eq "stack's tables unchanged" "$t2" "$t1"
}

main() {
	fresh_db
	stack_db
	test_done
}

main "$@"
