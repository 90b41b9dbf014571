#!/bin/bash
#
# t_62_verify: automatic verification of completion codes. A survey job
# posted through the pages with a secret and mode "approve" approves and
# pays a worker's right code at once (rated by the system), and rejects a
# wrong one with its reason and no money. With mode "verify" a right code
# stays pending, marked as matching on the employer's page. The task page
# links to the survey with kaaj_campaign and kaaj_worker. A secret with
# mode "off", or a mode without a secret, is refused on the form. The
# ledger checks out.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

RUN=$(random_hex 4)
SECRET=t62-$(random_hex 12)
PAY=0.25
PAY_MICRO=250000
URL='https://forms.example.com/s/abc?src=kaaj'

# make_user NAME: an active user from Bangladesh; prints its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    country) VALUES ('$1', '$1@t62.invalid', 'x', 'active', 'BD');
	    SELECT LAST_INSERT_ID()"
}

# code_for CAMPAIGN WORKER: the expected code, computed apart from kaaj.
code_for() {
	printf '%s:%s' "$1" "$2" |
		openssl dgst -sha256 -mac HMAC -macopt "key:$SECRET" |
		awk '{print $NF}' | cut -c1-12
}

# post_job E-TOKEN PATH MODE SECRET: post a survey job of 5 slots.
post_job() {
	spost "$1" "$2" type=survey "title=T62 survey $RUN $3" \
		"instructions=Answer the survey and copy the code it shows." \
		"proof_instructions=The completion code at the end." \
		slots=5 "pay=$PAY" countries_mode=all minutes=60 days=7 \
		min_success=0 "create_key=$(random_hex 16)" \
		"x_survey_url=$URL" x_minutes=10 "verify_secret=$4" \
		"verify_mode=$3"
}

# claim TOKEN CAMPAIGN: claim it; sets TASK.
claim() {
	spost "$1" /tasks/claim "campaign=$2"
	TASK=$(http_header Location | sed -n 's|.*/tasks/\([0-9]*\).*|\1|p')
}

# submit TOKEN TASK CODE: send CODE as the proof.
submit() {
	mpost "$1" /tasks/submit "task=$2" "completion_code=$3"
}

# task_col TASK COLUMN: one column of the task's row ("NULL" for NULL).
task_col() {
	db_sql "SELECT IFNULL($2, 'NULL') FROM tasks WHERE id = $1"
}

