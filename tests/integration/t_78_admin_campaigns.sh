#!/bin/bash
#
# t_78_admin_campaigns: the admins' campaign tools (issue 13 item 3).
#  - /admin/campaigns keeps the moderation queue as its first tab; its
#    search tab finds campaigns by number, the start of the title (a '%'
#    typed is a plain character), the owner's username and the state,
#    newest first with an "older" link, each row linking to the campaign's
#    admin page and its owner's /admin/users page. A wrong filter is said
#    at its field with what was typed kept.
#  - /admin/campaigns/ID shows the facts (owner, pay, slots, state, escrow
#    left) and every submission with its worker, state, proof, reason and
#    times, a page of 50 with an "older" link across all task states.
#  - POST /admin/campaigns/stop with a reason stops a running campaign:
#    the owner gets exactly the unused escrow back, the outstanding pay
#    stays in escrow, the tasks already sent can still be rated, the audit
#    log has one row, the owner one notification with the reason, and
#    ledger-check passes. No reason: the page again naming the field,
#    nothing changed. Twice: a clear notice, no second refund, no second
#    audit row. A campaign that is not running or paused: a clear notice.
#    No CSRF field: 403. Not an admin: 403.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t78e_$RUN
ADM=t78a_$RUN
PAY=50000			# market_probe's pay per task

EMP_ID=$(make_user "$EMP")
W1_ID=$(make_user "t78w1_$RUN")
W2_ID=$(make_user "t78w2_$RUN")
W3_ID=$(make_user "t78w3_$RUN")
ADM_ID=$(db_sql "INSERT INTO users (username, email, password_hash, status,
    is_admin) VALUES ('$ADM', '$ADM@t78.invalid', 'x', 'active', 1);
    SELECT LAST_INSERT_ID()")
ES=$(new_session "$EMP")
W1=$(new_session "t78w1_$RUN")
W2=$(new_session "t78w2_$RUN")
W3=$(new_session "t78w3_$RUN")
AS=$(new_session "$ADM")

# body: the last response's body on one line.
body() {
	tr -d '\n' <"$HTTP_BODY"
}

# audit_n: rows in the audit log.
audit_n() {
	db_sql "SELECT COUNT(*) FROM audit_log"
}

C1=$(new_campaign 5 0)
C2=$(new_campaign 3 0)
C3=$(new_campaign 2 0)
db_sql "UPDATE campaigns SET title = 't78 Alpha $RUN' WHERE id = $C1;
    UPDATE campaigns SET title = 't78 Beta $RUN', status = 'paused'
    WHERE id = $C2;
    UPDATE campaigns SET title = 't78 100% $RUN', status = 'pending'
    WHERE id = $C3" >/dev/null

say "the queue stays the first tab"
sget "$AS" /admin/campaigns
expect_status 200 "GET /admin/campaigns"
expect_body 'id="campaign-tabs"' "... shows the tabs"
expect_body 'id="search-tab"' "... with the search tab"
expect_body "href=\"/admin/campaigns/$C3\"" "... the pending campaign links to its admin page"
sget "$W1" /admin/campaigns/"$C1"
expect_status 403 "a user who is not an admin opens a campaign's admin page"
sget "$W1" "/admin/campaigns?owner=$EMP"
expect_status 403 "... or searches"

