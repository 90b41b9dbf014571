#!/bin/bash
#
# t_79_admin_notices: kaaj-admin cron mails the admins about queues that
# wait too long (issue 13 item 9; admin_notices in kaaj.conf).
#  - A deposit, a withdrawal, a dispute and a campaign awaiting
#    moderation, each backdated past its threshold: one cron run queues
#    one mail per active admin naming all four, in the admin's language,
#    with a link to each; a user who is not an admin gets none.
#  - The next run mails nothing about them again.
#  - An item below its threshold is not mailed about (and not marked);
#    once it crosses it, the next run mails about it alone.
#  - Two crons at once mail a new late item once.
#  - A queue whose threshold is 0 is never mailed about.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t79e_$RUN
WK=t79w_$RUN
A1=t79a_$RUN
A2=t79b_$RUN

make_user "$EMP" >/dev/null
WK_ID=$(make_user "$WK")
# admin NAME LANG: an active admin whose account language is LANG.
admin() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    is_admin, language) VALUES ('$1', '$1@t79.invalid', 'x', 'active',
	    1, '$2')" >/dev/null
}
admin "$A1" en
admin "$A2" bn
ES=$(new_session "$EMP")
W=$(new_session "$WK")

# mails_to NAME: how many mails the user NAME got (delivering first).
mails_to() {
	mail_files_to "$1@t79.invalid" | wc -l
}

# last_mail_to NAME: the newest mail of NAME, already delivered.
last_mail_to() {
	cat "$(mail_saved_to "$1@t79.invalid" | tail -n 1)"
}

# cron: run kaaj-admin cron; its output in CRON_OUT.
cron() {
	CRON_OUT=$(kaaj_admin cron 2>&1) || fail "kaaj-admin cron failed" "$CRON_OUT"
}

# backdate TABLE ID HOURS: the row was made HOURS ago.
backdate() {
	db_sql "UPDATE $1 SET created_at = UTC_TIMESTAMP() - INTERVAL $3 HOUR
	    WHERE id = $2" >/dev/null
}

# notices QUEUE ID: whether the item was marked as mailed about (0 or 1).
notices() {
	db_sql "SELECT COUNT(*) FROM admin_notices WHERE queue = '$1'
	    AND item_id = $2"
}

say "four late queues"
# Whatever earlier tests left late is mailed about first.
cron
n1=$(mails_to "$A1")
n2=$(mails_to "$A2")
nw=$(mails_to "$WK")
spost "$W" /wallet/deposit method=bkash amount=3.00 "txn_ref=T79A$RUN" >/dev/null
D1=$(db_sql "SELECT MAX(id) FROM deposits WHERE user_id = $WK_ID")
kaaj_admin credit "$WK" 20 --reason "t79 funds" >/dev/null
spost "$W" /wallet/withdraw method=bkash account=01712345678 amount=5.00 \
	"request_key=$(random_hex 16)" >/dev/null
WD=$(db_sql "SELECT MAX(id) FROM withdrawals WHERE user_id = $WK_ID")
C1=$(new_campaign 2 0)
claim "$W" "$C1"; T1=$TASK; send_proof "$W" "$T1"
rate_as "$ES" "$C1" "$T1" not_satisfied
spost "$W" /tasks/dispute "task=$T1" "message=I did sign up, please look again."
DS=$(db_sql "SELECT id FROM disputes WHERE task_id = $T1")
C2=$(new_campaign 2 0)
db_sql "UPDATE campaigns SET status = 'pending' WHERE id = $C2" >/dev/null
[[ -n $D1 && -n $WD && -n $DS ]] || die "the queue items were not made"
backdate deposits "$D1" 13
backdate withdrawals "$WD" 25
backdate disputes "$DS" 49
backdate campaigns "$C2" 13
cron
expect_match "cron says how many items are late" "$CRON_OUT" \
	'^[0-9]+ queue items wait too long: [0-9]+ mails to admins$'
