#!/bin/bash
#
# t_76_admin_dash: GET /admin, the admins' dashboard.
#  - Activity is made through the site's own paths (accounts, a confirmed
#    deposit, campaigns, tasks approved and not, a paid withdrawal with
#    its fee), some of it moved back in time as history is.
#  - Every figure of today, this week and this month (in the admin's
#    zone, Dhaka) equals a sum computed here in SQL from the tables
#    (deposits, withdrawals, users, campaigns, tasks) and the ledger's
#    legs; the money held now equals both the legs' sums and kaaj-admin
#    ledger-check's totals; the queues' lengths equal the rows waiting.
#  - The charts: a bar per day (30) and per week (52) with a text
#    alternative and the numbers as a table.
#  - A user who is no admin gets 403; the statements are index ranges
#    (EXPLAIN), whatever the site's size.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t76e_$RUN
WK=t76w_$RUN
ADM=t76a_$RUN

# money_text MICRO: an amount as the site writes it ("12.50", "0.005").
money_text() {
	awk -v m="$1" 'BEGIN { s = sprintf("%.6f", m / 1000000);
	    while (s ~ /0$/ && s !~ /\.[0-9][0-9]$/) sub(/0$/, "", s); print s }'
}

# figure ID: the text of the page's element ID, tags and currency left out.
figure() {
	{ tr -d '\n' <"$HTTP_BODY" | grep -o "id=\"$1\">[^<]*" || true; } | head -n 1 |
		sed -e 's/^[^>]*>//' -e 's/ [A-Z][A-Z][A-Z]$//'
}

# Dhaka's midnights (UTC+6, no summer time) as UTC DATETIMEs: today's,
# Monday's, the 1st of the month's.
LOCAL="(UTC_TIMESTAMP() + INTERVAL 6 HOUR)"
declare -A SINCE=(
	[today]="(DATE($LOCAL) - INTERVAL 6 HOUR)"
	[week]="(DATE($LOCAL) - INTERVAL WEEKDAY($LOCAL) DAY - INTERVAL 6 HOUR)"
	[month]="(DATE_FORMAT($LOCAL, '%Y-%m-01') - INTERVAL 6 HOUR)"
)

# The figures computed from the tables and the ledger, since $1 (SQL).
declare -A SQL=(
	[users]="SELECT COUNT(*) FROM users WHERE created_at >= %s"
	[activations]="SELECT COUNT(*) FROM users WHERE activated_at >= %s"
	[campaigns]="SELECT COUNT(*) FROM campaigns WHERE created_at >= %s"
	[approved]="SELECT COUNT(*) FROM tasks WHERE status = 'satisfied' AND rated_at >= %s"
	[deposited]="SELECT COALESCE(SUM(d.amount), 0) FROM deposits d
	    JOIN ledger_transactions t ON t.idem_key = CONCAT('deposit:', d.id)
	    WHERE d.status = 'confirmed' AND t.created_at >= %s"
	[paid_out]="SELECT COALESCE(SUM(w.amount - w.fee), 0) FROM withdrawals w
	    JOIN ledger_transactions t ON t.idem_key = CONCAT('withdrawal:', w.id, ':paid')
	    WHERE w.status = 'paid' AND t.created_at >= %s"
	[fees]="SELECT COALESCE(SUM(l.amount), 0) FROM ledger_legs l
	    JOIN ledger_accounts a ON a.id = l.account_id AND a.kind = 'revenue'
	    JOIN ledger_transactions t ON t.id = l.txn_id WHERE t.created_at >= %s"
)
MONEY=" deposited paid_out fees "