say "search"
sget "$AS" "/admin/campaigns?search=1"
expect_status 200 "the search tab"
expect_body 'id="campaign-search"' "... has the search form"
sget "$AS" "/admin/campaigns?id=$C1"
expect_body "id=\"found-$C1\"" "by number: found"
expect_no_body "id=\"found-$C2\"" "... and only it"
expect_body "href=\"/admin/campaigns/$C1\"" "... the row links to its admin page"
expect_body "href=\"/admin/users/$EMP_ID\"" "... and to its owner's"
sget "$AS" "/admin/campaigns?title=t78+alpha+$RUN"
expect_body "id=\"found-$C1\"" "by the title's start, in any case"
expect_no_body "id=\"found-$C2\"" "... not another title"
sget "$AS" "/admin/campaigns?title=t78+100%25"
expect_body "id=\"found-$C3\"" "a '%' in the title is a plain character"
sget "$AS" "/admin/campaigns?title=t78+1%25"
expect_body 'id="search-none"' "... so 't78 1%' matches nothing"
sget "$AS" "/admin/campaigns?title=Alpha+$RUN"
expect_body 'id="search-none"' "a word inside the title is not its start"
sget "$AS" "/admin/campaigns?owner=$EMP"
for c in "$C1" "$C2" "$C3"; do
	expect_body "id=\"found-$c\"" "by owner: campaign $c"
done
expect_match "... newest first" "$(body)" "found-$C3.*found-$C2.*found-$C1"
sget "$AS" "/admin/campaigns?owner=$EMP&state=paused"
expect_body "id=\"found-$C2\"" "by owner and state: the paused one"
expect_no_body "id=\"found-$C1\"" "... not the running one"
sget "$AS" "/admin/campaigns?state=pending"
expect_body "id=\"found-$C3\"" "by state alone"
expect_no_body "id=\"found-$C1\"" "... only that state"
sget "$AS" "/admin/campaigns?id=12x"
expect_status 200 "a number that is not one"
expect_body "Enter the campaign&#39;s number as digits only" "... is said"
expect_body 'id="err-id"' "... at its field"
expect_body 'value="12x"' "... keeping what was typed"
expect_no_body 'id="campaigns-found"' "... and lists nothing"
sget "$AS" "/admin/campaigns?owner=t78nobody_$RUN"
expect_body "No user has this username." "an unknown owner is said"
expect_body 'id="err-owner"' "... at its field"
expect_body "value=\"t78nobody_$RUN\"" "... keeping it"
sget "$AS" "/admin/campaigns?state=lost"
expect_body 'id="err-state"' "an unknown state is said at its field"
sget "$AS" "/admin/campaigns?owner=$EMP&before=x"
expect_status 400 "a malformed older link"

# Paging: 55 campaigns of one owner, made in SQL (no money moves).
PG=t78p_$RUN
PG_ID=$(make_user "$PG")
db_sql "INSERT INTO campaigns (owner_id, job_type, category, title,
    instructions, proof_instructions, slots_total, pay_per_task, status)
    SELECT $PG_ID, 'signup', 'signup', CONCAT('t78 page ', seq), 'x', 'x',
    60, $PAY, 'stopped' FROM seq_1_to_55" >/dev/null
sget "$AS" "/admin/campaigns?owner=$PG"
expect_eq "the first page has 50 rows" "$(grep -o 'id="found-[0-9]*"' "$HTTP_BODY" | wc -l)" 50
older=$(grep -o 'id="search-older" href="[^"]*"' "$HTTP_BODY" | sed 's/.*href="//; s/"$//; s/&amp;/\&/g')
expect_match "... and an older link" "$older" "before=[0-9]+.*owner=$PG"
sget "$AS" "$older"
expect_eq "the older page has the other 5" "$(grep -o 'id="found-[0-9]*"' "$HTTP_BODY" | wc -l)" 5
expect_no_body 'id="search-older"' "... and no older link"

say "a campaign's admin page"
claim "$W1" "$C1"; T1=$TASK; send_proof "$W1" "$T1"
claim "$W2" "$C1"; T2=$TASK; send_proof "$W2" "$T2"
rate_as "$ES" "$C1" "$T2" not_satisfied
claim "$W3" "$C1"; T3=$TASK
sget "$AS" "/admin/campaigns/$C1"
expect_status 200 "GET /admin/campaigns/$C1"
expect_body "t78 Alpha $RUN" "... its title"
expect_body "id=\"owner\" href=\"/admin/users/$EMP_ID\">$EMP<" "... its owner, linked"
expect_match "... its escrow left" "$(body)" "id=\"escrow\">$(awk -v v="$(balance_of escrow "$C1")" 'BEGIN { printf "%.2f", v / 1e6 }')"
expect_body 'id="stop"' "... the stop form"
for t in "$T1" "$T2" "$T3"; do
	expect_body "id=\"task-$t\"" "... submission $t"
