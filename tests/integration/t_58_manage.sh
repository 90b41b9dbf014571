#!/bin/bash
#
# t_58_manage: an employer manages a campaign through its pages. The
# campaign comes from market_probe's eligibility scenario (funded through
# the C core, ledger and all); its pending submissions are put in with SQL
# (claims move no money). The owner sees them with their proof, the
# duplicate flag and the screenshot; another user gets 404 for the page
# and the screenshots. A bulk approval pays each worker exactly the pay,
# once even when posted twice; "not satisfied" without a reason changes
# nothing; a revision is allowed once; a bonus pays once with its fee;
# pause and resume take the campaign off and back on the board; adding
# slots funds exactly their pay (plus fee); blocking keeps the campaign
# from that worker's board; stopping refunds exactly the unused escrow.
# Posts without the CSRF field get 403. The ledger checks out at the end.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

PROBE=$KAAJ_BUILDDIR/tests/tools/market_probe
[[ -x $PROBE ]] || die "$PROBE is not built (make check builds it)"
RUN=$(random_hex 4)

# ------------------------------------------------------------ helpers

# make_user NAME: insert an active user NAME of Bangladesh; print its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, country,
	    status) VALUES ('$1', '$1@t58.invalid', 'x', 'BD', 'active');
	    SELECT LAST_INSERT_ID()"
}

# expect_back NOTICE WHAT: the last answer went back to the campaign's
# page with NOTICE.
expect_back() {
	expect_status 303 "$2"
	expect_header Location "/campaigns/$CID\\?notice=$1" "$2: notice $1"
}

# add_task WORKER-ID PROOF [SCREENSHOT]: a submission of the worker on the
# campaign, pending, as if claimed and submitted; print its id.
add_task() {
	local shot=NULL
	[[ -z ${3:-} ]] || shot="'$3'"
	db_sql "INSERT INTO tasks (campaign_id, worker_id, status, deadline,
	    submitted_at, rate_by, screenshot)
	    VALUES ($CID, $1, 'pending', NOW() + INTERVAL 1 HOUR, NOW(),
	    NOW() + INTERVAL 3 DAY, $shot);
	    SET @t = LAST_INSERT_ID();
	    INSERT INTO task_fields (task_id, name, value)
	    VALUES (@t, 'username', '$2');
	    UPDATE campaigns SET slots_taken = slots_taken + 1 WHERE id = $CID;
	    SELECT @t"
}

# task_status ID: a task's status.
task_status() {
	db_sql "SELECT status FROM tasks WHERE id = $1"
}

# on_board TOKEN: true if the board shown to TOKEN's user links the
# campaign.
on_board() {
	sget "$1" /
	grep -qF "/jobs/$CID\"" "$HTTP_BODY"
}

# ------------------------------------------------------------ the campaign

before=$(db_sql "SELECT COALESCE(MAX(id), 0) FROM campaigns")
out=$("$PROBE" "$KAAJ_CONF" eligibility 2>&1) ||
	die "market_probe eligibility failed: $(tail -n 5 <<<"$out")"
