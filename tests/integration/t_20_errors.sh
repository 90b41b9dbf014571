#!/bin/bash
#
# t_20_errors: unknown routes, wrong methods, malformed and oversized
# bodies, bad cookies and bad %-escapes each get kaaj's own clear error
# page, and kaaj.fcgi neither crashes nor hangs on any of them.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

MP=multipart/form-data

# body_file NAME TEXT: write TEXT (with \r, \n, \xHH escapes) to a temporary
# file and print its path.
body_file() {
	printf '%b' "$2" >"$KAAJ_TMP/$1"
	echo "$KAAJ_TMP/$1"
}

routes() {
	local path
	path=/no-such-page-$(random_hex 4)
	http GET "$path"
	expect_error_page 404 "Page not found" "GET $path"
	expect_match "request log line for the 404" "$(cat "$KAAJ_FCGI_LOG")" \
		"kaaj\[[0-9]+\] info \[[^]]+\] GET $path 404 [0-9.]+ ?ms"
	for path in /jobs/abc /jobs/999999999 /jobs/1abc /jobs/ /JOBTYPES; do
		http GET "$path"
		expect_error_page 404 "Page not found" "GET $path"
	done
	http GET /logout
	expect_error_page 405 "Method not allowed" "GET /logout"
	expect_header Allow 'POST' "GET /logout names POST in Allow"
	http POST / --data-binary 'x=1'
	expect_error_page 405 "Method not allowed" "POST /"
	expect_header Allow 'GET' "POST / names GET in Allow"
}

multipart() {
	local f
	f=$(body_file mp-ok '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc\r\n--XyZ--\r\n')
	http POST /logout -H "Content-Type: $MP; boundary=XyZ" --data-binary "@$f"
	expect_error_page 403 "Forbidden" "well-formed multipart, no session"

	f=$(body_file mp-trunc '--XyZ\r\nContent-Disposition: form-da')
	http POST /logout -H "Content-Type: $MP; boundary=XyZ" --data-binary "@$f"
	expect_error_page 400 "Bad request" "multipart truncated in a part's headers"

	f=$(body_file mp-noend '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc\r\n')
	http POST /logout -H "Content-Type: $MP; boundary=XyZ" --data-binary "@$f"
	expect_error_page 400 "Bad request" "multipart without its closing boundary"

	f=$(body_file mp-file '--XyZ\r\nContent-Disposition: form-data; name="shot"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n')
	http POST /logout -H "Content-Type: $MP; boundary=XyZ" --data-binary "@$f"
	expect_error_page 400 "Bad request" "multipart file part cut short"

	f=$(body_file mp-nob '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc\r\n--XyZ--\r\n')
	http POST /logout -H "Content-Type: $MP" --data-binary "@$f"
	expect_error_page 400 "Bad request" "multipart without a boundary parameter"
	# The parser's reason is English for the log, not text for a person:
	# the page says only what the language file says.
	if grep -q 'no multipart boundary' "$HTTP_BODY"; then
		fail "... the page shows no technical reason" \
			"$(grep -o '<p class="detail">[^<]*' "$HTTP_BODY")"
	else
		ok "... the page shows no technical reason"
	fi
	expect_match "... the log has it" "$(cat "$KAAJ_FCGI_LOG")" \
		"info \[[^]]+\] 400: no multipart boundary"
}

oversized() {
	local big=$KAAJ_TMP/big
	# limits.max_body is 2097152 in the test config; nginx allows 20m.
	head -c 3145728 /dev/zero | tr '\0' a >"$big"
	http POST /logout --data-binary "@$big"
	expect_error_page 413 "Request too large" "3 MiB urlencoded body (Content-Length)"
	http POST /logout -H 'Transfer-Encoding: chunked' --data-binary "@$big"
	expect_error_page 413 "Request too large" "3 MiB urlencoded body (chunked)"
	http POST /logout -H "Content-Type: $MP; boundary=XyZ" --data-binary "@$big"
	expect_error_page 413 "Request too large" "3 MiB multipart body"
}

cookies() {
	local c i many=""
	# Our own session cookie, damaged: a clear 400 that also clears it.
	for c in 'kaaj_session=xyz' \
		"kaaj_session=$(random_hex 16 | tr a-f A-F)" \
		"kaaj_session=$(random_hex 15)" "kaaj_session=$(random_hex 17)"; do
		http GET / -H "Cookie: $c"
		expect_error_page 400 "Bad request" "GET / with Cookie: $c"
		expect_body "session cookie was damaged" "Cookie: $c: the page says why"
		expect_header Set-Cookie '^kaaj_session=;.*Max-Age=0' \
			"Cookie: $c: the damaged cookie is cleared"
	done
	# Cookies other programs on the host may set, outside the grammar,
	# are skipped: they must not lock anybody out of the site.
	for c in 'a b=1' '=x' 'novalue' 'theme=dark mode' 'prefs={"a":1}'; do
		http GET / -H "Cookie: $c"
		expect_status 200 "GET / with a foreign odd cookie: $c"
	done
	for ((i = 0; i < 80; i++)); do many+="c$i=$i; "; done
	http GET / -H "Cookie: $many"
	expect_status 200 "GET / with 80 cookies (over the limit: the rest ignored)"
	http GET / -H "Cookie: theme=dark; lang=bn; kaaj_session=$(random_hex 16)"
	expect_status 200 "GET / with well-formed cookies and an unknown session"
}

escapes() {
	local q
	for q in 'before=%zz' 'before=%4' 'x=%G1'; do
		http GET "/?$q"
		expect_error_page 400 "Bad request" "GET /?$q"
	done
}

main() {
	local pid
	pid=$(fcgi_pid)
	routes
	multipart
	oversized
	cookies
	escapes
	expect_eq "kaaj.fcgi still runs as pid $pid after all that" "$(fcgi_pid)" "$pid"
	check "kaaj.fcgi pid $pid is alive" proc_alive "$pid"
	http GET /
	expect_status 200 "GET / still works"
	test_done
}

main "$@"
