#!/bin/bash
#
# t_56_story: the whole story through the pages, as people would do it.
# An employer deposits and an admin confirms; with moderation on, the
# employer posts a campaign (exact cost: slots x pay + fee) that stays off
# the board until an admin approves it; a worker claims it and submits
# proof with a screenshot; a stranger cannot rate it; the employer
# approves it twice and the worker is paid exactly once; a second
# worker's work is approved by two overlapping cron runs, once; the
# ledger checks out. Moderation is switched on for this test only (and
# kaaj.fcgi restarted), then back off.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

RUN=$(random_hex 4)

# make_user NAME: an active user from Bangladesh; prints its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    country) VALUES ('$1', '$1@t56.invalid', 'x', 'active', 'BD');
	    SELECT LAST_INSERT_ID()"
}

# location_id PATTERN: the number after PATTERN in the last Location.
location_id() {
	http_header Location | sed -n "s|.*$1\\([0-9]*\\).*|\\1|p"
}

# restart_fcgi: start kaaj.fcgi again, so it reads the config anew.
restart_fcgi() {
	fcgi_stop
	fcgi_start 1
	wait_http_ready /
}

PNG=$KAAJ_TMP/t56.png
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82' >"$PNG"

main() {
	local emp wrk wrk2 str e w w2 s admin dep camp task task2 rc \
		revenue0 bal
	emp=$(make_user "t56e_$RUN")
	wrk=$(make_user "t56w_$RUN")
	wrk2=$(make_user "t56v_$RUN")
	str=$(make_user "t56s_$RUN")
	e=$(new_session "t56e_$RUN")
	w=$(new_session "t56w_$RUN")
	w2=$(new_session "t56v_$RUN")
	s=$(new_session "t56s_$RUN")
	admin=$(new_session admin)
	: "$str"

	# Money in: a deposit request, confirmed by an admin.
	spost "$e" /wallet/deposit method=bkash amount=10.00 "txn_ref=T56$RUN"
	expect_status 303 "the employer asks to deposit 10.00"
	dep=$(db_sql "SELECT id FROM deposits WHERE txn_ref = 'T56$RUN'")
	spost "$admin" /admin/deposits/confirm "id=$dep"
	expect_status 303 "the admin confirms it"
	expect_eq "the employer has exactly 10.00" "$(balance_of available "$emp")" 10000000

	# A campaign, held for moderation.
	conf_set "$KAAJ_CONF" moderation true
	restart_fcgi
	revenue0=$(db_sql "SELECT balance FROM ledger_accounts
	    WHERE kind = 'revenue'")
	spost "$e" /campaigns/create type=signup "title=T56 story $RUN" \
		"instructions=Open the page and register with your e-mail." \
		"proof_instructions=Your username." slots=2 pay=0.50 \
		countries_mode=all minutes=60 days=7 min_success=0 \
		screenshot=1 x_signup_url=https://example.com/join \
		x_action=register "create_key=$(random_hex 16)"
	expect_status 303 "the employer posts a campaign"
	camp=$(location_id /campaigns/)
	expect_eq "it waits for moderation" \
		"$(db_sql "SELECT status FROM campaigns WHERE id = ${camp:-0}")" pending
	expect_eq "the employer paid 2 x 0.50 + 10% fee = 1.10" \
		"$(balance_of available "$emp")" 8900000
	expect_eq "the site earned the fee, 0.10" "$(db_sql "SELECT balance
	    FROM ledger_accounts WHERE kind = 'revenue'")" "$((revenue0 + 100000))"
	http GET /
	expect_no_body "T56 story $RUN" "a pending campaign is not on the board"
	spost "$admin" /admin/campaigns/approve "id=$camp"
	expect_status 303 "the admin approves it"
	http GET /
	expect_body "T56 story $RUN" "now it is on the board"
	conf_set "$KAAJ_CONF" moderation false
	restart_fcgi

	# The worker's part.
	spost "$w" /tasks/claim "campaign=$camp"
	expect_status 303 "the worker claims a slot"
	task=$(location_id /tasks/)
	mpost "$w" /tasks/submit "task=$task" "username=worker_$RUN" \
		"file:screenshot=@$PNG;type=image/png"
	expect_status 303 "the worker submits proof with a screenshot"
	expect_eq "the task waits for rating" \
		"$(db_sql "SELECT status FROM tasks WHERE id = ${task:-0}")" pending

	# Only the owner rates; approving twice pays once.
	spost "$s" /campaigns/rate "id=$camp" "task=$task" rating=satisfied
	expect_status 404 "a stranger cannot rate the task (tried by id)"
	http GET "/screenshots/$task" -b "kaaj_session=$s"
	expect_status 404 "a stranger cannot see the screenshot"
	spost "$e" /campaigns/rate "id=$camp" "task=$task" rating=satisfied
	expect_status 303 "the employer approves the work"
	spost "$e" /campaigns/rate "id=$camp" "task=$task" rating=satisfied
	expect_eq "the worker got exactly the pay, once" "$(balance_of available "$wrk")" 500000
	expect_eq "the employer paid nothing more" "$(balance_of available "$emp")" 8900000

	# The clock approves what the employer does not rate, once.
	spost "$w2" /tasks/claim "campaign=$camp"
	task2=$(location_id /tasks/)
	mpost "$w2" /tasks/submit "task=$task2" "username=second_$RUN" \
		"file:screenshot=@$PNG;type=image/png"
	expect_status 303 "a second worker submits"
	db_sql "UPDATE tasks SET rate_by = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
	    WHERE id = ${task2:-0}"
	rc=0
	kaaj_admin cron >"$KAAJ_TMP/cron1" 2>&1 &
	kaaj_admin cron >"$KAAJ_TMP/cron2" 2>&1 || rc=$?
	wait $! || rc=$?
	expect_eq "two overlapping cron runs succeed" "$rc" 0
	bal=$(balance_of available "$wrk2")
	expect_eq "the late-rated work is paid exactly once" "$bal" 500000
	expect_eq "... and is satisfied" \
		"$(db_sql "SELECT status FROM tasks WHERE id = ${task2:-0}")" satisfied
	expect_eq "the campaign is finished" \
		"$(db_sql "SELECT status FROM campaigns WHERE id = $camp")" finished
	rc=0
	kaaj_admin ledger-check >/dev/null 2>&1 || rc=$?
	expect_eq "ledger-check passes after the story" "$rc" 0
	test_done
}

main "$@"
