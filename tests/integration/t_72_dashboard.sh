#!/bin/bash
#
# t_72_dashboard: GET /dashboard, a user's overview.
#  - A fresh worker sees the first steps, level 1 and what level 2 asks,
#    zeros, no bar in the chart and no employer part.
#  - After tasks are taken, sent, rated and disputed: the balances, the
#    pay waiting for a rating, the counts by state (each a link to /tasks
#    of that state), the success rate and level, and the chart's bars:
#    one a day in the worker's zone, heights in proportion to the day's
#    earnings.
#  - The employer's part: escrow, submissions waiting, average time to
#    rate, the oldest waiting submission's auto-approval, each live
#    campaign's progress.
#  - Another user's figures never show; the Bengali page is in Bengali;
#    /tasks?state= lists one state; a login lands on the dashboard.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t72e_$RUN
WK=t72w_$RUN

# dhaka SQL-TIME FORMAT: a UTC time of the database as Dhaka shows it
# (UTC+6, no summer time), in the MariaDB FORMAT.
dhaka() {
	db_sql "SELECT DATE_FORMAT($1 + INTERVAL 6 HOUR, '$2')"
}

make_user "$EMP" >/dev/null
WK_ID=$(make_user "$WK")
make_user "t72v_$RUN" >/dev/null
make_user "t72x_$RUN" >/dev/null
ES=$(new_session "$EMP")
W=$(new_session "$WK")
V=$(new_session "t72v_$RUN")
X=$(new_session "t72x_$RUN")
db_sql "UPDATE users SET country = '' WHERE id = $WK_ID" >/dev/null

say "a fresh worker"
sget "$W" /dashboard
expect_status 200 "GET /dashboard"
expect_body '<section id="next-steps"' "the first steps are shown"
expect_body '/help/work">Read how working here goes</a>' "... how the work goes"
expect_body '/settings">Choose your country in Settings' "... the country, as the profile has none"
expect_body 'Take your first job from the board</a>' "... the first job"
expect_body '<dd id="level">Level 1: New worker</dd>' "level 1"
expect_body '<p class="hint" id="next-level">5 more approved tasks to reach Bronze</p>' \
	"... and what level 2 asks"
expect_body '<dd id="success">No task rated yet</dd>' "no success rate yet"
expect_body '<span class="n" id="state-claimed">0</span>' "no task taken"
expect_no_body '<rect class="bar"' "the chart has no bar"
expect_body 'Nothing earned in the last 30 days.' "... and says so in words"
expect_body 'role="img" aria-labelledby="earnings-title earnings-desc"' \
	"the chart is an image with a text alternative"
expect_no_body 'id="employer"' "no employer part"
expect_body 'id="nav-dashboard"' "the header links the dashboard"
http GET /dashboard
expect_status 303 "a visitor is sent to log in"

say "tasks taken, sent, rated, disputed"
for i in 1 2 3 4 5 6; do
	declare "C$i=$(new_campaign 3 0)"
done
# T5 was paid a day ago (yesterday's bar): the ledger up to its pay is
# moved a day back whole, as history is, ids growing with time.
claim "$W" "$C5"; T5=$TASK; send_proof "$W" "$T5"; rate_as "$ES" "$C5" "$T5" satisfied
db_sql "UPDATE ledger_transactions SET created_at = created_at - INTERVAL 1 DAY
    WHERE id <= (SELECT id FROM ledger_transactions
    WHERE task_id = $T5 AND kind = 'pay')" >/dev/null
claim "$W" "$C1"; T1=$TASK; send_proof "$W" "$T1"; rate_as "$ES" "$C1" "$T1" satisfied
claim "$W" "$C2"; T2=$TASK; send_proof "$W" "$T2"
claim "$W" "$C3"; T3=$TASK; send_proof "$W" "$T3"; rate_as "$ES" "$C3" "$T3" not_satisfied
spost "$W" /tasks/dispute "task=$T3" "message=I did sign up, please look again."
[[ $HTTP_STATUS == 303 ]] || die "dispute answered $HTTP_STATUS"
claim "$W" "$C4"
claim "$W" "$C6"; T6=$TASK; send_proof "$W" "$T6"; rate_as "$ES" "$C6" "$T6" satisfied
claim "$X" "$C2"; TX=$TASK; send_proof "$X" "$TX"
kaaj_admin credit "$WK" 5 --reason "t72 dashboard" >/dev/null
spost "$W" /wallet/withdraw method=bkash account=01712345678 amount=3 \
	"request_key=$(random_hex 16)"
[[ $HTTP_STATUS == 303 ]] || die "withdrawal answered $HTTP_STATUS"

