#!/bin/bash
#
# t_97_browser: registration end to end in a real browser. Runs
# tests/browser/register.mjs (Debian's Chromium driven by playwright-core)
# against this stack: it ticks the proof-of-work captcha under kaaj's
# strict CSP, sends the form and expects the "Check your e-mail" page, and
# checks the <noscript> text with JavaScript off. Then the new account must
# be in the database, pending, with an activation mail sent to it.
#
# Needs node, /usr/bin/chromium and tests/browser/node_modules, which
# ./bootstrap check installs (apt-get install chromium; npm ci).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

BROWSER_DIR=$KAAJ_SRCDIR/tests/browser

# browser_ready: fail, saying what to do, unless node, Chromium and
# playwright-core are there.
browser_ready() {
	local why=()
	command -v node >/dev/null 2>&1 || why+=("node is not installed (package nodejs)")
	[[ -x ${KAAJ_CHROMIUM:-/usr/bin/chromium} ]] ||
		why+=("${KAAJ_CHROMIUM:-/usr/bin/chromium} is missing (package chromium)")
	[[ -f $BROWSER_DIR/node_modules/playwright-core/package.json ]] ||
		why+=("$BROWSER_DIR/node_modules is missing (npm ci was not run there)")
	if ((${#why[@]} > 0)); then
		fail "browser test can run" "${why[@]}" \
			"run ./bootstrap check, which installs them (or: apt-get install chromium; cd tests/browser && npm ci)"
		return 1
	fi
	ok "node, Chromium and tests/browser/node_modules are there"
}

# run_browser USER EMAIL: run register.mjs for USER and EMAIL (at most
# 3 minutes); print its output indented; set BROWSER_RC.
run_browser() {
	local out=$KAAJ_LOG_DIR/browser-register.out
	BROWSER_RC=0
	KAAJ_URL=$KAAJ_URL KAAJ_USER=$1 KAAJ_EMAIL=$2 \
		KAAJ_SHOTS=${KAAJ_SHOTS:-$KAAJ_LOG_DIR/shots} \
		timeout -k 5 180 node "$BROWSER_DIR/register.mjs" \
		</dev/null >"$out" 2>&1 || BROWSER_RC=$?
	sed 's/^/    | /' "$out"
}

main() {
	local user email got f
	if browser_ready; then
		user=brw_$(random_hex 4)
		email=$user@example.org
		# Earlier tests may have used up the registrations allowed from
		# 127.0.0.1 this hour.
		db_sql "DELETE FROM rate_limits WHERE bucket LIKE 'register:%'"
		run_browser "$user" "$email"
		expect_eq "node tests/browser/register.mjs: exit status" "$BROWSER_RC" 0
		((BROWSER_RC != 124 && BROWSER_RC != 137)) ||
			fail "register.mjs finished within 180 s"

		got=$(db_sql "SELECT CONCAT(status, ' ', email) FROM users WHERE username = '$user'")
		expect_eq "user $user is in the database, pending, with its address" \
			"$got" "pending $email"
		if mail_wait_to "$email" 1; then
			ok "an activation mail went to $email"
			f=$(mail_last_to "$email")
			if mail_link "$f" /activate >/dev/null; then
				ok "the mail holds an /activate link"
			else
				fail "the mail holds an /activate link" "mail: $f"
			fi
		else
			fail "an activation mail went to $email"
		fi
	fi
	test_done
}

main "$@"
