#!/bin/bash
#
# t_14_login: login by username or e-mail address, where it goes next, a
# new session token at every login, one message for a wrong password and
# an unknown user, logout, the session lifetimes, CSRF on the login form,
# the session cookie's Secure flag over https (kaaj run as CGI with
# HTTPS=on), the security headers, and escaping of what was typed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

PW="lina's own long password"

login_ok() {
	local a b c t1 t2
	a=$(jar_new a)
	b=$(jar_new b)
	c=$(jar_new c)
	login_as "$a" lina "$PW"
	expect_status 303 "login by username"
	expect_header Location '^/dashboard$' "... goes to the dashboard"
	expect_eq "... and the session works" "$(logged_in "$a")" 200
	login_as "$b" lina@example.test "$PW"
	expect_status 303 "login by e-mail address"
	expect_eq "... and the session works" "$(logged_in "$b")" 200
	login_as "$c" " LINA " "$PW"
	expect_status 303 "login by username in capitals, with spaces around"

	login_as "$c" lina "$PW" /settings
	expect_header Location '^/settings$' "login?next=/settings goes there"
	for next in //evil.example/x https://evil.example/ '/\evil.example' \
		$'/x\r\nSet-Cookie: evil=1'; do
		bpost "$c" /login "csrf=$(csrf_token "$(jar_cookie "$c" kaaj_session)")" \
			login=lina "password=$PW" "next=$next"
		expect_header Location '^/dashboard$' "next=${next//[$'\r\n']/.} goes to the dashboard instead"
	done
	bget "$a" "/login?next=/jobtypes"
	expect_status 303 "GET /login when logged in"
	expect_header Location '^/jobtypes$' "... goes on to next"

	# A new token at each login; the one this browser had ends.
	t1=$(jar_cookie "$a" kaaj_session)
	bpost "$a" /login "csrf=$(csrf_token "$t1")" login=lina "password=$PW"
	expect_status 303 "login again in a logged-in browser"
	t2=$(jar_cookie "$a" kaaj_session)
	expect_true "... gets a new token" "before $t1, after $t2" \
		[ -n "$t2" -a "$t2" != "$t1" ]
	http GET /settings -b "kaaj_session=$t1"
	expect_status 303 "... and the old one no longer works"
	expect_eq "... the new one does" "$(logged_in "$a")" 200

	bpost "$a" /logout "csrf=$(csrf_token "$t2")"
	expect_status 303 "logout in one browser"
	expect_eq "... ends its session" "$(logged_in "$a")" 303
	expect_eq "... but not the session of another browser" "$(logged_in "$b")" 200
}

login_refused() {
	local jar known unknown
	jar=$(jar_new refused)
	login_as "$jar" lina "not my password"
	expect_status 200 "wrong password"
	expect_body "Wrong username, e-mail address or password." "... says so"
	expect_value login lina "... keeps the login typed"
	expect_no_value password "... never the password"
	expect_no_body "not my password" "... the password is nowhere in the page"
	known=$(sed 's/lina/LOGIN/g' "$HTTP_BODY")
	login_as "$jar" nosuchuser "not my password"
	expect_status 200 "unknown user"
	unknown=$(sed 's/nosuchuser/LOGIN/g' "$HTTP_BODY")
	expect_eq "... gets the very same page as a wrong password" "$unknown" "$known"
	login_as "$jar" nobody@example.test "not my password"
	expect_body "Wrong username, e-mail address or password." "unknown address: same message"
	expect_eq "no session for any of these" "$(jar_cookie "$jar" kaaj_session)" ""

	login_as "$jar" "" "$PW"
	expect_body "Please enter your username or e-mail address." "empty login"
	login_as "$jar" lina ""
	expect_body "Please enter your password." "empty password"
}

lifetimes() {
	local jar tok
	jar=$(jar_new life)
	login_as "$jar" lina "$PW"
	tok=$(jar_cookie "$jar" kaaj_session)
	expect_eq "a session lasts session_max_days (30) at most" "$(db_sql "SELECT
	    TIMESTAMPDIFF(DAY, created_at, expires_at) FROM sessions
	    WHERE token_hash = UNHEX(SHA2('$tok', 256))")" 30
	expect_header Set-Cookie 'Max-Age=2592000;' "... and so does the cookie"
	db_sql "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 1439 MINUTE
	    WHERE token_hash = UNHEX(SHA2('$tok', 256))"
	expect_eq "a session idle for 1439 minutes still works" "$(logged_in "$jar")" 200
	expect_eq "... and the visit is noted" "$(db_sql "SELECT last_seen_at >
	    UTC_TIMESTAMP() - INTERVAL 1 MINUTE FROM sessions
	    WHERE token_hash = UNHEX(SHA2('$tok', 256))")" 1
	db_sql "UPDATE sessions SET last_seen_at = UTC_TIMESTAMP() - INTERVAL 1441 MINUTE
	    WHERE token_hash = UNHEX(SHA2('$tok', 256))"
	expect_eq "a session idle for session_idle_minutes (1440) has ended" \
		"$(logged_in "$jar")" 303
	login_as "$jar" lina "$PW"
	tok=$(jar_cookie "$jar" kaaj_session)
	db_sql "UPDATE sessions SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND
	    WHERE token_hash = UNHEX(SHA2('$tok', 256))"
	expect_eq "a session past its expiry has ended" "$(logged_in "$jar")" 303
}

