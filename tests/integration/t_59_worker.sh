#!/bin/bash
#
# t_59_worker: the worker's pages. A job page offers the claim button (or
# says why not, or asks a visitor to log in); claiming leads to the task.
# 30 workers claiming 10 slots at once over HTTP get exactly 10. Proof
# with a PNG screenshot makes the task pending; an HTML file and an SVG
# named .png are refused with a message and store nothing; the same
# screenshot from another worker is flagged duplicate. Nobody sees
# another worker's task or screenshot. An expired claim (cron) frees its
# slot, shows "expired" and a notification, and a late submission is
# refused. A dispute of a rejection reaches the admins' queue; overturned
# it pays once, upheld it pays nothing. The header counts unread
# notifications until /notifications is seen. The ledger checks out.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t59e_$RUN
RACE=30		# workers racing for...
SLOTS=10	# ... this many slots

PNG=$KAAJ_TMP/t59.png
write_png "$PNG"
HTML=$KAAJ_TMP/t59.html
printf '<html><body><script>alert(1)</script></body></html>\n' >"$HTML"
SVG=$KAAJ_TMP/t59svg.png
printf '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n' >"$SVG"

# ------------------------------------------------------------ set-up

make_user "$EMP" >/dev/null
W1_ID=$(make_user "t59a_$RUN")
make_user "t59b_$RUN" >/dev/null
make_user "t59c_$RUN" >/dev/null
W1=$(new_session "t59a_$RUN")
W2=$(new_session "t59b_$RUN")
W3=$(new_session "t59c_$RUN")
ES=$(new_session "$EMP")
AS=$(new_session admin)
C1=$(new_campaign 5 1)
[[ $C1 =~ ^[0-9]+$ ]] || die "market_probe could not create a campaign"
ok "a funded campaign $C1 (screenshot required)"

# ------------------------------------------------------------ claim

http GET "/jobs/$C1"
expect_status 200 "GET /jobs/$C1 as a visitor"
expect_body "Log in to take this job." "a visitor is asked to log in"
sget "$ES" "/jobs/$C1"
expect_body "This is your own campaign." "the owner is told it is theirs"
expect_no_body 'action="/tasks/claim"' "... and gets no claim button"
sget "$W1" "/jobs/$C1"
expect_body 'action="/tasks/claim"' "a worker gets the claim button"
http POST /tasks/claim -b "kaaj_session=$W1" --data-urlencode "campaign=$C1"
expect_status 403 "POST /tasks/claim without csrf"
claim "$W1" "$C1"
expect_status 303 "POST /tasks/claim"
expect_header Location "/tasks/[0-9]+" "... leads to the new task"
T1=$TASK
expect_eq "the task is the worker's" "$(task_of "$C1" "$W1_ID")" "$T1"
claim "$W1" "$C1"
expect_header Location "notice=claim_taken" "claiming again is refused"
sget "$W1" "/jobs/$C1"
expect_body "You already took this job." "... and the job page says so"
expect_body "/tasks/$T1" "... with a link to the task"
sget "$W1" /tasks
expect_status 200 "GET /tasks"
expect_body "Sign up at example.com" "the list shows the campaign"
expect_body "Taken: send your proof" "... with its state"
expect_body "New worker" "... and the worker's level"

# ------------------------------------------------------------ proof

sget "$W1" "/tasks/$T1"
expect_status 200 "GET /tasks/$T1"
expect_body 'name="username"' "the proof form has the plugin's field"
expect_body 'name="screenshot" type="file"' "... and the screenshot input"
sget "$W2" "/tasks/$T1"
expect_status 404 "another worker's task page"
n0=$(files_in_uploads)
mpost "$W1" /tasks/submit "task=$T1" "username=bob_$RUN" "file:screenshot=@$HTML;type=image/png;filename=shot.png"
expect_status 200 "an HTML file as the screenshot"
expect_body "must be a PNG, JPEG or WebP image" "... is refused with a message"
mpost "$W1" /tasks/submit "task=$T1" "username=bob_$RUN" "file:screenshot=@$SVG;type=image/png"
expect_body "must be a PNG, JPEG or WebP image" "an SVG named .png is refused"
expect_eq "nothing was stored" "$(files_in_uploads)" "$n0"
expect_eq "the task is still claimed" "$(db_sql "SELECT status FROM tasks WHERE id = $T1")" claimed
mpost "$W1" /tasks/submit "task=$T1" "username=bob_$RUN"
expect_body "Please add a screenshot." "a missing screenshot is asked for"
mpost "$W1" /tasks/submit "task=$T1" "username=x" "file:screenshot=@$PNG;type=image/png"
expect_body "at least 2 characters" "the plugin's check shows its message"
expect_eq "... and the screenshot is not stored" "$(files_in_uploads)" "$n0"
mpost "$W1" /tasks/submit "task=$T1" "username=bob_$RUN" "file:screenshot=@$PNG;type=image/png"
expect_status 303 "proof with a PNG screenshot"
expect_header Location "/tasks/$T1\?notice=proof_sent" "... leads back to the task"
expect_eq "the task is pending" "$(db_sql "SELECT status FROM tasks WHERE id = $T1")" pending
expect_eq "one screenshot stored" "$(files_in_uploads)" "$((n0 + 1))"
mpost "$W1" /tasks/submit "task=$T1" "username=bob_$RUN" "file:screenshot=@$PNG;type=image/png"
expect_eq "proof sent again to a pending task stores no file" \
	"$(files_in_uploads)" "$((n0 + 1))"
