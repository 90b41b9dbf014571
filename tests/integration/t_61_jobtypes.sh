#!/bin/bash
#
# t_61_jobtypes: every job type the site loads can be posted, claimed,
# submitted and approved through the pages; the task page links every
# web address of the job's own fields. The values are the first
# "campaign ok" and "proof ok" lines of the type's case table in
# tests/plugins/cases/NAME.cases (TAB-separated: kind, verdict, name=value
# pairs); a loaded type without a table fails.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

RUN=$(random_hex 4)
CASES=$KAAJ_SRCDIR/tests/plugins/cases
PAY=0.25

# first_line FILE KIND: the name=value pairs of the first "KIND ok" line,
# one per output line.
first_line() {
	awk -F '\t' -v k="$2" '$1 == k && $2 == "ok" {
	    for (i = 3; i <= NF; i++) print $i; exit }' "$1"
}

# make_user NAME: an active user from Bangladesh; prints its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    country) VALUES ('$1', '$1@t61.invalid', 'x', 'active', 'BD');
	    SELECT LAST_INSERT_ID()"
}

PNG=$KAAJ_TMP/t61.png
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82' >"$PNG"

# one_type NAME E-TOKEN: post, claim, submit and approve one job of type
# NAME by the employer of E-TOKEN; a new worker does the work.
one_type() {
	local type=$1 e=$2 file=$CASES/$1.cases args=() kv camp task w wid \
		before
	if [[ ! -f $file ]]; then
		fail "$type has a case table" "missing $file"
		return
	fi
	args=("type=$type" "title=T61 $type job $RUN"
		"instructions=Do the $type task as the fields below say."
		"proof_instructions=Give the proof the form asks for."
		slots=1 "pay=$PAY" countries_mode=all minutes=60 days=7
		min_success=0 "create_key=$(random_hex 16)")
	while IFS= read -r kv; do
		[[ -n $kv ]] && args+=("x_$kv")
	done < <(first_line "$file" campaign)
	spost "$e" /campaigns/create "${args[@]}"
	expect_status 303 "$type: the job is posted"
	camp=$(http_header Location | sed -n 's|.*/campaigns/\([0-9]*\).*|\1|p')
	if [[ -z $camp ]]; then
		show_response
		return
	fi
	wid=$(make_user "t61$type$RUN")
	w=$(new_session "t61$type$RUN")
	spost "$w" /tasks/claim "campaign=$camp"
	task=$(http_header Location | sed -n 's|.*/tasks/\([0-9]*\).*|\1|p')
	expect_match "$type: a worker claims it" "${task:-none}" '^[0-9]+$'
	# The task page repeats the job's own fields: every link to open.
	sget "$w" "/tasks/${task:-0}"
	expect_body "Do the $type task as the fields below say." \
		"$type: the task page has the instructions"
	while IFS= read -r kv; do
		[[ ${kv#*=} == http* ]] || continue
		kv=${kv#*=}
		expect_body "<a href=\"${kv//&/&amp;}\"" \
			"$type: the task page links $kv"
	done < <(first_line "$file" campaign)
	args=("task=${task:-0}" "file:screenshot=@$PNG;type=image/png")
	while IFS= read -r kv; do
		[[ -n $kv && ${kv%%=*} != screenshot ]] && args+=("$kv")
	done < <(first_line "$file" proof)
	mpost "$w" /tasks/submit "${args[@]}"
	expect_status 303 "$type: the worker's proof is taken"
	[[ $HTTP_STATUS == 303 ]] || show_response
	before=$(balance_of available "$wid")
	spost "$e" /campaigns/rate "id=$camp" "task=${task:-0}" rating=satisfied
	expect_eq "$type: approved, the worker is paid $PAY once" \
		"$(balance_of available "$wid")" "$((before + 250000))"
}

main() {
	local e t types
	make_user "t61e_$RUN" >/dev/null
	kaaj_admin credit "t61e_$RUN" 50 --reason "t_61" >/dev/null
	e=$(new_session "t61e_$RUN")
	# Every job type the running site loaded, from the type list.
	http GET /campaigns/new -b "kaaj_session=$e"
	types=$(grep -o 'href="/campaigns/new?type=[a-z0-9_]*"' "$HTTP_BODY" |
		sed 's/.*type=\([a-z0-9_]*\)"/\1/' | sort -u)
	expect_match "the site offers job types" "$types" '^[a-z]'
	for t in $types; do
		one_type "$t" "$e"
	done
	test_done
}

main "$@"
