#!/bin/bash
#
# t_55_market: the marketplace core on the stack's database, through
# tests/tools/market_probe, which checks each step itself: the whole story
# (fee exact, paid exactly once), 200 racing claims on 50 slots, a double
# approval, two overlapping cron runs, expiry, stopping, moderation,
# disputes, eligibility and revision. Then the ledger must still check.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

PROBE=$KAAJ_BUILDDIR/tests/tools/market_probe
[[ -x $PROBE ]] || die "$PROBE is not built (make check builds it)"

# probe CONF SCENARIO [ARG...]: run one scenario with CONF; pass if it
# exits 0, else show its failed checks and its last lines.
probe() {
	local conf=$1 out rc=0
	shift
	out=$("$PROBE" "$conf" "$@" 2>&1) || rc=$?
	if ((rc == 0)); then
		ok "market_probe $* ($(tail -n 1 <<<"$out"))"
	else
		fail "market_probe $*: exit status $rc"
		grep -E '^  FAIL|^        ' <<<"$out" | head -n 40 | sed 's/^/        /' || true
		tail -n 5 <<<"$out" | sed 's/^/        | /'
	fi
}

# 200 processes at once, each with its own connection.
db_sql "SET GLOBAL max_connections = GREATEST(@@max_connections, 400)"

probe "$KAAJ_CONF" story
probe "$KAAJ_CONF" race 200 50
probe "$KAAJ_CONF" double-approve
probe "$KAAJ_CONF" cron-overlap
probe "$KAAJ_CONF" expire
probe "$KAAJ_CONF" stop
probe "$KAAJ_CONF" moderation
probe "$KAAJ_CONF" dispute
probe "$KAAJ_CONF" eligibility
probe "$KAAJ_CONF" revise

# A fee that does not come out even: rounded up, and still exact.
conf=$KAAJ_TMP/market.conf
cp "$KAAJ_CONF" "$conf"
conf_set "$conf" task_percent '"7.3333"'
probe "$conf" story
probe "$conf" stop

out=$(kaaj_admin ledger-check 2>&1) && rc=0 || rc=$?
expect_eq "kaaj-admin ledger-check after the marketplace: exit status" "$rc" 0
expect_match "kaaj-admin ledger-check says" "$out" '^ledger ok$'

test_done