# Its "all but PK" campaign: running, 5 slots, none taken.
CID=$(db_sql "SELECT id FROM campaigns WHERE id > $before
    AND countries_mode = 'exclude' ORDER BY id DESC LIMIT 1")
[[ -n $CID ]] || die "market_probe left no campaign"
EMP_ID=$(db_sql "SELECT owner_id FROM campaigns WHERE id = $CID")
EMP=$(db_sql "SELECT username FROM users WHERE id = $EMP_ID")
PAY=$(db_sql "SELECT pay_per_task FROM campaigns WHERE id = $CID")

W1=$(make_user "t58a_$RUN")
W2=$(make_user "t58b_$RUN")
W3=$(make_user "t58c_$RUN")
W4=$(make_user "t58d_$RUN")
make_user "t58x_$RUN" >/dev/null	# a stranger, and a worker later blocked
X_ID=$(db_sql "SELECT id FROM users WHERE username = 't58x_$RUN'")
make_user "t58y_$RUN" >/dev/null	# another worker, never blocked

ET=$(new_session "$EMP")
XT=$(new_session "t58x_$RUN")
YT=$(new_session "t58y_$RUN")
W1T=$(new_session "t58a_$RUN")

# A screenshot of W1's task, stored as upload_store would.
SHOT=$(random_hex 16).png
mkdir -p "$KAAJ_UPLOAD_DIR/screenshots"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR-t58-%s' "$RUN" \
	>"$KAAJ_UPLOAD_DIR/screenshots/$SHOT"

T1=$(add_task "$W1" "alice_$RUN" "$SHOT")
T2=$(add_task "$W2" "alice_$RUN")
T3=$(add_task "$W3" "<b>now_$RUN")
T4=$(add_task "$W4" "dora_$RUN")
db_sql "UPDATE tasks SET duplicate_of = $T1 WHERE id = $T2"
db_sql "UPDATE users SET tasks_satisfied = 3, tasks_rejected = 1
    WHERE id = $W1"

# ------------------------------------------------------------ seeing

say "the list and the page"
sget "$ET" /campaigns
expect_status 200 "GET /campaigns as the owner"
expect_body "/campaigns/$CID\"" "the list links the campaign"
expect_match "the list shows done 0 of 5 and 4 to rate" \
	"$(tr -d '\n' <"$HTTP_BODY" | grep -o "id=\"campaign-$CID\".*" | head -c 2000)" \
	'0 of 5</td><td data-label="To rate" class="num">4</td>'

sget "$ET" "/campaigns/$CID"
expect_status 200 "GET /campaigns/$CID as the owner"
expect_body "Username or email you signed up with" "proof field label from the plugin"
expect_body "alice_$RUN" "the proof value"
expect_body "&lt;b&gt;now_$RUN" "proof text escaped"
expect_no_body "<b>now_$RUN" "no raw markup from proof"
expect_body "Same proof as task #$T1" "duplicate flagged"
expect_body "/screenshots/$T1\"" "the screenshot thumbnail"
expect_body "success rate 75%" "the worker's success rate"
expect_body "name=\"task\" value=\"$T4\"" "a checkbox per task"

sget "$XT" "/campaigns/$CID"
expect_status 404 "another user's view of the campaign"
sget "$XT" "/screenshots/$T1"
expect_status 404 "another user's view of the screenshot"
for id in $T1 $T2 $T3 $((T4 + 1000)); do
	sget "$XT" "/screenshots/$id"
	[[ $HTTP_STATUS == 404 ]] || fail "screenshot $id for a stranger" "got $HTTP_STATUS"
done
ok "every screenshot id tried by a stranger -> 404"
sget "$ET" "/screenshots/$T1"
expect_status 200 "the owner's view of the screenshot"
expect_header Content-Type '^image/png' "served as image/png"
sget "$W1T" "/screenshots/$T1"
expect_status 200 "the worker's view of the screenshot"
sget "$ET" "/screenshots/$T2"
expect_status 404 "a task without screenshot"
http GET "/campaigns/$CID"
expect_status 303 "a visitor is sent to log in"

# ------------------------------------------------------------ rating

say "rating"
http POST /campaigns/rate -b "kaaj_session=$ET" --data-urlencode "id=$CID" \
	--data-urlencode "task=$T1" --data-urlencode rating=satisfied
expect_status 403 "rating without the csrf field"
expect_eq "nothing rated without csrf" "$(task_status "$T1")" pending

spost "$XT" /campaigns/rate "id=$CID" "task=$T1" rating=satisfied
expect_status 404 "a stranger rates the campaign"
expect_eq "nothing rated by a stranger" "$(task_status "$T1")" pending

spost "$ET" /campaigns/rate "id=$CID" "task=$T3" rating=not_satisfied reason=
expect_back reason_needed "not satisfied without a reason"
expect_eq "the task still waits" "$(task_status "$T3")" pending