# check_figures WHEN: every figure of every period against SQL.
check_figures() {
	local f p want got since rated ok_n
	sget "$AS" /admin
	expect_status 200 "GET /admin as an admin ($1)"
	for p in today week month; do
		since=${SINCE[$p]}
		for f in users activations campaigns approved deposited paid_out fees; do
			# shellcheck disable=SC2059
			want=$(db_sql "$(printf "${SQL[$f]}" "$since")")
			[[ $MONEY == *" $f "* ]] && want=$(money_text "$want")
			got=$(figure "$f-$p")
			expect_eq "$1: $f $p = $want" "$got" "$want"
		done
		ok_n=$(db_sql "SELECT COUNT(*) FROM tasks WHERE status = 'satisfied' AND rated_at >= $since")
		rated=$(db_sql "SELECT COUNT(*) FROM tasks WHERE status IN ('satisfied', 'not_satisfied') AND rated_at >= $since")
		if ((rated == 0)); then
			want="nothing rated"
		else
			want="$((ok_n * 100 / rated))%"
		fi
		expect_eq "$1: approval rate $p = $want" "$(figure "rate-$p")" "$want"
	done
}

# ledger_total KIND...: the legs of accounts of those kinds, summed.
ledger_total() {
	local kinds
	kinds=$(printf "'%s'," "$@")
	db_sql "SELECT COALESCE(SUM(l.amount), 0) FROM ledger_legs l
	    JOIN ledger_accounts a ON a.id = l.account_id
	    WHERE a.kind IN (${kinds%,})"
}

db_sql "INSERT INTO users (username, email, password_hash, status, is_admin,
    time_zone, activated_at) VALUES ('$ADM', '$ADM@t76.invalid', 'x',
    'active', 1, 'Asia/Dhaka', UTC_TIMESTAMP())" >/dev/null
EMP_ID=$(make_user "$EMP")
WK_ID=$(make_user "$WK")
db_sql "UPDATE users SET activated_at = UTC_TIMESTAMP() WHERE id IN ($EMP_ID, $WK_ID)" >/dev/null
AS=$(new_session "$ADM")
ES=$(new_session "$EMP")
W=$(new_session "$WK")

say "only admins"
sget "$W" /admin
expect_status 403 "GET /admin as a worker"
sget "$ES" /admin
expect_status 403 "GET /admin as an employer"

say "the figures before"
check_figures "before"

say "activity"
# A deposit confirmed by the admin, one left waiting.
db_sql "INSERT INTO deposits (user_id, method, amount, txn_ref)
    VALUES ($EMP_ID, 'bkash', 25500000, 'T76A$RUN'),
    ($EMP_ID, 'bkash', 1000000, 'T76B$RUN')" >/dev/null
dep=$(db_sql "SELECT id FROM deposits WHERE txn_ref = 'T76A$RUN'")
spost "$AS" /admin/deposits/confirm "id=$dep"
expect_status 303 "the admin confirms a deposit"
# Campaigns, tasks approved and not.
C1=$(new_campaign 3 0)
C2=$(new_campaign 3 0)
claim "$W" "$C1"; T1=$TASK; send_proof "$W" "$T1"; rate_as "$ES" "$C1" "$T1" satisfied
claim "$W" "$C2"; T2=$TASK; send_proof "$W" "$T2"; rate_as "$ES" "$C2" "$T2" not_satisfied
# A withdrawal paid (its fee to revenue), one waiting.
kaaj_admin credit "$WK" 10 --reason "t76 dashboard" >/dev/null
for k in 1 2; do
	spost "$W" /wallet/withdraw method=bkash account=01712345678 amount=3 \
		"request_key=$(random_hex 16)"
	[[ $HTTP_STATUS == 303 ]] || die "withdrawal answered $HTTP_STATUS"
done
wid=$(db_sql "SELECT MIN(id) FROM withdrawals WHERE user_id = $WK_ID")
db_sql "UPDATE withdrawals SET created_at = UTC_TIMESTAMP() - INTERVAL 3 HOUR
    WHERE user_id = $WK_ID" >/dev/null
spost "$AS" /admin/withdrawals/pay "id=$wid" "payout_ref=P76$RUN"
expect_status 303 "the admin pays a withdrawal"
expect_ledger_ok "after the activity"

check_figures "after the activity"