expect_eq "the first admin got one mail" "$(mails_to "$A1")" "$((n1 + 1))"
expect_eq "the second admin got one mail" "$(mails_to "$A2")" "$((n2 + 1))"
expect_eq "a user who is not an admin got none" "$(mails_to "$WK")" "$nw"
m=$(last_mail_to "$A1")
expect_match "... its subject" "$m" '^Subject: Queues wait too long'
expect_match "... it greets the admin" "$m" "^Hello $A1,"
expect_match "... names the deposit" "$m" "^- Deposit #$D1, waiting for 13 hours:"
expect_match "... with its link" "$m" "^  http://127\\.0\\.0\\.1:[0-9]+/admin/deposits#deposit-$D1$"
expect_match "... names the withdrawal" "$m" "^- Withdrawal #$WD, waiting for 25 hours:"
expect_match "... names the dispute" "$m" "^- Dispute #$DS, waiting for 49 hours:"
expect_match "... names the campaign" "$m" "^- Campaign to approve #$C2, waiting for 13 hours:"
expect_match "... linking its place in the queue" "$m" "/admin/campaigns#campaign-$C2$"
m=$(last_mail_to "$A2")
expect_match "the Bengali admin's mail is in Bengali" "$m" "জমা #$D1"
expect_match "... naming the campaign too" "$m" "অনুমোদনের অপেক্ষায় ক্যাম্পেইন #$C2"
for q in "deposit $D1" "withdrawal $WD" "dispute $DS" "moderation $C2"; do
	# shellcheck disable=SC2086
	expect_eq "$q is marked as mailed about" "$(notices $q)" 1
done

say "once per item"
cron
expect_eq "the next run mails the first admin nothing" "$(mails_to "$A1")" "$((n1 + 1))"
expect_eq "... nor the second" "$(mails_to "$A2")" "$((n2 + 1))"

say "below the threshold"
spost "$W" /wallet/deposit method=bkash amount=4.00 "txn_ref=T79B$RUN" >/dev/null
D2=$(db_sql "SELECT MAX(id) FROM deposits WHERE user_id = $WK_ID")
backdate deposits "$D2" 11
cron
expect_eq "a deposit waiting 11 of 12 hours: no mail" "$(mails_to "$A1")" "$((n1 + 1))"
expect_eq "... and it is not marked" "$(notices deposit "$D2")" 0
backdate deposits "$D2" 12
cron
expect_eq "once it waited 12 hours: one mail" "$(mails_to "$A1")" "$((n1 + 2))"
m=$(last_mail_to "$A1")
expect_match "... naming it" "$m" "^- Deposit #$D2,"
if grep -q "#$D1," <<<"$m"; then
	fail "... and not the one mailed about before"
else
	ok "... and not the one mailed about before"
fi

say "two crons at once"
spost "$W" /wallet/deposit method=bkash amount=5.00 "txn_ref=T79C$RUN" >/dev/null
D3=$(db_sql "SELECT MAX(id) FROM deposits WHERE user_id = $WK_ID")
backdate deposits "$D3" 20
kaaj_admin cron >/dev/null 2>&1 &
p1=$!
kaaj_admin cron >/dev/null 2>&1 &
p2=$!
wait "$p1" || fail "the first cron failed"
wait "$p2" || fail "the second cron failed"
expect_eq "the late deposit is mailed about once" "$(mails_to "$A1")" "$((n1 + 3))"
expect_eq "... to each admin" "$(mails_to "$A2")" "$((n2 + 3))"

say "a threshold of 0"
cp "$KAAJ_CONF" "$KAAJ_WORK/t79.conf"
conf_set "$KAAJ_WORK/t79.conf" deposits_hours 0
spost "$W" /wallet/deposit method=bkash amount=6.00 "txn_ref=T79D$RUN" >/dev/null
D4=$(db_sql "SELECT MAX(id) FROM deposits WHERE user_id = $WK_ID")
backdate deposits "$D4" 1000
"$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$KAAJ_WORK/t79.conf" cron >/dev/null 2>&1 ||
	fail "cron with deposits_hours = 0 failed"
expect_eq "deposits_hours = 0: no mail" "$(mails_to "$A1")" "$((n1 + 3))"
expect_eq "... and it is not marked" "$(notices deposit "$D4")" 0

# Leave the queues as other tests expect them: nothing of this test late.
for d in "$D1" "$D2" "$D3" "$D4"; do
	backdate deposits "$d" 0
done
backdate withdrawals "$WD" 0
backdate disputes "$DS" 0
db_sql "UPDATE campaigns SET status = 'running' WHERE id = $C2" >/dev/null

test_done