sget "$W1" "/screenshots/$T1"
expect_status 200 "the worker sees the screenshot"
expect_header Content-Type '^image/png' "... as a PNG"
sget "$W2" "/screenshots/$T1"
expect_status 404 "another worker cannot see it"
sget "$ES" "/screenshots/$T1"
expect_status 200 "the campaign's owner can"

claim "$W2" "$C1"
T2=$TASK
mpost "$W2" /tasks/submit "task=$T2" "username=carol_$RUN" "file:screenshot=@$PNG;type=image/png"
expect_status 303 "the same screenshot from another worker is taken"
expect_eq "... and flagged as a duplicate" "$(db_sql "SELECT duplicate_of FROM tasks WHERE id = $T2")" "$T1"
mpost "$W1" /tasks/submit "task=$T2" "username=bob_$RUN"
expect_status 404 "submitting to another worker's task"

# ------------------------------------------------------------ expiry

claim "$W3" "$C1"
T3=$TASK
taken=$(db_sql "SELECT slots_taken FROM campaigns WHERE id = $C1")
db_sql "UPDATE tasks SET deadline = NOW() - INTERVAL 1 MINUTE WHERE id = $T3"
kaaj_admin cron >/dev/null 2>&1 && rc=0 || rc=$?
expect_eq "kaaj-admin cron: exit status" "$rc" 0
expect_eq "the expired claim frees its slot" "$(db_sql "SELECT slots_taken FROM campaigns WHERE id = $C1")" "$((taken - 1))"
sget "$W3" "/tasks/$T3"
expect_body "Expired: the time ran out" "the worker sees expired"
expect_no_body 'action="/tasks/submit"' "... and no proof form"
expect_body 'id="unread">1<' "the header counts one notification"
sget "$W3" /notifications
expect_body "Your time ran out and the slot was released" "the notification says so"
sget "$W3" /tasks
expect_no_body 'id="unread"' "visiting /notifications clears the count"
mpost "$W3" /tasks/submit "task=$T3" "username=dave_$RUN"
expect_body "The time ran out" "a submission after expiry is refused"
expect_eq "... and the task stays expired" "$(db_sql "SELECT status FROM tasks WHERE id = $T3")" expired

# A deadline passed that cron did not see yet: the submission expires it.
C2=$(new_campaign 2 0)
claim "$W3" "$C2"
T4=$TASK
db_sql "UPDATE tasks SET deadline = NOW() - INTERVAL 1 MINUTE WHERE id = $T4"
mpost "$W3" /tasks/submit "task=$T4" "username=dave_$RUN"
expect_body "The time ran out" "a late submission says the time ran out"
expect_eq "... and the task expired" "$(db_sql "SELECT status FROM tasks WHERE id = $T4")" expired
expect_eq "... its slot released" "$(db_sql "SELECT slots_taken FROM campaigns WHERE id = $C2")" 0

# ------------------------------------------------------------ disputes

