#!/bin/bash
#
# t_87_setup: kaaj-admin setup makes an installed kaaj's configuration
# ready, as an operator on a host without root does it (docs/deploy.md).
# From flags: the file gets the site's name and address, the database and
# a fresh secret key, keeps its comments and every other key, is readable
# by its owner and group only; the schema is migrated and the first admin
# created, both in the audit log. Run again, it keeps the secret and the
# admin. Wrong values (an address that is no URL, a port that is no
# number, two lines in a name, an unknown option, no admin, a wrong
# database password, no file) each say what is wrong and leave the file
# as it was. On a terminal (script(1) gives it one) it asks for each
# value, offers the file's, and reads passwords without echo.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

DIR=$KAAJ_TMP/t87
CONF=$DIR/kaaj.conf
ADMIN=$KAAJ_BUILDDIR/cgi-bin/kaaj-admin
DB=kaaj_t87
DB_PW=$(random_hex 12)

# setup ARG...: kaaj-admin setup on $CONF with standard input from $IN;
# OUT, ERR and RC hold what it said and its exit status.
setup() {
	RC=0
	"$ADMIN" -c "$CONF" setup "$@" <"$IN" >"$DIR/out" 2>"$DIR/err" || RC=$?
	OUT=$(cat "$DIR/out")
	ERR=$(cat "$DIR/err")
}

# conf_value GROUP KEY: the value of the line "KEY = VALUE;" in GROUP of
# $CONF.
conf_value() {
	sed -n "/^$1 = {/,/^};/s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*\(.*\);\$/\1/p" "$CONF"
}

# refused WHAT STATUS REGEX ARG...: setup with ARG... exits STATUS, says
# REGEX on stderr, and leaves $CONF as it was.
refused() {
	local what=$1 status=$2 regex=$3
	shift 3
	cp "$CONF" "$DIR/before"
	setup "$@"
	expect_eq "$what: exit status $status" "$RC" "$status"
	expect_match "$what: says what is wrong" "$ERR" "$regex"
	check "$what: the file is left as it was" cmp -s "$CONF" "$DIR/before"
}

# An installed configuration file: the build's etc/kaaj.conf (the sample
# with a zero secret key), naming this stack's folders as make install
# would name the installed ones.
rm -rf "$DIR"
mkdir -p "$DIR/run"
cp "$KAAJ_BUILDDIR/etc/kaaj.conf" "$CONF"
chmod 644 "$CONF"
conf_set "$CONF" templates "\"$KAAJ_SRCDIR/templates\""
conf_set "$CONF" plugins "\"$KAAJ_PLUGIN_DIR\""
conf_set "$CONF" sql "\"$KAAJ_SRCDIR/sql\""
conf_set "$CONF" run "\"$DIR/run\""
printf '%s\n' "$DB_PW" >"$DIR/db-password"
db_root <<-SQL
	CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
	CREATE USER 't87'@'localhost' IDENTIFIED BY '$DB_PW';
	GRANT ALL PRIVILEGES ON $DB.* TO 't87'@'localhost';
SQL
FLAGS=(--site-name "Ghar Kaaj" --site-url "https://kaaj.example.com/"
	--db-socket "$KAAJ_DB_SOCKET" --db-name "$DB" --db-user t87
	--db-password-file "$DIR/db-password" --uploads "$KAAJ_UPLOAD_DIR"
	--admin-user boss --admin-email boss@example.com)
IN=$DIR/password
printf 'a long password for t87\n' >"$IN"

# ------------------------------------------------------------ bad input
refused "an address that is no URL" 2 "base_url.*http:// or https://" \
	"${FLAGS[@]}" --site-url ftp://kaaj.example.com
refused "a port that is no number" 2 "db-port needs a number" \
	"${FLAGS[@]}" --db-port 33o6
refused "a name of two lines" 2 "site-name needs one line of text" \
	"${FLAGS[@]}" --site-name "$(printf 'Ghar\nKaaj')"
refused "an unknown option" 2 "unknown option or no value: --colour" \
	"${FLAGS[@]}" --colour blue
refused "an option without its value" 2 "no value: --db-name" \
	--db-name
refused "no first admin" 2 "give the first admin with --admin-user" \
	--site-name "Ghar Kaaj"
printf 'not the password\n' >"$DIR/wrong-password"
refused "a wrong database password" 1 \
	"cannot connect to the database.*left as it was.*Access denied" \
	"${FLAGS[@]}" --db-password-file "$DIR/wrong-password"
RC=0
ERR=$("$ADMIN" -c "$DIR/none.conf" setup "${FLAGS[@]}" 2>&1 <"$IN") || RC=$?
expect_eq "no configuration file: exit status 1" "$RC" 1
expect_match "no configuration file: says to install kaaj first" "$ERR" \
	"cannot read .*none.conf.*install kaaj first"
expect_eq "nothing was migrated by the refused runs" \
	"$(db_sql "SHOW TABLES" "$DB" | wc -l)" 0

# ------------------------------------------------------------ from flags
setup "${FLAGS[@]}"
expect_eq "setup from flags: exit status 0" "$RC" 0
[[ $RC == 0 ]] || printf '        %s\n' "$ERR"
expect_match "it says the file has a new secret key" "$OUT" \
	"kaaj.conf: written, with a new secret key"
expect_eq "the site name is set" "$(conf_value site name)" '"Ghar Kaaj"'
expect_eq "the address is set, without its trailing slash" \
	"$(conf_value site base_url)" '"https://kaaj.example.com"'
expect_eq "the database socket, name and user are set" \
	"$(conf_value database socket) $(conf_value database name) $(conf_value database user)" \
	"\"$KAAJ_DB_SOCKET\" \"$DB\" \"t87\""
