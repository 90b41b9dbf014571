#!/bin/bash
#
# t_69_trust: trust, both ways.
#  - A worker rates the employer of a task once it is rated (fair pay,
#    clear instructions, speed of rating, 1 to 5): not before, not for
#    another worker's task, once per task even when sent ten times at
#    once; a missing or out-of-range mark is refused with what was chosen
#    kept. The employer's counters move in the same transaction.
#  - A job's page shows its employer's approval rate, average time to
#    rate and the workers' average marks.
#  - /payouts, open to anyone, shows the last 30 days of payouts (count,
#    total, average and slowest time) and the waiting queue without
#    names or accounts.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t67e_$RUN

# counters: the employer's review counters, "n|pay|clarity|speed".
counters() {
	db_sql "SELECT CONCAT_WS('|', reviews, review_pay_sum,
	    review_clarity_sum, review_speed_sum) FROM users
	    WHERE username = '$EMP'"
}

make_user "$EMP" >/dev/null
ES=$(new_session "$EMP")
C=$(new_campaign 5 0)
[[ $C =~ ^[0-9]+$ ]] || die "market_probe could not create a campaign"
for w in a b c; do
	make_user "t67${w}_$RUN" >/dev/null
	declare "S_$w=$(new_session "t67${w}_$RUN")"
done

say "the job page before anything is rated"
sget "$S_a" "/jobs/$C"
expect_body '<dd id="rates-in">nothing rated yet</dd>' "no time to rate yet"
expect_body '<dd id="marks">no marks yet</dd>' "no marks yet"

say "a worker rates the employer once their task is rated"
claim "$S_a" "$C"
TA=$TASK
send_proof "$S_a" "$TA"
sget "$S_a" "/tasks/$TA"
expect_no_body 'id="review"' "no review form while the task waits for its rating"
spost "$S_a" /tasks/review "task=$TA" pay=5 clarity=4 speed=3
expect_header Location "/tasks/$TA\\?notice=review_not_yet$" "a review before the rating is refused"
expect_eq "... and stores nothing" \
	"$(db_sql "SELECT COUNT(*) FROM employer_reviews WHERE task_id = $TA")" 0
rate_as "$ES" "$C" "$TA" satisfied
sget "$S_a" "/tasks/$TA"
expect_body '<select id="r-pay" name="pay">' "the rated task's page asks for marks"
spost "$S_a" /tasks/review "task=$TA" pay=5 clarity= speed=3
expect_status 200 "a missing mark"
expect_body 'id="err-r-clarity"' "... is marked on its field"
expect_body "Please choose a mark from 1 to 5." "... with a clear message"
expect_body '<option value="5" selected>' "... keeping the marks chosen"
spost "$S_a" /tasks/review "task=$TA" pay=9 clarity=4 speed=3
expect_body 'id="err-r-pay"' "a mark of 9 is refused"
spost "$S_a" /tasks/review "task=$TA" pay=0 clarity=4 speed=3
expect_body 'id="err-r-pay"' "a mark of 0 is refused"
expect_eq "... nothing stored by refused forms" "$(counters)" "0|0|0|0"
spost "$S_b" /tasks/review "task=$TA" pay=1 clarity=1 speed=1
expect_status 404 "another worker cannot rate through this task"
spost "$S_a" /tasks/review "task=$TA" pay=5 clarity=4 speed=3
expect_header Location "/tasks/$TA\\?notice=review_sent$" "the worker's marks are saved"
expect_eq "... the employer's counters move" "$(counters)" "1|5|4|3"
sget "$S_a" "/tasks/$TA"
expect_body 'id="review-done"' "... the page shows the marks given"
spost "$S_a" /tasks/review "task=$TA" pay=1 clarity=1 speed=1
expect_header Location "/tasks/$TA\\?notice=review_done$" "a second review of the task is refused"
expect_eq "... the counters stay" "$(counters)" "1|5|4|3"

