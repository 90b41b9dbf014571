#!/bin/bash
#
# t_42_wallet: the wallet pages. A deposit request with a bad amount gets
# its message and records nothing; a good one with a PNG receipt waits for
# an admin, and its receipt is shown to its owner and admins only; an HTML
# file sent as image/png is refused. The admin confirms it (the balance
# grows by exactly its amount, once, however often confirmed) or rejects
# another with a reason. Withdrawals below the method's minimum, above its
# maximum, or above the balance are refused; 50 posted at once (on several
# kaaj.fcgi processes) on a balance covering 10 record exactly 10; one
# request_key posted twice is one request; a rejected request returns the
# money, a paid one moves the fee to revenue. The statement page lists the
# lines with a running balance, and the CSV has the same lines. The ledger
# checks out at the end.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

RUN=$(random_hex 4)
EMP=t42e_$RUN		# deposits money
WRK=t42w_$RUN		# withdraws it
OTHER=t42o_$RUN		# must not see the others' receipts

# ------------------------------------------------------------ helpers

# make_user NAME: insert an active user NAME and print its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status)
	    VALUES ('$1', '$1@t42.invalid', 'x', 'active');
	    SELECT LAST_INSERT_ID()"
}

# count_rows TABLE USER-ID [CONDITION]: the user's rows in TABLE.
count_rows() {
	db_sql "SELECT COUNT(*) FROM $1 WHERE user_id = $2${3:+ AND $3}"
}

# field_error ID: the text of the last page's error message for the
# form field ID (d-NAME in the deposit form, w-NAME in the withdrawal
# form; nothing when there is none).
field_error() {
	tr -d '\n' <"$HTTP_BODY" |
		grep -o "<p class=\"error\" id=\"err-$1\">[^<]*</p>" |
		sed -e 's/<[^>]*>//g' | head -n 1 || true
}

# expect_field_error ID REGEX WHAT: the page came again (200) with a
# message for field ID matching the extended REGEX.
expect_field_error() {
	local msg
	expect_status 200 "$3: the form again"
	msg=$(field_error "$1")
	if [[ -n $msg ]] && grep -Eq -- "$2" <<<"$msg"; then
		ok "$3: says \"$msg\""
	else
		fail "$3: a message for $1 matching /$2/" "got: '${msg}'"
		show_response
	fi
}

# A 1x1 PNG, and an HTML page that claims to be one.
write_files() {
	PNG=$KAAJ_TMP/t42.$$.png
	FAKE=$KAAJ_TMP/t42.$$.fake.png
	printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\nIDAT\x78\x9c\x63\0\x01\0\0\x05\0\x01\x0d\x0a\x2d\xb4\0\0\0\0IEND\xae\x42\x60\x82' >"$PNG"
	printf '<html><body><script>alert(1)</script></body></html>\n' >"$FAKE"
}

# ------------------------------------------------------------ pages

access() {
	http GET /wallet
	expect_status 303 "GET /wallet without a session goes to the login page"
	expect_header Location '/login\?next=/wallet$' "... and back to /wallet after it"
	sget "$ES" /wallet
	expect_status 200 "GET /wallet"
	expect_body 'name="amount"' "the wallet page has the amount fields"
	expect_body 'bKash' "... and the deposit and payout methods"

	http POST /wallet/deposit -b "kaaj_session=$ES" --data-urlencode method=bkash \
		--data-urlencode amount=5 --data-urlencode txn_ref=NOCSRF
	expect_status 403 "POST /wallet/deposit without csrf"
	http POST /wallet/withdraw -b "kaaj_session=$WS" --data-urlencode method=bkash \
		--data-urlencode amount=5 --data-urlencode account=01712345678 \
		--data-urlencode "request_key=$(random_hex 16)"
	expect_status 403 "POST /wallet/withdraw without csrf"
	sget "$ES" /admin/deposits
	expect_status 403 "GET /admin/deposits as a user"
	sget "$ES" /admin/withdrawals
	expect_status 403 "GET /admin/withdrawals as a user"
}

