#!/bin/bash
#
# t_16_reset: a forgotten password. The answer is the same for known and
# unknown addresses (and only a known one gets mail); the mailed link
# works once and for a limited time; the new password ends every other
# session of the user, the old one stops working; reset mails to one
# address are limited (3 an hour: the 4th gets 429).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

NEWPW="a brand new passphrase"
WRONG="Wrong username, e-mail address or password."
SENT="If an account uses that address, we sent it a link to choose a new password."

# forgot JAR ADDRESS: post the forgotten-password form as JAR.
forgot() {
	bget "$1" /forgot
	bpost "$1" /forgot "csrf=$(form_value csrf)" "email=$2"
}

# reset_post JAR TOKEN PASSWORD [PASSWORD2]: post the new-password form.
reset_post() {
	bpost "$1" /reset "csrf=$(csrf_token "$(jar_cookie "$1" kaaj_csrf)")" \
		"token=$2" "password=$3" "password2=${4:-$3}"
}

reset_path() {
	local a b c path tok known
	a=$(jar_new a)
	b=$(jar_new b)
	c=$(jar_new c)
	make_user rita
	login_as "$a" rita "$ACC_PASSWORD"
	login_as "$b" rita@example.test "$ACC_PASSWORD"
	expect_eq "rita is logged in in two browsers" "$(logged_in "$a") $(logged_in "$b")" "200 200"

	bget "$c" /forgot
	expect_status 200 "GET /forgot"
	expect_security_headers "GET /forgot"
	forgot "$c" rita@example.test
	expect_status 200 "POST /forgot for rita's address"
	expect_body "$SENT" "... says a link was sent if the address is known"
	known=$(sed 's/rita@example.test/ADDRESS/g' "$HTTP_BODY")
	path=$(link_to rita@example.test 2 /reset)
	expect_match "a mail with a link /reset?token=<32 hex>" "$path" '^/reset\?token=[0-9a-f]{32}$'
	expect_eq "... with the subject" "$(mail_header "$(mail_last_to rita@example.test)" Subject)" \
		"Choose a new password"
	tok=${path#*token=}
	expect_eq "the token is stored hashed" "$(db_sql "SELECT COUNT(*) FROM account_tokens
	    WHERE purpose = 'reset' AND token_hash = UNHEX(SHA2('$tok', 256))")" 1

	forgot "$c" ghost@example.test
	expect_status 200 "POST /forgot for an unknown address"
	expect_eq "... gets the very same page" "$(sed 's/ghost@example.test/ADDRESS/g' "$HTTP_BODY")" "$known"
	expect_eq "... and no mail goes out" "$(mail_n ghost@example.test)" 0
	bpost "$c" /forgot email=rita@example.test
	expect_error_page 403 "Forbidden" "POST /forgot without csrf"
	expect_eq "... sends no mail" "$(mail_n rita@example.test)" 2
	forgot "$c" "not an address"
	expect_body "That does not look like an e-mail address" "POST /forgot with a bad address"
	expect_value email "not an address" "... keeps it"

	bget "$c" "/activate?token=$tok"
	expect_status 404 "a reset token does not activate"
	bget "$c" "$path"
	expect_status 200 "GET the reset link"
	expect_security_headers "the reset form"
	expect_value token "$tok" "... the form carries the token"
	reset_post "$c" "$tok" password123
	expect_body "This password is too easy to guess." "a common new password is refused"
	expect_value token "$tok" "... and the form is shown again"
	reset_post "$c" "$tok" "$NEWPW" "$NEWPW."
	expect_body "The two passwords are not the same." "two different new passwords are refused"
	bpost "$c" /reset "token=$tok" "password=$NEWPW" "password2=$NEWPW"
	expect_error_page 403 "Forbidden" "POST /reset without csrf"
	expect_eq "... rita's sessions still work" "$(logged_in "$a") $(logged_in "$b")" "200 200"

	reset_post "$c" "$tok" "$NEWPW"
	expect_status 303 "POST /reset with a good new password"
	expect_header Location '/settings\?notice=password_reset$' "... goes to the settings"
	expect_match "... logged in in this browser" "$(jar_cookie "$c" kaaj_session)" '^[0-9a-f]{32}$'
	bget "$c" /settings?notice=password_reset
	expect_body "Your new password is saved, and you are logged in." "... which says so"
	expect_eq "rita's two other sessions have ended" "$(logged_in "$a") $(logged_in "$b")" "303 303"
	login_as "$a" rita "$ACC_PASSWORD"
	expect_body "$WRONG" "the old password no longer works"
	login_as "$a" rita "$NEWPW"
	expect_status 303 "the new one does"

	bget "$b" "$path"
	expect_status 410 "the reset link a second time"
	expect_body "This link was already used" "... says it was used"
	reset_post "$b" "$tok" "yet another passphrase"
	expect_status 410 "posting the used token again"
	login_as "$b" rita "$NEWPW"
	expect_status 303 "... changed nothing"
}

expired() {
	local jar path first
	jar=$(jar_new exp)
	make_user edith
	forgot "$jar" edith@example.test
	first=$(link_to edith@example.test 2 /reset)
	forgot "$jar" edith@example.test
	path=$(link_to edith@example.test 3 /reset)
	bget "$jar" "$first"
	expect_status 410 "an older reset link, once a newer was sent"
	db_sql "UPDATE account_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
	    WHERE purpose = 'reset' AND user_id = (SELECT id FROM users WHERE username = 'edith')"
	bget "$jar" "$path"
	expect_status 410 "an expired reset link"
	expect_body "This link has expired" "... says it expired"
	expect_body 'href="/forgot"' "... and offers a new one"
	reset_post "$jar" "${path#*token=}" "$NEWPW"
	expect_status 410 "posting an expired token"
	login_as "$jar" edith "$NEWPW"
	expect_body "$WRONG" "... changed nothing"
	bget "$jar" "/reset?token=$(random_hex 16)"
	expect_status 404 "an unknown reset token"
	expect_body "This link does not work" "... says so"
}

# A reset also activates an account whose activation mail was lost.
pending() {
	local jar path
	jar=$(jar_new pend)
	reg_user "$jar" paula >/dev/null
	forgot "$jar" paula@example.test
	path=$(link_to paula@example.test 2 /reset)
	bget "$jar" "$path"
	reset_post "$jar" "${path#*token=}" "$NEWPW"
	expect_status 303 "a pending account resets its password"
	expect_eq "... and is active" "$(user_col paula status)" active
}

rate_limit() {
	local jar i n
	jar=$(jar_new rl)
	rl_window_guard 60
	make_user rob
	for i in 1 2 3; do
		forgot "$jar" rob@example.test
		[[ $HTTP_STATUS == 200 ]] || break
	done
	expect_eq "3 reset mails to one address" "$(mail_n rob@example.test)" 4
	forgot "$jar" rob@example.test
	expect_error_page 429 "Too many attempts" "a 4th reset request for that address"
	expect_header Retry-After '^[1-9][0-9]*$' "... has Retry-After"
	expect_body "You can try again in about" "... and says how long to wait"
	n=$(mail_n rob@example.test)
	expect_eq "... and sends no mail" "$n" 4
	forgot "$jar" Rob@Example.TEST
	expect_status 429 "... nor for the address in other case"
	expect_eq "... no mail either" "$(mail_n rob@example.test)" "$n"
	for i in 1 2 3; do forgot "$jar" ghost2@example.test; done
	forgot "$jar" ghost2@example.test
	expect_status 429 "an unknown address is limited alike (no hint it is unknown)"
	forgot "$jar" other@example.test
	expect_status 200 "another address is not limited"
}

xss() {
	local jar
	jar=$(jar_new xss)
	for probe in "$XSS_SCRIPT" "$XSS_IMG"; do
		forgot "$jar" "$probe"
		expect_no_xss "POST /forgot with a probe as address"
		expect_value email "$probe" "... kept, escaped"
		bget "$jar" /reset -G --data-urlencode "token=$probe"
		expect_no_xss "GET /reset?token=probe ($HTTP_STATUS)"
		reset_post "$jar" "$probe" "$probe"
		expect_no_xss "POST /reset with token=probe ($HTTP_STATUS)"
	done
}

main() {
	acc_clear_ip_limits
	reset_path
	expired
	pending
	rate_limit
	xss
	test_done
}

main "$@"