done
expect_match "... newest first" "$(body)" "task-$T3.*task-$T2.*task-$T1"
expect_match "... the proof of task $T1" "$(body)" "task-$T1\".*name_$T1.*</li>"
expect_body "href=\"/admin/users/$W1_ID\"" "... the worker linked"
expect_body "Not what was asked for" "... the employer's reason"
expect_body "Proof sent, waiting for a rating" "... the states"
expect_body "Taken, no proof yet" "... a claim without proof"
sget "$AS" /admin/campaigns/999999999
expect_status 404 "an unknown campaign"

# Paging the submissions: 55 tasks of every state on one SQL campaign.
PC=$(db_sql "SELECT MAX(id) FROM campaigns WHERE owner_id = $PG_ID")
db_sql "INSERT INTO users (username, email, password_hash, status)
    SELECT CONCAT('t78s', seq, '_$RUN'), CONCAT('t78s', seq, '_$RUN@t78.invalid'),
    '', 'active' FROM seq_1_to_55;
    INSERT INTO tasks (campaign_id, worker_id, status, deadline)
    SELECT $PC, u.id, ELT(1 + u.id % 6, 'claimed', 'pending', 'revise',
    'satisfied', 'not_satisfied', 'expired'), NOW() + INTERVAL 1 DAY
    FROM users u WHERE u.username LIKE 't78s%\\_$RUN'" >/dev/null
newest=$(db_sql "SELECT GROUP_CONCAT(id ORDER BY id DESC) FROM (SELECT id
    FROM tasks WHERE campaign_id = $PC ORDER BY id DESC LIMIT 50) x")
sget "$AS" "/admin/campaigns/$PC"
expect_eq "50 submissions a page, newest first, every state mixed" \
	"$(grep -o 'id="task-[0-9]*"' "$HTTP_BODY" | sed 's/[^0-9]//g' | paste -sd,)" "$newest"
older=$(grep -o 'id="tasks-older" href="[^"]*"' "$HTTP_BODY" | sed 's/.*href="//; s/"$//; s/#.*//')
sget "$AS" "$older"
expect_eq "the older page has the other 5" "$(grep -o 'id="task-[0-9]*"' "$HTTP_BODY" | wc -l)" 5
expect_no_body 'id="tasks-older"' "... and no older link"
expect_no_body 'id="stop"' "a stopped campaign has no stop form"
# Cron must never find these tasks, made without their slots and money.
db_sql "DELETE FROM tasks WHERE campaign_id = $PC" >/dev/null

