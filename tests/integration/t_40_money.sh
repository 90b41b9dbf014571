#!/bin/bash
#
# t_40_money: the money core against the real database, below the pages.
# tests/tools/money_probe runs the C-level scenarios (exact fees, escrow,
# 50 withdrawals raced on a balance covering 10, a deposit confirmed twice,
# the rules of shared transaction IDs with two users' requests of one ID
# confirmed at once for 20 rounds, pay and reject decided once); kaaj-admin
# credit refuses bad amounts and moves nothing; kaaj-admin ledger-check
# passes on a sound ledger and fails, naming the account or transaction, on
# deliberately corrupted rows, which are then put back so that later tests
# see a sound ledger. MariaDB itself refuses a negative balance (the CHECK
# constraint).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

MONEY_PROBE=$KAAJ_BUILDDIR/tests/tools/money_probe
[[ -x $MONEY_PROBE ]] ||
	die "$MONEY_PROBE is not built (make check TESTS= builds it)"

# This run's tag, for the names of the users it makes.
RUN=$(random_hex 4)

# probe SCENARIO [ARG...]: run money_probe and turn each of its "ok" and
# "FAIL" lines into a check of this script; a non-zero exit without a
# FAIL line (a crash, a setup error) fails too.
probe() {
	local out=$KAAJ_TMP/probe.$$.out err=$KAAJ_TMP/probe.$$.err rc=0
	local line failed=0
	"$MONEY_PROBE" "$KAAJ_CONF" "$@" >"$out" 2>"$err" || rc=$?
	while IFS= read -r line; do
		case $line in
		"ok    "*) ok "$* | ${line#ok    }" ;;
		"FAIL  "*)
			fail "$* | ${line#FAIL  }"
			failed=1
			;;
		"# "*) say "  $line" ;;
		*) say "        | $line" ;;
		esac
	done <"$out"
	if ((rc != 0 && !failed)); then
		fail "money_probe $* exited $rc" "$(head -n 20 "$err")"
	elif [[ -s $err ]] && ((rc != 0)); then
		sed 's/^/        stderr| /' "$err" | head -n 20
	fi
}

# make_user NAME: insert an active user NAME (no password) and print its id.
make_user() {
	db_sql "INSERT INTO users (username, email, password_hash, status)
	    VALUES ('$1', '$1@t40.invalid', 'x', 'active');
	    SELECT LAST_INSERT_ID()"
}

# account_id KIND OWNER: the id of a ledger account (empty if none).
account_id() {
	db_sql "SELECT id FROM ledger_accounts WHERE kind = '$1' AND owner_id = $2"
}

# ledger_state: a fingerprint of all the money: transactions, legs, and
# the sum of the cached balances of every account.
ledger_state() {
	db_sql "SELECT CONCAT((SELECT COUNT(*) FROM ledger_transactions), '/',
	    (SELECT COUNT(*) FROM ledger_legs), '/',
	    (SELECT COALESCE(SUM(ABS(balance)), 0) FROM ledger_accounts))"
}

# run_admin ARG...: run kaaj-admin ARG..., setting ADMIN_OUT (its stdout
# and stderr) and ADMIN_RC (its exit status).
run_admin() {
	ADMIN_RC=0
	ADMIN_OUT=$(kaaj_admin "$@" 2>&1) || ADMIN_RC=$?
}

# expect_ledger_ok WHEN: kaaj-admin ledger-check passes.
expect_ledger_ok() {
	run_admin ledger-check
	if ((ADMIN_RC == 0)) && [[ $ADMIN_OUT == *"ledger ok"* ]]; then
		ok "ledger-check passes $1"
	else
		fail "ledger-check passes $1" "exit $ADMIN_RC" "$ADMIN_OUT"
	fi
}

core_scenarios() {
	probe fees
	probe escrow
	probe race 50 10
	probe race-samekey 20
	probe confirm-twice
	probe deposit-refs 20
	probe withdraw-decide
	expect_ledger_ok "after the C-level scenarios"
}

