#!/bin/bash
#
# t_73_referrals: referral links and the referrer's share, paid by the
# site, with referral.percent "3.3333" (of the probe's pay 0.05: 0.001666,
# rounded down from 0.00166665) and referral.days 90.
#  - /register?ref=NAME shows "invited by" and carries the name; the new
#    account keeps its referrer. An unknown or banned referrer, or none,
#    is ignored: the account is made without one, without an error.
#  - A referred worker's task pay, by the employer's approval, by
#    kaaj-admin cron's auto-approval and by an admin's overturn of a
#    dispute, pays the referrer exactly the share from the site's
#    revenue; the worker gets the whole pay. A rejected task pays
#    nothing; nor does a task after referral.days, or one whose referrer
#    is banned. Twelve tasks approved by two sessions at once, each
#    twice, pay one share each.
#  - The /referrals page, the statement line and the fees page; with
#    referrals off, no page and no link.
#  - kaaj.fcgi and kaaj-admin refuse a share above fees.task_percent,
#    naming the key; a negative share is refused too.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"

RUN=$(random_hex 4)
EMP=t73e_$RUN
PAY=50000
SHARE=1666		# floor(50000 * 33333 / 1000000)
SAVED=$KAAJ_TMP/t73.conf.saved

cp "$KAAJ_CONF" "$SAVED"
conf_set "$KAAJ_CONF" percent '"3.3333"'
conf_set "$KAAJ_CONF" days 90
# A rejected slot stays used, so an overturn finds its pay in the escrow.
conf_set "$KAAJ_CONF" reopen_rejected false
with_fcgi 1

# id_of NAME: the user's id.
id_of() {
	db_sql "SELECT id FROM users WHERE username = '$1'"
}

# referrals_of TASK: how many referral transactions task TASK has.
referrals_of() {
	db_sql "SELECT COUNT(*) FROM ledger_transactions
	    WHERE idem_key = 'task:$1:referral' AND kind = 'referral'"
}

# pending NAME-TOKEN CAMPAIGN: claim CAMPAIGN and send proof; sets TASK.
pending() {
	claim "$1" "$2"
	[[ $TASK =~ ^[0-9]+$ ]] || die "claiming campaign $2 failed"
	spost "$1" /tasks/submit "task=$TASK" "username=name_$TASK"
	[[ $HTTP_STATUS == 303 ]] || die "proof for task $TASK answered $HTTP_STATUS"
}

# approve TASK: the employer approves TASK through the page.
approve() {
	spost "$ES" /campaigns/rate "id=$(db_sql "SELECT campaign_id FROM tasks
	    WHERE id = $1")" "task=$1" rating=satisfied
	[[ $HTTP_STATUS == 303 ]] || die "approving task $1 answered $HTTP_STATUS"
}

# register JAR NAME [REF]: register NAME through the form, with the
# hidden field ref=REF when given; then activate it. Dies when refused.
register() {
	acc_clear_ip_limits
	reg_open "$1"
	reg_post "$1" "$2" "$2@example.test" "$ACC_PASSWORD" ${3+"ref=$3"}
	if [[ $HTTP_STATUS != 200 ]] || ! grep -qF 'Check your e-mail' "$HTTP_BODY"; then
		show_response >&2
		die "registering $2 was refused ($HTTP_STATUS)"
	fi
	db_sql "UPDATE users SET status = 'active', activated_at = NOW()
	    WHERE username = '$2'" >/dev/null
}

REF=t73r_$RUN		# refers W, the pool, and the page's figures
BAN=t73b_$RUN		# a referrer banned before, then one banned later
make_user "$REF" >/dev/null
make_user "$BAN" >/dev/null
make_user "$EMP" >/dev/null
kaaj_admin credit "$EMP" 50 --reason "t73 campaigns" >/dev/null
ES=$(new_session "$EMP")
RS=$(new_session "$REF")

say "the referral link on the register page"
jar=$(jar_new t73)
bget "$jar" "/register?ref=$REF"
expect_body "You were invited by <strong>$REF</strong>" "a valid ref: the page says who invited"
expect_body "<input type=\"hidden\" name=\"ref\" value=\"$REF\">" "... and the form carries the name"
bget "$jar" "/register?ref=nobody_$RUN"
expect_status 200 "an unknown ref: the page opens"
expect_no_body 'invited-by' "... without an invitation"
expect_no_body 'name="ref"' "... and without the name"
kaaj_admin ban "$BAN" "t73 banned referrer" >/dev/null
bget "$jar" "/register?ref=$BAN"
expect_no_body 'invited-by' "a banned referrer is not shown"