# bad_deposit AMOUNT REGEX: a deposit of AMOUNT is refused with a message
# for the amount field matching REGEX, and records nothing.
bad_deposit() {
	local before
	before=$(count_rows deposits "$EID")
	spost "$ES" /wallet/deposit method=bkash "amount=$1" "txn_ref=BAD$RUN$(random_hex 2)"
	expect_field_error d-amount "$2" "deposit of '$1'"
	expect_eq "deposit of '$1': records nothing" "$(count_rows deposits "$EID")" "$before"
}

deposits() {
	local before id id2 bal0 url
	write_files
	bad_deposit -1 '^The amount cannot be negative\.$'
	bad_deposit 0 '^The amount must be more than zero\.$'
	bad_deposit abc '^Enter the amount as a plain number'
	bad_deposit 0.0000001 '^The amount can have at most 6 decimals\.$'
	bad_deposit 99999999999999 '^That amount is too large\.$'
	bad_deposit 0.99 '^The smallest deposit by this method is 1\.00 USD\.$'
	bad_deposit '' '^Please enter an amount\.$'
	before=$(count_rows deposits "$EID")
	spost "$ES" /wallet/deposit method=cash amount=5 "txn_ref=CASH$RUN"
	expect_field_error d-method '^Please choose one of the payment methods listed\.$' "deposit by an unknown method"
	spost "$ES" /wallet/deposit method=bkash amount=5 txn_ref=
	expect_field_error d-txn_ref '^Please enter the transaction ID of your payment\.$' "deposit without a transaction ID"
	expect_eq "... neither recorded anything" "$(count_rows deposits "$EID")" "$before"

	mpost "$ES" /wallet/deposit method=bkash amount=9.50 "txn_ref=HTML$RUN" \
		"file:receipt=@$FAKE;type=image/png"
	expect_field_error d-receipt '^The screenshot must be a PNG, JPEG or WebP image\.$' \
		"a receipt that is an HTML page sent as image/png"
	expect_eq "... records nothing" "$(count_rows deposits "$EID")" "$before"

	bal0=$(balance_of available "$EID")
	mpost "$ES" /wallet/deposit method=bkash amount=25.50 "txn_ref=TRX$RUN" \
		"file:receipt=@$PNG;type=image/png"
	expect_status 303 "a deposit of 25.50 with a PNG receipt"
	expect_header Location '/wallet\?notice=deposit_sent$' "... back to the wallet with a notice"
	id=$(db_sql "SELECT id FROM deposits WHERE user_id = $EID AND txn_ref = 'TRX$RUN'")
	expect_eq "... recorded as pending, 25.50, with a receipt" \
		"$(db_sql "SELECT CONCAT_WS('|', status, amount, method, receipt IS NOT NULL)
		    FROM deposits WHERE id = ${id:-0}")" "pending|25500000|bkash|1"
	expect_eq "... moves no money yet" "$(balance_of available "$EID")" "$bal0"
	spost "$ES" /wallet/deposit method=bkash amount=7 "txn_ref=TRX$RUN"
	expect_field_error d-txn_ref '^This transaction ID was already submitted\.$' "the same transaction ID again"

	# The receipt: its owner and admins only.
	sget "$AS" /admin/deposits
	expect_status 200 "GET /admin/deposits as admin"
	expect_body "TRX$RUN" "... lists the pending deposit"
	sget "$AS" "/admin/deposits?q=TRX$RUN"
	expect_eq "the deposits found by transaction ID: one request" \
		"$(grep -c '<li class="request' "$HTTP_BODY" || true)" 1
	expect_body "TRX$RUN" "... that one"
	sget "$AS" "/admin/deposits?q=nobody_$RUN"
	expect_body "Nothing is waiting." "a deposit search that matches nothing says so"
	url=$(grep -o '/receipts/[^"<> ]*' "$HTTP_BODY" | head -n 1 || true)
	[[ -n $url ]] || url=/receipts/$id
	sget "$ES" "$url"
	expect_status 200 "GET $url as its owner"
	expect_header Content-Type '^image/png' "... served as image/png"
	expect_header X-Content-Type-Options '^nosniff$' "... with nosniff"
	check "... the very bytes uploaded" cmp -s "$HTTP_BODY" "$PNG"
	sget "$AS" "$url"
	expect_status 200 "GET $url as admin"
	sget "$OS" "$url"
	expect_status 404 "GET $url as another user"
	http GET "$url"
	if [[ $HTTP_STATUS == 404 || $HTTP_STATUS == 303 ]]; then
		ok "GET $url without a session is refused ($HTTP_STATUS)"
	else
		fail "GET $url without a session is refused" "got $HTTP_STATUS"
	fi
	sget "$ES" /receipts/999999999
	expect_status 404 "GET /receipts/999999999"

	# Confirmed once, however often.
	spost "$ES" /admin/deposits/confirm "id=$id"
	expect_status 403 "the owner cannot confirm their own deposit"
	expect_eq "... no money" "$(balance_of available "$EID")" "$bal0"
	spost "$AS" /admin/deposits/confirm "id=$id"
	expect_status 303 "admin confirms the deposit"
	expect_eq "... the balance grew by exactly 25.50" \
		"$(balance_of available "$EID")" $((bal0 + 25500000))
	expect_eq "... confirmed" "$(db_sql "SELECT status FROM deposits WHERE id = $id")" confirmed
	spost "$AS" /admin/deposits/confirm "id=$id"
	expect_status 303 "admin confirms it again"
	expect_header Location 'notice=already_decided$' "... with the notice already_decided"
	http GET "$(http_header Location | sed -e "s|^$KAAJ_URL||")" -b "kaaj_session=$AS"
	expect_body "already" "... and is told it was already decided"
	expect_eq "... the balance did not grow again" \
		"$(balance_of available "$EID")" $((bal0 + 25500000))
	expect_eq "... one ledger transaction for it" \
		"$(db_sql "SELECT COUNT(*) FROM ledger_transactions WHERE idem_key = 'deposit:$id'")" 1
	spost "$AS" /admin/deposits/reject "id=$id" "reason=changed my mind"
	expect_eq "rejecting a confirmed deposit takes nothing back" \
		"$(balance_of available "$EID")" $((bal0 + 25500000))

	# Rejected with a reason: no money.
	spost "$ES" /wallet/deposit method=nagad amount=3 "txn_ref=REJ$RUN"
	expect_status 303 "a second deposit (no receipt)"
	id2=$(db_sql "SELECT id FROM deposits WHERE user_id = $EID AND txn_ref = 'REJ$RUN'")
	spost "$AS" /admin/deposits/reject "id=$id2" "reason=No payment REJ$RUN arrived"
	expect_status 303 "admin rejects it with a reason"
	expect_eq "... rejected, with the reason" \
		"$(db_sql "SELECT CONCAT_WS('|', status, reason) FROM deposits WHERE id = ${id2:-0}")" \
		"rejected|No payment REJ$RUN arrived"
	expect_eq "... no money" "$(balance_of available "$EID")" $((bal0 + 25500000))
	spost "$AS" /admin/deposits/confirm "id=$id2"
	expect_eq "confirming the rejected one credits nothing" \
		"$(balance_of available "$EID")" $((bal0 + 25500000))
	sget "$ES" /wallet
	expect_body "No payment REJ$RUN arrived" "the owner sees the reason"
}