# credit_refused AMOUNT MESSAGE-REGEX: kaaj-admin credit of AMOUNT to
# $CUSER exits 2 (a bad value, issue 13) with a message and moves no
# money.
credit_refused() {
	local before after
	before=$(ledger_state)
	run_admin credit "$CUSER" "$1" --reason "t_40 refused"
	expect_eq "credit '$1': exit status 2" "$ADMIN_RC" 2
	expect_match "credit '$1': says why" "$ADMIN_OUT" "$2"
	after=$(ledger_state)
	expect_eq "credit '$1': moved nothing" "$after" "$before"
}

admin_credit() {
	local uid got
	CUSER=t40c_$RUN
	uid=$(make_user "$CUSER")

	credit_refused -5 'must not be negative'
	credit_refused -0.01 'must not be negative'
	credit_refused 0 'must be above zero'
	credit_refused 0.000000 'must be above zero'
	credit_refused abc 'must be a number'
	credit_refused 1e3 'must be a number'
	credit_refused '1,50' 'must be a number'
	credit_refused ' 5' 'must be a number'
	credit_refused 0x10 'must be a number'
	credit_refused 0.0000001 'at most 6 decimals'
	credit_refused 1.2345678 'at most 6 decimals'
	credit_refused 99999999999999 'too large'
	credit_refused 1000000000000.000001 'too large'
	credit_refused 99999999999999999999999999 'too large'
	credit_refused '' 'no amount'
	expect_eq "no account was made for $CUSER by the refusals" \
		"$(account_id available "$uid")" ""

	run_admin credit "$CUSER" 5 --reason ""
	expect_eq "credit with an empty reason: exit 2" "$ADMIN_RC" 2
	run_admin credit "nobody_$RUN" 5 --reason "t_40"
	expect_eq "credit to an unknown user: exit 1" "$ADMIN_RC" 1
	expect_match "... names the user" "$ADMIN_OUT" "no user nobody_$RUN"
	run_admin credit "$CUSER" 5 --why "t_40"
	expect_eq "credit without --reason: exit 2" "$ADMIN_RC" 2
	expect_match "... naming the option" "$ADMIN_OUT" 'unknown option: --why'
	run_admin credit "$CUSER" 5
	expect_eq "credit with no reason at all: exit 2" "$ADMIN_RC" 2
	expect_match "... asking for --reason" "$ADMIN_OUT" '--reason TEXT'
	expect_eq "... still no money" "$(balance_of available "$uid")" 0

	run_admin credit "$CUSER" 12.345678 --reason "t_40 good credit"
	expect_eq "credit 12.345678: exit 0" "$ADMIN_RC" 0
	expect_match "... says so" "$ADMIN_OUT" "credited $CUSER 12\.345678"
	expect_eq "... balance 12.345678 exactly" \
		"$(balance_of available "$uid")" 12345678
	run_admin credit "$CUSER" 0.000001 --reason "t_40 smallest"
	expect_eq "credit 0.000001 (the smallest amount): exit 0" "$ADMIN_RC" 0
	got=$(balance_of available "$uid")
	expect_eq "... balance 12.345679" "$got" 12345679
	expect_eq "... two credit transactions, each with its memo" \
		"$(db_sql "SELECT COUNT(*) FROM ledger_transactions t
		    JOIN ledger_legs l ON l.txn_id = t.id
		    WHERE l.account_id = $(account_id available "$uid")
		    AND t.kind = 'credit' AND t.memo LIKE 't\_40 %'")" 2
	expect_ledger_ok "after the credits"
}

# expect_check_fails WHAT REGEX: ledger-check exits 1 and its output
# matches REGEX.
expect_check_fails() {
	run_admin ledger-check
	expect_eq "$1: ledger-check exits 1" "$ADMIN_RC" 1
	expect_match "$1: ledger-check names it" "$ADMIN_OUT" "$2"
}