b1=$(balance_of available "$W1")
b2=$(balance_of available "$W2")
esc=$(balance_of escrow "$CID")
spost "$ET" /campaigns/rate "id=$CID" "task=$T1" "task=$T2" rating=satisfied
expect_status 303 "bulk approval of two tasks"
expect_header Location "notice=tasks_rated&rated=2&skipped=0&refused=0" \
	"two rated"
spost "$ET" /campaigns/rate "id=$CID" "task=$T1" "task=$T2" rating=satisfied
expect_header Location "rated=0&skipped=2" "approving again skips both"
expect_eq "worker 1 got exactly the pay, once" \
	"$(balance_of available "$W1")" "$((b1 + PAY))"
expect_eq "worker 2 got exactly the pay, once" \
	"$(balance_of available "$W2")" "$((b2 + PAY))"
expect_eq "escrow paid out twice the pay" \
	"$(balance_of escrow "$CID")" "$((esc - 2 * PAY))"
sget "$ET" "/campaigns/$CID?notice=tasks_rated&rated=2&skipped=0&refused=0"
expect_body '<b id="rated">2</b>.</p>' "the page reports two rated"
expect_no_body 'id="skipped"' "a count of zero is left out of the report"
sget "$ET" "/campaigns/$CID?notice=tasks_rated&rated=0&skipped=2&refused=0"
expect_body '<b id="rated">0</b>. Already rated or no longer waiting: <b id="skipped">2</b>.</p>' \
	"zero rated is printed as 0, the skipped count follows"

spost "$ET" /campaigns/rate "id=$CID" "task=$T3" rating=not_satisfied \
	"reason=No such account"
expect_header Location "rated=1" "not satisfied with a reason"
expect_eq "task 3 not satisfied" "$(task_status "$T3")" not_satisfied

spost "$ET" /campaigns/rate "id=$CID" "task=$T4" rating=revise \
	"reason=Use the email"
expect_header Location "rated=1" "revise"
expect_eq "task 4 sent back" "$(task_status "$T4")" revise
# The worker sends it again (as task_submit would).
db_sql "UPDATE tasks SET status = 'pending', submitted_at = NOW(),
    rate_by = NOW() + INTERVAL 3 DAY WHERE id = $T4"
spost "$ET" /campaigns/rate "id=$CID" "task=$T4" rating=revise \
	"reason=Again"
expect_header Location "rated=0&skipped=0&refused=1" "a second revision is refused"
expect_eq "task 4 still waits" "$(task_status "$T4")" pending

# ------------------------------------------------------------ bonus

say "bonus"
b1=$(balance_of available "$W1")
be=$(balance_of available "$EMP_ID")
rev=$(balance_of revenue 0)
spost "$ET" /campaigns/bonus "task=$T1" amount=abc
expect_back bonus_bad "a bonus that is not an amount"
spost "$ET" /campaigns/bonus "task=$T1" amount=0.5
expect_back bonus_paid "a bonus of 0.5"
spost "$ET" /campaigns/bonus "task=$T1" amount=0.5
expect_back bonus_paid_before "the same bonus again"
spost "$XT" /campaigns/bonus "task=$T1" amount=0.5
expect_status 404 "a stranger's bonus"
fee=$(($(balance_of revenue 0) - rev))
expect_eq "the worker got exactly the bonus, once" \
	"$(balance_of available "$W1")" "$((b1 + 500000))"
expect_eq "the employer paid the bonus and its fee" \
	"$(balance_of available "$EMP_ID")" "$((be - 500000 - fee))"
check "a fee was charged on the bonus" test "$fee" -gt 0
spost "$ET" /campaigns/bonus "task=$T3" amount=0.5
expect_back campaign_state "a bonus on a rejected task"

# ------------------------------------------------------------ pause, resume

say "pause and resume"
check "the campaign is on the board" on_board "$YT"
spost "$ET" /campaigns/pause "id=$CID"
expect_back campaign_paused "pause"
expect_eq "paused" "$(db_sql "SELECT status FROM campaigns WHERE id = $CID")" paused
if on_board "$YT"; then fail "a paused campaign is off the board"; else ok "a paused campaign is off the board"; fi
spost "$XT" /campaigns/resume "id=$CID"
expect_status 404 "a stranger resumes"
spost "$ET" /campaigns/resume "id=$CID"
expect_back campaign_resumed "resume"
check "back on the board" on_board "$YT"