say "registering through a link keeps the referrer"
W=t73w_$RUN
register "$(jar_new "$W")" "$W" "$REF"
expect_eq "the new account's referrer" "$(db_sql "SELECT referred_by FROM users
    WHERE username = '$W'")" "$(id_of "$REF")"
register "$(jar_new "t73x_$RUN")" "t73x_$RUN" "$BAN"
expect_eq "a banned referrer: the account is made, without one" \
	"$(db_sql "SELECT COALESCE(referred_by, 'none') FROM users WHERE username = 't73x_$RUN'")" none
register "$(jar_new "t73y_$RUN")" "t73y_$RUN" "nobody_$RUN"
expect_eq "an unknown referrer: the account is made, without one" \
	"$(db_sql "SELECT COALESCE(referred_by, 'none') FROM users WHERE username = 't73y_$RUN'")" none
register "$(jar_new "t73z_$RUN")" "t73z_$RUN" "t73z_$RUN"
expect_eq "naming oneself: no referrer" \
	"$(db_sql "SELECT COALESCE(referred_by, 'none') FROM users WHERE username = 't73z_$RUN'")" none
WS=$(new_session "$W")

say "the employer's approval pays the referrer the share, from revenue"
C=$(new_campaign 10 0)
pending "$WS" "$C"
T1=$TASK
w0=$(balance_by_name "$W")
r0=$(balance_by_name "$REF")
v0=$(balance_of revenue 0)
approve "$T1"
expect_eq "the worker gets the whole pay" "$(($(balance_by_name "$W") - w0))" "$PAY"
expect_eq "the referrer gets floor(pay x 3.3333%)" "$(($(balance_by_name "$REF") - r0))" "$SHARE"
expect_eq "... out of the site's revenue" "$((v0 - $(balance_of revenue 0)))" "$SHARE"
expect_eq "one referral transaction, task:$T1:referral" "$(referrals_of "$T1")" 1
expect_eq "its legs sum to zero" "$(db_sql "SELECT SUM(l.amount) FROM ledger_legs l
    JOIN ledger_transactions t ON t.id = l.txn_id
    WHERE t.idem_key = 'task:$T1:referral'")" 0
expect_eq "the worker's row counts what the referrer earned" \
	"$(db_sql "SELECT referral_earned FROM users WHERE username = '$W'")" "$SHARE"
approve "$T1"
expect_eq "approving it again pays no second share" "$(referrals_of "$T1")" 1
expect_ledger_ok "after a referral share"
# ledger-check also proves the count shown on /referrals: a row that
# says more than the ledger paid is found, named by its user.
db_sql "UPDATE users SET referral_earned = referral_earned + 1 WHERE username = '$W'"
rc=0
out=$(kaaj_admin ledger-check 2>&1) || rc=$?
expect_eq "a referral_earned one more than paid: ledger-check exits 1" "$rc" 1
expect_match "... saying which user" "$out" \
	"referral_earned differs.*user=$(db_sql "SELECT id FROM users WHERE username = '$W'")"
db_sql "UPDATE users SET referral_earned = referral_earned - 1 WHERE username = '$W'"
expect_ledger_ok "after the row is put right"

say "a rejected task pays nothing"
pending "$WS" "$(new_campaign 2 0)"
T2=$TASK
r0=$(balance_by_name "$REF")
"$PROBE" "$KAAJ_CONF" rate "$T2" not_satisfied >/dev/null
expect_eq "no share for a rejected task" "$(balance_by_name "$REF")" "$r0"

say "an admin's overturn pays the share"
spost "$WS" /tasks/dispute "task=$T2" "message=I did it, please look again."
D=$(db_sql "SELECT id FROM disputes WHERE task_id = $T2")
AS=$(new_session admin)
w0=$(balance_by_name "$W")
spost "$AS" /admin/disputes/decide "id=$D" decision=overturn "note=It was done."
expect_header Location "notice=dispute_overturned" "the dispute is overturned"
expect_eq "... the worker gets the whole pay" "$(($(balance_by_name "$W") - w0))" "$PAY"
expect_eq "... and the referrer the share" "$(($(balance_by_name "$REF") - r0))" "$SHARE"
expect_eq "... once" "$(referrals_of "$T2")" 1

