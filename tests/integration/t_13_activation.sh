#!/bin/bash
#
# t_13_activation: activation links work once and for a limited time: an
# expired or used link gets 410 with a page saying which, an unknown one
# 404. "Resend activation" mails a new link, after which only the newest
# works, and answers the same whether or not the address waits.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

# expect_link_problem CODE TITLE WHAT: the last answer is the page for a
# mailed link that does not work.
expect_link_problem() {
	expect_status "$1" "$3"
	expect_body "$2" "$3: page says \"$2\""
	expect_header Content-Type '^text/html' "$3: HTML page"
}

links() {
	local jar path
	jar=$(jar_new links)

	path=$(reg_user "$jar" late)
	db_sql "UPDATE account_tokens SET expires_at = UTC_TIMESTAMP()
	    - INTERVAL 1 MINUTE WHERE user_id =
	    (SELECT id FROM users WHERE username = 'late')"
	bget "$jar" "$path"
	expect_link_problem 410 "This link has expired" "an expired activation link"
	expect_body 'href="/activate/resend"' "... offers a new link"
	expect_security_headers "the expired-link page"
	expect_eq "... and the account stays pending" "$(user_col late status)" pending

	path=$(reg_user "$jar" twice)
	bget "$jar" "$path"
	expect_status 303 "an activation link, first use"
	bget "$jar" "$path"
	expect_link_problem 410 "This link was already used" "the same link again"
	expect_eq "... the account is still active" "$(user_col twice status)" active

	bget "$jar" "/activate?token=$(random_hex 16)"
	expect_link_problem 404 "This link does not work" "an unknown activation token"
	bget "$jar" "/activate"
	expect_link_problem 404 "This link does not work" "/activate without a token"
	bget "$jar" "/activate?token=${path: -31}"
	expect_link_problem 404 "This link does not work" "a cut-off token"
	bget "$jar" /activate -G --data-urlencode "token=$XSS_SCRIPT"
	expect_link_problem 404 "This link does not work" "a token with <script>"
	expect_no_xss "activation link page"
}

resend() {
	local jar first second third email=again@example.test body_known csrf
	jar=$(jar_new resend)
	rl_window_guard 60
	first=$(reg_user "$jar" again)

	bget "$jar" /activate/resend
	expect_status 200 "GET /activate/resend"
	expect_security_headers "GET /activate/resend"
	# Before login the token stays the same for one browser (its cookie).
	csrf=$(form_value csrf)
	bpost "$jar" /activate/resend "csrf=$csrf" "email=$email"
	expect_status 200 "POST /activate/resend for a pending account"
	expect_body "If an account with that address waits for activation, we sent it a new link." \
		"... says a link was sent if the account waits"
	body_known=$(sed "s/$email/ADDRESS/g" "$HTTP_BODY")
	second=$(link_to "$email" 2 /activate)
	expect_match "a second mail with a new link" "$second" '^/activate\?token='
	expect_true "... not the first one" "same link $first" [ "$second" != "$first" ]

	bpost "$jar" /activate/resend "csrf=$csrf" "email=$email"
	third=$(link_to "$email" 3 /activate)
	bget "$jar" "$first"
	expect_link_problem 410 "This link has expired" "the first link after two resends"
	bget "$jar" "$second"
	expect_link_problem 410 "This link has expired" "the second link after one more resend"
	expect_eq "the account is still pending" "$(user_col again status)" pending
	bget "$jar" "$third"
	expect_status 303 "the newest link activates"
	expect_header Location '/login\?notice=activated$' "... and goes to the login page"
	expect_eq "the account is active" "$(user_col again status)" active

	bpost "$jar" /activate/resend "csrf=$csrf" "email=$email"
	expect_eq "resend for an active account sends nothing" "$(mail_n "$email")" 3
	expect_eq "... with the same answer" \
		"$(sed "s/$email/ADDRESS/g" "$HTTP_BODY")" "$body_known"

	bpost "$jar" /activate/resend "csrf=$csrf" "email=$email"
	expect_error_page 429 "Too many attempts" "a 4th resend to one address in an hour"
	expect_header Retry-After '^[1-9][0-9]*$' "... with Retry-After"
	bpost "$jar" /activate/resend "csrf=$csrf" "email=Again@Example.TEST"
	expect_status 429 "... and to the address in other case"

	bpost "$jar" /activate/resend "csrf=$csrf" "email=nobody@example.test"
	expect_status 200 "resend for an unknown address"
	expect_eq "... gets the same answer" \
		"$(sed "s/nobody@example.test/ADDRESS/g" "$HTTP_BODY")" "$body_known"
	expect_eq "... and no mail" "$(mail_n nobody@example.test)" 0

	bpost "$jar" /activate/resend "csrf=$csrf" "email=not an address"
	expect_body "That does not look like an e-mail address" "resend with a bad address"
	expect_value email "not an address" "... keeps what was typed"

	bpost "$jar" /activate/resend "email=$email"
	expect_error_page 403 "Forbidden" "POST /activate/resend without csrf"
	expect_eq "... sends nothing" "$(mail_n "$email")" 3

	bpost "$jar" /activate/resend "csrf=$csrf" "email=$XSS_SCRIPT"
	expect_no_xss "resend with <script> as the address"
	bpost "$jar" /activate/resend "csrf=$csrf" "email=$XSS_IMG"
	expect_no_xss "resend with an <img> probe as the address"
	bget "$jar" /activate/resend -G --data-urlencode "email=$XSS_IMG"
	expect_no_xss "GET /activate/resend with a probe in the query"
}

main() {
	acc_clear_ip_limits
	links
	resend
	test_done
}

main "$@"