expect_eq "the database password is the file's first line" \
	"$(conf_value database password)" "\"$DB_PW\""
SECRET=$(conf_value site secret_key)
expect_match "the secret key is 64 hex digits" "$SECRET" '^"[0-9a-f]{64}"$'
check "the secret key is not the sample's zeros" \
	test "$SECRET" != "\"$(printf '0%.0s' {1..64})\""
expect_match "the comments are kept" "$(cat "$CONF")" \
	"# Shown in page titles and e-mails"
expect_eq "other keys are kept" "$(conf_value limits board_page_size)" 20
expect_eq "the file is for its owner and group only" \
	"$(stat -c %a "$CONF")" 640
check "kaaj-admin check-config accepts it" "$ADMIN" -c "$CONF" check-config
VERSION=$("$ADMIN" -c "$CONF" schema-version)
LAST=$(find "$KAAJ_SRCDIR/sql" -name '[0-9]*.sql' -printf '%f\n' | sort | tail -n 1)
expect_eq "the schema is migrated to the last migration" "$VERSION" \
	"$((10#${LAST%%_*}))"
expect_eq "the first admin is made" \
	"$(db_sql "SELECT is_admin, status FROM users WHERE username = 'boss'" "$DB")" \
	"$(printf '1\tactive')"
expect_match "the admin's password is an argon2id hash" \
	"$(db_sql "SELECT password_hash FROM users WHERE username = 'boss'" "$DB")" \
	'^\$argon2id\$'
expect_eq "the audit log has the migration and the admin, with the reason" \
	"$(db_sql "SELECT action, reason FROM audit_log ORDER BY id" "$DB")" \
	"$(printf 'schema.migrate\tkaaj-admin setup\nuser.create_admin\tkaaj-admin setup')"

# ------------------------------------------------------------ again
setup "${FLAGS[@]}" --site-name "Ghar Kaaj 2"
expect_eq "setup again: exit status 0" "$RC" 0
expect_eq "setup again: the secret key is kept" "$(conf_value site secret_key)" \
	"$SECRET"
expect_match "setup again: the admin is left as it is" "$OUT" \
	"user boss exists already: left as it is"
expect_eq "setup again: the new name is set" "$(conf_value site name)" \
	'"Ghar Kaaj 2"'
expect_eq "setup again: one admin still" \
	"$(db_sql "SELECT COUNT(*) FROM users" "$DB")" 1
setup "${FLAGS[@]}" --new-secret
expect_eq "--new-secret: exit status 0" "$RC" 0
check "--new-secret: the secret key is new" \
	test "$(conf_value site secret_key)" != "$SECRET"

# ------------------------------------------------------------ on a terminal
# expect(1) runs setup on a pseudo-terminal and types each answer when
# its question shows: site name, address, language, time zone, currency,
# socket (the file's), database name, user, password, uploads, mail
# sender, admin, e-mail, password twice. An empty answer keeps the value
# offered.
cp "$KAAJ_BUILDDIR/etc/kaaj.conf" "$CONF"
conf_set "$CONF" templates "\"$KAAJ_SRCDIR/templates\""
conf_set "$CONF" plugins "\"$KAAJ_PLUGIN_DIR\""
conf_set "$CONF" sql "\"$KAAJ_SRCDIR/sql\""
conf_set "$CONF" run "\"$DIR/run\""
conf_set "$CONF" socket "\"$KAAJ_DB_SOCKET\""
cat >"$DIR/answer.exp" <<'EXP'
set timeout 60
log_user 1
spawn {*}$argv
foreach {question answer} $env(ANSWERS) {
	expect {
		-ex $question { send -- "$answer\r" }
		timeout { puts "\nno question: $question"; exit 3 }
		eof { puts "\nended before: $question"; exit 4 }
	}
}
expect eof
lassign [wait] pid spawnid oserr status
exit $status
EXP
ANSWERS=$(printf '{%s} {%s} ' \
	"Site name [kaaj]: " "Asked Site" \
	"Address of the site" "http://127.0.0.1:8087" \
	"Language for visitors" "bn" \
	"Time zone" "" \
	"Currency" "BDT" \
	"MariaDB socket" "" \
	"Database name [kaaj]: " "$DB" \
	"Database user" "t87" \
	"Database password [none]: " "$DB_PW" \
	"Folder for screenshots" "$KAAJ_UPLOAD_DIR" \
	"Sender of the site's mail" "" \
	"First admin's username [admin]: " "chief" \
	"First admin's e-mail" "chief@example.com" \
	"First admin's password: " "typed password 87" \
	"The same password again: " "typed password 87")
RC=0
OUT=$(ANSWERS=$ANSWERS expect -f "$DIR/answer.exp" "$ADMIN" -c "$CONF" setup 2>&1) ||
	RC=$?
expect_eq "on a terminal: exit status 0" "$RC" 0
[[ $RC == 0 ]] || printf '        %s\n' "$OUT"
expect_eq "on a terminal: the database password is not echoed" \
	"$(grep -c -- "$DB_PW" <<<"$OUT" || true)" 0
expect_eq "on a terminal: the admin's password is not echoed" \
	"$(grep -c "typed password 87" <<<"$OUT" || true)" 0
expect_match "on a terminal: the typed name is echoed" "$OUT" "Asked Site"
expect_eq "on a terminal: the answers are set, Enter kept the time zone" \
	"$(conf_value site name) $(conf_value site default_language) $(conf_value site currency) $(conf_value site time_zone)" \
	'"Asked Site" "bn" "BDT" "Asia/Dhaka"'
expect_eq "on a terminal: the admin is made" \
	"$(db_sql "SELECT is_admin FROM users WHERE username = 'chief'" "$DB")" 1

db_root -e "DROP DATABASE $DB; DROP USER 't87'@'localhost'"
test_done