say "auto-approval by cron pays the share"
pending "$WS" "$(new_campaign 2 0)"
T3=$TASK
r0=$(balance_by_name "$REF")
db_sql "UPDATE tasks SET rate_by = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
    WHERE id = $T3" >/dev/null
kaaj_admin cron >/dev/null
expect_eq "the task was approved by the clock" \
	"$(db_sql "SELECT status FROM tasks WHERE id = $T3")" satisfied
expect_eq "... and the referrer got the share" "$(($(balance_by_name "$REF") - r0))" "$SHARE"

say "the statement names the referred user"
sget "$RS" /wallet/statement
expect_body "Referral share<br><span class=\"memo\">Your share of the task pay of $W</span>" \
	"the referrer's statement line"
expect_no_body "$(db_sql "SELECT title FROM campaigns WHERE id = $C")" \
	"... not the employer's task"
sget "$RS" /wallet/statement.csv
expect_body "referral share of a referred user's task pay: $W" "... and the CSV line"

say "the /referrals page"
sget "$RS" /referrals
expect_status 200 "GET /referrals"
expect_body "value=\"$KAAJ_URL/register?ref=$REF\" readonly" "the link, read-only"
expect_body '<strong id="share-percent">3.3333%</strong>' "the share"
expect_body '<strong id="share-days">90</strong>' "... and how long it lasts"
expect_body '<dd id="referred-count">1</dd>' "one user referred"
expect_body "<dd id=\"referred-total\">0.004998 USD</dd>" "... who earned the referrer 3 shares"
expect_match "... listed with 3 approved tasks and the earnings" \
	"$(tr -d '\n' <"$HTTP_BODY")" "<td data-label=\"User\">$W</td><td data-label=\"Joined\">[^<]*</td><td data-label=\"Approved tasks\" class=\"num\">3</td><td data-label=\"You earned\" class=\"num\">0.004998 USD</td>"
expect_body '/referrals">Invite friends</a>' "the menu links to it"
sget "$RS" /dashboard
expect_body '<dd id="referred">1</dd>' "the dashboard: one user referred"
expect_body '<dd id="referral-earned">0.004998 USD</dd>' "... and what they earned the referrer"
expect_body '/referrals">Your referral link and who joined</a>' "... with a link to the page"
sget "$WS" /referrals
expect_body '<dd id="referred-count">0</dd>' "a user who referred nobody"
http GET /referrals
expect_header Location "/login" "... and a visitor is sent to log in"
http GET /help/fees
expect_body '<strong id="referral-percent">3.3333%</strong>' "the fees page gives the share"

say "after referral.days, nothing"
pending "$WS" "$(new_campaign 2 0)"
T4=$TASK
db_sql "UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL 91 DAY
    WHERE username = '$W'" >/dev/null
r0=$(balance_by_name "$REF")
w0=$(balance_by_name "$W")
approve "$T4"
expect_eq "the worker is paid" "$(($(balance_by_name "$W") - w0))" "$PAY"
expect_eq "... the referrer is not" "$(balance_by_name "$REF")" "$r0"
expect_eq "... no referral transaction" "$(referrals_of "$T4")" 0

say "a referrer banned after the referral gets nothing further"
B2=t73c_$RUN
W2=t73v_$RUN
make_user "$B2" >/dev/null
make_user "$W2" >/dev/null
db_sql "UPDATE users SET referred_by = $(id_of "$B2") WHERE username = '$W2'" >/dev/null
W2S=$(new_session "$W2")
pending "$W2S" "$(new_campaign 2 0)"
kaaj_admin ban "$B2" "t73 banned later" >/dev/null
approve "$TASK"
expect_eq "the banned referrer's balance stays 0" "$(balance_by_name "$B2")" 0
expect_eq "... no referral transaction" "$(referrals_of "$TASK")" 0

