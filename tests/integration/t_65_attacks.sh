#!/bin/bash
#
# t_65_attacks: the attacks every route must withstand, tried on every
# route of the route table (tests/tools/route_list prints it), so that a
# new route is covered without anyone remembering to:
#  - every POST route needs a CSRF token: without one, or with another
#    user's, it answers 403 and changes nothing, even for the owner;
#  - every admin route refuses a logged-in user who is not an admin;
#  - every route with an id, and every form field that names an object,
#    given another user's objects, shows and changes nothing of theirs;
#  - hostile strings (markup, SQL, control bytes, bad UTF-8, huge, odd
#    numbers) in every field any form declares, sent to every route, get
#    no 5xx and are never echoed unescaped;
#  - a session id planted before login is not the one after it;
#  - reset links cannot be guessed;
#  - an employer approving work of a worker seen on one of the employer's
#    own addresses (a second account) is flagged to the admins.
# The marketplace's tables are checksummed before and after each family
# of attacks; the ledger must check out at the end.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

ROUTE_LIST=$KAAJ_BUILDDIR/tests/tools/route_list
[[ -x $ROUTE_LIST ]] || die "$ROUTE_LIST is not built (make check builds it)"

RUN=$(random_hex 4)
EMP=t65e_$RUN
PNG=$KAAJ_TMP/t65.png
write_png "$PNG"
XSS='<script>alert(65)</script>'
XSS_ATTR='"><img src=x onerror=alert(65)>'

# The tables an attack must not change (users and sessions change when a
# user edits their own settings or logs out; they are checked apart).
GUARDED="campaigns, campaign_fields, tasks, task_fields, proof_marks,
    disputes, worker_blocks, deposits, withdrawals, ledger_accounts,
    ledger_transactions, ledger_legs"

# guarded_sum: one line of the guarded tables' checksums.
guarded_sum() {
	db_sql "CHECKSUM TABLE $GUARDED" | awk '{printf "%s ", $2}'
}

# Every field name a form or a job type declares, from the sources: the
# pages' form tables, the fields pages read by hand, and the plugins'
# campaign (posted as x_NAME) and proof fields.
field_names() {
	{
		grep -rhoE '\{ "[a-z_0-9]+", FORM_[A-Z]+|FORM_(ID|SECRET)_FIELD\("[a-z_0-9]+"\)|form_get\(c, "[a-z_0-9]+"' \
			"$KAAJ_SRCDIR/cgi-bin" | sed -E 's/.*"([a-z_0-9]+)".*/\1/'
		grep -rhoE '\.name = "[a-z_0-9]+"' "$KAAJ_SRCDIR/plugins" |
			sed -E 's/.*"([a-z_0-9]+)".*/\1/' | sed 'p;s/^/x_/'
	} | sort -u
}

# The fields that name an object by its id.
ID_FIELDS=(id campaign task worker deposit withdrawal dispute user)

# routes FILTER: the routes (METHOD PATH FLAGS) whose line matches FILTER.
routes() {
	"$ROUTE_LIST" | grep -E -- "$1" || true
}

