#!/bin/bash
#
# t_22_gzip: the shipped nginx configuration (etc/nginx.conf.in) compresses
# the board's HTML and the style sheet for a client that sends
# Accept-Encoding: gzip, the compressed bytes decode to exactly the page
# it sends uncompressed, and a client that does not ask gets them as they
# are. Answers say Vary: Accept-Encoding so that caches keep both.
# /favicon.ico and the icon the pages name answer 200 (not kaaj's 404).
# The weights on the wire (HTML + CSS, gzipped) of the board, a job page
# and a task page are printed, and the board's is under 15 KB.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

# get PATH OUT [CURL-ARG...]: GET PATH with the raw body (never decoded by
# curl) in OUT and the headers in OUT.h, without CRs.
get() {
	local path=$1 out=$2
	shift 2
	http GET "$path" "$@"
	cp "$HTTP_BODY" "$out"
	tr -d '\r' <"$HTTP_HEADERS" >"$out.h"
}

# header_of FILE NAME: the value of header NAME in the headers FILE.
header_of() {
	sed -n "s/^$2:[[:space:]]*//Ip" "$1" | tail -n 1
}

# same_bytes A B: true if files A and B hold the same bytes, but for the
# CSRF token of the page's forms (the language switch), which each new
# visitor gets afresh.
same_bytes() {
	cmp -s <(sed -E 's/(name="csrf" value=")[0-9a-f]+/\1/g' "$1") \
		<(sed -E 's/(name="csrf" value=")[0-9a-f]+/\1/g' "$2")
}

# check_gzip WHAT PATH: PATH comes back gzipped when asked, decodes to the
# plain answer, and comes back plain when not asked.
check_gzip() {
	local what=$1 path=$2 d=$KAAJ_TMP/gzip
	mkdir -p "$d"
	get "$path" "$d/plain1"
	get "$path" "$d/gz" -H 'Accept-Encoding: gzip'
	get "$path" "$d/plain2"
	expect_eq "$what with Accept-Encoding: gzip -> 200" "$HTTP_STATUS" 200
	expect_eq "$what with Accept-Encoding: gzip has Content-Encoding gzip" \
		"$(header_of "$d/gz.h" Content-Encoding)" gzip
	expect_match "$what with Accept-Encoding: gzip says Vary: Accept-Encoding" \
		"$(header_of "$d/gz.h" Vary)" 'Accept-Encoding'
	if gzip -dc <"$d/gz" >"$d/gz.decoded" 2>"$d/gz.err"; then
		ok "$what: the gzip body decodes"
	else
		fail "$what: the gzip body decodes" "$(head -c 300 "$d/gz.err")"
	fi
	# A page built between the two plain requests matches one of them.
	if same_bytes "$d/gz.decoded" "$d/plain1" ||
		same_bytes "$d/gz.decoded" "$d/plain2"; then
		ok "$what: decoded, the same bytes as without gzip"
	else
		fail "$what: decoded, the same bytes as without gzip" \
			"$(wc -c <"$d/gz.decoded") bytes decoded, $(wc -c <"$d/plain1") plain"
	fi
	if (($(wc -c <"$d/gz") < $(wc -c <"$d/plain1"))); then
		ok "$what: gzip is smaller ($(wc -c <"$d/gz") of $(wc -c <"$d/plain1") bytes)"
	else
		fail "$what: gzip is smaller" "$(wc -c <"$d/gz") of $(wc -c <"$d/plain1") bytes"
	fi
	expect_eq "$what without Accept-Encoding has no Content-Encoding" \
		"$(header_of "$d/plain1.h" Content-Encoding)" ""
	get "$path" "$d/identity" -H 'Accept-Encoding: identity'
	expect_eq "$what with Accept-Encoding: identity has no Content-Encoding" \
		"$(header_of "$d/identity.h" Content-Encoding)" ""
	if same_bytes "$d/identity" "$d/plain2" || same_bytes "$d/identity" "$d/plain1"; then
		ok "$what with Accept-Encoding: identity: the plain bytes"
	else
		fail "$what with Accept-Encoding: identity: the plain bytes"
	fi
}