corruption() {
	local uid acct txn out
	uid=$(db_sql "SELECT id FROM users WHERE username = '$CUSER'")
	acct=$(account_id available "$uid")
	[[ -n $acct ]] || die "no available account for $CUSER"

	# 1. A cached balance that is not the sum of its legs.
	db_sql "UPDATE ledger_accounts SET balance = balance + 1 WHERE id = $acct"
	expect_check_fails "balance of account $acct off by one" \
		"cached balance differs.*account=$acct( |$)"
	expect_match "... with the cached and the summed value" "$ADMIN_OUT" \
		"cached=12345680 legs=12345679"
	db_sql "UPDATE ledger_accounts SET balance = balance - 1 WHERE id = $acct"
	expect_ledger_ok "after putting that balance back"

	# 2. A one-legged transaction (the cached balance moved along, so
	# only the transaction is wrong).
	txn=$(db_sql "INSERT INTO ledger_transactions (idem_key, kind, memo)
	    VALUES ('t40:corrupt:$RUN', 'credit', 't_40 one leg');
	    SELECT LAST_INSERT_ID()")
	db_sql "INSERT INTO ledger_legs (txn_id, account_id, amount)
	    VALUES ($txn, $acct, 7);
	    UPDATE ledger_accounts SET balance = balance + 7 WHERE id = $acct"
	expect_check_fails "one-legged transaction $txn" \
		"do not sum to zero: txn_id=$txn sum=7"
	expect_match "... and it has fewer than two legs" "$ADMIN_OUT" \
		"fewer than two legs: txn_id=$txn "
	# 3. The same leg without its balance: the account is named too.
	db_sql "UPDATE ledger_accounts SET balance = balance - 7 WHERE id = $acct"
	expect_check_fails "a leg the cached balance of account $acct lacks" \
		"cached balance differs.*account=$acct( |$)"
	db_sql "DELETE FROM ledger_legs WHERE txn_id = $txn;
	    DELETE FROM ledger_transactions WHERE id = $txn"
	expect_ledger_ok "after removing the forged transaction"

	# 4. A transaction with no legs at all.
	txn=$(db_sql "INSERT INTO ledger_transactions (idem_key, kind, memo)
	    VALUES ('t40:empty:$RUN', 'credit', 't_40 no legs');
	    SELECT LAST_INSERT_ID()")
	expect_check_fails "a transaction without legs" \
		"fewer than two legs: txn_id=$txn idem_key=t40:empty:$RUN legs=0"
	db_sql "DELETE FROM ledger_transactions WHERE id = $txn"
	expect_ledger_ok "after removing it"

	# 5. MariaDB refuses a negative balance on an account that may not
	# go negative, whatever the SQL; only the outside world may.
	if out=$(db_sql "UPDATE ledger_accounts SET balance = -1 WHERE id = $acct" 2>&1); then
		fail "UPDATE making available account $acct negative is refused"
		db_sql "UPDATE ledger_accounts SET balance = 12345679 WHERE id = $acct"
	else
		expect_match "UPDATE making available account $acct negative is refused" \
			"$out" "CONSTRAINT .*ledger_accounts_not_negative"
	fi
	expect_eq "... its balance is unchanged" "$(balance_of available "$uid")" 12345679
	acct=$(account_id revenue 0)
	if out=$(db_sql "UPDATE ledger_accounts SET balance = balance - balance - 1
	    WHERE id = $acct" 2>&1); then
		fail "UPDATE making the revenue account negative is refused"
	else
		expect_match "UPDATE making the revenue account negative is refused" \
			"$out" "CONSTRAINT"
	fi
	expect_match "the outside world is below zero (deposits came from it)" \
		"$(balance_of outside 0)" '^-[0-9]+$'
	expect_ledger_ok "at the end"
}

main() {
	core_scenarios
	admin_credit
	corruption
	test_done
}

main "$@"
