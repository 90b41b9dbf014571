#!/bin/bash
#
# t_43_deposit_refs: which deposit requests may share a payment's
# transaction ID, through the pages. A rejected request frees its ID: the
# same payer, or another user, sends it again. A payer cannot send an ID
# of their own pending request again: the form comes back with the message
# at the transaction ID and what was typed kept, and no receipt is stored.
# An ID another user sent first does not refuse the payer: both requests
# wait, next to each other on the admins' queue, marked as a conflict and
# each listing the other. Of the two, one is confirmed; confirming the
# other is refused with a notice and moves nothing. Two admins confirming
# the two requests of one ID at once (four posts, on four kaaj.fcgi
# processes, for several rounds) confirm exactly one; the balances are
# exact and kaaj-admin ledger-check passes. (kaaj-admin has no deposit
# command; money_probe's deposit-refs scenario in t_40 races the same
# rule below the pages.)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=accounts.sh
. "$KAAJ_SRCDIR/tests/integration/accounts.sh"

RUN=$(random_hex 4)
PAYER=t43p_$RUN		# sends the deposits
OTHER=t43o_$RUN		# sends the same IDs
ADMIN2=t43a_$RUN	# a second admin
ROUNDS=8		# rounds of the confirm race

# ------------------------------------------------------------ helpers

# add_user NAME [IS-ADMIN]: insert an active user NAME and print its id.
add_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status,
	    is_admin) VALUES ('$1', '$1@t43.invalid', 'x', 'active', ${2:-0});
	    SELECT LAST_INSERT_ID()"
}

# deposit_id USER-ID REF [STATUS]: the id of the user's latest request
# of REF (in STATUS).
deposit_id() {
	local in_state=""
	[[ -z ${3:-} ]] || in_state=" AND status = '$3'"
	db_sql "SELECT MAX(id) FROM deposits WHERE user_id = $1
	    AND txn_ref = '$2'$in_state"
}

# state_of ID: the request's status.
state_of() {
	db_sql "SELECT status FROM deposits WHERE id = $1"
}

# send TOKEN AMOUNT REF WHAT: a deposit by bkash that must be accepted.
send() {
	spost "$1" /wallet/deposit method=bkash "amount=$2" "txn_ref=$3"
	expect_status 303 "$4"
	expect_header Location '/wallet\?notice=deposit_sent$' "$4: the notice deposit_sent"
}

# decide TOKEN ACTION ID [REASON]: an admin's decision on a deposit.
decide() {
	spost "$1" "/admin/deposits/$2" "id=$3" ${4+"reason=$4"}
}

# card ID: the pending request ID's card on the last page, on one line.
card() {
	tr -d '\n' <"$HTTP_BODY" | sed -e 's|<li class="request|\n&|g' |
		grep "id=\"deposit-$1\"" | sed -e 's|</form> </li>.*||' || true
}

# pending_order: the ids of the pending cards on the last page, in order.
pending_order() {
	grep -o '<li class="request[^"]*" id="deposit-[0-9]*"' "$HTTP_BODY" |
		sed -e 's/.*deposit-//' -e 's/"$//' || true
}

# receipts: how many receipt files are stored.
receipts() {
	find "$KAAJ_UPLOAD_DIR" -path '*receipts*' -type f | wc -l
}

# ------------------------------------------------------------ the rules

freed_by_reject() {
	local id
	send "$PS" 5.00 "TXA$RUN" "the payer sends TXA (5.00, a wrong amount)"
	id=$(deposit_id "$PID" "TXA$RUN")
	decide "$AS" reject "$id" "The payment was 50.00, not 5.00"
	expect_eq "... an admin rejects it" "$(state_of "$id")" rejected
	send "$PS" 50.00 "TXA$RUN" "the payer sends the rejected ID again"
	expect_eq "... recorded as pending, 50.00" \
		"$(db_sql "SELECT CONCAT_WS('|', status, amount) FROM deposits
		    WHERE id = $(deposit_id "$PID" "TXA$RUN")")" "pending|50000000"

	send "$OS" 3.00 "TXB$RUN" "another user sends TXB"
	id=$(deposit_id "$OID" "TXB$RUN")
	decide "$AS" reject "$id" "No such payment"
	expect_eq "... an admin rejects it" "$(state_of "$id")" rejected
	send "$PS" 3.00 "TXB$RUN" "the payer sends the ID the other user had rejected"
	expect_eq "... recorded as pending" \
		"$(state_of "$(deposit_id "$PID" "TXB$RUN")")" pending
}