sget "$W" /dashboard
expect_body '<dd id="available">2.15 ' "available balance"
expect_body '<dd id="held">3.00 ' "held for the withdrawal"
expect_body '<dd id="pending-pay">0.05 ' "pay waiting for a rating: the one sent task"
expect_body '<dd id="success">75% (3 satisfied of 4)</dd>' "success rate"
expect_body '<dd id="level">Level 1: New worker</dd>' "still level 1"
expect_body 'id="next-level">2 more approved tasks to reach Bronze</p>' "... 2 tasks from level 2"
for s in claimed:1 pending:1 revise:0 satisfied:3 not_satisfied:0 disputed:1 expired:0; do
	expect_body "<a href=\"/tasks?state=${s%%:*}\"><span class=\"n\" id=\"state-${s%%:*}\">${s#*:}</span>" \
		"tasks ${s%%:*}: ${s#*:}"
done
today=$(dhaka "(SELECT created_at FROM ledger_transactions WHERE task_id = $T1 AND kind = 'pay')" '%Y-%m-%d')
yesterday=$(dhaka "(SELECT created_at FROM ledger_transactions WHERE task_id = $T5 AND kind = 'pay')" '%Y-%m-%d')
expect_match "the days are in the worker's zone" "$(grep -o 'id="bar-[0-9-]*"' "$HTTP_BODY" | sort | tr '\n' ' ')" \
	"^id=\"bar-$yesterday\" id=\"bar-$today\" \$"
expect_body "id=\"bar-$today\" x=\"291\" y=\"0\" width=\"8\" height=\"100\"><title>$today: 0.10 " \
	"today's bar (two tasks, 0.10) is the full height, the last one"
expect_body "id=\"bar-$yesterday\" x=\"281\" y=\"50\" width=\"8\" height=\"50\"><title>$yesterday: 0.05 " \
	"yesterday's (0.05) is half as high"
expect_body '<strong id="earned-total">0.15 ' "the total as text"
expect_body "<td data-label=\"Day\">$today</td><td data-label=\"Earned\" class=\"num\">0.10 " \
	"the numbers as a table"
expect_body 'Choose your country' "the country step stays ..."
db_sql "UPDATE users SET country = 'BD' WHERE id = $WK_ID" >/dev/null
sget "$W" /dashboard
expect_no_body 'Choose your country' "... until the profile has one"
expect_no_body 'Take your first job' "... nor for the first job"
expect_no_body 'id="employer"' "a worker who never posted sees no employer part"

say "levels from the record"
db_sql "UPDATE users SET tasks_satisfied = 8, tasks_rejected = 2 WHERE id = $WK_ID" >/dev/null
sget "$W" /dashboard
expect_body '<dd id="level">Level 2: Bronze</dd>' "8 of 10: level 2"
expect_body 'id="next-level">12 more approved tasks at 85% to reach Silver</p>' \
	"... and what silver asks"
sget "$W" /tasks
expect_body '<dd id="level">Bronze</dd>' "/tasks shows the same level"
db_sql "UPDATE users SET tasks_satisfied = 30, tasks_rejected = 10 WHERE id = $WK_ID" >/dev/null
sget "$W" /dashboard
expect_body '<dd id="level">Level 2: Bronze</dd>' "30 of 40 (75%): still level 2"
expect_body 'id="next-level">A success rate of 85% to reach Silver</p>' "... the rate is short"
db_sql "UPDATE users SET tasks_satisfied = 3, tasks_rejected = 1 WHERE id = $WK_ID" >/dev/null

say "the employer's part"
sget "$ES" /dashboard
expect_body '<section id="employer"' "the employer part is shown"
escrow=$(db_sql "SELECT SUM(a.balance) FROM ledger_accounts a
    JOIN campaigns c ON a.kind = 'escrow' AND a.owner_id = c.id
    JOIN users u ON u.id = c.owner_id WHERE u.username = '$EMP'")
escrow_text=$(awk -v m="$escrow" 'BEGIN { s = sprintf("%.6f", m / 1000000);
    while (s ~ /0$/ && s !~ /\.[0-9][0-9]$/) sub(/0$/, "", s); print s }')
expect_body "<dd id=\"escrow\">$escrow_text " "escrow of all the campaigns ($escrow_text)"
expect_body '<dd id="waiting">2</dd>' "two submissions waiting"
expect_body '<dd id="rate-time">5 hours</dd>' "average time to rate"
oldest=$(dhaka "(SELECT MIN(rate_by) FROM tasks WHERE id IN ($T2, $TX))" '%Y-%m-%d %H:%i')
expect_body "<dd id=\"oldest\">$oldest Dhaka</dd>" "the oldest waiting one's auto-approval"
expect_body "0 of 3 done, 2 waiting for your rating <a href=\"/campaigns/$C2#pending\">Rate them</a>" \
	"a campaign's progress, with a link to rate"
expect_body 'aria-label="1 of 3 done, 0 waiting for your rating"' "the progress bar has a text alternative"
expect_match "its bar: a third done" "$(tr -d '\n' <"$HTTP_BODY" | grep -o "id=\"campaign-$C1\".*" | head -c 1500)" \
	'class="done" x="0" y="0" width="33"'