say "twelve tasks approved by two sessions at once, each twice: one share each"
N=12
worker_pool "t73p${RUN}_" "$N"
db_sql "UPDATE users SET referred_by = $(id_of "$REF")
    WHERE id IN ($(id_list "${POOL_IDS[@]}"))" >/dev/null
ES2=$(new_session "$EMP")
with_fcgi 4
C5=$(new_campaign "$N" 0)
pending_tasks "$C5" "$N"
r0=$(balance_by_name "$REF")
batch_new
for ((i = 0; i < 4; i++)); do
	# shellcheck disable=SC2046 # one task=ID a word
	if ((i % 2 == 0)); then
		batch_post "$ES" /campaigns/rate "id=$C5" rating=satisfied \
			$(task_fields "${TASKS[@]}")
	else
		batch_post "$ES2" /campaigns/rate "id=$C5" rating=satisfied \
			$(task_fields $(printf '%s\n' "${TASKS[@]}" | tac))
	fi
done
batch_go
expect_eq "every task satisfied" "$(db_sql "SELECT COUNT(*) FROM tasks
    WHERE campaign_id = $C5 AND status = 'satisfied'")" "$N"
expect_eq "one referral transaction per task" "$(db_sql "SELECT COUNT(*)
    FROM ledger_transactions WHERE kind = 'referral'
    AND task_id IN ($(id_list "${TASKS[@]}"))")" "$N"
expect_eq "the referrer got exactly $N shares" "$(($(balance_by_name "$REF") - r0))" \
	"$((N * SHARE))"
expect_eq "each worker's row counts one share" "$(db_sql "SELECT COUNT(*) FROM users
    WHERE id IN ($(id_list "${POOL_IDS[@]}")) AND referral_earned = $SHARE")" "$N"
with_fcgi 1
sget "$RS" /referrals
expect_body "<dd id=\"referred-count\">$((N + 1))</dd>" "the page counts every referred user"
expect_ledger_ok "after the referral races"

say "the config: the share may not be above the task fee"
FCGI=$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi
bad=$KAAJ_TMP/t73-bad.conf
sed -e 's/^\([[:space:]]*percent = \).*/\1"10.0001";/' "$KAAJ_CONF" >"$bad"
rc=0
out=$(timeout 20 "$FCGI" --check-config "$bad" 2>&1) || rc=$?
expect_eq "kaaj.fcgi refuses referral.percent 10.0001 over a 10% fee" "$rc" 1
line=$(grep -n 'percent = "10.0001"' "$bad" | cut -d: -f1)
expect_match "... naming the file, line and keys" "$out" \
	"^$bad:$line: referral.percent \(\"10.0001\"\) must not be above fees.task_percent \(\"10\"\)"
rc=0
out=$("$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$bad" ledger-check 2>&1) || rc=$?
expect_eq "kaaj-admin refuses it too" "$rc" 1
expect_match "... with the same message" "$out" "referral.percent"
sed -e 's/^\([[:space:]]*percent = \).*/\1"-1";/' "$KAAJ_CONF" >"$bad"
rc=0
out=$(timeout 20 "$FCGI" --check-config "$bad" 2>&1) || rc=$?
expect_eq "a negative share is refused" "$rc" 1
expect_match "... naming the key" "$out" "referral.percent must be a percentage"
sed -e 's/^\([[:space:]]*percent = \).*/\1"10";/' "$KAAJ_CONF" >"$bad"
rc=0
timeout 20 "$FCGI" --check-config "$bad" >/dev/null 2>&1 || rc=$?
expect_eq "a share equal to the fee is accepted" "$rc" 0

say "with referrals off: no page, no link, no invitation"
cp "$SAVED" "$KAAJ_CONF"
conf_set "$KAAJ_CONF" percent '"0"'
with_fcgi 1
sget "$RS" /referrals
expect_status 404 "GET /referrals"
expect_no_body 'Invite friends</a>' "no menu link"
sget "$RS" /dashboard
expect_no_body 'id="referrals"' "no referrals on the dashboard"
bget "$jar" "/register?ref=$REF"
expect_no_body 'invited-by' "the register page invites nobody"
http GET /help/fees
expect_no_body 'fee-referral' "the fees page has no referral section"
# The scripts after this one share the stack: leave its config as found.
cp "$SAVED" "$KAAJ_CONF"
with_fcgi 1
test_done
