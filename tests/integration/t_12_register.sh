#!/bin/bash
#
# t_12_register: the whole path of a new account (register with the
# captcha solved, the activation mail, its link, login, settings, logout),
# then every way the registration form can be wrong: each gets its message,
# keeps what was typed but never the password, and creates nothing. The
# captcha refuses a missing, forged, expired, too easy, reused or wrong
# solution; a wrong CSRF token gets 403; registrations per IP are limited,
# and so are questions whether a name or address is taken, each of which
# uses up its robot check.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

whole_path() {
	local jar email=newbie@example.test pw="my long and secret phrase"
	local path tok cookie set old
	jar=$(jar_new whole)
	reg_open "$jar"
	ok "GET /register shows csrf and captcha fields (difficulty $REG_BITS)"
	expect_security_headers "GET /register"
	expect_eq "the form's csrf is HMAC(secret, csrf:kaaj_csrf cookie)" \
		"$REG_CSRF" "$(csrf_token "$(jar_cookie "$jar" kaaj_csrf)")"
	expect_body "<script src=\"/static/captcha.js?v=$(b2sum -l 64 \
		"$KAAJ_STATIC_DIR/captcha.js" | cut -c1-16)\"></script>" \
		"the captcha script is a file, not inline, linked with its version"
	expect_match "no inline script in the page" \
		"$(grep -c '<script>' "$HTTP_BODY" || true)" '^0$'
	expect_body '<noscript><p class="error">The &quot;I am not a robot&quot; check needs JavaScript' \
		"a page without JavaScript says why it cannot register"

	reg_post "$jar" newbie "$email" "$pw"
	expect_status 200 "POST /register with every field right"
	expect_body "Check your e-mail" "... says to check the mail"
	expect_body "$email" "... names the address"
	expect_eq "the account is pending" "$(user_col newbie status)" pending
	expect_match "its password is an argon2id hash" \
		"$(user_col newbie password_hash)" '^[$]argon2id[$]'

	check "the activation mail arrives" mail_wait_to "$email" 1
	expect_eq "... with the subject" \
		"$(mail_header "$(mail_last_to "$email")" Subject)" "Activate your account"
	path=$(mail_path "$(mail_last_to "$email")" /activate)
	expect_match "... holding a link /activate?token=<32 hex>" "$path" \
		'^/activate\?token=[0-9a-f]{32}$'
	tok=${path#*token=}
	expect_eq "the token is stored hashed, never as it is" \
		"$(db_sql "SELECT COUNT(*) FROM account_tokens WHERE purpose =
		    'activate' AND token_hash = UNHEX(SHA2('$tok', 256))
		    AND token_hash <> '$tok'")" 1

	bget "$jar" "$path"
	expect_status 303 "GET the activation link"
	expect_header Location '/login\?notice=activated$' "... goes to /login?notice=activated"
	expect_eq "the account is active" "$(user_col newbie status)" active
	bget "$jar" "/login?notice=activated"
	expect_body "Your account is active. You can log in now." "the login page says so"

	login_as "$jar" newbie "$pw"
	expect_status 303 "POST /login as the new user"
	set=$(tr -d '\r' <"$HTTP_HEADERS" | grep -i '^Set-Cookie: kaaj_session=' || true)
	expect_match "the session cookie is 32 hex digits" "$set" 'kaaj_session=[0-9a-f]{32};'
	expect_match "... HttpOnly" "$set" '; HttpOnly(;|$)'
	expect_match "... SameSite=Lax" "$set" '; SameSite=Lax(;|$)'
	expect_match "... Path=/" "$set" '; Path=/(;|$)'
	if [[ $set == *Secure* ]]; then
		fail "... not Secure over plain http" "got: $set"
	else
		ok "... not Secure over plain http"
	fi
	cookie=$(jar_cookie "$jar" kaaj_session)
	expect_eq "the session is stored hashed" "$(db_sql "SELECT COUNT(*)
	    FROM sessions WHERE token_hash = UNHEX(SHA2('$cookie', 256))")" 1

	bget "$jar" /settings
	expect_status 200 "GET /settings when logged in"
	expect_body '<a class="who" href="/settings">newbie</a>' "... shows the user"
	expect_body "$email" "... shows the address"

	old=$cookie
	bpost "$jar" /logout "csrf=$(form_value csrf)"
	expect_status 303 "POST /logout"
	expect_header Set-Cookie '^kaaj_session=; .*Max-Age=0' "... clears the cookie"
	expect_eq "... which the browser drops" "$(jar_cookie "$jar" kaaj_session)" ""
	bget "$jar" /settings
	expect_status 303 "GET /settings after logout"
	expect_header Location '/login\?next=/settings$' "... goes to the login page"
	http GET /settings -b "kaaj_session=$old"
	expect_status 303 "the old session cookie no longer works"
}

# bad WHAT MESSAGE USERNAME EMAIL PASSWORD [FIELD...]: post a registration
# that must be refused with MESSAGE, keep the username and address typed,
# never show a password, and create no account.
bad() {
	local what=$1 msg=$2 before
	shift 2
	before=$(users_count)
	reg_post "$JAR" "$@"
	expect_status 200 "$what"
	expect_body "$msg" "$what: says \"$msg\""
	expect_eq "$what: no account created" "$(users_count)" "$before"
	expect_value username "$1" "$what: keeps the username"
	expect_value email "$2" "$what: keeps the address"
	expect_no_value password "$what: password field empty"
	expect_no_value password2 "$what: repeat field empty"
}

bad_fields() {
	local pw="one two three four" long129
	JAR=$(jar_new bad)
	reg_open "$JAR"
	bad "username of 2" "Your username needs at least 3 characters." \
		ab ab@example.test "$pw"
	bad "username of 33" "Your username can have at most 32 characters." \
		"$(printf 'u%.0s' {1..33})" u33@example.test "$pw"
	bad "username with a space" "Use only letters, digits, _ . and -" \
		"bad name" bn@example.test "$pw"
	bad "username starting with _" "Use only letters, digits, _ . and -" \
		_under us@example.test "$pw"
	reg_open "$JAR" # asking whether it is taken uses up the check
	bad "username taken (alice)" "This username is taken." \
		alice free@example.test "$pw"
	reg_open "$JAR" # asking whether it is taken uses up the check
	bad "username taken in other case (ALICE)" "This username is taken." \
		ALICE free@example.test "$pw"
	bad "address without @" "That does not look like an e-mail address" \
		freshname not-an-address "$pw"
	reg_open "$JAR" # asking whether it is taken uses up the check
	bad "address taken" "An account with this e-mail address already exists." \
		freshname bob@example.com "$pw"
	reg_open "$JAR" # asking whether it is taken uses up the check
	bad "address taken, in capitals" "An account with this e-mail address already exists." \
		freshname BOB@Example.COM "$pw"
	reg_open "$JAR"
	bad "no address" "Please enter your e-mail address." freshname "" "$pw"
	bad "password of 7" "Your password needs at least 8 characters." \
		freshname f@example.test "seven77"
	bad "common password" "This password is too easy to guess." \
		freshname f@example.test "password123"
	bad "password = username" "Your password must not be your username" \
		freshname99 f@example.test "freshname99"
	bad "password = address" "Your password must not be your username" \
		freshname f@example.test "f@example.test"
	bad "passwords differ" "The two passwords are not the same." \
		freshname f@example.test "$pw" "password2=$pw!"
	long129=$(printf 'p%.0s' {1..128})x
	bad "password of 129" "Your password can have at most 128 characters." \
		freshname f@example.test "$long129"
	bad "no country" "Please choose your country." \
		freshname f@example.test "$pw" country=
	bad "unknown country XX" "Please choose your country." \
		freshname f@example.test "$pw" country=XX
	bad "terms unticked" "Please accept the terms to create an account." \
		freshname f@example.test "$pw" -terms
	expect_no_body "$pw" "no refused form shows the password typed"
	expect_selected country BD "a refused form keeps the country chosen"

	reg_post "$JAR" freshname f@example.test "$pw" -terms
	expect_body 'name="terms" value="1">' "the unticked box stays unticked"
	reg_post "$JAR" freshname f@example.test "$pw" country=
	expect_body 'name="terms" value="1" checked>' "a ticked box stays ticked"
}

captcha() {
	local before salt exp sig nonce n
	before=$(users_count)
	bad "captcha not done (no nonce)" "Please tick" \
		capname cap@example.test "long enough pass" captcha_nonce=
	bad "no captcha fields at all" "The robot check failed." \
		capname cap@example.test "long enough pass" -captcha_salt \
		-captcha_expires -captcha_bits -captcha_sig -captcha_nonce
	bad "forged signature" "The robot check failed." \
		capname cap@example.test "long enough pass" "captcha_sig=$(random_hex 32)"
	bad "signed difficulty lowered to 1" "The robot check failed." \
		capname cap@example.test "long enough pass" captcha_bits=1
	# Signed with the site's key, but easier than the site asks.
	salt=$(random_hex 16)
	exp=$(($(date +%s) + 600))
	bad "a signed challenge of 1 bit" "The robot check failed." \
		capname cap@example.test "long enough pass" "captcha_salt=$salt" \
		"captcha_expires=$exp" captcha_bits=1 \
		"captcha_sig=$(captcha_sign "$salt" "$exp" 1)" \
		"captcha_nonce=$(captcha_solve "$salt" 1)"
	# Signed and solved, but expired a minute ago.
	exp=$(($(date +%s) - 60))
	sig=$(captcha_sign "$salt" "$exp" "$REG_BITS")
	nonce=$(captcha_solve "$salt" "$REG_BITS")
	bad "an expired challenge" "The robot check expired." \
		capname cap@example.test "long enough pass" "captcha_salt=$salt" \
		"captcha_expires=$exp" "captcha_sig=$sig" "captcha_nonce=$nonce"
	exp=$(($(date +%s) + 86400 * 30))
	bad "a challenge expiring in 30 days" "The robot check failed." \
		capname cap@example.test "long enough pass" "captcha_salt=$salt" \
		"captcha_expires=$exp" "captcha_sig=$(captcha_sign "$salt" "$exp" "$REG_BITS")" \
		"captcha_nonce=$nonce"
	# Every nonce below the first solution is a wrong one.
	while ((REG_NONCE == 0)); do reg_open "$JAR"; done
	bad "a wrong nonce" "The robot check failed." \
		capname cap@example.test "long enough pass" "captcha_nonce=$((REG_NONCE - 1))"
	bad "a nonce that is not a number" "The robot check failed." \
		capname cap@example.test "long enough pass" "captcha_nonce=12a"
	expect_eq "no captcha failure created an account" "$(users_count)" "$before"

	# One solution, used twice.
	acc_clear_ip_limits
	reg_post "$JAR" capname cap@example.test "long enough pass"
	expect_status 200 "the solved challenge works once"
	expect_body "Check your e-mail" "... and creates the account"
	n=$(users_count)
	reg_post "$JAR" capname2 cap2@example.test "long enough pass"
	expect_body "This robot check was already used." "the same solution again is refused"
	expect_eq "... and creates nothing" "$(users_count)" "$n"
	expect_eq "... and sends no mail" "$(mail_n cap2@example.test)" 0
}

long_passwords() {
	local jar p64 p128 len
	jar=$(jar_new long)
	p64=$(printf 'abcdefgh%.0s' {1..8})
	p128=$(printf 'Zyxwvuts%.0s' {1..16})
	for len in 64 128; do
		acc_clear_ip_limits
		reg_open "$jar"
		if ((len == 64)); then
			reg_post "$jar" "long$len" "long$len@example.test" "$p64"
		else
			reg_post "$jar" "long$len" "long$len@example.test" "$p128"
		fi
		expect_status 200 "a password of $len characters"
		expect_body "Check your e-mail" "... is accepted"
	done
	# Pending, so the right password is told "not activated".
	login_as "$jar" long128 "$p128"
	expect_body "Your account is not activated yet." "the 128-character password is the one kept"
	login_as "$jar" long128 "${p128:0:127}"
	expect_body "Wrong username, e-mail address or password." "... whole: 127 of it is wrong"
}

csrf() {
	local before other
	before=$(users_count)
	reg_post "$JAR" csrfname csrf@example.test "long enough pass" -csrf
	expect_error_page 403 "Forbidden" "POST /register without csrf"
	other=$(jar_new other)
	reg_open "$other"
	reg_post "$JAR" csrfname csrf@example.test "long enough pass" "csrf=$REG_CSRF"
	expect_error_page 403 "Forbidden" "POST /register with another browser's csrf"
	reg_post "$JAR" csrfname csrf@example.test "long enough pass" \
		"csrf=$(csrf_token "$(random_hex 16)")"
	expect_error_page 403 "Forbidden" "POST /register with a made-up csrf"
	expect_eq "no account created without the right csrf" "$(users_count)" "$before"
}

xss() {
	local jar
	jar=$(jar_new xss)
	reg_open "$jar"
	reg_post "$jar" "$XSS_SCRIPT" "$XSS_IMG" "$XSS_SCRIPT" "country=$XSS_IMG"
	expect_status 200 "register with <script> in username, probes elsewhere"
	expect_no_xss "register form shown again"
	expect_value username "$XSS_SCRIPT" "... the username is kept, escaped"
	reg_post "$jar" "$XSS_IMG" "$XSS_SCRIPT" "$XSS_IMG" "country=$XSS_SCRIPT" \
		"terms=$XSS_SCRIPT" "captcha_nonce=$XSS_IMG"
	expect_no_xss "register with the probes swapped"
	expect_value email "$XSS_SCRIPT" "... the address is kept, escaped"
}

# Whether a name or address is taken costs a solved robot check and
# counts per IP (20 an hour), from 127.0.0.13 alone: one solution asks
# once, whatever else the next form changes; the 21st question is 429.
enumeration() {
	local jar i n before
	jar=$(jar_new enum)
	rl_window_guard 60
	BROWSER_ARGS=(--interface 127.0.0.13)
	db_sql "DELETE FROM rate_limits WHERE bucket LIKE '%:127.0.0.13'"
	before=$(users_count)
	reg_open "$jar"
	reg_post "$jar" alice enum1@example.test "long enough pass"
	expect_body "This username is taken." "a taken name is told once"
	for i in 2 3 4; do
		reg_post "$jar" alice "enum$i@example.test" "long enough pass"
		expect_body "This robot check was already used." \
			"the same solution again ($i): the check is used up"
		expect_no_body "This username is taken." "... and the name is not judged"
	done
	reg_post "$jar" "enumfree" bob@example.com "long enough pass"
	expect_no_body "already exists" "... nor a taken address"
	for ((n = 2; n <= 20; n++)); do
		reg_open "$jar"
		reg_post "$jar" alice "enum$n@example.test" "long enough pass"
		grep -qF "This username is taken." "$HTTP_BODY" || break
	done
	expect_eq "20 questions an hour from one IP" "$n" 21
	reg_open "$jar"
	reg_post "$jar" alice enum21@example.test "long enough pass"
	expect_error_page 429 "Too many attempts" "the 21st question from that IP"
	expect_no_body "This username is taken." "... is not answered"
	expect_eq "... and no account was made" "$(users_count)" "$before"
	BROWSER_ARGS=()
}

# Registrations per IP: 5 an hour, counted from 127.0.0.12 alone.
rate_limit() {
	local jar i before
	jar=$(jar_new rl)
	rl_window_guard 60
	BROWSER_ARGS=(--interface 127.0.0.12)
	db_sql "DELETE FROM rate_limits WHERE bucket = 'register:ip:127.0.0.12'"
	for i in 1 2 3 4 5; do
		reg_open "$jar"
		reg_post "$jar" "rl$i" "rl$i@example.test" "long enough pass"
		[[ $HTTP_STATUS == 200 ]] || break
	done
	expect_eq "5 registrations from one IP in an hour" "$(user_col rl5 status)" pending
	before=$(users_count)
	reg_open "$jar"
	reg_post "$jar" rl6 rl6@example.test "long enough pass"
	expect_error_page 429 "Too many attempts" "the 6th registration from that IP"
	expect_header Retry-After '^[1-9][0-9]*$' "... with Retry-After"
	expect_body "You can try again in about" "... and the time to wait"
	expect_security_headers "429 page"
	expect_eq "... and no account" "$(users_count)" "$before"
	BROWSER_ARGS=()
	acc_clear_ip_limits
	reg_open "$jar"
	reg_post "$jar" rl6 rl6@example.test "long enough pass"
	expect_status 200 "another IP can still register"
}

main() {
	acc_clear_ip_limits
	whole_path
	bad_fields
	captcha
	long_passwords
	csrf
	xss
	rate_limit
	enumeration
	test_done
}

main "$@"