csrf() {
	local jar other
	jar=$(jar_new csrf)
	other=$(jar_new csrf-other)
	bget "$jar" /login
	bpost "$jar" /login login=lina "password=$PW"
	expect_error_page 403 "Forbidden" "POST /login without csrf"
	expect_eq "... logs nobody in" "$(jar_cookie "$jar" kaaj_session)" ""
	bpost "$jar" /login "csrf=$(csrf_token "$(random_hex 16)")" login=lina "password=$PW"
	expect_error_page 403 "Forbidden" "POST /login with a made-up csrf"
	expect_body "The form had expired or did not come from this site." "... and says why"
	bget "$other" /login
	bpost "$jar" /login "csrf=$(form_value csrf)" login=lina "password=$PW"
	expect_error_page 403 "Forbidden" "POST /login with another browser's csrf"
	expect_eq "... logs nobody in" "$(jar_cookie "$jar" kaaj_session)" ""
	http POST /login --data-urlencode "csrf=$(form_value csrf)" \
		--data-urlencode login=lina --data-urlencode "password=$PW"
	expect_error_page 403 "Forbidden" "POST /login with a csrf but no cookie"
}

# cgi METHOD PATH BODY [VAR=VALUE...]: run kaaj.fcgi once as CGI (as in
# t_80_cgi) with the urlencoded BODY on stdin; its output in $CGI_OUT.
CGI_OUT=$KAAJ_TMP/cgi.$$.out
cgi() {
	local method=$1 path=$2 body=$KAAJ_TMP/cgi.$$.body
	printf '%s' "$3" >"$body"
	shift 3
	env -i PATH="$PATH" KAAJ_CONFIG="$KAAJ_CONF" GATEWAY_INTERFACE=CGI/1.1 \
		SERVER_PROTOCOL=HTTP/1.1 SERVER_NAME=localhost SERVER_PORT=443 \
		REMOTE_ADDR=127.0.0.1 REQUEST_METHOD="$method" SCRIPT_NAME= \
		PATH_INFO="$path" REQUEST_URI="$path" QUERY_STRING= \
		CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH="$(wc -c <"$body")" "$@" \
		timeout 20 "$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi" <"$body" >"$CGI_OUT" \
		2>>"$KAAJ_TMP/cgi.$$.err" || true
}

# cgi_cookie NAME: the Set-Cookie header for cookie NAME in $CGI_OUT.
cgi_cookie() {
	sed -n '1,/^\r\{0,1\}$/p' "$CGI_OUT" | tr -d '\r' |
		grep -i "^Set-Cookie: $1=" || true
}

secure_cookie() {
	local basis body set
	basis=$(random_hex 16)
	body="csrf=$(csrf_token "$basis")&login=lina&password=$(printf %s "$PW" |
		sed -e 's/ /+/g' -e "s/'/%27/g")"
	cgi POST /login "$body" HTTPS=on HTTP_COOKIE="kaaj_csrf=$basis"
	expect_match "CGI login with HTTPS=on answers 303" "$(head -n 5 "$CGI_OUT")" '^Status: 303'
	set=$(cgi_cookie kaaj_session)
	expect_match "... its session cookie is Secure, HttpOnly, SameSite=Lax" "$set" \
		'^Set-Cookie: kaaj_session=[0-9a-f]{32};.*HttpOnly.*SameSite=Lax.*; Secure'
	cgi POST /login "$body" HTTPS=off HTTP_COOKIE="kaaj_csrf=$basis"
	set=$(cgi_cookie kaaj_session)
	expect_match "CGI login with HTTPS=off sets a cookie" "$set" 'kaaj_session=[0-9a-f]{32}'
	expect_true "... that is not Secure" "$set" [ "${set/Secure/}" == "$set" ]
	cgi GET /login "" HTTPS=on
	expect_match "the anonymous csrf cookie is Secure over https too" \
		"$(cgi_cookie kaaj_csrf)" 'HttpOnly.*SameSite=Lax.*; Secure'
}

xss() {
	local jar
	jar=$(jar_new xss)
	for probe in "$XSS_SCRIPT" "$XSS_IMG"; do
		login_as "$jar" "$probe" "$probe"
		expect_no_xss "login with a probe as login and password"
		expect_value login "$probe" "... the login is kept, escaped"
		bget "$jar" /login -G --data-urlencode "next=/$probe"
		expect_no_xss "GET /login?next=/probe"
		bpost "$jar" /login "csrf=$(form_value csrf)" "login=$probe" \
			password=x "next=/$probe"
		expect_no_xss "POST /login with next=/probe"
	done
	bpost "$jar" /login "csrf=$(form_value csrf)" login=x password=x \
		'next=/"><script>alert(1)</script>'
	expect_value next '/"><script>alert(1)</script>' "a next without spaces is kept, escaped"
	expect_no_xss "... in the hidden field"
}

headers() {
	local jar p
	jar=$(jar_new headers)
	for p in /login /register /forgot /activate/resend /terms "/reset?token=x" /settings; do
		bget "$jar" "$p"
		expect_security_headers "GET $p ($HTTP_STATUS)"
	done
	login_as "$jar" lina "$PW"
	bget "$jar" /settings
	expect_security_headers "GET /settings logged in"
	bpost "$jar" /settings/profile country=BD
	expect_security_headers "403 on a settings form without csrf"
}

main() {
	acc_clear_ip_limits
	make_user lina "$PW"
	login_ok
	login_refused
	lifetimes
	csrf
	secure_cookie
	xss
	headers
	test_done
}

main "$@"