# post_as TOKEN CSRF PATH [NAME=VALUE...]: POST urlencoded fields; prints
# the HTTP status. CSRF "-" sends none.
post_as() {
	local tok=$1 csrf=$2 path=$3 args=()
	shift 3
	[[ $csrf != - ]] && args+=(--data-urlencode "csrf=$csrf")
	while (($# > 0)); do
		args+=(--data-urlencode "$1")
		shift
	done
	((${#args[@]} > 0)) || args=(--data-binary '')
	curl -s -o "$KAAJ_TMP/t65.body" -w '%{http_code}' \
		-b "kaaj_session=$tok" "${args[@]}" "$KAAJ_URL$path"
}

# ------------------------------------------------------------ set-up

make_user "$EMP" >/dev/null
A=$(new_session "$EMP")
W_ID=$(make_user "t65w_$RUN")
W=$(new_session "t65w_$RUN")
B_ID=$(make_user "t65b_$RUN")
ADM=$(new_session admin)
# A's campaign, full: its one slot is W's task, pending with a screenshot.
C=$(new_campaign 1 1)
[[ $C =~ ^[0-9]+$ ]] || die "market_probe could not create a campaign"
claim "$W" "$C"
T=$TASK
mpost "$W" /tasks/submit "task=$T" "username=victim_$RUN" \
	"file:screenshot=@$PNG;type=image/png"
[[ $HTTP_STATUS == 303 ]] || die "W's proof answered $HTTP_STATUS"
# W's deposit request, with a receipt.
mpost "$W" /wallet/deposit method=bkash amount=5 "txn_ref=T65$RUN" \
	"file:receipt=@$PNG;type=image/png"
[[ $HTTP_STATUS == 303 ]] || die "W's deposit answered $HTTP_STATUS"
D=$(db_sql "SELECT id FROM deposits WHERE user_id = $W_ID ORDER BY id DESC LIMIT 1")
OBJECTS=("$C" "$T" "$D")
ok "set-up: campaign $C, task $T, deposit $D (B is user $B_ID)"

# ------------------------------------------------------------ the table

bad=$(routes '^POST ' | grep -v 'csrf,\|api,' || true)
expect_eq "every POST route checks a CSRF token (the API's, a key)" "$bad" ""
bad=$(routes ' /api/' | grep -v 'api,' || true)
expect_eq "every route under /api/ needs an API key" "$bad" ""
bad=$(routes ' /admin' | grep -v 'admin,' || true)
expect_eq "every route under /admin needs an admin" "$bad" ""
n=$(routes . | wc -l)
check "the route table lists $n routes" test "$n" -gt 40

# ------------------------------------------------------------ CSRF

say "CSRF on every POST route"
sum0=$(guarded_sum)
wrong_csrf=$(csrf_token "$B_ID$RUN")
while read -r _ path _; do
	for x in "$C" "$T"; do
		fields=()
		for f in "${ID_FIELDS[@]}"; do fields+=("$f=$x"); done
		for tok in "$A" "$ADM"; do
			st=$(post_as "$tok" - "$path" "${fields[@]}" rating=satisfied \
				decision=overturn "reason=csrf test")
			[[ $st == 403 ]] || fail "POST $path without a token" "answered $st"
			st=$(post_as "$tok" "$wrong_csrf" "$path" \
				"${fields[@]}" rating=satisfied)
			[[ $st == 403 ]] || fail "POST $path with a wrong token" "answered $st"
		done
	done
done < <(routes '^POST ' | grep -v 'api,')
ok "every POST route refused forms without a token or with a wrong one"
expect_eq "... and nothing changed" "$(guarded_sum)" "$sum0"

# ------------------------------------------------------------ admin routes

say "admin routes as a user who is not an admin"
B=$(new_session "t65b_$RUN")
B_CSRF=$(csrf_token "$B")
while read -r method path _; do
	path=${path/\#/$D}
	if [[ $method == GET ]]; then
		st=$(curl -s -o /dev/null -w '%{http_code}' -b "kaaj_session=$B" \
			"$KAAJ_URL$path")
	else
		fields=()
		for f in "${ID_FIELDS[@]}"; do fields+=("$f=$D"); done
		st=$(post_as "$B" "$B_CSRF" "$path" "${fields[@]}" \
			decision=overturn "reason=not an admin")
	fi
	[[ $st == 403 ]] || fail "$method $path as a user" "answered $st"
done < <(routes 'admin,')
ok "every admin route refused a user who is not an admin"
expect_eq "... and nothing changed" "$(guarded_sum)" "$sum0"

# ------------------------------------------------------------ API routes

say "API routes without a key, or with a session instead"
while read -r method path _; do
	path=${path/\#/$C}
	for how in none session; do
		args=()
		[[ $how == session ]] && args=(-b "kaaj_session=$A")
		st=$(curl -s -o "$KAAJ_TMP/t65.api" -w '%{http_code} %{content_type}' \
			-X "$method" "${args[@]}" "$KAAJ_URL$path")
		[[ $st == "401 application/problem+json" ]] ||
			fail "$method $path with no key ($how)" "answered $st"
	done
done < <(routes 'api,' | grep -v 'public,')
ok "every API route refused a request without a key, as a problem"

# ------------------------------------------------------------ other users' ids

say "other users' objects by id"
while read -r _ path flags; do
	[[ $flags == *admin,* || $flags == *api,* || $flags == - ]] && continue
	for x in "${OBJECTS[@]}"; do
		st=$(curl -s -o "$KAAJ_TMP/t65.body" -w '%{http_code}' \
			-b "kaaj_session=$B" "$KAAJ_URL${path%#}$x")
		[[ $st == 404 || $st == 403 ]] ||
			fail "GET ${path%#}$x as another user" "answered $st"
		! grep -qF "victim_$RUN" "$KAAJ_TMP/t65.body" ||
			fail "GET ${path%#}$x as another user" "shows W's proof"
	done
done < <(routes '^GET .*#')
ok "no page with an id showed another user's object"
while read -r _ path flags; do
	# Claiming another employer's job is what /tasks/claim is for.
	[[ $flags == *admin,* || $flags == *api,* || $path == /logout ||
		$path == /tasks/claim ]] &&
		continue
	for x in "${OBJECTS[@]}"; do
		fields=()
		for f in "${ID_FIELDS[@]}"; do fields+=("$f=$x"); done
		st=$(post_as "$B" "$B_CSRF" "$path" "${fields[@]}" \
			rating=satisfied "reason=Looks fine to me" amount=1 \
			"message=This is somebody else's task." decision=overturn)
		((st < 500)) || fail "POST $path with another user's id $x" "answered $st"
	done
done < <(routes '^POST ' | grep -v 'api,')
expect_eq "forms naming other users' objects changed nothing of theirs" \
	"$(guarded_sum)" "$sum0"
expect_eq "... W's task is still pending" \
	"$(db_sql "SELECT status FROM tasks WHERE id = $T")" pending

# ------------------------------------------------------------ hostile strings

say "hostile strings in every field, on every route"
mapfile -t NAMES < <(field_names)
check "${#NAMES[@]} field names found in the sources" test "${#NAMES[@]}" -gt 40
LONG=$(head -c 5000 /dev/zero | tr '\0' 'A')
HOSTILE=("$XSS" "$XSS_ATTR" "' OR '1'='1' -- " '"; DROP TABLE users; --'
	$'line\r\nSet-Cookie: x=1' $'nul\x01\x7f' "$(printf '\xff\xfe\xc0\xaf')"
	"../../../etc/passwd" "-1" "1e309" "99999999999999999999999"
	"0x10" "$LONG" "%00%27%3Cscript%3E")
# hostile_fields K: every field name with a hostile value, field i getting
# HOSTILE[(i + K) % n], so that K = 0 .. n-1 give each field every value.
hostile_fields() {
	local i=0 f n=${#HOSTILE[@]}
	HFIELDS=()
	for f in "${NAMES[@]}"; do
		[[ $f == csrf ]] || HFIELDS+=("$f=${HOSTILE[(i + $1) % n]}")
		i=$((i + 1))
	done
}

# hostile_route TOKEN CSRF METHOD PATH: send PATH every hostile value, as
# the session TOKEN, in one curl with a transfer per value (--next), each
# body in a file of its own; fail on a 5xx or a value echoed unescaped. A
# GET puts each value in every query parameter a page reads; a POST puts
# them in every form field (hostile_fields) with the CSRF token.
hostile_route() {
	local tok=$1 csrf=$2 method=$3 path=$4 k n=${#HOSTILE[@]} v f
	local args=() codes=()
	rm -f "$KAAJ_TMP"/t65.hostile.*
	for ((k = 0; k < n; k++)); do
		((k == 0)) || args+=(--next)
		args+=(-o "$KAAJ_TMP/t65.hostile.$k" -w '%{http_code}\n'
			-b "kaaj_session=$tok")
		if [[ $method == GET ]]; then
			v=${HOSTILE[k]}
			args+=(-G --data-urlencode "q=$v" --data-urlencode "type=$v"
				--data-urlencode "category=$v" --data-urlencode "after=$v"
				--data-urlencode "token=$v" --data-urlencode "next=$v")
		else
			hostile_fields "$k"
			args+=(--data-urlencode "csrf=$csrf")
			for f in "${HFIELDS[@]}"; do
				args+=(--data-urlencode "$f")
			done
		fi
		args+=("$KAAJ_URL$path")
	done
	mapfile -t codes < <(curl -s "${args[@]}" || true)
	((${#codes[@]} == n)) ||
		fail "$method $path with hostile values" "${#codes[@]} of $n answered"
	for ((k = 0; k < ${#codes[@]}; k++)); do
		if [[ ${codes[k]} == 000 ]] || ((codes[k] >= 500)); then
			fail "$method $path with hostile value $k" "answered ${codes[k]}"
		elif [[ -f $KAAJ_TMP/t65.hostile.$k ]] &&
			grep -qF -e "$XSS" -e '<img src=x' "$KAAJ_TMP/t65.hostile.$k"; then
			fail "$method $path with hostile value $k" "echoed it unescaped"
		fi
	done
}

# As B every route; as A (who owns objects, so handlers go deeper) the
# forms.
for tok in "$B" "$A"; do
	csrf=$(csrf_token "$tok")
	while read -r method path flags; do
		[[ $path == /logout ]] && continue
		[[ $tok == "$A" && $method == GET ]] && continue
		path=${path/\#/$C}
		hostile_route "$tok" "$csrf" "$method" "$path"
	done < <(routes '^(GET|POST) ' | grep -v 'admin,')
done
ok "no hostile value got a 5xx or came back unescaped"
check "kaaj.fcgi is still serving" proc_alive "$(fcgi_pid)"

# ------------------------------------------------------------ session fixation

say "session fixation"
planted=$(random_hex 16)
jar=$KAAJ_TMP/t65.jar
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\tkaaj_session\t%s\n' "$planted" >"$jar"
curl -s -o "$KAAJ_TMP/t65.body" -b "$jar" -c "$jar" "$KAAJ_URL/login" >/dev/null
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$KAAJ_TMP/t65.body" | head -n 1)
FIXPW="a long password for fixation"
printf '%s\n' "$FIXPW" |
	kaaj_admin create-admin "t65f_$RUN" "t65f_$RUN@example.test" --reason t65 >/dev/null 2>&1 ||
	die "kaaj-admin create-admin t65f_$RUN failed"
st=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
	--data-urlencode "csrf=$csrf" --data-urlencode "login=t65f_$RUN" \
	--data-urlencode "password=$FIXPW" "$KAAJ_URL/login")
expect_eq "login with a planted session cookie" "$st" 303
now=$(awk -F'\t' '$6 == "kaaj_session" { v = $7 } END { print v }' "$jar")
check "... gets a new session id" test -n "$now" -a "$now" != "$planted"
st=$(curl -s -o /dev/null -w '%{http_code}' -b "kaaj_session=$planted" \
	"$KAAJ_URL/settings")
expect_eq "... and the planted one opens nothing" "$st" 303

# ------------------------------------------------------------ reset links

say "guessing reset links"
hits=0
for ((i = 0; i < 30; i++)); do
	st=$(curl -s -o "$KAAJ_TMP/t65.body" -w '%{http_code}' \
		"$KAAJ_URL/reset?token=$(random_hex 32)")
	grep -q 'name="new_password"' "$KAAJ_TMP/t65.body" && hits=$((hits + 1))
done
expect_eq "30 guessed reset tokens open no form" "$hits" 0

# ------------------------------------------------------------ own second account

say "an employer approving their own second account"
# approve_pair EMPLOYER WORKER EMPLOYER-IP WORKER-IP: both log in from
# their address, the worker does a job of the employer's, who approves
# it; prints the task.
approve_pair() {
	local es ws camp
	make_user "$1" >/dev/null
	make_user "$2" >/dev/null
	db_sql "UPDATE users u JOIN users b ON b.username = 'bob'
	    SET u.password_hash = b.password_hash
	    WHERE u.username IN ('$1', '$2')"
	es=$(login_from "$3" "$1")
	ws=$(login_from "$4" "$2")
	[[ -n $es && -n $ws ]] || die "approve_pair: a login failed"
	camp=$(EMP=$1 new_campaign 2 0)
	claim "$ws" "$camp"
	mpost "$ws" /tasks/submit "task=$TASK" "username=pair_$RUN" >/dev/null
	spost "$es" /campaigns/rate "id=$camp" "task=$TASK" rating=satisfied
	[[ $(db_sql "SELECT status FROM tasks WHERE id = $TASK") == satisfied ]] ||
		die "approve_pair: task $TASK was not approved"
	echo "$TASK"
}
flags_of() {
	db_sql "SELECT COUNT(*) FROM fraud_flags WHERE task_id = $1"
}
TS=$(approve_pair "t65s1_$RUN" "t65s2_$RUN" 127.0.0.21 127.0.0.21)
expect_eq "approval of a worker seen on the employer's address: flagged" \
	"$(db_sql "SELECT CONCAT_WS(' ', kind, ip) FROM fraud_flags
	    WHERE task_id = $TS")" "shared_address 127.0.0.21"
TO=$(approve_pair "t65o1_$RUN" "t65o2_$RUN" 127.0.0.22 127.0.0.23)
expect_eq "approval across two addresses: not flagged" "$(flags_of "$TO")" 0
sget "$ADM" /admin/flags
expect_status 200 "GET /admin/flags"
expect_body "id=\"flag-" "... lists the flag"
expect_body "t65s2_$RUN" "... with the worker"
expect_no_body "t65o2_$RUN" "... and not the other pair"
sget "$ADM" /admin
expect_body 'href="/admin/flags"' "the admin overview links to it"
sget "$B" /admin/flags
expect_status 403 "a user who is not an admin cannot see it"

expect_ledger_ok "after the attacks"
test_done