say "history: what happened 40 days ago is in the year, not the month"
old=$(make_user "t76o_$RUN")
db_sql "UPDATE users SET created_at = UTC_TIMESTAMP() - INTERVAL 40 DAY WHERE id = $old" >/dev/null
check_figures "with an older account"
sget "$AS" /admin
year_users=$(tr -d '\n' <"$HTTP_BODY" | grep -o '<figure class="chart" id="chart-year-users">.*' |
	grep -o '<strong class="total">[^<]*' | head -n 1 | sed 's/.*>//')
expect_eq "the year's chart of accounts counts every account of 52 weeks" "$year_users" \
	"$(db_sql "SELECT COUNT(*) FROM users WHERE created_at >= DATE($LOCAL) - INTERVAL 363 DAY - INTERVAL 6 HOUR")"

say "money now: the ledger's legs and ledger-check agree with the page"
out=$(kaaj_admin ledger-check)
expect_match "ledger-check says" "$out" '^ledger ok$'
for pair in escrow:escrow owed:"available held" revenue:revenue; do
	name=${pair%%:*}
	# shellcheck disable=SC2086
	want=$(money_text "$(ledger_total ${pair#*:})")
	expect_eq "$name now = the legs' sum $want" "$(figure "now-$name")" "$want"
	expect_match "... = ledger-check's total" "$out" "^total $name $want\$"
done
expect_match "ledger-check prints the outside world's total" "$out" '^total outside -?[0-9]+\.[0-9]+$'

say "the queues"
for q in deposits:"deposits WHERE status = 'pending'" \
    withdrawals:"withdrawals WHERE status = 'pending'" \
    disputes:"disputes WHERE status = 'open'" \
    campaigns:"campaigns WHERE status = 'pending'"; do
	want=$(db_sql "SELECT COUNT(*) FROM ${q#*:}")
	expect_eq "${q%%:*} waiting: $want" "$(figure "queue-${q%%:*}")" "$want"
	expect_body "<a href=\"/admin/${q%%:*}\"><span class=\"n\" id=\"queue-${q%%:*}\">" \
		"... linking to its page"