expect_match "... and two thirds waiting" "$(tr -d '\n' <"$HTTP_BODY" | grep -o "id=\"campaign-$C2\".*" | head -c 1500)" \
	'class="waiting" x="0" y="0" width="66"'

say "another user's figures never show"
sget "$V" /dashboard
expect_body '<dd id="available">0.00 ' "a fresh user's balance"
expect_body '<span class="n" id="state-satisfied">0</span>' "... none of the worker's tasks"
expect_no_body '<rect class="bar"' "... none of the worker's earnings"
expect_no_body 'id="employer"' "... none of the employer's campaigns"
sget "$W" "/tasks?state=pending"
expect_body "/tasks/$T2\"" "/tasks?state=pending lists the sent task"
expect_no_body "/tasks/$T1\"" "... and not the paid one"
expect_body 'Showing only: <strong>Waiting for a rating</strong>' "... and says what it shows"
sget "$W" "/tasks?state=disputed"
expect_body "/tasks/$T3\"" "/tasks?state=disputed lists the disputed task"
expect_no_body "/tasks/$T2\"" "... only that"
sget "$W" "/tasks?state=not_satisfied"
expect_no_body "/tasks/$T3\"" "not_satisfied leaves the disputed one out, as the count does"
sget "$W" "/tasks?state=lost"
expect_status 400 "an unknown state"

say "the earnings read only the worker's last 30 days"
# The statements of stats_earnings (cgi-bin/market/stats.c), whatever the
# user's history: the first transaction since then by sql/0016's key and
# its first leg by txn_id; then the user's legs from that leg on, a range
# of (account_id, id).
since="UTC_TIMESTAMP() - INTERVAL 30 DAY - INTERVAL 1 HOUR"
first="SELECT COALESCE(MIN(f.id), ~0 >> 1) FROM ledger_legs f WHERE f.txn_id =
    (SELECT s.id FROM ledger_transactions s WHERE s.created_at >= $since
    ORDER BY s.created_at, s.id LIMIT 1)"
# (MIN(f.id) of one txn_id is read from the key while planning when the
# subquery's answer is known then: "Select tables optimized away".)
plan=$(db_sql "EXPLAIN $first" | awk -F'\t' '$3 ~ /^[fs]$/ {print $3 ":" $4 "/" $6}
    $10 ~ /optimized away/ {print "f:optimized away"}' | sort | paste -sd' ')
expect_match "the first leg since then: two index reads" "$plan" \
	'^f:(ref/txn_id|optimized away) s:range/created_at$'
leg=$(db_sql "$first")
plan=$(db_sql "EXPLAIN SELECT UNIX_TIMESTAMP(t.created_at) DIV 900 AS q,
    SUM(l.amount) FROM ledger_accounts a
    JOIN ledger_legs l FORCE INDEX (account_id)
     ON l.account_id = a.id AND l.id >= $leg
    JOIN ledger_transactions t ON t.id = l.txn_id
    WHERE a.kind = 'available' AND a.owner_id =
      (SELECT id FROM users WHERE username = '$WK')
    AND t.kind IN ('pay', 'bonus', 'overturn', 'referral')
    AND t.created_at >= UTC_TIMESTAMP() - INTERVAL 30 DAY
    GROUP BY q" | awk -F'\t' '$3 ~ /^[alt]$/ {print $3 ":" $4 "/" $6}' | sort | paste -sd' ')
expect_eq "the earnings: a range of the user's legs, no scan" "$plan" \
	"a:const/kind_owner l:range/account_id t:eq_ref/PRIMARY"

say "the Bengali page"
db_sql "UPDATE users SET language = 'bn' WHERE username = 't72v_$RUN'" >/dev/null
sget "$V" /dashboard
expect_body '<html lang="bn">' "the page is in Bengali"
expect_body '<h1>ড্যাশবোর্ড</h1>' "... its title"
expect_body 'এরপর কী করবেন' "... the first steps"
expect_body 'নতুন কর্মী' "... the level"
expect_no_body 'What to do next' "... and no English"

test_done
