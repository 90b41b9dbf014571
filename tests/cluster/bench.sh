#!/bin/bash
#
# tests/cluster/bench.sh: throughput of the cluster that tests/cluster/run
# started (run --bench), for docs/scaling.md: wrk on the board (GET /,
# 2 threads, 32 connections) and on the claim-and-proof cycle of
# bench/wrk/claim.lua (16 connections, 200 workers on 20 campaigns of 200
# slots, as bench/run --size tiny has them),
# SECS seconds each (default 10), through nginx to both app servers.
# Prints wrk's figures; fails only when a request failed.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../integration/lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=../integration/market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=../integration/races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"

SECS=${KAAJ_BENCH_SECONDS:-10}
RUN=$(random_hex 4)
EMP=tcb_e_$RUN
export BENCH_DIR=$KAAJ_SRCDIR/bench BENCH_WORKERS=$KAAJ_TMP/bench.workers
need_cmds wrk

# figures LABEL OUT: req/s, p50 and p99 from bench/wrk/report.lua's line;
# adds its bad answers to BAD.
figures() {
	local line req us bad p50 p99
	line=$(grep '^BENCH ' "$2") || die "wrk printed no BENCH line: $(cat "$2")"
	req=$(sed 's/.* requests=\([0-9]*\).*/\1/' <<<"$line")
	us=$(sed 's/.* duration_us=\([0-9]*\).*/\1/' <<<"$line")
	bad=$(sed 's/.* bad=\([0-9]*\).*/\1/' <<<"$line")
	p50=$(sed 's/.* p50_us=\([0-9]*\).*/\1/' <<<"$line")
	p99=$(sed 's/.* p99_us=\([0-9]*\).*/\1/' <<<"$line")
	say "# $1: $((req * 1000000 / us)) req/s, p50 $((p50 / 1000)) ms," \
		"p99 $((p99 / 1000)) ms, $bad bad of $req"
	BAD=$((BAD + bad))
}

BAD=0
out=$KAAJ_TMP/bench.board
wrk -t2 -c32 -d"${SECS}s" -s "$BENCH_DIR/wrk/report.lua" "$KAAJ_URL/" >"$out"
figures "board (GET /), 2 app servers x 2 kaaj.fcgi, 3 Galera nodes" "$out"

make_user "$EMP" >/dev/null
camps=""
for i in $(seq 1 20); do
	camps+="${camps:+,}$(new_campaign 200 0)"
done
worker_pool "tcbw${RUN}_" 200
for ((i = 0; i < 200; i++)); do
	printf '%s %s\n' "${POOL_TOKS[i]}" "$(csrf_token "${POOL_TOKS[i]}")"
done >"$BENCH_WORKERS"
out=$KAAJ_TMP/bench.claim
BENCH_CAMPAIGNS=$camps BENCH_THREADS=16 BENCH_PROOF=username \
	wrk -t16 -c16 -d"${SECS}s" -s "$BENCH_DIR/wrk/claim.lua" "$KAAJ_URL/" >"$out"
figures "claim + proof (bench/wrk/claim.lua), same cluster" "$out"
say "# tasks claimed: $(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id IN ($camps)")," \
	"proof sent: $(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id IN ($camps)
	    AND status = 'pending'")"
((BAD == 0))
