#!/bin/bash
#
# t_77_admin_users: the admins' users pages (issue 13 item 2) and
# kaaj-admin credit --key.
#  - /admin/users finds accounts by a username prefix, an e-mail prefix,
#    a user number and an IP address, pages with "next", keeps a wrong
#    box with its message; each row links to the user's page. The
#    statements read one index range each (EXPLAIN).
#  - /admin/users/ID shows the state and ban reason, the admin role, the
#    balances, the ledger lines (with an "older" link), tasks, campaigns,
#    the success rate, referrals, addresses (sign-up, last login) and the
#    other accounts seen on the same address, each linking to its page.
#  - Ban and unban need a reason (an error naming the field, what was
#    typed kept) and write an audit row; the ban ends the user's sessions.
#  - A credit and a debit post one ledger transaction each with an audit
#    row; the form's key sent twice posts once; a debit beyond the balance
#    is refused at the amount with nothing changed; Bengali digits are
#    read; ledger-check passes.
#  - Make and remove an admin, audited; the last admin cannot be removed,
#    also when the last two remove each other at the same moment (both
#    requests are held inside their transactions, then one wins).
#  - A form without its CSRF token is refused (t_65 also sweeps every
#    admin route for 403 as a user who is no admin).
#  - kaaj-admin credit --key KEY: the same key twice credits once, says
#    so, exits 0.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"

RUN=$(random_hex 4)
EMP=t77e_$RUN
ADM=t77a_$RUN
ADM2=t77b_$RUN
WK=t77w_$RUN		# the user the admins look at
TWIN=t77t_$RUN		# a second account on WK's address
ME=$(id -un)
SHARED_IP=198.51.100.77

# audit_n: rows in the audit log.
audit_n() {
	db_sql "SELECT COUNT(*) FROM audit_log"
}

# audit_last: the newest row as actor|via|action|kind|id|reason.
audit_last() {
	db_sql "SELECT CONCAT_WS('|', actor_name, via, action, target_kind,
	    target_id, reason) FROM audit_log ORDER BY id DESC LIMIT 1"
}

# txns: ledger transactions of the worker's available balance.
txns() {
	db_sql "SELECT COUNT(*) FROM ledger_legs l
	    JOIN ledger_accounts a ON a.id = l.account_id
	    WHERE a.kind = 'available' AND a.owner_id = $WK_ID"
}

# form_key: the adjustment form's key on the last page.
form_key() {
	grep -o 'name="key" value="[0-9a-f]*"' "$HTTP_BODY" | head -1 |
		sed -e 's/.*value="//' -e 's/"$//'
}

# rows: the user rows a search page lists, as "user-ID" lines.
rows() {
	grep -o '<tr id="user-[0-9]*"' "$HTTP_BODY" | sed 's/<tr id="//; s/"$//' || true
}

db_sql "INSERT INTO users (username, email, password_hash, status, is_admin,
    activated_at) VALUES ('$ADM', '$ADM@t77.invalid', 'x', 'active', 1,
    UTC_TIMESTAMP()), ('$ADM2', '$ADM2@t77.invalid', 'x', 'active', 1,
    UTC_TIMESTAMP())" >/dev/null
ADM_ID=$(db_sql "SELECT id FROM users WHERE username = '$ADM'")
ADM2_ID=$(db_sql "SELECT id FROM users WHERE username = '$ADM2'")
make_user "$EMP" >/dev/null
WK_ID=$(make_user "$WK")
db_sql "UPDATE users SET referred_by = $ADM_ID, tasks_satisfied = 3,
    tasks_rejected = 1, created_at = UTC_TIMESTAMP() - INTERVAL 2 DAY,
    activated_at = UTC_TIMESTAMP() - INTERVAL 2 DAY WHERE id = $WK_ID" >/dev/null
TWIN_ID=$(make_user "$TWIN")
db_sql "UPDATE users SET referred_by = $WK_ID, referral_earned = 250000
    WHERE id = $TWIN_ID" >/dev/null
