# shellcheck shell=bash
#
# tests/integration/served.sh: checks of what the web server in front of
# kaaj.fcgi does itself, shared by the tests of each shipped setup (t_22
# for nginx, t_81 for Apache): compression of pages and style sheets, and
# the icon. Sourced after lib.sh; requests go to $KAAJ_URL.

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
	# /etc/mime.types (Apache's) names .ico image/vnd.microsoft.icon.
	expect_match "... as an icon" \
		"$(header_of "$KAAJ_TMP/gzip/favicon.h" Content-Type)" \
		'^image/(x-icon|vnd[.]microsoft[.]icon)$'

	if same_bytes "$KAAJ_TMP/gzip/favicon" "$KAAJ_STATIC_DIR/favicon.ico"; then
		ok "... the bytes of templates/static/favicon.ico"
	else
		fail "... the bytes of templates/static/favicon.ico"
	fi
	http GET /
	href=$(grep -o '<link rel="icon" href="[^"]*"' "$HTTP_BODY" |
		sed 's/.*href="//; s/"$//')
	expect_match "the board names an icon, with its version" "$href" \
		'^/static/favicon\.svg\?v=[0-9a-f]{16}$'
	get "${href:-/static/favicon.svg}" "$KAAJ_TMP/gzip/icon"
	expect_eq "GET $href -> 200" "$HTTP_STATUS" 200
	expect_eq "... as image/svg+xml" \
		"$(header_of "$KAAJ_TMP/gzip/icon.h" Content-Type)" image/svg+xml
}

# static_version FILE: the version kaaj links FILE of the static folder
# with: the first 16 hex digits of its BLAKE2b hash (paths.static).
static_version() {
	b2sum -l 64 "$KAAJ_STATIC_DIR/$1" | cut -c1-16
}

# static_cache: the pages link the style sheet with the version of its
# contents, which the web server lets browsers keep for a year; without a
# version, for an hour; the icon for a day; kaaj's own pages are not kept.
static_cache() {
	local age href
	http GET /
	href=$(grep -o '<link rel="stylesheet" href="[^"]*"' "$HTTP_BODY" |
		sed 's/.*href="//; s/"$//')
	expect_eq "the page links the style sheet with its version" "$href" \
		"/static/kaaj.css?v=$(static_version kaaj.css)"
	http GET "${href:-/static/kaaj.css?v=none}"
	expect_status 200 "GET $href"
	age=$(http_header Cache-Control | sed -n 's/.*max-age=\([0-9]*\).*/\1/p')
	expect_eq "... Cache-Control max-age is a year" "$age" 31536000
	http GET /static/kaaj.css
	age=$(http_header Cache-Control | sed -n 's/.*max-age=\([0-9]*\).*/\1/p')
	expect_eq "/static/kaaj.css without a version: max-age is an hour" "$age" 3600
	http GET /favicon.ico
	age=$(http_header Cache-Control | sed -n 's/.*max-age=\([0-9]*\).*/\1/p')
	expect_eq "/favicon.ico: Cache-Control max-age is a day" "$age" 86400
	http GET /
	expect_match "the board is not kept by caches" \
		"$(http_header Cache-Control)" 'no-(cache|store)'
}

# api_key_passes: the web server hands the API's Authorization header to
# kaaj (Apache keeps it from scripts unless CGIPassAuth is on): a key
# made for a new user reads /api/v1/account; without it, a 401 problem.
api_key_passes() {
	local user=srv_$(random_hex 3) secret lookup
	secret=$(random_hex 32)
	lookup=$(random_hex 6)
	db_sql "INSERT INTO users (username, email, password_hash, country,
	    status, activated_at) VALUES ('$user', '$user@served.invalid', '',
	    'BD', 'active', UTC_TIMESTAMP());
	    INSERT INTO api_keys (user_id, name, lookup, secret_hash, scopes)
	    VALUES (LAST_INSERT_ID(), 'served', '$lookup', UNHEX(SHA2('$secret', 256)),
	    'read')"
	http GET /api/v1/account -H "Authorization: Bearer kaaj_${lookup}_$secret"
	expect_status 200 "GET /api/v1/account with a key, through the server"
	expect_body "\"username\":\"$user\"" "... answers the key's user"
	http GET /api/v1/account
	expect_status 401 "... without a key"
	expect_eq "... a problem in JSON" "$(http_header Content-Type)" \
		application/problem+json
}