sent_twice() {
	local before files
	before=$(db_sql "SELECT COUNT(*) FROM deposits WHERE user_id = $PID")
	files=$(receipts)
	mpost "$PS" /wallet/deposit method=bkash amount=7.25 "txn_ref=TXA$RUN" \
		"file:receipt=@$PNG;type=image/png"
	expect_status 200 "the payer sends their pending ID again: the form again"
	expect_eq "... with the message at the transaction ID" \
		"$(tr -d '\n' <"$HTTP_BODY" |
		    grep -o '<p class="error" id="err-d-txn_ref">[^<]*</p>' |
		    sed -e 's/<[^>]*>//g' || true)" \
		"This transaction ID was already submitted."
	expect_body 'aria-invalid="true" aria-describedby="err-d-txn_ref"' \
		"... the transaction ID field is marked wrong"
	expect_value amount 7.25 "... the amount typed is kept"
	expect_value txn_ref "TXA$RUN" "... the transaction ID typed is kept"
	expect_selected method bkash "... the method chosen is kept"
	expect_no_body 'id="err-d-amount"' "... nothing is said of the amount"
	expect_eq "... records nothing" \
		"$(db_sql "SELECT COUNT(*) FROM deposits WHERE user_id = $PID")" "$before"
	expect_eq "... and keeps no receipt" "$(receipts)" "$files"
}

conflict() {
	local oid pid order
	send "$OS" 10.00 "TXC$RUN" "another user sends TXC first"
	oid=$(deposit_id "$OID" "TXC$RUN")
	send "$PS" 10.00 "TXC$RUN" "the payer sends TXC too: not refused"
	pid=$(deposit_id "$PID" "TXC$RUN")
	expect_eq "... both wait" "$(state_of "$oid"),$(state_of "$pid")" pending,pending

	sget "$AS" /admin/deposits
	expect_status 200 "GET /admin/deposits"
	expect_match "... the other user's request is marked as a conflict" "$(card "$oid")" \
		'^<li class="request conflict" id="deposit-'"$oid"'"> *<p class="conflict" role="note"><strong>Conflict:</strong>'
	expect_match "... and so is the payer's" "$(card "$pid")" \
		'^<li class="request conflict" id="deposit-'"$pid"'"> *<p class="conflict" role="note"><strong>Conflict:</strong>'
	expect_match "... the other's card lists the payer's request, waiting" "$(card "$oid")" \
		"<dt>Also claimed by</dt><dd><ul class=\"claims\"> *<li><a href=\"#deposit-$pid\">#$pid</a>, <a href=\"/admin/users/[0-9]*\">$PAYER</a>, 10.00 USD, [-0-9: A-Za-z]*: <strong>waiting, in this queue</strong></li> *</ul>"
	expect_match "... the payer's card lists the other's request" "$(card "$pid")" \
		"<li><a href=\"#deposit-$oid\">#$oid</a>, <a href=\"/admin/users/[0-9]*\">$OTHER</a>, 10.00 USD"
	order=$(pending_order | tr '\n' ' ')
	expect_match "... the two are next to each other in the queue" "$order" \
		"(^| )$oid $pid "
	expect_match "... a request of an ID no one else claims is no conflict" \
		"$(card "$(deposit_id "$PID" "TXA$RUN")")" '^<li class="request" id='

	# The payer made the payment: theirs is confirmed, the other's is not.
	decide "$AS" confirm "$pid"
	expect_header Location 'notice=deposit_confirmed$' "the admin confirms the payer's request"
	expect_eq "... the payer has 10.00" "$(balance_of available "$PID")" 10000000
	sget "$AS" /admin/deposits
	expect_match "... the other's card now says the ID is confirmed" "$(card "$oid")" \
		"<li>#$pid, <a href=\"/admin/users/[0-9]*\">$PAYER</a>, 10.00 USD, [-0-9: A-Za-z]*: <strong>already confirmed: this request cannot be confirmed</strong></li>"
	decide "$ADMIN2_S" confirm "$oid"
	expect_status 303 "another admin confirms the other user's request"
	expect_header Location "notice=deposit_ref_confirmed#deposit-$oid\$" \
		"... sent back to that request with the notice deposit_ref_confirmed"
	sget "$ADMIN2_S" "/admin/deposits?notice=deposit_ref_confirmed"
	expect_body "Not confirmed: another request with the same transaction ID is confirmed already" \
		"... which says why"
	expect_eq "... it stays pending" "$(state_of "$oid")" pending
	expect_eq "... the other user has nothing" "$(balance_of available "$OID")" 0
	expect_eq "... no ledger transaction for it" \
		"$(db_sql "SELECT COUNT(*) FROM ledger_transactions WHERE idem_key = 'deposit:$oid'")" 0
	decide "$AS" reject "$oid" "Paid by someone else"
	expect_eq "the admin rejects it instead" "$(state_of "$oid")" rejected
	send "$OS" 10.00 "TXC$RUN" "the other user sends the confirmed ID again: stored"
	decide "$AS" confirm "$(deposit_id "$OID" "TXC$RUN" pending)"
	expect_header Location 'notice=deposit_ref_confirmed#deposit-' "... and cannot be confirmed"
	expect_eq "the payer still has exactly 10.00, the other nothing" \
		"$(balance_of available "$PID"),$(balance_of available "$OID")" 10000000,0
	spost "$PS" /wallet/deposit method=bkash amount=10.00 "txn_ref=TXC$RUN"
	expect_status 200 "the payer sends their confirmed ID again: refused"
	expect_body '<p class="error" id="err-d-txn_ref">This transaction ID was already submitted.</p>' \
		"... with the message at the transaction ID"
}

