#!/bin/bash
#
# t_74_audit: the audit log (issue 13 items 5 and 8).
#  - Every web admin action (deposit confirm and reject, withdrawal pay
#    and reject, campaign approve and reject, dispute decide, mail retry)
#    writes exactly one row: the admin's name and id, via web, the
#    address, the action, the target and the reason. A repeated action
#    writes none; a failure inside the transaction after the row was
#    written (the deposit's ledger key used before) leaves none, and the
#    deposit pending.
#  - kaaj-admin credit, ban, unban, create-admin, migrate, load-demo and
#    sweep-uploads write one row each as the OS user (and SUDO_USER), via
#    cli, no address; a run that changed nothing writes none.
#  - kaaj-admin --help, -h and help print the usage on stdout and exit 0;
#    an unknown command or option, a missing or extra argument, a bad
#    value exit 2 naming it; a command that changes money or users without
#    --reason exits 2 and changes nothing.
#  - /admin/audit lists newest first, filters by actor, action and
#    target, keeps a wrong filter with its message, pages with "older";
#    a user who is not an admin gets 403 (t_65 sweeps every admin route).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t74e_$RUN
WK=t74w_$RUN
ADM=t74a_$RUN
ME=$(id -un)

# audit_n: rows in the audit log.
audit_n() {
	db_sql "SELECT COUNT(*) FROM audit_log"
}

# audit_last: the newest row as actor|actor_id|via|address|action|kind|
# id|reason.
audit_last() {
	db_sql "SELECT CONCAT_WS('|', actor_name, IFNULL(actor_id, '-'), via,
	    address, action, target_kind, target_id, reason)
	    FROM audit_log ORDER BY id DESC LIMIT 1"
}

# one_row WHAT BEFORE EXPECTED: exactly one row was added since BEFORE,
# and it is EXPECTED.
one_row() {
	expect_eq "$1: one audit row" "$(audit_n)" "$(($2 + 1))"
	expect_eq "... who, how, where, what, why" "$(audit_last)" "$3"
}

# no_row WHAT BEFORE: no row was added since BEFORE.
no_row() {
	expect_eq "$1: no audit row" "$(audit_n)" "$2"
}

# admin_rc ARG...: run kaaj-admin without SUDO_USER; ADMIN_RC, ADMIN_OUT
# (stdout), ADMIN_ERR (stderr).
admin_rc() {
	ADMIN_RC=0
	ADMIN_OUT=$(SUDO_USER='' kaaj_admin "$@" 2>"$KAAJ_WORK/t74.err") ||
		ADMIN_RC=$?
	ADMIN_ERR=$(cat "$KAAJ_WORK/t74.err")
}

make_user "$EMP" >/dev/null
WK_ID=$(make_user "$WK")
BAN=t74b_$RUN		# banned and unbanned by kaaj-admin
BAN_ID=$(make_user "$BAN")
ADM_ID=$(db_sql "INSERT INTO users (username, email, password_hash, status,
    is_admin) VALUES ('$ADM', '$ADM@t74.invalid', 'x', 'active', 1);
    SELECT LAST_INSERT_ID()")
ES=$(new_session "$EMP")
W=$(new_session "$WK")
AS=$(new_session "$ADM")
WEB="$ADM|$ADM_ID|web|127.0.0.1"

say "kaaj-admin's arguments"
for h in --help -h help; do
	admin_rc $h
	expect_eq "kaaj-admin $h exits 0" "$ADMIN_RC" 0
	expect_match "... with the usage on stdout" "$ADMIN_OUT" '^usage: kaaj-admin'
	expect_match "... naming credit's --reason" "$ADMIN_OUT" 'credit USERNAME AMOUNT --reason TEXT'
done
admin_rc credit --help
expect_eq "kaaj-admin credit --help exits 0" "$ADMIN_RC" 0
admin_rc frobnicate
expect_eq "an unknown command exits 2" "$ADMIN_RC" 2
expect_match "... naming it on stderr" "$ADMIN_ERR" 'unknown command: frobnicate'
admin_rc --frob
expect_eq "an unknown option exits 2" "$ADMIN_RC" 2
expect_match "... naming it" "$ADMIN_ERR" 'unknown option: --frob'
admin_rc credit "$WK" --reason "t74"
expect_eq "a missing argument exits 2" "$ADMIN_RC" 2
expect_match "... saying so" "$ADMIN_ERR" 'missing argument for credit'
admin_rc ledger-check extra
expect_eq "an extra argument exits 2" "$ADMIN_RC" 2
expect_match "... naming it" "$ADMIN_ERR" 'unexpected argument: extra'
admin_rc credit "$WK" abc --reason "t74"
expect_eq "a bad amount exits 2" "$ADMIN_RC" 2
expect_match "... naming it" "$ADMIN_ERR" 'abc: the amount must be a number'
admin_rc cron --reason "x"
expect_eq "--reason on a command that takes none exits 2" "$ADMIN_RC" 2
before=$(audit_n)
for cmd in "credit $WK 5" "ban $BAN" "unban $BAN"; do
	# shellcheck disable=SC2086
	admin_rc $cmd
	expect_eq "$cmd without --reason exits 2" "$ADMIN_RC" 2
	expect_match "... asking for it" "$ADMIN_ERR" 'give the reason with --reason TEXT'