# ------------------------------------------------------------ add slots

say "add slots"
KEY=$(random_hex 16)
be=$(balance_of available "$EMP_ID")
esc=$(balance_of escrow "$CID")
rev=$(balance_of revenue 0)
spost "$ET" /campaigns/add "id=$CID" slots=0 "key=$KEY"
expect_back slots_bad "zero slots"
spost "$ET" /campaigns/add "id=$CID" slots=100000 "key=$KEY"
expect_back money_short "more slots than the balance pays"
expect_eq "nothing funded" "$(balance_of escrow "$CID")" "$esc"
spost "$ET" /campaigns/add "id=$CID" slots=2 "key=$KEY"
expect_back slots_added "two slots"
spost "$ET" /campaigns/add "id=$CID" slots=2 "key=$KEY"
expect_back slots_added "the same form again"
fee=$(($(balance_of revenue 0) - rev))
expect_eq "escrow grew by exactly two pays" \
	"$(balance_of escrow "$CID")" "$((esc + 2 * PAY))"
expect_eq "the employer paid two pays and the fee, once" \
	"$(balance_of available "$EMP_ID")" "$((be - 2 * PAY - fee))"
expect_eq "7 slots" "$(db_sql "SELECT slots_total FROM campaigns WHERE id = $CID")" 7

# ------------------------------------------------------------ block

say "block"
check "the stranger sees the campaign" on_board "$XT"
spost "$ET" /campaigns/block "id=$CID" "worker=$X_ID"
expect_back worker_blocked "block a worker"
if on_board "$XT"; then fail "a blocked worker's board lacks it"; else ok "a blocked worker's board lacks it"; fi
check "other workers still see it" on_board "$YT"
sget "$ET" "/campaigns/$CID"
expect_body "t58x_$RUN" "the page lists the blocked worker"
spost "$ET" /campaigns/unblock "id=$CID" "worker=$X_ID"
expect_back worker_unblocked "unblock"
check "the worker sees it again" on_board "$XT"
spost "$ET" /campaigns/block "id=$CID" "worker=$EMP_ID"
expect_back block_self "block oneself"

# ------------------------------------------------------------ stop

say "stop"
be=$(balance_of available "$EMP_ID")
esc=$(balance_of escrow "$CID")
out_n=$(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $CID
    AND status IN ('claimed', 'pending', 'revise')")
sget "$ET" "/campaigns/$CID"
refund=$((esc - out_n * PAY))
expect_match "the page shows the refund" "$(tr -d '\n' <"$HTTP_BODY")" \
	"id=\"refund\">$(awk -v v="$refund" 'BEGIN { printf "%.2f", v / 1e6 }')"
spost "$XT" /campaigns/stop "id=$CID"
expect_status 404 "a stranger stops it"
http POST /campaigns/stop -b "kaaj_session=$ET" --data-urlencode "id=$CID"
expect_status 403 "stop without the csrf field"
spost "$ET" /campaigns/stop "id=$CID"
expect_back campaign_stopped "stop"
expect_eq "refunded exactly the unused escrow" \
	"$(balance_of available "$EMP_ID")" "$((be + refund))"
expect_eq "escrow keeps the outstanding pay" \
	"$(balance_of escrow "$CID")" "$((out_n * PAY))"
spost "$ET" /campaigns/stop "id=$CID"
expect_status 303 "stop again"
expect_eq "no second refund" "$(balance_of available "$EMP_ID")" "$((be + refund))"
spost "$ET" /campaigns/pause "id=$CID"
expect_back campaign_state "pause a stopped campaign"

sget "$ET" /campaigns
expect_body "Stopped" "the list shows it stopped"

out=$(kaaj_admin ledger-check 2>&1) && rc=0 || rc=$?
expect_eq "kaaj-admin ledger-check: exit status" "$rc" 0
expect_match "kaaj-admin ledger-check says" "$out" '^ledger ok$'

test_done