done
# As page_set_duration says it: minutes up to two hours, hours up to two
# days, else days, rounded.
age=$(db_sql "SELECT CASE WHEN s < 7200 THEN CONCAT(ROUND(s / 60), ' minute')
    WHEN s < 172800 THEN CONCAT(ROUND(s / 3600), ' hour')
    ELSE CONCAT(ROUND(s / 86400), ' day') END
    FROM (SELECT TIMESTAMPDIFF(SECOND, MIN(created_at), UTC_TIMESTAMP()) AS s
    FROM withdrawals WHERE status = 'pending') x")
expect_body "<span class=\"age\" id=\"payout-age\">oldest waiting: $age" \
	"the oldest withdrawal's age ($age...)"

say "the charts"
CUR=$(tr -d '\n' <"$HTTP_BODY" | grep -o 'id="now-escrow">[^<]*' | sed 's/.* //')
today=$(db_sql "SELECT DATE_FORMAT($LOCAL, '%Y-%m-%d')")
dep_today=$(money_text "$(db_sql "$(printf "${SQL[deposited]}" "${SINCE[today]}")")")
expect_body "<title>$today: $dep_today $CUR</title></rect>" "today's deposit bar says its amount"
expect_body "id=\"recent-deposited-$today\" x=\"291\"" "... and is the last of 30"
expect_body '<svg viewBox="0 0 300 101" preserveAspectRatio="none" role="img" aria-labelledby="recent-users-title recent-users-desc"' \
	"30 days: an image with a title and a description"
expect_body '<svg viewBox="0 0 312 101"' "52 weeks of bars"
expect_body "<td data-label=\"Day\">$today</td><td data-label=\"Deposited\" class=\"num\">$dep_today $CUR</td>" \
	"the numbers as a table"
n=$(grep -o '<rect class="bar" id="recent-' "$HTTP_BODY" | wc -l)
((n >= 4)) && ok "bars are drawn ($n)" || fail "bars are drawn" "got $n"

say "the statements read index ranges"
# The statements of market/site_stats.c with numbers for the 364 days.
from=$(db_sql "SELECT UNIX_TIMESTAMP(UTC_TIMESTAMP() - INTERVAL 364 DAY)")
to=$(db_sql "SELECT UNIX_TIMESTAMP(UTC_TIMESTAMP() + INTERVAL 1 DAY)")
# plan SQL: table:type/key of each row of its EXPLAIN, sorted.
plan() {
	db_sql "EXPLAIN $1" | awk -F'\t' '$1 ~ /^[0-9]+$/ {print $3 ":" $4 "/" $6}' | sort | paste -sd' '
}
expect_eq "the ledger by day: transactions by created_at, legs by txn_id, accounts by key" \
	"$(plan "SELECT (UNIX_TIMESTAMP(t.created_at) - $from) DIV 86400 AS b,
	    SUM(IF(t.kind = 'deposit' AND a.kind = 'outside', -l.amount, 0)),
	    SUM(IF(a.kind = 'revenue', l.amount, 0))
	    FROM ledger_transactions t FORCE INDEX (created_at)
	    STRAIGHT_JOIN ledger_legs l FORCE INDEX (txn_id) ON l.txn_id = t.id
	    STRAIGHT_JOIN ledger_accounts a FORCE INDEX (PRIMARY) ON a.id = l.account_id
	    WHERE t.created_at >= FROM_UNIXTIME($from) AND t.created_at < FROM_UNIXTIME($to)
	    AND a.kind IN ('outside', 'revenue') GROUP BY b")" \
	"a:eq_ref/PRIMARY l:ref/txn_id t:range/created_at"
for q in "users:created_at" "users:activated_at" "campaigns:created_at" "tasks:rated_at"; do
	tbl=${q%%:*} col=${q#*:}
	expect_eq "$tbl by $col: a range of its key" \
		"$(plan "SELECT (UNIX_TIMESTAMP($col) - $from) DIV 86400 AS b, COUNT(*) FROM $tbl
		    WHERE $col >= FROM_UNIXTIME($from) AND $col < FROM_UNIXTIME($to) GROUP BY b")" \
		"$tbl:range/$col"
done
p=$(plan "SELECT (SELECT SUM(balance) FROM ledger_accounts WHERE kind = 'escrow' AND balance > 0),
    (SELECT SUM(balance) FROM ledger_accounts WHERE kind IN ('available', 'held') AND balance > 0),
    (SELECT COUNT(*) FROM deposits WHERE status = 'pending'),
    (SELECT MIN(created_at) FROM withdrawals FORCE INDEX (status_age) WHERE status = 'pending'),
    (SELECT COUNT(*) FROM disputes WHERE status = 'open'),
    (SELECT COUNT(*) FROM campaigns WHERE status = 'pending'),
    (SELECT COUNT(*) FROM fraud_flags WHERE created_at > UTC_TIMESTAMP() - INTERVAL 30 DAY)")
p=$(tr ' ' '\n' <<<"$p" | grep -v '^NULL:' | paste -sd' ')
# (The oldest withdrawal may be read from the key while planning: "Select
# tables optimized away", a row without a table.)
expect_match "the figures now: each table by a range or a ref of a key" "$p" \
	'^([a-z_]+:(range|ref)/[a-z_]+ ?){6,7}$'
expect_match "... the balances by (kind, balance)" "$p" 'ledger_accounts:range/kind_balance'

say "the Bengali page"
db_sql "UPDATE users SET language = 'bn' WHERE id = (SELECT id FROM (SELECT id FROM users WHERE username = '$ADM') x)" >/dev/null
sget "$AS" /admin
expect_body '<html lang="bn">' "the page is in Bengali"
expect_body 'অনুমোদনের হার' "... the approval rate"
expect_no_body 'Approval rate' "... and no English"

test_done