done
admin_rc create-admin "t74r_$RUN" "t74r_$RUN@t74.invalid" </dev/null
expect_eq "create-admin without --reason exits 2" "$ADMIN_RC" 2
expect_eq "... nothing changed: no money" "$(balance_by_name "$WK")" 0
expect_eq "... no ban" "$(db_sql "SELECT status FROM users WHERE id = $BAN_ID")" active
expect_eq "... no account" "$(db_sql "SELECT COUNT(*) FROM users WHERE username = 't74r_$RUN'")" 0
no_row "... and" "$before"

say "kaaj-admin's audited commands"
before=$(audit_n)
admin_rc credit "$WK" 7.25 --reason "t74 bank transfer"
expect_eq "credit exits 0" "$ADMIN_RC" 0
one_row "credit" "$before" "$ME|-|cli||user.credit|user|$WK_ID|t74 bank transfer"
expect_match "... its detail names the amount and the key" \
	"$(db_sql "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	'^amount 7.25, ledger credit:[0-9a-f]{24}$'
before=$(audit_n)
ADMIN_RC=0
SUDO_USER=t74boss kaaj_admin ban "$BAN" "t74 fake proofs" >/dev/null 2>&1 || ADMIN_RC=$?
expect_eq "ban USER REASON (the older form) exits 0" "$ADMIN_RC" 0
one_row "ban under sudo" "$before" "$ME via sudo t74boss|-|cli||user.ban|user|$BAN_ID|t74 fake proofs"
before=$(audit_n)
admin_rc unban "$BAN" --reason "t74 appeal"
one_row "unban" "$before" "$ME|-|cli||user.unban|user|$BAN_ID|t74 appeal"
before=$(audit_n)
admin_rc unban "$BAN" --reason "t74 again"
expect_eq "unban of a user not banned exits 0" "$ADMIN_RC" 0
no_row "... changed nothing" "$before"
admin_rc ban "$BAN" --reason="t74 second"
one_row "ban --reason=TEXT" "$before" "$ME|-|cli||user.ban|user|$BAN_ID|t74 second"
admin_rc unban "$BAN" --reason "t74 back"
before=$(audit_n)
ADMIN_RC=0
printf 'a long admin password 74\n' |
	SUDO_USER='' kaaj_admin create-admin "t74n_$RUN" "t74n_$RUN@t74.invalid" \
	--reason "t74 new colleague" >/dev/null 2>&1 || ADMIN_RC=$?
expect_eq "create-admin exits 0" "$ADMIN_RC" 0
NEW_ID=$(db_sql "SELECT id FROM users WHERE username = 't74n_$RUN'")
one_row "create-admin" "$before" "$ME|-|cli||user.create_admin|user|$NEW_ID|t74 new colleague"
before=$(audit_n)
printf 'a long admin password 74\n' |
	kaaj_admin create-admin "t74n_$RUN" "t74m_$RUN@t74.invalid" --reason t74 \
	>/dev/null 2>&1 || true
no_row "create-admin of a taken name" "$before"
expect_eq "the stack's migrate wrote one row, as the OS user" \
	"$(db_sql "SELECT CONCAT_WS('|', via, target_kind, target_id, detail)
	    FROM audit_log WHERE action = 'schema.migrate' ORDER BY id LIMIT 1")" \
	"cli|schema|$(kaaj_admin schema-version)|schema version 0 to $(kaaj_admin schema-version)"
expect_eq "... and its load-demo one" \
	"$(db_sql "SELECT COUNT(*) FROM audit_log WHERE action = 'demo.load'")" 1
admin_rc migrate
no_row "migrate with nothing to apply" "$before"
admin_rc load-demo
no_row "load-demo that added nothing" "$before"
admin_rc sweep-uploads
no_row "sweep-uploads that removed nothing" "$before"
mkdir -p "$KAAJ_UPLOAD_DIR/screenshots"
stray=$KAAJ_UPLOAD_DIR/screenshots/$(random_hex 16).png
: >"$stray"
touch -d '2 hours ago' "$stray"
admin_rc sweep-uploads --reason "t74 tidy"
if [[ -e $stray ]]; then
	warn "the stray upload was not swept (name shape?); skipping its row"
