#!/bin/bash
#
# t_80_cgi: the same kaaj.fcgi binary works as a plain CGI program (one
# request per process, as on hosts without FastCGI): a GET of the home page
# and POSTs whose body comes on stdin with CONTENT_LENGTH.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

FCGI=$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi
CGI_OUT=$KAAJ_TMP/cgi.out
CGI_ERR=$KAAJ_TMP/cgi.err

# cgi METHOD PATH BODY-FILE [VAR=VALUE...]: run kaaj.fcgi once as CGI with
# BODY-FILE on stdin (/dev/null for none). Output in $CGI_OUT, stderr in
# $CGI_ERR, exit status in CGI_RC.
cgi() {
	local method=$1 path=$2 body=$3
	shift 3
	CGI_RC=0
	env -i PATH="$PATH" KAAJ_CONFIG="$KAAJ_CONF" GATEWAY_INTERFACE=CGI/1.1 \
		SERVER_PROTOCOL=HTTP/1.1 SERVER_NAME=localhost SERVER_PORT=80 \
		REMOTE_ADDR=127.0.0.1 REQUEST_METHOD="$method" \
		SCRIPT_NAME=/kaaj.fcgi PATH_INFO="$path" \
		REQUEST_URI="/kaaj.fcgi$path" QUERY_STRING= "$@" \
		timeout 20 "$FCGI" <"$body" >"$CGI_OUT" 2>"$CGI_ERR" || CGI_RC=$?
}

# cgi_status: the status of the CGI response (a missing Status: means 200).
cgi_status() {
	local head
	head=$(sed -n '1,/^\r\{0,1\}$/p' "$CGI_OUT" | tr -d '\r')
	if grep -qi '^Status:' <<<"$head"; then
		sed -n 's/^[Ss]tatus:[[:space:]]*\([0-9]\{3\}\).*/\1/p' <<<"$head" | head -n 1
	elif grep -qi '^Content-Type:' <<<"$head"; then
		echo 200
	else
		echo none
	fi
}

# expect_cgi STATUS TEXT WHAT: the last CGI run exited 0 with STATUS and
# TEXT in its output.
expect_cgi() {
	local got
	got=$(cgi_status)
	expect_eq "$3: exit status" "$CGI_RC" 0
	if [[ $got == "$1" ]] && grep -qF -- "$2" "$CGI_OUT"; then
		ok "$3 -> $1"
	else
		fail "$3 -> $1" "got status $got" "--- output:" \
			"$(head -c 1500 "$CGI_OUT")" "--- stderr:" "$(head -c 800 "$CGI_ERR")"
	fi
}

# routing: the path is found from whichever variables the server sends:
# PATH_INFO (Apache, the nginx sample), DOCUMENT_URI (nginx's stock
# fastcgi_params), or REQUEST_URI less a SCRIPT_NAME prefix.
routing() {
	cgi GET "" /dev/null PATH_INFO= DOCUMENT_URI=/jobtypes \
		SCRIPT_NAME=/jobtypes REQUEST_URI=/jobtypes
	expect_cgi 200 "signup" "CGI routes on DOCUMENT_URI (nginx stock params)"
	cgi GET "" /dev/null PATH_INFO= SCRIPT_NAME=/app \
		REQUEST_URI="/app/jobtypes?x=1" QUERY_STRING=x=1
	expect_cgi 200 "signup" "CGI routes on REQUEST_URI less SCRIPT_NAME /app"
	cgi GET "" /dev/null PATH_INFO= SCRIPT_NAME=/kaaj.fcgi REQUEST_URI=/jobtypes
	expect_cgi 200 "signup" "CGI routes on REQUEST_URI when SCRIPT_NAME differs"
	cgi GET "" /dev/null PATH_INFO= SCRIPT_NAME=/app REQUEST_URI=/app
	expect_cgi 200 "$title" "CGI: REQUEST_URI equal to SCRIPT_NAME is the home page"
	cgi GET "" /dev/null PATH_INFO= SCRIPT_NAME=/app REQUEST_URI=/application
	expect_cgi 404 "Page not found" "CGI: SCRIPT_NAME is only stripped at a / boundary"
}

main() {
	local title body tok
	title=$(db_sql "SELECT title FROM campaigns WHERE status = 'running'
	    AND title NOT REGEXP '[&<>\"\\']' ORDER BY id DESC LIMIT 1")

	cgi GET / /dev/null
	expect_cgi 200 "$title" "CGI GET / lists \"$title\""
	expect_match "CGI GET / sends Content-Type text/html" \
		"$(sed -n '1,/^\r\{0,1\}$/p' "$CGI_OUT" | tr -d '\r')" '^Content-[Tt]ype: text/html'

	cgi GET /no-such-page /dev/null
	expect_cgi 404 "Page not found" "CGI GET /no-such-page"

	body=$KAAJ_TMP/cgi-body
	printf 'csrf=%s' "$(random_hex 32)" >"$body"
	cgi POST /logout "$body" CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH="$(wc -c <"$body")"
	expect_cgi 403 "Forbidden" "CGI POST /logout (urlencoded body on stdin, no session)"

	printf '%b' '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc\r\n' >"$body"
	cgi POST /logout "$body" CONTENT_TYPE="multipart/form-data; boundary=XyZ" \
		CONTENT_LENGTH="$(wc -c <"$body")"
	expect_cgi 400 "Bad request" "CGI POST /logout (multipart without closing boundary)"

	routing

	tok=$(new_session admin)
	printf 'csrf=%s' "$(csrf_token "$tok")" >"$body"
	cgi POST /logout "$body" CONTENT_TYPE=application/x-www-form-urlencoded \
		CONTENT_LENGTH="$(wc -c <"$body")" HTTP_COOKIE="kaaj_session=$tok"
	expect_cgi 303 "" "CGI POST /logout with session and csrf"
	cgi GET /admin /dev/null HTTP_COOKIE="kaaj_session=$tok"
	expect_cgi 303 "" "CGI GET /admin after that logout (to the login page)"
	test_done
}

main "$@"