AS=$(new_session "$ADM")
AS2=$(new_session "$ADM2")
ES=$(new_session "$EMP")
W=$(new_session "$WK")

# Addresses as users_seen_at writes them: the worker signed up from one
# and logged in from the shared one, where the twin logged in too.
db_sql "INSERT INTO user_addresses (user_id, ip, first_seen, last_seen, logins)
    VALUES ($WK_ID, '203.0.113.9', UTC_TIMESTAMP() - INTERVAL 2 DAY,
    UTC_TIMESTAMP() - INTERVAL 2 DAY, 0),
    ($WK_ID, '$SHARED_IP', UTC_TIMESTAMP() - INTERVAL 1 DAY,
    UTC_TIMESTAMP() - INTERVAL 1 HOUR, 3),
    ($TWIN_ID, '$SHARED_IP', UTC_TIMESTAMP() - INTERVAL 1 DAY,
    UTC_TIMESTAMP(), 1)" >/dev/null

# Some work: a task of the worker and a campaign of the employer.
C1=$(new_campaign 2 0)
claim "$W" "$C1"
T1=$TASK

say "search"
sget "$W" /admin/users
expect_status 403 "a user who is not an admin"
sget "$AS" /admin
expect_body 'href="/admin/users"' "the dashboard links the users page"
sget "$AS" /admin/users
expect_status 200 "GET /admin/users"
expect_body 'a user number such as 12, or an IP address' "the box says what it takes"
expect_eq "no search: the newest account first" "$(rows | head -1)" \
	"user-$(db_sql "SELECT MAX(id) FROM users")"
sget "$AS" "/admin/users?q=t77w_$RUN"
expect_eq "by username prefix: the worker" "$(rows)" "user-$WK_ID"
expect_body "href=\"/admin/users/$WK_ID\">$WK</a>" "... linking to the user's page"
expect_body "$WK@market.invalid" "... with the e-mail"
sget "$AS" "/admin/users?q=T77W_$RUN"
expect_eq "... in any case" "$(rows)" "user-$WK_ID"
sget "$AS" "/admin/users?q=$TWIN@market"
expect_eq "by e-mail prefix" "$(rows)" "user-$TWIN_ID"
sget "$AS" "/admin/users?q=$WK_ID"
expect_eq "by id" "$(rows)" "user-$WK_ID"
http GET /admin/users -b "kaaj_session=$AS" -G --data-urlencode \
	"q=$(printf '%s' "$WK_ID" | sed 's/0/০/g; s/1/১/g; s/2/২/g; s/3/৩/g;
	    s/4/৪/g; s/5/৫/g; s/6/৬/g; s/7/৭/g; s/8/৮/g; s/9/৯/g')"
expect_eq "... typed in Bengali digits" "$(rows)" "user-$WK_ID"
sget "$AS" "/admin/users?q=$SHARED_IP"
expect_eq "by IP address: both accounts seen there, newest first" \
	"$(rows | tr '\n' ' ')" "user-$TWIN_ID user-$WK_ID "
sget "$AS" "/admin/users?q=t77_nobody_$RUN"
expect_body 'No account matches.' "no match is said"
sget "$AS" "/admin/users?q=$(printf 'x%.0s' $(seq 1 255))"
expect_body 'Type at most 254 characters' "a box too long is refused"
expect_body 'aria-invalid="true"' "... marking it"
expect_no_body '<tr id="user-' "... and lists nothing"
values=
for i in $(seq 1 51); do
	values+="${values:+,}('t77p${RUN}_$(printf '%02d' "$i")', 't77p${RUN}_$i@t77.invalid', 'x')"