# favicon: /favicon.ico is the icon file, served by the web server, and
# the icon the header links to answers too.
favicon() {
	local href
	get /favicon.ico "$KAAJ_TMP/gzip/favicon"
	expect_eq "GET /favicon.ico -> 200" "$HTTP_STATUS" 200
	expect_eq "... as image/x-icon" \
		"$(header_of "$KAAJ_TMP/gzip/favicon.h" Content-Type)" image/x-icon
	if same_bytes "$KAAJ_TMP/gzip/favicon" "$KAAJ_STATIC_DIR/favicon.ico"; then
		ok "... the bytes of templates/static/favicon.ico"
	else
		fail "... the bytes of templates/static/favicon.ico"
	fi
	http GET /
	href=$(grep -o '<link rel="icon" href="[^"]*"' "$HTTP_BODY" |
		sed 's/.*href="//; s/"$//')
	expect_match "the board names an icon" "$href" '^/static/favicon\.svg$'
	get "${href:-/static/favicon.svg}" "$KAAJ_TMP/gzip/icon"
	expect_eq "GET $href -> 200" "$HTTP_STATUS" 200
	expect_eq "... as image/svg+xml" \
		"$(header_of "$KAAJ_TMP/gzip/icon.h" Content-Type)" image/svg+xml
}

# wire_bytes PATH [CURL-ARG...]: the bytes PATH takes on the wire, gzipped.
wire_bytes() {
	local path=$1
	shift
	http GET "$path" -H 'Accept-Encoding: gzip' "$@"
	[[ $HTTP_STATUS == 200 ]] || die "GET $path -> $HTTP_STATUS"
	wc -c <"$HTTP_BODY"
}

# weights: print what the board, a job page and a worker's task page weigh
# on the wire (HTML + CSS, gzipped); the board must stay under 15 KB.
weights() {
	local css board job task user tok camp id
	css=$(wire_bytes /static/kaaj.css)
	board=$(wire_bytes /)
	camp=$(db_sql "SELECT id FROM campaigns WHERE status = 'running'
	    AND countries_mode = 'all' AND min_success = 0
	    AND slots_taken < slots_total ORDER BY id LIMIT 1")
	job=$(wire_bytes "/jobs/$camp")
	user=t22_$(random_hex 4)
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    country) VALUES ('$user', '$user@t22.invalid', 'x', 'active', 'BD')"
	tok=$(new_session "$user")
	spost "$tok" /tasks/claim "campaign=$camp"
	id=$(http_header Location | sed -n 's|.*/tasks/\([0-9]*\).*|\1|p')
	[[ -n $id ]] || die "could not claim a task on campaign $camp"
	task=$(wire_bytes "/tasks/$id" -b "kaaj_session=$tok")
	say "# on the wire, gzipped (HTML + CSS): board $((board + css)) B" \
		"($board + $css), job page $((job + css)) B ($job + $css)," \
		"task page $((task + css)) B ($task + $css)"
	if ((board + css < 15360)); then
		ok "the board weighs under 15 KB on the wire ($((board + css)) B)"
	else
		fail "the board weighs under 15 KB on the wire" "$((board + css)) B"
	fi
}

main() {
	local title css=$KAAJ_STATIC_DIR/kaaj.css
	title=$(db_sql "SELECT title FROM campaigns WHERE status = 'running'
	    AND title NOT REGEXP '[&<>\"\\']' ORDER BY id DESC LIMIT 1")
	check_gzip "the board (GET /)" /
	if grep -qF -- "$title" "$KAAJ_TMP/gzip/gz.decoded"; then
		ok "the decoded board lists \"$title\""
	else
		fail "the decoded board lists \"$title\""
	fi

	[[ -f $css ]] || die "no $css to serve"
	check_gzip "the style sheet (GET /static/kaaj.css)" /static/kaaj.css
	if same_bytes "$KAAJ_TMP/gzip/gz.decoded" "$css"; then
		ok "the decoded style sheet is templates/static/kaaj.css"
	else
		fail "the decoded style sheet is templates/static/kaaj.css"
	fi

	favicon
	weights

	# A redirect has no body worth compressing.
	get /admin "$KAAJ_TMP/gzip/redirect" -H 'Accept-Encoding: gzip'
	expect_eq "a redirect (GET /admin, no session) -> 303" "$HTTP_STATUS" 303
	expect_eq "a redirect is not gzipped" \
		"$(header_of "$KAAJ_TMP/gzip/redirect.h" Content-Encoding)" ""
	test_done
}

main "$@"
