#!/bin/bash
#
# t_18_settings: a user's own settings. Country, language and payout
# details are saved, and a wrong one gets its message with what was typed
# kept; a new password needs the current one, ends every other session
# and gives this browser a new cookie; a new e-mail address works once the
# link mailed to it is followed. Forms without the right CSRF token change
# nothing, and nothing typed is shown unescaped.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

NEWPW="sam's second long password"
WRONG="Wrong username, e-mail address or password."

# profile_row: sam's country, language, payout method and account.
profile_row() {
	db_sql "SELECT CONCAT_WS('|', country, language, payout_method,
	    payout_account) FROM users WHERE username = 'sam'"
}

# save JAR NAME=VALUE...: post the profile form as JAR with its csrf.
save() {
	local jar=$1
	shift
	bpost "$jar" /settings/profile "csrf=$(csrf_token "$(jar_cookie "$jar" kaaj_session)")" "$@"
}

# bad_profile WHAT MESSAGE NAME=VALUE...: a profile form refused with
# MESSAGE, keeping the payout account typed, saving nothing.
bad_profile() {
	local what=$1 msg=$2 before kv account=
	shift 2
	before=$(profile_row)
	save "$JAR" "$@"
	expect_status 200 "$what"
	expect_body "$msg" "$what: says \"$msg\""
	for kv in "$@"; do
		[[ $kv == payout_account=* ]] && account=${kv#*=}
	done
	expect_value payout_account "$account" "$what: keeps the payout account typed"
	expect_eq "$what: saves nothing" "$(profile_row)" "$before"
}

profile() {
	local before
	JAR=$(jar_new sam)
	make_user sam
	login_as "$JAR" sam "$ACC_PASSWORD"
	bget "$JAR" /settings
	expect_status 200 "GET /settings"
	expect_security_headers "GET /settings"
	expect_selected country BD "the country chosen at registration is shown"
	expect_selected language en "... and the language"
	expect_body '<option value="bn">বাংলা</option>' "... and Bengali is offered (templates/lang/bn.hdf)"
	expect_body 'sam@example.test' "... and the address"

	save "$JAR" country=IN language=en payout_method=bkash payout_account=01712345678
	expect_status 303 "save country, language and payout"
	expect_header Location '/settings\?notice=saved$' "... back to /settings with a notice"
	expect_eq "... saved" "$(profile_row)" "IN|en|bkash|01712345678"
	bget "$JAR" "/settings?notice=saved"
	expect_body "Your settings are saved." "the notice is shown"
	expect_selected country IN "... the new country"
	expect_selected payout_method bkash "... the payout method"
	expect_value payout_account 01712345678 "... and account"

	bad_profile "an unknown payout method" "Please choose one of the payout methods listed." \
		country=BD language=en payout_method=cash payout_account=01799999999
	bad_profile "an unknown country" "Please choose your country." \
		country=XX language=en payout_method=nagad payout_account=01788888888
	expect_selected payout_method nagad "... keeps the payout method chosen"
	bad_profile "no country" "Please choose your country." \
		country= language=en payout_method=nagad payout_account=01788888888
	bad_profile "an unknown language" "Please choose one of the languages listed." \
		country=BD language=zz payout_method=nagad payout_account=01788888888
	bad_profile "a payout account of 2" "The payout account is too short." \
		country=BD language=en payout_method=nagad payout_account=12
	bad_profile "an account without a method" "Please choose a payout method for this account." \
		country=BD language=en payout_method= payout_account=01788888888

	before=$(profile_row)
	bpost "$JAR" /settings/profile country=US language=en payout_method= payout_account=
	expect_error_page 403 "Forbidden" "POST /settings/profile without csrf"
	bpost "$JAR" /settings/profile "csrf=$(csrf_token "$(random_hex 16)")" \
		country=US language=en payout_method= payout_account=
	expect_error_page 403 "Forbidden" "POST /settings/profile with a wrong csrf"
	expect_eq "... saves nothing" "$(profile_row)" "$before"

	save "$JAR" country=BD language=en payout_method=paypal "payout_account=$XSS_SCRIPT"
	expect_status 303 "a payout account holding <script> is saved (it is printable)"
	bget "$JAR" /settings
	expect_no_xss "settings showing that account"
	expect_value payout_account "$XSS_SCRIPT" "... shown escaped"
	save "$JAR" "country=$XSS_IMG" "language=$XSS_SCRIPT" "payout_method=$XSS_IMG" \
		"payout_account=$XSS_IMG"
	expect_no_xss "profile form with probes in every field"
	save "$JAR" country=BD language=bn payout_method= payout_account=
	bget "$JAR" "/settings?notice=saved"
	expect_body '<html lang="bn">' "Bengali chosen: the pages are in Bengali"
	expect_body "আপনার সেটিংস সেভ হয়েছে।" "... the notice too"
	expect_selected language bn "... and Bengali stays chosen"
	save "$JAR" country=BD language=en payout_method= payout_account=
	expect_eq "payout details can be cleared" "$(profile_row)" "BD|en||"
}

# change_pw JAR CURRENT NEW [NEW2] [csrf=...]: post the password form.
change_pw() {
	bpost "$1" /settings/password "csrf=$(csrf_token "$(jar_cookie "$1" kaaj_session)")" \
		"current_password=$2" "new_password=$3" "new_password2=${4:-$3}"
}

password() {
	local other hash old new
	other=$(jar_new sam-other)
	login_as "$other" sam "$ACC_PASSWORD"
	hash=$(user_col sam password_hash)
	change_pw "$JAR" "not my password" "$NEWPW"
	expect_status 200 "change password with a wrong current one"
	expect_body "That is not your current password." "... says so"
	expect_no_body "$NEWPW" "... shows no password"
	change_pw "$JAR" "$ACC_PASSWORD" qwerty123
	expect_body "This password is too easy to guess." "a common new password is refused"
	change_pw "$JAR" "$ACC_PASSWORD" "$NEWPW" "$NEWPW!"
	expect_body "The two passwords are not the same." "two different new passwords are refused"
	change_pw "$JAR" "$ACC_PASSWORD" sam
	expect_body "Your password needs at least 8 characters." "a short new password is refused"
	bpost "$JAR" /settings/password "current_password=$ACC_PASSWORD" \
		"new_password=$NEWPW" "new_password2=$NEWPW"
	expect_error_page 403 "Forbidden" "POST /settings/password without csrf"
	bpost "$JAR" /settings/password "csrf=$(csrf_token "$(random_hex 16)")" \
		"current_password=$ACC_PASSWORD" "new_password=$NEWPW" "new_password2=$NEWPW"
	expect_error_page 403 "Forbidden" "POST /settings/password with a wrong csrf"
	expect_eq "none of these changed the password" "$(user_col sam password_hash)" "$hash"
	expect_eq "... nor ended a session" "$(logged_in "$JAR") $(logged_in "$other")" "200 200"

	old=$(jar_cookie "$JAR" kaaj_session)
	change_pw "$JAR" "$ACC_PASSWORD" "$NEWPW"
	expect_status 303 "change password"
	expect_header Location '/settings\?notice=password_changed$' "... back to /settings"
	new=$(jar_cookie "$JAR" kaaj_session)
	expect_true "... with a new session cookie" "before $old, after $new" \
		[ -n "$new" -a "$new" != "$old" ]
	expect_eq "this browser stays logged in" "$(logged_in "$JAR")" 200
	http GET /settings -b "kaaj_session=$old"
	expect_status 303 "the old cookie no longer works"
	expect_eq "the other browser's session has ended" "$(logged_in "$other")" 303
	login_as "$other" sam "$ACC_PASSWORD"
	expect_body "$WRONG" "the old password no longer works"
	login_as "$other" sam "$NEWPW"
	expect_status 303 "the new one does"
}

# change_email JAR ADDRESS PASSWORD: post the e-mail form.
change_email() {
	bpost "$1" /settings/email "csrf=$(csrf_token "$(jar_cookie "$1" kaaj_session)")" \
		"new_email=$2" "email_password=$3"
}

email() {
	local path jar n
	jar=$(jar_new anon)
	change_email "$JAR" sam.new@example.test "not my password"
	expect_body "That is not your current password." "change address with a wrong password"
	expect_value new_email sam.new@example.test "... keeps the address typed"
	change_email "$JAR" bob@example.com "$NEWPW"
	expect_body "An account with this e-mail address already exists." "a taken address is refused"
	change_email "$JAR" sam@example.test "$NEWPW"
	expect_body "That is already your address." "the same address is refused"
	change_email "$JAR" "sam at example" "$NEWPW"
	expect_body "That does not look like an e-mail address" "a bad address is refused"
	bpost "$JAR" /settings/email new_email=sam.new@example.test "email_password=$NEWPW"
	expect_error_page 403 "Forbidden" "POST /settings/email without csrf"
	expect_eq "none of these sent mail" "$(mail_n sam.new@example.test)" 0
	for probe in "$XSS_SCRIPT" "$XSS_IMG"; do
		change_email "$JAR" "$probe" "$NEWPW"
		expect_no_xss "change address to a probe"
	done

	change_email "$JAR" sam.new@example.test "$NEWPW"
	expect_status 303 "change address"
	expect_header Location '/settings\?notice=email_sent$' "... says a link was sent"
	path=$(link_to sam.new@example.test 1 /email/confirm)
	expect_match "the new address gets a link" "$path" '^/email/confirm\?token=[0-9a-f]{32}$'
	expect_eq "... with the subject" "$(mail_header "$(mail_last_to sam.new@example.test)" Subject)" \
		"Confirm your new e-mail address"
	expect_eq "the address is unchanged until it is followed" \
		"$(user_col sam email)" sam@example.test
	bget "$JAR" "$path"
	expect_status 303 "following the link"
	expect_header Location '/settings\?notice=email_changed$' "... back to /settings"
	expect_eq "... changes the address" "$(user_col sam email)" sam.new@example.test
	bget "$JAR" "$path"
	expect_status 410 "the link a second time"
	expect_body "This link was already used" "... says it was used"
	login_as "$jar" sam.new@example.test "$NEWPW"
	expect_status 303 "login by the new address"
	login_as "$jar" sam@example.test "$NEWPW"
	expect_body "$WRONG" "... not by the old one"

	change_email "$JAR" sam.late@example.test "$NEWPW"
	path=$(link_to sam.late@example.test 1 /email/confirm)
	db_sql "UPDATE account_tokens SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
	    WHERE purpose = 'email' AND new_email = 'sam.late@example.test'"
	bget "$JAR" "$path"
	expect_status 410 "an expired address link"
	expect_body "This link has expired" "... says so"
	expect_eq "... changes nothing" "$(user_col sam email)" sam.new@example.test

	# The address is taken by a new account before the link is followed.
	change_email "$JAR" carl@example.test "$NEWPW"
	path=$(link_to carl@example.test 1 /email/confirm)
	make_user carl
	n=$(users_count)
	bget "$jar" "$path"
	expect_error_page 409 "Conflict" "the link once another account took the address"
	expect_body "Another account already uses that e-mail address." "... says so"
	expect_eq "... changes nothing" "$(user_col sam email)" sam.new@example.test
	expect_eq "... creates nothing" "$(users_count)" "$n"
	bget "$jar" "/email/confirm?token=$(random_hex 16)"
	expect_status 404 "an unknown address link"
}

main() {
	acc_clear_ip_limits
	profile
	password
	email
	test_done
}

main "$@"
