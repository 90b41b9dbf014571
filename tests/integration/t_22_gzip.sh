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
# shellcheck source-path=SCRIPTDIR source=served.sh
. "$KAAJ_SRCDIR/tests/integration/served.sh"

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
	static_cache
	api_key_passes
	weights

	# A redirect has no body worth compressing.
	get /admin "$KAAJ_TMP/gzip/redirect" -H 'Accept-Encoding: gzip'
	expect_eq "a redirect (GET /admin, no session) -> 303" "$HTTP_STATUS" 303
	expect_eq "a redirect is not gzipped" \
		"$(header_of "$KAAJ_TMP/gzip/redirect.h" Content-Encoding)" ""
	test_done
}

main "$@"