main() {
	local e eid c1 c2 w1 w1id w2 w2id w3 w3id w4 w4id code before rc out
	eid=$(make_user "t62e_$RUN")
	kaaj_admin credit "t62e_$RUN" 20 --reason "t_62" >/dev/null
	e=$(new_session "t62e_$RUN")

	# ---------------------------------------------------- the form
	sget "$e" /campaigns/new?type=survey
	expect_body 'name="verify_secret"' "the survey form asks for a secret"
	expect_body 'name="verify_mode" value="approve"' "... and what to do"
	sget "$e" /campaigns/new?type=signup
	expect_no_body 'name="verify_secret"' "a signup job has no secret"
	post_job "$e" /campaigns/preview off "$SECRET"
	expect_status 200 "a secret with mode off: the form again"
	expect_body "Please choose what to do with codes" "... says why"
	post_job "$e" /campaigns/preview approve ""
	expect_body "Please give a secret key" "a mode without a secret: refused"
	post_job "$e" /campaigns/preview approve "short secret"
	expect_body "The secret key must be 16 to 128" "a bad secret: refused"
	post_job "$e" /campaigns/preview approve "$SECRET"
	expect_body "Check codes: approve and pay" "the preview shows the mode"
	expect_body "value=\"$SECRET\"" "... and carries the secret"

	# ---------------------------------------------------- mode approve
	post_job "$e" /campaigns/create approve "$SECRET"
	expect_status 303 "a survey job with a secret is posted"
	c1=$(http_header Location | sed -n 's|.*/campaigns/\([0-9]*\).*|\1|p')
	expect_eq "... stored with its secret and mode" "$(db_sql "SELECT
	    CONCAT(verify_secret, ' ', verify_mode) FROM campaigns
	    WHERE id = ${c1:-0}")" "$SECRET approve"

	w1id=$(make_user "t62a_$RUN")
	w1=$(new_session "t62a_$RUN")
	claim "$w1" "$c1"
	sget "$w1" "/tasks/$TASK"
	expect_match "the task page links to the survey with campaign and worker" \
		"$(grep -o 'href="https://forms\.example\.com[^"]*"' "$HTTP_BODY")" \
		"^href=\"https://forms\\.example\\.com/s/abc\\?src=kaaj(&amp;|&)kaaj_campaign=$c1(&amp;|&)kaaj_worker=$w1id\"\$"
	code=$(code_for "$c1" "$w1id")
	before=$(balance_of available "$w1id")
	submit "$w1" "$TASK" "${code^^}"
	expect_header Location "/tasks/$TASK\?notice=code_approved" \
		"a right code (in capitals) is approved at once"
	expect_eq "... satisfied, rated by the system, code_ok 1" \
		"$(task_col "$TASK" "CONCAT(status, ' ', IFNULL(rated_by, 'system'), ' ', code_ok)")" \
		"satisfied system 1"
	expect_eq "... and paid exactly the pay" "$(balance_of available "$w1id")" \
		"$((before + PAY_MICRO))"
	sget "$w1" "/tasks/$TASK?notice=code_approved"
	expect_body "Your completion code is right" "... and the worker is told"

	w2id=$(make_user "t62b_$RUN")
	w2=$(new_session "t62b_$RUN")
	claim "$w2" "$c1"
	before=$(balance_of available "$w2id")
	submit "$w2" "$TASK" 0000deadbeef
	expect_header Location "/tasks/$TASK\?notice=code_rejected" \
		"a wrong code is rejected at once"
	expect_eq "... not satisfied, with the reason" \
		"$(task_col "$TASK" "CONCAT(status, '|', reason, '|', code_ok)")" \
		"not_satisfied|The completion code does not match.|0"
	expect_eq "... and no money" "$(balance_of available "$w2id")" "$before"
	sget "$w2" "/tasks/$TASK"
	expect_body "The completion code does not match." "the page shows why"
	expect_body 'action="/tasks/dispute"' "... and the worker may dispute"

	# ---------------------------------------------------- mode verify
	post_job "$e" /campaigns/create verify "$SECRET"
	expect_status 303 "a survey job with mode verify is posted"
	c2=$(http_header Location | sed -n 's|.*/campaigns/\([0-9]*\).*|\1|p')
	w3id=$(make_user "t62c_$RUN")
	w3=$(new_session "t62c_$RUN")
	claim "$w3" "$c2"
	before=$(balance_of available "$w3id")
	submit "$w3" "$TASK" "$(code_for "$c2" "$w3id")"
	expect_header Location "/tasks/$TASK\?notice=proof_sent" \
		"mode verify: a right code is only sent"
	expect_eq "... pending with code_ok 1" \
		"$(task_col "$TASK" "CONCAT(status, ' ', code_ok)")" "pending 1"
	expect_eq "... and not paid yet" "$(balance_of available "$w3id")" "$before"
	sget "$e" "/campaigns/$c2"
	expect_body "id=\"code-$TASK\">Completion code matches" \
		"the employer's page says the code matches"
	w4id=$(make_user "t62d_$RUN")
	w4=$(new_session "t62d_$RUN")
	claim "$w4" "$c2"
	# The code of another campaign is wrong here.
	submit "$w4" "$TASK" "$(code_for "$c1" "$w4id")"
	expect_eq "a wrong code: pending with code_ok 0" \
		"$(task_col "$TASK" "CONCAT(status, ' ', code_ok)")" "pending 0"
	sget "$e" "/campaigns/$c2"
	expect_body "id=\"code-$TASK\">Completion code does not match" \
		"... and the employer's page says so"
	expect_eq "the employer paid only the one approved task" \
		"$(db_sql "SELECT COUNT(*) FROM tasks t JOIN campaigns c
		    ON c.id = t.campaign_id WHERE c.owner_id = $eid
		    AND t.status = 'satisfied'")" 1

	rc=0
	out=$(kaaj_admin ledger-check 2>&1) || rc=$?
	expect_eq "kaaj-admin ledger-check passes" "$rc" 0
	expect_match "... and says" "$out" '^ledger ok$'
	test_done
}

main "$@"
