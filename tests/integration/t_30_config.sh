#!/bin/bash
#
# t_30_config: kaaj.fcgi --check-config accepts the stack's config and
# rejects a syntax error, an unknown key, bad values and a missing file with
# exit 1 and "file:line: what is wrong"; kaaj.fcgi started under spawn-fcgi
# with a bad KAAJ_CONFIG exits 1 with the same message.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

FCGI=$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi
DIR=$KAAJ_TMP/config
OUT=
RC=

# check_config FILE: run --check-config FILE; set OUT (stdout and stderr)
# and RC.
check_config() {
	RC=0
	OUT=$(timeout 20 "$FCGI" --check-config "$1" 2>&1) || RC=$?
}

# variant NAME SED-SCRIPT: write the stack's config changed by SED-SCRIPT
# to $DIR/NAME.conf and print its path.
variant() {
	sed -e "$2" "$KAAJ_CONF" >"$DIR/$1.conf"
	cmp -s "$KAAJ_CONF" "$DIR/$1.conf" && die "variant $1: sed changed nothing"
	echo "$DIR/$1.conf"
}

# line_of FILE TEXT: the number of the first line of FILE holding TEXT.
line_of() {
	grep -nF -- "$2" "$1" | head -n 1 | cut -d: -f1
}

# expect_rejected WHAT FILE REGEX: --check-config FILE must exit 1 with a
# message matching REGEX.
expect_rejected() {
	check_config "$2"
	expect_eq "$1: exit status" "$RC" 1
	expect_match "$1: message" "$OUT" "$3"
}

good() {
	check_config "$KAAJ_CONF"
	expect_eq "the stack's config: exit status" "$RC" 0
	expect_eq "the stack's config: output" "$OUT" "$KAAJ_CONF: ok"
}

syntax_error() {
	local f n
	n=$(($(line_of "$KAAJ_CONF" 'site = {') + 1))
	f=$(variant syntax "${n}i\\	broken = ;")
	expect_rejected "syntax error on line $n" "$f" "^$f:$n: "
}

unknown_keys() {
	local f n
	n=$(($(line_of "$KAAJ_CONF" 'limits = {') + 1))
	f=$(variant unknown "${n}i\\	frobnicate = 1;")
	expect_rejected "unknown key limits.frobnicate on line $n" "$f" "^$f:$n: .*frobnicate"
	f=$(variant unknown-group "\$a bogus_group = { };")
	expect_rejected "unknown group bogus_group" "$f" "^$f:[0-9]+: .*bogus_group"
}

bad_values() {
	local f
	f=$(variant max-body 's/^\([[:space:]]*max_body = \).*/\1-5;/')
	expect_rejected "limits.max_body = -5" "$f" "^$f:$(line_of "$f" 'max_body = -5'): .*max_body"
	f=$(variant max-body-type 's/^\([[:space:]]*max_body = \).*/\1"big";/')
	expect_rejected "limits.max_body = \"big\"" "$f" "^$f:[0-9]+: .*max_body"
	f=$(variant port 's/^\([[:space:]]*port = \).*/\170000;/')
	expect_rejected "database.port = 70000" "$f" "^$f:$(line_of "$f" 'port = 70000'): .*port"
	f=$(variant secret 's/^\([[:space:]]*secret_key = \).*/\1"abc";/')
	expect_rejected "site.secret_key = \"abc\"" "$f" "^$f:[0-9]+: .*secret_key"
}

missing_file() {
	expect_rejected "missing file" "$DIR/nowhere.conf" "^$DIR/nowhere.conf: "
}

# bad_start FILE WHAT: kaaj.fcgi under spawn-fcgi (no fork, so its own exit
# status and stderr show) with KAAJ_CONFIG=FILE must exit 1 naming FILE.
bad_start() {
	local rc=0 out
	out=$(KAAJ_CONFIG=$1 timeout 20 spawn-fcgi -n -s "$DIR/bad.sock" -- "$FCGI" 2>&1) ||
		rc=$?
	expect_eq "kaaj.fcgi with $2 as KAAJ_CONFIG: exit status" "$rc" 1
	expect_match "kaaj.fcgi with $2 as KAAJ_CONFIG: message" "$out" "$1:[0-9]*:? "
	rm -f "$DIR/bad.sock"
}

main() {
	mkdir -p "$DIR"
	good
	syntax_error
	unknown_keys
	bad_values
	missing_file
	bad_start "$DIR/syntax.conf" "a syntax error"
	bad_start "$DIR/port.conf" "a bad value"
	bad_start "$DIR/nowhere.conf" "a missing file"
	test_done
}

main "$@"