else
	one_row "sweep-uploads that removed a file" "$before" "$ME|-|cli||uploads.sweep|site|0|t74 tidy"
fi

say "deposits"
# deposit AMOUNT REF: the worker's deposit request; prints its id.
deposit() {
	spost "$W" /wallet/deposit method=bkash "amount=$1" "txn_ref=$2" >/dev/null
	db_sql "SELECT MAX(id) FROM deposits WHERE user_id = $WK_ID"
}
D1=$(deposit 3.00 "T74A$RUN")
before=$(audit_n)
spost "$AS" /admin/deposits/confirm "id=$D1"
expect_status 303 "an admin confirms a deposit"
one_row "deposit confirm" "$before" "$WEB|deposit.confirm|deposit|$D1|"
before=$(audit_n)
spost "$AS" /admin/deposits/confirm "id=$D1"
expect_header Location 'already_decided' "confirming it again is refused"
no_row "... and" "$before"
D2=$(deposit 4.00 "T74B$RUN")
spost "$AS" /admin/deposits/reject "id=$D2" "reason=t74 no such payment"
one_row "deposit reject" "$before" "$WEB|deposit.reject|deposit|$D2|t74 no such payment"
D3=$(deposit 5.00 "T74C$RUN")
db_sql "INSERT INTO ledger_transactions (idem_key, kind, memo)
    VALUES ('deposit:$D3', 't74', 't74 key used before')" >/dev/null
before=$(audit_n)
spost "$AS" /admin/deposits/confirm "id=$D3"
no_row "a confirm whose ledger key was used (after the audit insert)" "$before"
expect_eq "... the deposit stays pending" \
	"$(db_sql "SELECT status FROM deposits WHERE id = $D3")" pending
db_sql "DELETE FROM ledger_transactions WHERE idem_key = 'deposit:$D3'
    AND kind = 't74'" >/dev/null
spost "$AS" /admin/deposits/confirm "id=$D3"
one_row "... confirmed once the key is free" "$before" "$WEB|deposit.confirm|deposit|$D3|"

say "withdrawals"
# withdraw AMOUNT: the worker's withdrawal request; prints its id.
withdraw() {
	spost "$W" /wallet/withdraw method=bkash account=01712345678 \
		"amount=$1" "request_key=$(random_hex 16)" >/dev/null
	db_sql "SELECT MAX(id) FROM withdrawals WHERE user_id = $WK_ID"
}
W1=$(withdraw 5.00)
before=$(audit_n)
spost "$AS" /admin/withdrawals/pay "id=$W1" "payout_ref=BK$RUN"
one_row "withdrawal pay" "$before" "$WEB|withdrawal.pay|withdrawal|$W1|"
expect_match "... its detail has the payout reference" \
	"$(db_sql "SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")" "payout ref BK$RUN"
W2=$(withdraw 5.00)
before=$(audit_n)
spost "$AS" /admin/withdrawals/reject "id=$W2" "reason=t74 wrong number"
one_row "withdrawal reject" "$before" "$WEB|withdrawal.reject|withdrawal|$W2|t74 wrong number"
spost "$AS" /admin/withdrawals/pay "id=$W2" "payout_ref=X"
no_row "paying the rejected one" "$((before + 1))"

say "campaigns"
C1=$(new_campaign 2 0)
C2=$(new_campaign 2 0)
db_sql "UPDATE campaigns SET status = 'pending' WHERE id IN ($C1, $C2)" >/dev/null
before=$(audit_n)
spost "$AS" /admin/campaigns/approve "id=$C1"
one_row "campaign approve" "$before" "$WEB|campaign.approve|campaign|$C1|"
spost "$AS" /admin/campaigns/approve "id=$C1"
no_row "approving it again" "$((before + 1))"
before=$(audit_n)
spost "$AS" /admin/campaigns/reject "id=$C2" "reason=t74 asks for passwords"
one_row "campaign reject" "$before" "$WEB|campaign.reject|campaign|$C2|t74 asks for passwords"

say "disputes"
C3=$(new_campaign 2 0)
claim "$W" "$C3"; T3=$TASK; send_proof "$W" "$T3"; rate_as "$ES" "$C3" "$T3" not_satisfied
spost "$W" /tasks/dispute "task=$T3" "message=I did sign up, please look again."
DS=$(db_sql "SELECT id FROM disputes WHERE task_id = $T3")
before=$(audit_n)
spost "$AS" /admin/disputes/decide "id=$DS" decision=uphold "note=t74 proof is wrong"
one_row "dispute decide" "$before" "$WEB|dispute.decide|dispute|$DS|t74 proof is wrong"
spost "$AS" /admin/disputes/decide "id=$DS" decision=uphold "note=again"
no_row "deciding it again" "$((before + 1))"