say "stop with a reason"
be=$(balance_of available "$EMP_ID")
esc=$(balance_of escrow "$C1")
out_n=$(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $C1
    AND status IN ('claimed', 'pending', 'revise')")
refund=$((esc - out_n * PAY))
before=$(audit_n)
http POST /admin/campaigns/stop -b "kaaj_session=$AS" --data-urlencode "id=$C1" \
	--data-urlencode "reason=t78 no csrf"
expect_status 403 "a stop without the csrf field"
spost "$W1" /admin/campaigns/stop "id=$C1" "reason=t78 not an admin"
expect_status 403 "a stop by a user who is not an admin"
spost "$AS" /admin/campaigns/stop "id=$C1" "reason="
expect_status 200 "a stop without a reason"
expect_body "Please give a reason; the user sees it." "... says what is missing"
expect_body 'id="err-reason"' "... at the reason field"
expect_body "id=\"task-$T1\"" "... on the campaign's page"
expect_eq "... nothing changed: running" "$(db_sql "SELECT status FROM campaigns WHERE id = $C1")" running
expect_eq "... no money moved" "$(balance_of available "$EMP_ID")" "$be"
expect_eq "... no audit row" "$(audit_n)" "$before"
spost "$AS" /admin/campaigns/stop "id=$C1" "reason=t78 asks for fake reviews"
expect_status 303 "an admin stops it with a reason"
expect_header Location "/admin/campaigns/$C1\\?notice=campaign_stopped_admin" "... back to its page with a notice"
expect_eq "... stopped" "$(db_sql "SELECT status FROM campaigns WHERE id = $C1")" stopped
expect_eq "... the employer got exactly the unused escrow" \
	"$(balance_of available "$EMP_ID")" "$((be + refund))"
expect_eq "... the outstanding pay stays in escrow" \
	"$(balance_of escrow "$C1")" "$((out_n * PAY))"
expect_eq "... one audit row" "$(audit_n)" "$((before + 1))"
expect_eq "... naming who, what and why" "$(db_sql "SELECT CONCAT_WS('|',
    actor_name, actor_id, via, action, target_kind, target_id, reason)
    FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"$ADM|$ADM_ID|web|campaign.stop|campaign|$C1|t78 asks for fake reviews"
expect_match "... its detail the refund and its ledger key" \
	"$(db_sql "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"^refund $(awk -v v="$refund" 'BEGIN { printf "%.2f", v / 1e6 }'), ledger campaign:$C1:stop$"
expect_eq "... the owner is told, with the reason" "$(db_sql "SELECT CONCAT_WS('|',
    kind, campaign_id, reason) FROM notifications WHERE user_id = $EMP_ID
    ORDER BY id DESC LIMIT 1")" "campaign_stopped|$C1|t78 asks for fake reviews"
sget "$AS" "/admin/campaigns/$C1?notice=campaign_stopped_admin"
expect_body "The campaign is stopped, its unused money is back with the employer" "... the admin sees the notice"
expect_no_body 'id="stop"' "... and no stop form any more"
sget "$ES" /notifications
expect_body "An admin stopped your campaign" "the employer's notifications say it"
expect_body "t78 asks for fake reviews" "... with the reason"
expect_ledger_ok "after the stop"

say "stopping twice, or what cannot be stopped"
before=$(audit_n)
spost "$AS" /admin/campaigns/stop "id=$C1" "reason=t78 again"
expect_header Location "/admin/campaigns/$C1\\?notice=campaign_stopped_before" "stopping it again says so"
expect_eq "... no second refund" "$(balance_of available "$EMP_ID")" "$((be + refund))"
expect_eq "... no audit row" "$(audit_n)" "$before"
spost "$AS" /admin/campaigns/stop "id=$C3" "reason=t78 pending"
expect_header Location "/admin/campaigns/$C3\\?notice=campaign_not_stoppable" "a pending campaign cannot be stopped"
sget "$AS" "/admin/campaigns/$C3?notice=campaign_not_stoppable"
expect_body "Only a running or paused campaign can be stopped." "... the notice says why"
expect_eq "... still pending" "$(db_sql "SELECT status FROM campaigns WHERE id = $C3")" pending
expect_eq "... no audit row" "$(audit_n)" "$before"
spost "$AS" /admin/campaigns/stop "id=999999999" "reason=t78 none"
expect_status 404 "an unknown campaign"
spost "$AS" /admin/campaigns/stop "id=$C2" "reason=t78 paused one"
expect_header Location "notice=campaign_stopped_admin" "a paused campaign can be stopped"

say "submissions of a stopped campaign stay rateable"
bw=$(balance_of available "$W1_ID")
spost "$ES" /campaigns/rate "id=$C1" "task=$T1" "rating=satisfied"
expect_status 303 "the owner approves a task sent before the stop"
expect_eq "... the worker is paid" "$(balance_of available "$W1_ID")" "$((bw + PAY))"
expect_ledger_ok "after rating"

test_done