# ------------------------------------------------------------ the race

# race_round N: the payer (1.00) and the other user (2.00) send one ID;
# two admins each confirm both requests at once: four posts sent by one
# curl in parallel, the other user's first in odd rounds. Prints the
# notice of each answer, one a line.
race_round() {
	local ref=TXR${RUN}x$1 dir=$KAAJ_TMP/t43race.$$.$1 i tok ids
	local args=(--parallel --parallel-immediate --parallel-max 4)
	spost "$PS" /wallet/deposit method=bkash amount=1.00 "txn_ref=$ref"
	spost "$OS" /wallet/deposit method=bkash amount=2.00 "txn_ref=$ref"
	ids=("$(deposit_id "$PID" "$ref")" "$(deposit_id "$OID" "$ref")")
	(($1 % 2 == 0)) || ids=("${ids[1]}" "${ids[0]}")
	mkdir -p "$dir"
	for i in 0 1 2 3; do
		tok=$AS
		((i % 2 == 0)) || tok=$ADMIN2_S
		((i == 0)) || args+=(--next)
		args+=(-sS --globoff --max-time 30 -o /dev/null -D "$dir/$i.h"
			-b "kaaj_session=$tok" --data-urlencode "csrf=$(csrf_token "$tok")"
			--data-urlencode "id=${ids[i / 2]}" "$KAAJ_URL/admin/deposits/confirm")
	done
	curl "${args[@]}" >/dev/null 2>&1 || true
	for i in 0 1 2 3; do
		tr -d '\r' <"$dir/$i.h" | sed -n 's/^Location:.*notice=\([a-z_]*\).*/\1/Ip'
	done
	rm -rf "$dir"
}

race() {
	local round notices confirmed=0 exact=0 p0 o0 pwins=0 owins=0 ref
	p0=$(balance_of available "$PID")
	o0=$(balance_of available "$OID")
	fcgi_stop
	fcgi_start 4
	wait_http_ready /
	for ((round = 0; round < ROUNDS; round++)); do
		notices+=$(race_round "$round")$'\n'
		ref=TXR${RUN}x$round
		confirmed=$(db_sql "SELECT COUNT(*) FROM deposits WHERE txn_ref = '$ref'
		    AND status = 'confirmed'")
		((confirmed != 1)) || exact=$((exact + 1))
		pwins=$((pwins + $(db_sql "SELECT COUNT(*) FROM deposits
		    WHERE user_id = $PID AND txn_ref = '$ref' AND status = 'confirmed'")))
		owins=$((owins + $(db_sql "SELECT COUNT(*) FROM deposits
		    WHERE user_id = $OID AND txn_ref = '$ref' AND status = 'confirmed'")))
	done
	fcgi_stop
	fcgi_start 1
	wait_http_ready /
	say "  # $ROUNDS rounds: the payer's request confirmed $pwins times, the other's $owins;" \
		"$(grep -c '^deposit_ref_confirmed$' <<<"$notices" || true) posts refused by the ID's key," \
		"$(grep -c '^already_decided$' <<<"$notices" || true) as already decided"
	expect_eq "two admins confirm the two requests of one ID at once, $ROUNDS rounds: exactly one confirmed each round" \
		"$exact" "$ROUNDS"
	expect_eq "... one deposit_confirmed notice a round" \
		"$(grep -c '^deposit_confirmed$' <<<"$notices" || true)" "$ROUNDS"
	expect_eq "... the other three posts were told it was decided or the ID confirmed" \
		"$(grep -cE '^(already_decided|deposit_ref_confirmed)$' <<<"$notices" || true)" \
		"$((3 * ROUNDS))"
	expect_eq "... the payer's balance grew by exactly 1.00 a round won" \
		"$(balance_of available "$PID")" "$((p0 + 1000000 * pwins))"
	expect_eq "... the other's by exactly 2.00 a round won" \
		"$(balance_of available "$OID")" "$((o0 + 2000000 * owins))"
	expect_eq "... one ledger transaction per confirmed request" \
		"$(db_sql "SELECT COUNT(*) FROM ledger_transactions t JOIN deposits d
		    ON t.idem_key = CONCAT('deposit:', d.id)
		    WHERE d.txn_ref LIKE 'TXR${RUN}x%'")" "$ROUNDS"
	expect_ledger_ok "after the race"
}

main() {
	PID=$(add_user "$PAYER")
	OID=$(add_user "$OTHER")
	add_user "$ADMIN2" 1 >/dev/null
	PS=$(new_session "$PAYER")
	OS=$(new_session "$OTHER")
	AS=$(new_session admin)
	ADMIN2_S=$(new_session "$ADMIN2")
	PNG=$KAAJ_TMP/t43.$$.png
	printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDAT\x78\x9c\x63\0\x01\0\0\x05\0\x01\x0d\x0a\x2d\xb4\0\0\0\0IEND\xae\x42\x60\x82' >"$PNG"
	freed_by_reject
	sent_twice
	conflict
	race
	test_done
}

main "$@"