done
db_sql "INSERT INTO users (username, email, password_hash) VALUES $values" >/dev/null
sget "$AS" "/admin/users?q=t77p$RUN"
expect_eq "50 a page" "$(rows | wc -l)" 50
next=$(grep -o 'id="users-next" href="[^"]*"' "$HTTP_BODY" | sed -e 's/.*href="//' -e 's/"$//' -e 's/&amp;/\&/g')
[[ -n $next ]] && ok "a next link" || fail "a next link"
sget "$AS" "$next"
expect_eq "... the next page has the 51st" "$(rows)" \
	"user-$(db_sql "SELECT id FROM users WHERE username = 't77p${RUN}_51'")"
# plan SQL: EXPLAIN of a search, on one line.
plan() {
	db_sql "EXPLAIN $1" | tr '\t\n' '  '
}
p=$(plan "SELECT u.id FROM users u WHERE u.username LIKE 't77p%' AND u.username > '' ORDER BY u.username LIMIT 51")
expect_match "a username prefix reads a range of its key" "$p" " range .* username "
p=$(plan "SELECT u.id FROM users u WHERE u.email LIKE 't77p%' AND u.email > '' ORDER BY u.email LIMIT 51")
expect_match "an e-mail prefix reads a range of its key" "$p" " range .* email "
p=$(plan "SELECT u.id FROM user_addresses a JOIN users u ON u.id = a.user_id WHERE a.ip = '$SHARED_IP' AND a.user_id < 99999999 ORDER BY a.user_id DESC LIMIT 51")
expect_match "an address reads a range of the ip key" "$p" " a (range|ref) [^ ]* ip "
p=$(plan "SELECT o.user_id FROM user_addresses m
    JOIN user_addresses o FORCE INDEX (ip) ON o.ip = m.ip AND o.user_id <> m.user_id WHERE m.user_id = $WK_ID")
expect_match "the user page's accounts on the same addresses: its own by its key" \
	"$p" " m ref PRIMARY[^ ]* PRIMARY "
expect_match "... the others by the ip key" "$p" " o (ref|range) [^ ]* ip "

say "a user's page"
sget "$AS" "/admin/users/$WK_ID"
expect_status 200 "GET /admin/users/ID"
expect_body "id=\"user-state\" class=\"state active\">Active" "the state"
expect_body 'id="user-role">User' "the role"
expect_body 'id="user-available">0.00' "the available balance"
expect_body 'id="user-held">0.00' "the held balance"
expect_body 'id="user-success">75% (3 / 4)' "the success rate"
expect_body "href=\"/admin/users/$ADM_ID\">$ADM</a>" "who referred them, linked"
expect_body 'id="user-referred">1' "how many they referred"
expect_body 'id="user-earned">0.25' "what the referrals earned"
# That sum was made up for the page: ledger-check (below) proves it
# against the referral shares in the ledger, of which there are none.
db_sql "UPDATE users SET referral_earned = 0 WHERE id = $TWIN_ID"
expect_body "id=\"task-$T1\"" "their task"
expect_body '203.0.113.9</code></a> <span class="badge signup">' "the sign-up address"
expect_body "$SHARED_IP</code></a> <span class=\"badge lastlogin\">" "the last login's address"
expect_body "id=\"other-$TWIN_ID\"><a href=\"/admin/users/$TWIN_ID\">$TWIN</a>" \
	"the other account on the same address, linked"
sget "$AS" "/admin/users/$(db_sql "SELECT id FROM users WHERE username = '$EMP'")"
expect_body "id=\"campaign-$C1\"" "an employer's page lists the campaign"
sget "$AS" "/admin/users/99999999"
expect_status 404 "an unknown user"
sget "$AS" "/admin/users/$WK_ID?before=x"
expect_status 400 "a malformed older link"

say "ban and unban"
before=$(audit_n)
spost "$AS" /admin/users/ban "id=$WK_ID" "reason="
expect_status 200 "a ban without a reason shows the page again"
expect_body 'Please give a reason; the user sees it.' "... naming the field"
expect_body 'id="ban-reason" name="reason"' "... in the ban form"
expect_eq "... nothing changed" "$(db_sql "SELECT status FROM users WHERE id = $WK_ID")|$(audit_n)" "active|$before"
http POST /admin/users/ban -b "kaaj_session=$AS" --data-urlencode "id=$WK_ID" \
	--data-urlencode "reason=t77 no csrf"
expect_status 403 "a ban without the CSRF token"
expect_eq "... nothing changed" "$(db_sql "SELECT status FROM users WHERE id = $WK_ID")|$(audit_n)" "active|$before"
spost "$AS" /admin/users/ban "id=$WK_ID" "reason=t77 fake proofs"
expect_status 303 "ban with a reason"
expect_header Location "/admin/users/$WK_ID\\?notice=user_banned" "... back to the page"
expect_eq "... one audit row" "$(audit_n)" "$((before + 1))"
expect_eq "... who, what, why" "$(audit_last)" "$ADM|web|user.ban|user|$WK_ID|t77 fake proofs"
expect_eq "... the user's sessions are ended" \
	"$(db_sql "SELECT COUNT(*) FROM sessions WHERE user_id = $WK_ID")" 0
sget "$W" /settings
expect_status 303 "... and the old session no longer works"
sget "$AS" "/admin/users/$WK_ID"
expect_body 'id="user-state" class="state banned">Banned' "the page shows the ban"
expect_body 't77 fake proofs' "... with its reason"
spost "$AS" /admin/users/ban "id=$ADM2_ID" "reason=t77 admin"
expect_body 'An admin cannot be banned.' "an admin is not banned"
before=$(audit_n)
spost "$AS" /admin/users/unban "id=$WK_ID" "reason=t77 appeal"
expect_header Location "notice=user_unbanned" "unban"
expect_eq "... its audit row" "$(audit_last)" "$ADM|web|user.unban|user|$WK_ID|t77 appeal"
spost "$AS" /admin/users/unban "id=$WK_ID" "reason=t77 again"
expect_header Location "notice=user_not_banned" "unban of a user not banned"
expect_eq "... writes no row" "$(audit_n)" "$((before + 1))"
W=$(new_session "$WK")

say "adjusting the balance"
sget "$AS" "/admin/users/$WK_ID"
K1=$(form_key)
expect_match "the form has a one-time key" "$K1" '^[0-9a-f]{32}$'
before=$(audit_n)
n=$(txns)
spost "$AS" /admin/users/adjust "id=$WK_ID" "amount=১২.৫০" "reason=t77 goodwill" "key=$K1"
expect_status 303 "a credit of 12.50 typed in Bengali digits"
expect_header Location "notice=user_credited" "... says so"
expect_eq "... the balance" "$(balance_of available "$WK_ID")" 12500000
expect_eq "... one ledger line" "$(txns)" "$((n + 1))"
expect_eq "... one audit row" "$(audit_last)" "$ADM|web|user.credit|user|$WK_ID|t77 goodwill"
spost "$AS" /admin/users/adjust "id=$WK_ID" "amount=১২.৫০" "reason=t77 goodwill" "key=$K1"
expect_header Location "notice=adjust_done_before" "the same key again"
expect_eq "... posts nothing" "$(balance_of available "$WK_ID")|$(txns)|$(audit_n)" \
	"12500000|$((n + 1))|$((before + 1))"
sget "$AS" "/admin/users/$WK_ID"
K2=$(form_key)
[[ $K2 != "$K1" ]] && ok "a new page has a new key" || fail "a new page has a new key"
spost "$AS" /admin/users/adjust "id=$WK_ID" "amount=-20" "reason=t77 too much" "key=$K2"
expect_status 200 "a debit beyond the balance shows the form again"
expect_body 'below zero: it is 12.50' "... saying why at the amount"
expect_body 'value="-20"' "... keeping what was typed"
expect_body "name=\"key\" value=\"$K2\"" "... and the same key"
expect_eq "... nothing changed" "$(balance_of available "$WK_ID")|$(txns)|$(audit_n)" \
	"12500000|$((n + 1))|$((before + 1))"
spost "$AS" /admin/users/adjust "id=$WK_ID" "amount=abc" "reason=t77" "key=$K2"
expect_body 'Enter the amount as a plain number' "a wrong amount is said at its field"
spost "$AS" /admin/users/adjust "id=$WK_ID" "amount=0" "reason=t77" "key=$K2"
expect_body 'The amount must not be zero.' "zero is refused"
spost "$AS" /admin/users/adjust "id=$WK_ID" "amount=-2.5" "reason=" "key=$K2"
expect_body 'Please give a reason; the user sees it on their statement.' "a reason is needed"
spost "$AS" /admin/users/adjust "id=$WK_ID" "amount=−2.5" "reason=t77 fee" "key=$K2"
expect_header Location "notice=user_debited" "a debit of 2.50 (with the minus sign U+2212)"
expect_eq "... the balance" "$(balance_of available "$WK_ID")" 10000000
expect_eq "... its audit row" "$(audit_last)" "$ADM|web|user.debit|user|$WK_ID|t77 fee"
expect_match "... naming the amount and the key" \
	"$(db_sql "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"^amount -2.50, ledger credit:$K2\$"
sget "$W" /wallet/statement
expect_body 't77 fee' "the user's statement shows the reason"
expect_body 'Taken by the site' "... and what it was"
expect_ledger_ok "after the adjustments"
sget "$AS" "/admin/users/$WK_ID"
expect_body 'id="user-available">10.00' "the page shows the new balance"
expect_body "credit:$K2</code>" "... and the ledger lines"
for i in $(seq 1 20); do
	kaaj_admin credit "$WK" 0.01 --reason "t77 line $i" >/dev/null
done
sget "$AS" "/admin/users/$WK_ID"
older=$(grep -o 'id="lines-older" href="[^"]*"' "$HTTP_BODY" | sed -e 's/.*href="//' -e 's/"$//' -e 's/&amp;/\&/g')
[[ -n $older ]] && ok "an older link for the ledger lines" || fail "an older link for the ledger lines"
sget "$AS" "$older"
expect_body "credit:$K2</code>" "... the older page has the adjustments"

say "kaaj-admin credit --key"
KEY=t77-$RUN
b0=$(balance_of available "$WK_ID")
out=$(SUDO_USER='' kaaj_admin credit "$WK" 1.00 --reason "t77 cli" --key "$KEY")
expect_eq "credit --key" "$out" "credited $WK 1.00"
rc=0
out=$(SUDO_USER='' kaaj_admin credit "$WK" 1.00 --reason "t77 cli" --key "$KEY") || rc=$?
expect_eq "the same key again exits 0" "$rc" 0
expect_eq "... saying so" "$out" "key $KEY was used before: nothing credited"
expect_eq "... one credit" "$(balance_of available "$WK_ID")" "$((b0 + 1000000))"
expect_eq "... one audit row" \
	"$(db_sql "SELECT COUNT(*) FROM audit_log WHERE detail = 'amount 1.00, ledger credit:$KEY'")" 1
rc=0
SUDO_USER='' kaaj_admin credit "$WK" 1.00 --reason "t77" --key "a b" >/dev/null 2>&1 || rc=$?
expect_eq "a key with a space exits 2" "$rc" 2
rc=0
SUDO_USER='' kaaj_admin ban "$WK" --reason "t77" --key x >/dev/null 2>&1 || rc=$?
expect_eq "--key on another command exits 2" "$rc" 2
expect_match "--help names --key" "$(kaaj_admin --help)" 'credit USERNAME AMOUNT --reason TEXT \[--key KEY\]'
expect_ledger_ok "after the credits"

say "the admin role"
before=$(audit_n)
spost "$AS" /admin/users/admin "id=$WK_ID" "reason="
expect_body 'Please give a reason; it is kept in the audit log.' "making an admin needs a reason"
spost "$AS" /admin/users/admin "id=$WK_ID" "reason=t77 new moderator"
expect_header Location "notice=user_made_admin" "make an admin"
expect_eq "... is one" "$(db_sql "SELECT is_admin FROM users WHERE id = $WK_ID")" 1
expect_eq "... audited" "$(audit_last)" "$ADM|web|user.make_admin|user|$WK_ID|t77 new moderator"
sget "$W" /admin/users
expect_status 200 "... and may open the admin pages"
spost "$AS" /admin/users/unadmin "id=$WK_ID" "reason=t77 stepped down"
expect_header Location "notice=user_unmade_admin" "remove an admin"
expect_eq "... audited" "$(audit_last)" "$ADM|web|user.unmake_admin|user|$WK_ID|t77 stepped down"
sget "$W" /admin/users
expect_status 403 "... who is refused at once"
spost "$AS" /admin/users/unadmin "id=$WK_ID" "reason=t77 again"
expect_header Location "notice=user_not_admin" "removing a user who is no admin"
expect_eq "... writes no row" "$(audit_n)" "$((before + 2))"

say "the last admin"
# Only the two test admins are admins for a while; the others come back
# whatever happens.
OTHERS=$(db_sql "SELECT GROUP_CONCAT(id) FROM users WHERE is_admin = 1
    AND id NOT IN ($ADM_ID, $ADM2_ID)")
restore_admins() {
	[[ -z $OTHERS || $OTHERS == NULL ]] ||
		db_sql "UPDATE users SET is_admin = 1 WHERE id IN ($OTHERS)" >/dev/null
}
trap restore_admins EXIT
[[ -z $OTHERS || $OTHERS == NULL ]] ||
	db_sql "UPDATE users SET is_admin = 0 WHERE id IN ($OTHERS)" >/dev/null
with_fcgi 2
before=$(audit_n)
# Both accounts' rows are held, so both requests are inside their
# transactions before either changes a row: without admin_guard both
# would count the other as still an admin and commit.
hold_lock rows "SELECT id FROM users WHERE id IN ($ADM_ID, $ADM2_ID) FOR UPDATE"
batch_new
batch_post "$AS" /admin/users/unadmin "id=$ADM2_ID" "reason=t77 race"
batch_post "$AS2" /admin/users/unadmin "id=$ADM_ID" "reason=t77 race"
batch_go_bg
wait_lock_waits 2
ok "the two admins remove each other at the same moment"
release_lock rows
batch_wait
expect_eq "... one answer is done, the other refused" \
	"$(batch_statuses | sort | tr '\n' ' ')" "200 303 "
expect_eq "... one admin is left" \
	"$(db_sql "SELECT COUNT(*) FROM users WHERE is_admin = 1 AND status = 'active'")" 1
expect_eq "... one audit row" "$(audit_n)" "$((before + 1))"
for i in 0 1; do
	[[ ${BATCH_STATUS[i]} == 200 ]] && refused=$BATCH_DIR/$i.body
done
grep -qF "This is the site&#39;s last admin" "${refused:-/dev/null}" ||
	grep -qF "This is the site's last admin" "${refused:-/dev/null}" &&
	ok "... the refused one says why" || fail "... the refused one says why"
LAST=$(db_sql "SELECT id FROM users WHERE is_admin = 1 AND status = 'active'")
[[ $LAST == "$ADM_ID" ]] && LS=$AS || LS=$AS2
spost "$LS" /admin/users/unadmin "id=$LAST" "reason=t77 leaving"
expect_status 200 "the last admin cannot remove themselves"
expect_eq "... still an admin" "$(db_sql "SELECT is_admin FROM users WHERE id = $LAST")" 1
spost "$LS" /admin/users/admin "id=$ADM_ID" "reason=t77 back"
spost "$LS" /admin/users/admin "id=$ADM2_ID" "reason=t77 back"
expect_eq "both are admins again" \
	"$(db_sql "SELECT SUM(is_admin) FROM users WHERE id IN ($ADM_ID, $ADM2_ID)")" 2
with_fcgi 1
restore_admins
trap - EXIT

test_done