say "mail"
M1=$(db_sql "INSERT INTO mail_queue (recipient, subject, body, status, attempts)
    VALUES ('t74@example.test', 't74', 'x', 'failed', 5); SELECT LAST_INSERT_ID()")
before=$(audit_n)
spost "$AS" /admin/mail/retry "id=$M1"
one_row "mail retry" "$before" "$WEB|mail.retry|mail|$M1|"
spost "$AS" /admin/mail/retry "id=$M1"
no_row "retrying a mail that is queued" "$((before + 1))"
db_sql "UPDATE mail_queue SET status = 'sent' WHERE id = $M1" >/dev/null

say "the page"
sget "$AS" /admin/audit
expect_status 200 "GET /admin/audit"
expect_body "<tr id=\"audit-" "it lists rows"
expect_body 'href="/admin/audit"' "the admin menu links it"
first=$(grep -o '<tr id="audit-[0-9]*"' "$HTTP_BODY" | head -1 | grep -o '[0-9]*')
expect_eq "newest first" "$first" "$(db_sql "SELECT MAX(id) FROM audit_log")"
expect_body "href=\"/admin/campaigns/$C2\">Campaign #$C2</a>" "a campaign links to its admin page"
expect_body "t74 asks for passwords" "... with its reason"
sget "$AS" "/admin/audit?kind=campaign&target=$C1"
expect_eq "filtered by target: one row" \
	"$(grep -c '<tr id="audit-' "$HTTP_BODY")" 1
expect_body 'Campaign approved' "... the approval"
sget "$AS" "/admin/audit?action=user.ban"
expect_eq "filtered by action: the two bans" \
	"$(grep -o '<tr id="audit-[0-9]*"' "$HTTP_BODY" | wc -l)" \
	"$(db_sql "SELECT COUNT(*) FROM audit_log WHERE action = 'user.ban'")"
sget "$AS" "/admin/audit?actor=$ADM"
expect_eq "filtered by actor: the admin's nine" \
	"$(grep -o '<tr id="audit-[0-9]*"' "$HTTP_BODY" | wc -l)" 9
sget "$AS" "/admin/audit?target=abc&actor=$ADM"
expect_status 200 "a wrong target"
expect_body 'The target is a number, such as 12.' "... is said at its field"
expect_body 'value="abc"' "... keeping what was typed"
expect_no_body '<tr id="audit-' "... and lists nothing"
sget "$AS" "/admin/audit?before=x"
expect_status 400 "a malformed older link is refused"
for i in $(seq 1 51); do
	db_sql "INSERT INTO audit_log (actor_name, via, action, target_kind,
	    target_id) VALUES ('t74pager_$RUN', 'cli', 'mail.retry', 'mail', $i)" >/dev/null
done
sget "$AS" "/admin/audit?actor=t74pager_$RUN"
expect_eq "50 a page" "$(grep -o '<tr id="audit-[0-9]*"' "$HTTP_BODY" | wc -l)" 50
older=$(grep -o 'id="audit-older" href="[^"]*"' "$HTTP_BODY" | sed -e 's/.*href="//' -e 's/"$//' -e 's/&amp;/\&/g')
[[ -n $older ]] || fail "an older link is shown"
sget "$AS" "$older"
expect_eq "... and the older page has the last one" \
	"$(grep -o '<tr id="audit-[0-9]*"' "$HTTP_BODY" | wc -l)" 1
# plan FORCED-KEY ACTOR ACTION KIND TARGET: EXPLAIN of the page's query
# (page_admin_audit.c) with these filters, on one line.
plan() {
	db_sql "EXPLAIN SELECT a.id FROM audit_log a FORCE INDEX ($1)
	    WHERE ('$2' = '' OR a.actor_name = '$2')
	    AND ('$3' = '' OR a.action = '$3')
	    AND ('$4' = '' OR a.target_kind = '$4')
	    AND ($5 = 0 OR a.target_id = $5)
	    AND a.id < 9223372036854775807 ORDER BY a.id DESC LIMIT 51" | tr '\t\n' '  '
}
for f in "PRIMARY||||0" "actor|t74pager_$RUN|||0" "action||mail.retry||0" \
	"target|||campaign|$C1"; do
	IFS='|' read -r key actor action kind target <<<"$f"
	p=$(plan "$key" "$actor" "$action" "$kind" "$target")
	expect_match "the ${key} filter reads one range of its key" "$p" " range .* $key "
	if [[ $p == *filesort* ]]; then
		fail "... in id order, no sort" "$p"
	else
		ok "... in id order, no sort"
	fi
done

sget "$W" /admin/audit
expect_status 403 "a user who is not an admin gets 403"

test_done
