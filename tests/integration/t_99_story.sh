#!/bin/bash
#
# t_99_story: the whole story in a real browser, once in English and once
# in Bengali: tests/browser/story.mjs drives Debian's Chromium as an
# employer, a worker and the admin (register with the captcha, activate
# from the mail, deposit with a receipt, post two jobs, approve them, claim,
# send proof with a screenshot, approve one and reject one, rate the
# employer, dispute, decide, withdraw twice, pay one and reject one),
# checking every page at 360 and 1280 px (width, 44 px targets, axe-core).
# kaaj.fcgi runs with moderation on, so that the admin approves the jobs.
# Full-page screenshots go to $KAAJ_SHOTS (default $KAAJ_LOG_DIR/shots/),
# named LANG-story-PAGE-WIDTH.png (not committed).
#
# Needs node, /usr/bin/chromium and tests/browser/node_modules (./bootstrap
# check installs them).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

BROWSER_DIR=$KAAJ_SRCDIR/tests/browser
RUN=$(random_hex 3)
CONF=$KAAJ_TMP/t99.conf
MAIL_LINK=$KAAJ_TMP/t99-mail-link
SHOTS=${KAAJ_SHOTS:-$KAAJ_LOG_DIR/shots}

# restart_fcgi [CONF]: start kaaj.fcgi again on CONF (default the stack's).
restart_fcgi() {
	fcgi_stop
	KAAJ_CONF=${1:-$KAAJ_CONF} fcgi_start 1
	wait_http_ready /
}

# write_mail_link: the program story.mjs asks for the /activate link of
# the newest mail to an address (it delivers the queued mail first).
write_mail_link() {
	cat >"$MAIL_LINK" <<-'EOF'
		#!/bin/bash
		set -euo pipefail
		. "$KAAJ_SRCDIR/tests/integration/lib.sh"
		mail_wait_to "$1" 1 >&2
		mail_link "$(mail_last_to "$1")" /activate
	EOF
	chmod +x "$MAIL_LINK"
}

# make_admin NAME: an admin NAME with the demo admin's password, so that
# each language's story has an admin of its own and both can run at once.
make_admin() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    country, language, is_admin) SELECT '$1', '$1@t99.invalid',
	    password_hash, 'active', 'BD', 'en', 1 FROM users
	    WHERE username = 'admin'"
}

# story LANG ADMIN: run story.mjs with every person in LANG and ADMIN as
# the admin (at most 5 minutes); its output goes to
# $KAAJ_LOG_DIR/browser-story-LANG.out; its exit status is the story's.
story() {
	KAAJ_URL=$KAAJ_URL KAAJ_LANG=$1 \
		KAAJ_LANG_HDF=$KAAJ_SRCDIR/templates/lang/$1.hdf KAAJ_RUN=$RUN \
		KAAJ_MAIL_LINK=$MAIL_LINK KAAJ_ADMIN=$2 \
		KAAJ_ADMIN_PASSWORD=admin-demo-pass KAAJ_SHOTS=$SHOTS \
		timeout -k 5 300 node "$BROWSER_DIR/story.mjs" \
		</dev/null >"$KAAJ_LOG_DIR/browser-story-$1.out" 2>&1
}

main() {
	local en_rc=0 bn_rc=0 en_pid='' bn_pid
	if [[ ! -x ${KAAJ_CHROMIUM:-/usr/bin/chromium} ||
		! -f $BROWSER_DIR/node_modules/axe-core/axe.min.js ]]; then
		fail "Chromium and tests/browser/node_modules (with axe-core) are there" \
			"run ./bootstrap check (or: apt-get install chromium; cd tests/browser && npm ci)"
		test_done
	fi
	cp "$KAAJ_CONF" "$CONF"
	conf_set "$CONF" moderation true
	write_mail_link
	make_admin "t99a_$RUN"
	# Earlier tests may have used up the registrations allowed from
	# 127.0.0.1 this hour.
	db_sql "DELETE FROM rate_limits WHERE bucket LIKE 'register:%'"
	trap restart_fcgi EXIT
	restart_fcgi "$CONF"
	# The two languages run at once (the machine has two cores), each
	# with its own people. KAAJ_BROWSER_ONE_PASS (the sanitizer build's
	# run, docs/testing.md): Bengali only.
	if [[ -z ${KAAJ_BROWSER_ONE_PASS:-} ]]; then
		story en admin &
		en_pid=$!
	fi
	story bn "t99a_$RUN" &
	bn_pid=$!
	[[ -z ${en_pid:-} ]] || wait "$en_pid" || en_rc=$?
	wait "$bn_pid" || bn_rc=$?
	if [[ -n ${en_pid:-} ]]; then
		sed 's/^/    | /' "$KAAJ_LOG_DIR/browser-story-en.out"
		expect_eq "node tests/browser/story.mjs in en: exit status" "$en_rc" 0
	fi
	sed 's/^/    | /' "$KAAJ_LOG_DIR/browser-story-bn.out"
	expect_eq "node tests/browser/story.mjs in bn: exit status" "$bn_rc" 0
	say "# screenshots: $SHOTS (LANG-story-PAGE-WIDTH.png)"
	test_done
}

main "$@"
