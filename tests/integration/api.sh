# shellcheck shell=bash
#
# tests/integration/api.sh: helpers for the tests of the JSON API
# (docs/api.md), sourced after lib.sh: JSON answers read with node, calls
# with a key, problems checked, keys made through the settings page of
# the user whose session is $TOK.

# json FILTER: the value at FILTER (a JavaScript expression on j) of the
# last response's body, which must be JSON.
json() {
	node -e 'const j = JSON.parse(require("fs").readFileSync(0, "utf8"));
		const v = eval(process.argv[1]);
		console.log(typeof v === "object" ? JSON.stringify(v) : String(v));' \
		"$1" <"$HTTP_BODY" 2>&1
}

# api METHOD PATH [KEY]: call the API with KEY (none when not given).
api() {
	if (($# > 2)); then
		http "$1" "$2" -H "Authorization: Bearer $3"
	else
		http "$1" "$2"
	fi
}

# expect_problem STATUS CODE WHAT: the last answer is a problem+json of
# STATUS with code CODE and a title.
expect_problem() {
	expect_status "$1" "$3"
	expect_eq "... as application/problem+json" \
		"$(http_header Content-Type)" application/problem+json
	expect_eq "... code $2, status $1" "$(json 'j.code + " " + j.status')" "$2 $1"
	expect_match "... with a title" "$(json j.title)" '^[^ ].{10,}'
}

# make_key NAME SCOPE...: make a key through the settings form; NEW_KEY
# is the key shown (empty when refused).
make_key() {
	local name=$1 args=() s
	shift
	for s in "$@"; do args+=("scope_$s=1"); done
	spost "$TOK" /settings/api/create "name=$name" "${args[@]}"
	NEW_KEY=$({ grep -o '>kaaj_[0-9a-f_]*</textarea>' "$HTTP_BODY" || true; } |
		sed 's/^>//; s/<.*$//' | head -n 1)
}

# api_post PATH KEY JSON [IDEMPOTENCY-KEY]: POST the JSON body to PATH
# with KEY (and the Idempotency-Key header when given).
api_post() {
	local args=(-H "Authorization: Bearer $2" -H 'Content-Type: application/json'
		--data-binary "$3")
	(($# > 3)) && args+=(-H "Idempotency-Key: $4")
	http POST "$1" "${args[@]}"
}