say "ten reviews of one task sent at once: one counts"
claim "$S_b" "$C"
TB=$TASK
send_proof "$S_b" "$TB"
rate_as "$ES" "$C" "$TB" not_satisfied
with_fcgi 4
csrf=$(csrf_token "$S_b")
for i in $(seq 1 10); do
	curl -s -o /dev/null -b "kaaj_session=$S_b" --data-urlencode "csrf=$csrf" \
		--data "task=$TB&pay=4&clarity=4&speed=$((i % 5 + 1))" \
		"$KAAJ_URL/tasks/review" &
done
wait
expect_eq "exactly one review stored" \
	"$(db_sql "SELECT COUNT(*) FROM employer_reviews WHERE task_id = $TB")" 1
speed=$(db_sql "SELECT speed FROM employer_reviews WHERE task_id = $TB")
expect_eq "... and counted once" "$(counters)" "2|9|8|$((3 + speed))"
with_fcgi 1

say "the job page shows the employer's record"
sget "$S_c" "/jobs/$C"
expect_body '<dd id="approval">50% of the work they rated</dd>' "approval rate"
expect_body '<dd id="rates-in">5 hours</dd>' "average time to rate"
avg=$(awk -v s=$((3 + speed)) 'BEGIN { printf "%.1f", s / 2 + 0.0001 }')
expect_body "Fair pay 4.5, Clear instructions 4.0, Speed of rating $avg (out of 5, 2 workers rated them)" \
	"average marks"

say "the public payout page"
WK=t67a_$RUN
kaaj_admin credit "$WK" 20 --reason "t67 payouts" >/dev/null
for amount in 3 4 5; do
	spost "$S_a" /wallet/withdraw method=bkash account=01712345678 \
		"amount=$amount" "request_key=$(random_hex 16)"
	[[ $HTTP_STATUS == 303 ]] || die "withdrawal of $amount answered $HTTP_STATUS"
done
uid=$(db_sql "SELECT id FROM users WHERE username = '$WK'")
AS=$(new_session admin)
ids=($(db_sql "SELECT id FROM withdrawals WHERE user_id = $uid ORDER BY id"))
for i in 0 1; do
	spost "$AS" /admin/withdrawals/pay "id=${ids[i]}" "payout_ref=T67$RUN$i"
	[[ $HTTP_STATUS == 303 ]] || die "paying ${ids[i]} answered $HTTP_STATUS"
done
# Paid 2 and 4 hours after they were asked for.
db_sql "UPDATE withdrawals SET created_at = decided_at - INTERVAL 2 HOUR WHERE id = ${ids[0]};
    UPDATE withdrawals SET created_at = decided_at - INTERVAL 4 HOUR WHERE id = ${ids[1]};
    UPDATE withdrawals SET created_at = UTC_TIMESTAMP() - INTERVAL 3 DAY WHERE id = ${ids[2]}" >/dev/null
sum=$(db_sql "SELECT COUNT(*), SUM(amount - fee),
    AVG(TIMESTAMPDIFF(SECOND, created_at, decided_at)),
    MAX(TIMESTAMPDIFF(SECOND, created_at, decided_at))
    FROM withdrawals WHERE status = 'paid'
    AND decided_at > UTC_TIMESTAMP() - INTERVAL 30 DAY")
read -r n total avg_s max_s <<<"$sum"
http GET /payouts
expect_status 200 "GET /payouts without logging in"
expect_body "<dd id=\"paid-count\">$n</dd>" "the count of payouts in 30 days ($n)"
expect_body "<dd id=\"paid-total\">$(awk -v t="$total" 'BEGIN { printf "%.2f", t / 1e6 }')" \
	"the total paid out"
if ((n == 2)); then
	expect_body '<dd id="paid-average">3 hours</dd>' "the average time to pay"
	expect_body '<dd id="paid-slowest">4 hours</dd>' "the slowest payment"
fi
expect_body "#${ids[2]}" "the waiting request is listed"
expect_match "... the oldest waiting one has waited its days" \
	"$(grep -o '<p id="waiting">[^<]*' "$HTTP_BODY")" 'waited [0-9]+ days'
expect_no_body "$WK" "... without the worker's name"
expect_no_body "01712345678" "... or their account"
expect_body '/payouts">See how this site pays</a>' "every page links to it"
expect_ledger_ok "after the reviews and payouts"
test_done