"$PROBE" "$KAAJ_CONF" rate "$T1" not_satisfied >/dev/null
"$PROBE" "$KAAJ_CONF" rate "$T2" not_satisfied >/dev/null
sget "$W1" "/tasks/$T1"
expect_body "Not approved" "a rejected task says so"
expect_body 'action="/tasks/dispute"' "... and offers a dispute"
spost "$W1" /tasks/dispute "task=$T1" "message=short"
expect_body "at least 10 characters" "a short dispute message is refused"
expect_eq "... and no dispute recorded" "$(db_sql "SELECT COUNT(*) FROM disputes WHERE task_id = $T1")" 0
spost "$W2" /tasks/dispute "task=$T1" "message=This is not my task at all."
expect_status 404 "disputing another worker's task"
spost "$W1" /tasks/dispute "task=$T1" "message=I signed up as bob_$RUN, please look again."
expect_header Location "notice=dispute_sent" "a dispute is sent"
spost "$W2" /tasks/dispute "task=$T2" "message=I signed up too, as carol_$RUN."
expect_header Location "notice=dispute_sent" "a second dispute is sent"
sget "$W1" "/tasks/$T1"
expect_body "Waiting for an admin" "the task page shows the dispute's state"
sget "$W1" /admin/disputes
expect_status 403 "a worker cannot open /admin/disputes"
sget "$AS" /admin/disputes
expect_status 200 "GET /admin/disputes"
expect_body "I signed up as bob_$RUN" "the queue shows the worker's message"
expect_body "The user name is not on the site." "... and the employer's reason"
D1=$(db_sql "SELECT id FROM disputes WHERE task_id = $T1")
D2=$(db_sql "SELECT id FROM disputes WHERE task_id = $T2")
b1=$(balance_by_name "t59a_$RUN")
# The slot went back to the pool: the escrow holds no spare pay, and the
# employer has no money left.
spost "$AS" /admin/disputes/decide "id=$D1" decision=overturn "note=The account exists."
expect_header Location "notice=dispute_short" "overturning with no money to pay"
expect_eq "... pays nothing" "$(balance_by_name "t59a_$RUN")" "$b1"
kaaj_admin credit "$EMP" 1 --reason "t59 dispute" >/dev/null
spost "$AS" /admin/disputes/decide "id=$D1" decision=overturn "note=The account exists."
expect_header Location "notice=dispute_overturned" "overturning a dispute"
spost "$AS" /admin/disputes/decide "id=$D1" decision=overturn "note=again"
expect_header Location "notice=dispute_decided_before" "overturning it again changes nothing"
expect_eq "the worker is paid exactly once" "$(balance_by_name "t59a_$RUN")" "$((b1 + 50000))"
# Statement lines say what happened once, name the task or campaign, and
# call the overturn's payout an admin's decision, on both sides.
sget "$W1" /wallet/statement
expect_body "Paid by an admin's decision on a dispute<br><span class=\"memo\"><a href=\"/tasks/$T1\">" \
	"the worker's line: paid by an admin's decision, linking the task"
expect_no_body "task paid" "... said once, without the memo"
sget "$ES" /wallet/statement
expect_body "Paid by an admin's decision on a dispute<br><span class=\"memo\"><a href=\"/campaigns/" \
	"the employer's line: the same decision, linking the campaign"
expect_no_body "by the employer" "... not labelled as paid by the employer"
expect_body "Campaign funded<br><span class=\"memo\"><a href=\"/campaigns/" \
	"the funding line links its campaign"
b2=$(balance_by_name "t59b_$RUN")
spost "$AS" /admin/disputes/decide "id=$D2" decision=uphold "note=No account."
expect_header Location "notice=dispute_upheld" "upholding a dispute"
expect_eq "an upheld dispute pays nothing" "$(balance_by_name "t59b_$RUN")" "$b2"
sget "$W1" "/tasks/$T1"
expect_body "Decided for you" "the worker sees the decision"
expect_body "Approved and paid" "... and the task paid"
expect_body 'id="unread">' "the header counts the worker's notifications"
sget "$W1" /notifications
expect_body "Your dispute was decided for you" "the notification tells the decision"
sget "$W1" /tasks
expect_no_body 'id="unread"' "... and is read once seen"

# ------------------------------------------------------------ the race

db_sql "SET GLOBAL max_connections = GREATEST(@@max_connections, 400)"
C3=$(new_campaign "$SLOTS" 0)
toks=()
for ((i = 0; i < RACE; i++)); do
	make_user "t59r${i}_$RUN" >/dev/null
	toks+=("$(new_session "t59r${i}_$RUN")")
done
pids=()
for ((i = 0; i < RACE; i++)); do
	curl -sS -o /dev/null -w '%{http_code}\n' --max-time 60 \
		-b "kaaj_session=${toks[i]}" \
		--data-urlencode "csrf=$(csrf_token "${toks[i]}")" \
		--data-urlencode "campaign=$C3" "$KAAJ_URL/tasks/claim" \
		>"$KAAJ_TMP/t59race.$i" 2>&1 &
	pids+=($!)
done
for p in "${pids[@]}"; do
	wait "$p" || true
done
expect_eq "$RACE parallel claims on $SLOTS slots: tasks" "$(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $C3")" "$SLOTS"
expect_eq "... slots taken" "$(db_sql "SELECT slots_taken FROM campaigns WHERE id = $C3")" "$SLOTS"
expect_eq "... every claim answered 303" "$(cat "$KAAJ_TMP"/t59race.* | sort -u)" 303

out=$(kaaj_admin ledger-check 2>&1) && rc=0 || rc=$?
expect_eq "kaaj-admin ledger-check: exit status" "$rc" 0
expect_match "kaaj-admin ledger-check says" "$out" '^ledger ok$'

test_done
