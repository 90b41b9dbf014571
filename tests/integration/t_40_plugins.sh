#!/bin/bash
#
# t_40_plugins: the stack's plugin folder holds signup.so and, beside it, a
# plugin with the wrong ABI (badabi.so), a .so without the kaaj_jobtype
# symbol (nosymbol.so), one whose name does not match its file
# (misnamed.so) and a symlink evil.so -> signup.so. kaaj.fcgi skips each
# with a log line that names the file and the reason, and serves on.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

# expect_skipped FILE REASON-REGEX: the kaaj.fcgi log says FILE was skipped
# for a reason matching REASON-REGEX.
expect_skipped() {
	local so=$KAAJ_PLUGIN_DIR/$1
	expect_match "log: $1 skipped ($2)" "$(cat "$KAAJ_FCGI_LOG")" \
		"plugin $so skipped: .*$2"
}

# board_follows_reload PID: the board's job type and category choices are
# kept per process; a SIGHUP after a plugin left the folder drops them, and
# one after it came back offers them again.
board_follows_reload() {
	local so=$KAAJ_PLUGIN_DIR/visit.so
	http GET /
	expect_body 'value="visit"' "the board offers the visit job type"
	mv "$so" "$KAAJ_TMP/visit.so"
	kill -HUP "$1"
	http GET /
	expect_status 200 "GET / after visit.so left and SIGHUP"
	expect_no_body 'value="visit"' "... the board no longer offers visit"
	mv "$KAAJ_TMP/visit.so" "$so"
	kill -HUP "$1"
	http GET /
	expect_body 'value="visit"' "after it came back and SIGHUP, the board offers visit again"
}

main() {
	local out rc=0 name pid
	expect_skipped badabi.so "ABI version 999"
	expect_skipped nosymbol.so "no kaaj_jobtype symbol"
	expect_skipped evil.so "symlink"
	expect_skipped misnamed.so ""
	if grep -q "plugin $KAAJ_PLUGIN_DIR/signup.so skipped" "$KAAJ_FCGI_LOG"; then
		fail "signup.so is not skipped" "$(grep "signup.so" "$KAAJ_FCGI_LOG")"
	else
		ok "signup.so is not skipped"
	fi

	http GET /jobtypes
	expect_status 200 "GET /jobtypes"
	expect_body signup "/jobtypes lists signup"
	for name in badabi nosymbol misnamed evil; do
		expect_no_body "$name" "/jobtypes does not list $name"
	done
	http GET /
	expect_status 200 "GET / (the site keeps serving)"

	# SIGHUP rescans the folder between requests; the process stays.
	pid=$(fcgi_pid)
	kill -HUP "$pid"
	http GET /jobtypes
	expect_status 200 "GET /jobtypes after SIGHUP"
	expect_body signup "/jobtypes still lists signup after SIGHUP"
	expect_match "log: SIGHUP rescanned the plugin folder" \
		"$(cat "$KAAJ_FCGI_LOG")" "SIGHUP: reloaded .*: [0-9]+ job types from $KAAJ_PLUGIN_DIR"
	expect_eq "the same kaaj.fcgi process serves after SIGHUP" "$(fcgi_pid)" "$pid"
	board_follows_reload "$pid"

	out=$(kaaj_admin plugins 2>"$KAAJ_TMP/admin-plugins.err") || rc=$?
	expect_eq "kaaj-admin plugins: exit status" "$rc" 0
	expect_match "kaaj-admin plugins lists signup" "$out" "signup"
	test_done
}

main "$@"