# bad_withdrawal AMOUNT REGEX [METHOD]: a withdrawal of AMOUNT is refused
# with a message matching REGEX and records nothing.
bad_withdrawal() {
	local before msg
	before=$(count_rows withdrawals "$WID")
	spost "$WS" /wallet/withdraw "method=${3:-bkash}" account=01712345678 \
		"amount=$1" "request_key=$(random_hex 16)"
	expect_status 200 "withdrawal of '$1': the form again"
	msg=$(field_error w-amount)
	[[ -n $msg ]] || msg=$(tr -d '\n' <"$HTTP_BODY" |
		grep -o '<p class="error[^"]*"[^>]*>[^<]*</p>' | sed -e 's/<[^>]*>//g' |
		head -n 1 || true)
	if [[ -n $msg ]] && grep -Eq -- "$2" <<<"$msg"; then
		ok "withdrawal of '$1': says \"$msg\""
	else
		fail "withdrawal of '$1': a message matching /$2/" "got: '${msg}'"
		show_response
	fi
	expect_eq "withdrawal of '$1': records nothing" "$(count_rows withdrawals "$WID")" "$before"
}

# race_withdrawals N AMOUNT: post N withdrawals of AMOUNT at once, each
# with its own request_key; print the status codes, one a line.
race_withdrawals() {
	local n=$1 i dir=$KAAJ_TMP/t42race.$$ csrf pids=()
	rm -rf "$dir"
	mkdir -p "$dir"
	csrf=$(csrf_token "$WS")
	for ((i = 0; i < n; i++)); do
		curl -sS --globoff --max-time 30 -o "$dir/$i.body" -w '%{http_code}\n' \
			-b "kaaj_session=$WS" --data-urlencode "csrf=$csrf" \
			--data-urlencode method=bkash --data-urlencode account=01712345678 \
			--data-urlencode "amount=$2" \
			--data-urlencode "request_key=$(random_hex 16)" \
			"$KAAJ_URL/wallet/withdraw" >"$dir/$i.code" 2>/dev/null &
		pids+=($!)
	done
	for i in "${pids[@]}"; do
		wait "$i" || true
	done
	cat "$dir"/*.code
	printf '\n'
}

withdrawals() {
	local codes n303 n200 key wid rev0 out0 held
	kaaj_admin credit "$WRK" 25 --reason "t_42" >/dev/null
	expect_eq "the worker has 25.00" "$(balance_of available "$WID")" 25000000

	bad_withdrawal 1.99 '^The smallest withdrawal by this method is 2\.00 USD\.$'
	bad_withdrawal 500.01 '^The largest withdrawal by this method is 500\.00 USD\.$'
	bad_withdrawal 25.01 '^Not enough money: your balance is 25\.00 USD\.$'
	bad_withdrawal -1 '^The amount cannot be negative\.$'
	bad_withdrawal 0 '^The amount must be more than zero\.$'
	bad_withdrawal abc '^Enter the amount as a plain number'
	bad_withdrawal 0.0000001 '^The amount can have at most 6 decimals\.$'
	bad_withdrawal 4.99 '^The smallest withdrawal by this method is 5\.00 USD\.$' paypal
	spost "$WS" /wallet/withdraw method=bkash account=01712345678 amount=2.50 \
		"request_key=NOT-A-KEY-$RUN"
	expect_field_error w-request_key '^The form was damaged' "a withdrawal with a malformed request_key"
	expect_eq "... records nothing" "$(count_rows withdrawals "$WID")" 0

	# 50 at once on a balance covering 10, on 8 kaaj.fcgi processes.
	fcgi_stop
	fcgi_start 8
	wait_http_ready /
	codes=$(race_withdrawals 50 2.50 | tr -s ' \n' '\n' | grep -v '^$' || true)
	fcgi_stop
	fcgi_start 1
	wait_http_ready /
	n303=$(grep -c '^303$' <<<"$codes" || true)
	n200=$(grep -c '^200$' <<<"$codes" || true)
	expect_eq "50 withdrawals of 2.50 at once on 25.00: 10 sent (303)" "$n303" 10
	expect_eq "... 40 refused (200, the form again)" "$n200" 40
	expect_eq "... exactly 10 requests recorded" "$(count_rows withdrawals "$WID")" 10
	expect_eq "... available exactly 0" "$(balance_of available "$WID")" 0
	expect_eq "... held exactly 10 x 2.50" "$(balance_of held "$WID")" 25000000
	expect_eq "... no account below zero" \
		"$(db_sql "SELECT COUNT(*) FROM ledger_accounts WHERE may_go_negative = 0 AND balance < 0")" 0
	expect_eq "... each holds 2.50 with a fee of 0.15" \
		"$(db_sql "SELECT CONCAT(COUNT(*), '|', MIN(amount), '|', MAX(amount), '|', MIN(fee), '|', MAX(fee))
		    FROM withdrawals WHERE user_id = $WID")" "10|2500000|2500000|150000|150000"
	bad_withdrawal 2.00 '^Not enough money: your balance is 0\.00 USD\.$'

	# Rejected: the money comes back.
	wid=$(db_sql "SELECT MIN(id) FROM withdrawals WHERE user_id = $WID")
	sget "$AS" /admin/withdrawals
	expect_status 200 "GET /admin/withdrawals as admin"
	expect_body 01712345678 "... lists the payout account"

	# The queue's search box: a username, an account, a request number.
	other=$(db_sql "SELECT MIN(id) FROM withdrawals WHERE status = 'pending' AND user_id <> $WID")
	sget "$AS" "/admin/withdrawals?q=$WRK"
	expect_body "id=\"withdrawal-$wid\"" "the queue found by username lists that user's request"
	expect_eq "... only that user's: 10 requests" \
		"$(grep -c '<li class="request"' "$HTTP_BODY" || true)" 10
	expect_body "Waiting requests that match <b>$WRK</b>" "... and says what it shows"
	expect_no_body "Decided lately" "... without the decided list"
	# the account typed in Bengali digits: ০১৭১২৩৪৫৬৭৮
	sget "$AS" "/admin/withdrawals?q=%E0%A7%A6%E0%A7%A7%E0%A7%AD%E0%A7%A7%E0%A7%A8%E0%A7%A9%E0%A7%AA%E0%A7%AB%E0%A7%AC%E0%A7%AD%E0%A7%AE"
	expect_body "id=\"withdrawal-$wid\"" "the queue found by the account typed in Bengali digits"
	sget "$AS" "/admin/withdrawals?q=%23$wid"
	expect_eq "the queue found by #$wid lists that one request" \
		"$(grep -c '<li class="request"' "$HTTP_BODY" || true)" 1
	expect_body "id=\"withdrawal-$wid\"" "... the right one"
	if [[ -n $other && $other != NULL ]]; then
		expect_no_body "id=\"withdrawal-$other\"" "... not another user's"
	fi
	sget "$AS" "/admin/withdrawals?q=+nobody_$RUN+"
	expect_body "Nothing is waiting." "a search that matches nothing says nothing is waiting"
	expect_body "value=\"nobody_$RUN\"" "... and keeps the words, trimmed"
	sget "$AS" "/admin/withdrawals?q=$(printf 'x%.0s' {1..121})"
	expect_field_error q '^Type at most 120 characters' "a search of 121 characters"
	expect_no_body '<li class="request"' "... lists nothing"
	sget "$AS" "/admin/withdrawals?q=a%01b"
	expect_status 400 "a search with a control character is refused as a bad request"
	spost "$WS" /admin/withdrawals/reject "id=$wid" "reason=self"
	expect_status 403 "the worker cannot decide their own request"
	spost "$AS" /admin/withdrawals/reject "id=$wid" "reason=Wrong number $RUN <script>alert(1)</script>"
	expect_status 303 "admin rejects a request with a reason"
	expect_eq "... 2.50 back to available" "$(balance_of available "$WID")" 2500000
	expect_eq "... held 22.50" "$(balance_of held "$WID")" 22500000
	spost "$AS" /admin/withdrawals/reject "id=$wid" "reason=again"
	expect_header Location 'notice=already_decided$' "rejecting it again: already decided"
	expect_eq "rejecting it again returns nothing more" "$(balance_of available "$WID")" 2500000
	spost "$AS" /admin/withdrawals/pay "id=$wid" "payout_ref=LATE$RUN"
	expect_eq "paying the rejected one moves nothing" \
		"$(balance_of available "$WID"),$(balance_of held "$WID")" "2500000,22500000"

	# One request_key twice: one request (on a balance covering two).
	kaaj_admin credit "$WRK" 2.50 --reason "t_42 second" >/dev/null
	key=$(random_hex 16)
	spost "$WS" /wallet/withdraw method=bkash account=01712345678 amount=2.50 "request_key=$key"
	expect_status 303 "a withdrawal with a new request_key"
	spost "$WS" /wallet/withdraw method=bkash account=01712345678 amount=2.50 "request_key=$key"
	expect_eq "the same request_key again: still one request" \
		"$(count_rows withdrawals "$WID" "request_key = '$key'")" 1
	expect_eq "... 2.50 taken once" "$(balance_of available "$WID")" 2500000
	bad_withdrawal 2.50abc '^Enter the amount as a plain number'

	# Paid: held goes out, the fee to revenue.
	wid=$(db_sql "SELECT MAX(id) FROM withdrawals WHERE user_id = $WID AND status = 'pending'")
	rev0=$(balance_of revenue 0)
	out0=$(balance_of outside 0)
	held=$(balance_of held "$WID")
	spost "$AS" /admin/withdrawals/pay "id=$wid" "payout_ref=PAID$RUN"
	expect_status 303 "admin marks a request paid"
	expect_eq "... held down by 2.50" "$(balance_of held "$WID")" $((held - 2500000))
	expect_eq "... revenue up by the fee 0.15" "$(balance_of revenue 0)" $((rev0 + 150000))
	expect_eq "... 2.35 went out" "$(balance_of outside 0)" $((out0 + 2350000))
	expect_eq "... paid, with its reference" \
		"$(db_sql "SELECT CONCAT_WS('|', status, payout_ref) FROM withdrawals WHERE id = $wid")" \
		"paid|PAID$RUN"
	spost "$AS" /admin/withdrawals/pay "id=$wid" "payout_ref=AGAIN$RUN"
	expect_header Location 'notice=already_decided$' "paying it again: already decided"
	expect_eq "paying it again moves nothing" \
		"$(balance_of revenue 0),$(balance_of held "$WID")" "$((rev0 + 150000)),$((held - 2500000))"

	expect_eq "the worker was told once of the payout and once of the refusal" \
		"$(db_sql "SELECT CONCAT(SUM(kind = 'withdrawal_paid'), ',',
		    SUM(kind = 'withdrawal_rejected')) FROM notifications
		    WHERE user_id = $WID")" "1,1"
	sget "$WS" /notifications
	expect_body "Your withdrawal was paid" "the notifications page says it was paid"
	expect_body "Wrong number $RUN &lt;script&gt;" "... and why the other was refused, escaped"

	sget "$WS" /wallet
	expect_body "Wrong number $RUN &lt;script&gt;" "the worker sees why a request was rejected"
	expect_no_body "<script>alert(1)" "... escaped"
	expect_body "PAID$RUN" "... and the paid one's reference"
}

# ------------------------------------------------------------ statements

# page_rows: the statement lines of the last page (rows <tr id="leg-N">),
# "DATE|AMOUNT|BALANCE" a line, as shown, amounts without a "+" sign.
page_rows() {
	tr -d '\n' <"$HTTP_BODY" | sed -e 's|</tr>|</tr>\n|g' |
		grep '<tr id="leg-' | sed -e 's|</td>|\t|g' -e 's/<[^>]*>//g' |
		awk -F'\t' '{ n = NF; while (n > 0 && $n ~ /^[[:space:]]*$/) n--;
		    a = $(n - 1); sub(/^[[:space:]]*[+]?/, "", a); sub(/[[:space:]]*$/, "", a);
		    b = $n; gsub(/[[:space:]]/, "", b); print $1 "|" a "|" b }'
}

# csv_rows: the lines of the CSV in the last body, "DATE|AMOUNT|BALANCE"
# a line (the description, quoted when it holds a comma, sits between).
csv_rows() {
	tr -d '\r' <"$HTTP_BODY" | tail -n +2 |
		awk -F, 'NF >= 5 { print $1 "|" $(NF - 1) "|" $NF }'
}

# statements USER-ID TOKEN WHAT: the statement pages, followed to the
# oldest line, and the CSV list the same lines, newest first, in the same
# order, each balance the one before plus the amount, the newest one the
# available balance now.
statements() {
	local user=$1 tok=$2 what=$3 rows="" next pages=0 csvrows n
	next=/wallet/statement
	while [[ -n $next ]] && ((pages < 20)); do
		sget "$tok" "$next"
		expect_status 200 "$what: GET $next"
		rows+=$(page_rows)$'\n'
		pages=$((pages + 1))
		next=$(grep -o 'href="/wallet/statement?before=[0-9]*' "$HTTP_BODY" | head -n 1 | sed 's/^href="//' || true)
	done
	rows=$(grep -v '^$' <<<"$rows" || true)
	n=$(grep -c . <<<"$rows" || true)

	http GET /wallet/statement.csv -b "kaaj_session=$tok"
	expect_status 200 "$what: GET /wallet/statement.csv"
	expect_header Content-Type '^text/csv' "$what: ... as text/csv"
	expect_eq "$what: the CSV header" "$(head -n 1 "$HTTP_BODY" | tr -d '\r')" \
		"date,kind,description,amount,balance"
	csvrows=$(csv_rows)
	expect_eq "$what: the CSV has the $n lines of the $pages page(s)" \
		"$(grep -c . <<<"$csvrows" || true)" "$n"
	if [[ $csvrows == "$rows" ]]; then
		ok "$what: the CSV's dates, amounts and balances are the pages', in order"
	else
		fail "$what: the CSV's dates, amounts and balances are the pages', in order" \
			"$(diff <(echo "$rows") <(echo "$csvrows") | head -n 10)"
	fi
	if tac <<<"$csvrows" | running_ok; then
		ok "$what: each balance is the one before plus the amount"
	else
		fail "$what: each balance is the one before plus the amount" "$(head -n 10 <<<"$csvrows")"
	fi
	expect_eq "$what: the newest balance is the balance now" \
		"$(to_micro "$(head -n 1 <<<"$csvrows" | cut -d'|' -f3)")" \
		"$(balance_of available "$user")"
}

# more_lines USER N: give USER N more statement lines (credits of 0.01,
# their reasons holding a comma and quotes).
more_lines() {
	local i
	for ((i = 1; i <= $2; i++)); do
		kaaj_admin credit "$1" 0.01 --reason "t_42 line $i, \"quoted\"" >/dev/null ||
			die "kaaj-admin credit $1 failed"
	done
}

# running_ok: true if the "DATE|AMOUNT|BALANCE" lines on stdin, oldest
# first, each have a balance equal to the sum of the amounts so far.
running_ok() {
	local d a b running=0 n=0
	while IFS='|' read -r d a b; do
		[[ -n $a ]] || continue
		running=$((running + $(to_micro "$a")))
		(($(to_micro "$b") == running)) || return 1
		n=$((n + 1))
	done
	((n > 0))
}

# to_micro AMOUNT: a decimal amount ("-2.50") in micro-units.
to_micro() {
	local s=$1 sign=1 units frac
	if [[ $s == -* ]]; then
		sign=-1
		s=${s#-}
	fi
	units=${s%%.*}
	frac=${s#"$units"}
	frac=${frac#.}000000
	frac=${frac:0:6}
	echo $((sign * (10#${units:-0} * 1000000 + 10#$frac)))
}

main() {
	EID=$(make_user "$EMP")
	WID=$(make_user "$WRK")
	make_user "$OTHER" >/dev/null
	ES=$(new_session "$EMP")
	WS=$(new_session "$WRK")
	OS=$(new_session "$OTHER")
	AS=$(new_session admin)
	access
	deposits
	withdrawals
	statements "$EID" "$ES" "employer's statement"
	more_lines "$WRK" 45
	statements "$WID" "$WS" "worker's statement"
	http GET /wallet/statement.csv -b "kaaj_session=$WS"
	expect_body 't_42 line 7, ""quoted""' "a description with a comma and quotes is quoted in the CSV"
	expect_ledger_ok "at the end"
	test_done
}

main "$@"
