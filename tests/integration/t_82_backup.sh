#!/bin/bash
#
# t_82_backup: the backup and restore that docs/deploy.md gives, run as
# written. mariadb-dump --single-transaction takes the database while
# money keeps moving (kaaj-admin credits in a loop), tar takes the
# uploads; both are restored into a new database and folder. The copy
# is one consistent moment: kaaj-admin ledger-check passes on it, migrate
# finds nothing to do, and once the writes have stopped a second dump
# restores to tables whose checksums equal the live ones.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

B=$KAAJ_TMP/t82
RESTORED_DB=kaaj_t82_$(random_hex 3)

# backup OUT-PREFIX: the commands of docs/deploy.md ("Backups"): the
# database as OUT-PREFIX.sql.gz, the uploads as OUT-PREFIX-uploads.tar.gz.
backup() {
	db_root_dump --single-transaction --quick --routines --triggers \
		--hex-blob --default-character-set=utf8mb4 kaaj | gzip >"$1.sql.gz"
	tar -C "$(dirname "$KAAJ_UPLOAD_DIR")" -czf "$1-uploads.tar.gz" \
		"$(basename "$KAAJ_UPLOAD_DIR")"
}

# db_root_dump ARG...: mariadb-dump as the private server's root.
db_root_dump() {
	mariadb-dump --no-defaults --socket="$KAAJ_DB_SOCKET" -u root "$@"
}

# restore PREFIX DB DIR: load PREFIX.sql.gz into the new database DB and
# unpack the uploads into DIR.
restore() {
	db_root -e "DROP DATABASE IF EXISTS $2; CREATE DATABASE $2
	    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	    GRANT ALL PRIVILEGES ON $2.* TO 'kaaj'@'localhost'"
	gzip -dc "$1.sql.gz" | db_root "$2"
	rm -rf "$3"
	mkdir -p "$3"
	tar -C "$3" -xzf "$1-uploads.tar.gz"
}

# checksums DB: every table of DB with the md5 of its rows in primary-key
# order (CHECKSUM TABLE also sums how a row is stored, which a restore
# may change: a column added in place is stored anew).
checksums() {
	local t
	for t in $(db_sql "SHOW TABLES" "$1"); do
		printf '%s %s\n' "$t" "$(db_root_dump --no-create-info --skip-comments \
			--order-by-primary --skip-extended-insert --hex-blob "$1" "$t" |
			grep '^INSERT' | md5sum | cut -d' ' -f1)"
	done
}

# restored_conf DB: print the path of a copy of the stack's kaaj.conf
# that names database DB.
restored_conf() {
	local conf=$B/kaaj-$1.conf
	sed -e "/^database = {/,/^};/ s|^\([[:space:]]*name[[:space:]]*=\).*|\1 \"$1\";|" \
		"$KAAJ_CONF" >"$conf"
	chmod 600 "$conf"
	echo "$conf"
}

main() {
	local writer n0 n1 conf out rc i copied
	mkdir -p "$B"
	n0=$(db_sql "SELECT COUNT(*) FROM ledger_transactions")
	# Money moves while the dump runs: credits until the dump is done.
	(
		for ((i = 1; i <= 600; i++)); do
			kaaj_admin credit bob 0.01 --reason "t_82 load $i" >/dev/null 2>&1 ||
				exit 1
			echo "$i" >"$B/credits"
			[[ ! -e $B/stop ]] || exit 0
		done
	) &
	writer=$!
	for ((i = 0; i < 100; i++)); do
		[[ ! -s $B/credits ]] || break
		sleep 0.1
	done
	backup "$B/live"
	touch "$B/stop"
	rc=0
	wait "$writer" || rc=$?
	expect_eq "the credits beside the dump all went through" "$rc" 0
	n1=$(db_sql "SELECT COUNT(*) FROM ledger_transactions")
	expect_eq "... each one transaction" "$((n1 - n0))" "$(cat "$B/credits")"
	restore "$B/live" "$RESTORED_DB" "$B/uploads-live"
	conf=$(restored_conf "$RESTORED_DB")
	if out=$("$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$conf" ledger-check 2>&1); then
		ok "ledger-check passes on the copy taken under writes"
	else
		fail "ledger-check passes on the copy taken under writes" "$out"
	fi
	if out=$("$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$conf" migrate 2>&1); then
		ok "migrate on the copy: exit 0"
	else
		fail "migrate on the copy: exit 0" "$out"
	fi
	expect_eq "... the copy has every migration" \
		"$(db_sql "SELECT MAX(version) FROM schema_version" "$RESTORED_DB")" \
		"$(db_sql "SELECT MAX(version) FROM schema_version")"
	copied=$(db_sql "SELECT COUNT(*) FROM ledger_transactions" "$RESTORED_DB")
	if ((copied > n0 && copied < n1)); then
		ok "the dump was taken while the credits ran ($copied of $n0..$n1)"
	else
		fail "the dump was taken while the credits ran" \
			"$copied transactions copied; $n0 before the credits, $n1 after"
	fi

	# Quiet now: a second backup restores to the same tables and files.
	backup "$B/quiet"
	restore "$B/quiet" "$RESTORED_DB" "$B/uploads-quiet"
	expect_eq "every table of the restored copy holds the live rows" \
		"$(checksums "$RESTORED_DB")" "$(checksums kaaj)"
	expect_eq "the restored uploads are the live ones" \
		"$(cd "$B/uploads-quiet" && find . -type f -exec md5sum {} + | sort)" \
		"$(cd "$(dirname "$KAAJ_UPLOAD_DIR")" &&
			find "./$(basename "$KAAJ_UPLOAD_DIR")" -type f -exec md5sum {} + | sort)"
	db_root -e "DROP DATABASE $RESTORED_DB"
	test_done
}

main "$@"
