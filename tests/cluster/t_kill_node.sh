#!/bin/bash
#
# t_kill_node: a Galera node dies under load, and no money is lost or
# doubled. Run by tests/cluster/run (galera.sh's helpers).
#
# LANES clients, each a worker after another, claim a slot of one funded
# campaign, send proof, and have the employer rate it satisfied (each
# rating pays the worker from the escrow), through nginx and so through
# both app servers. A few seconds in, node 2 (app server b's) is killed
# with SIGKILL; the clients go on until DEADLINE. Then:
#   - every claim, proof and rating the site answered as done is in the
#     books on the surviving nodes (Galera loses no acknowledged commit);
#   - the campaign's counters, escrow and payments are exact
#     (campaign_books: one payment per satisfied task, no other);
#   - requests went on being served after the kill (server b moved to
#     node 3); how many answers were not 303 is printed;
#   - node 2 restarts from its recovered position, catches up, and then
#     every node passes ledger-check with the same books (run's check).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../integration/lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=../integration/market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=../integration/races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"

RUN=$(random_hex 4)
EMP=tkn_e_$RUN
WORKERS=${KAAJ_KILL_WORKERS:-400}
LANES=${KAAJ_KILL_LANES:-6}
KILL_AT=4		# seconds into the load
DEADLINE=20		# seconds of load
OUT=$KAAJ_TMP/kill.$RUN
mkdir -p "$OUT"

make_user "$EMP" >/dev/null
EMP_TOK=$(new_session "$EMP")
EMP_CSRF=$(csrf_token "$EMP_TOK")
CAMP=$(new_campaign "$WORKERS" 0)
[[ $CAMP =~ ^[0-9]+$ ]] || die "no campaign made"
worker_pool "tkw${RUN}_" "$WORKERS"
for ((i = 0; i < WORKERS; i++)); do
	printf '%s %s\n' "${POOL_TOKS[i]}" "$(csrf_token "${POOL_TOKS[i]}")"
done >"$OUT/workers"

# post LANE TOKEN CSRF PATH FIELD...: one POST; prints "STATUS LOCATION".
post() {
	local lane=$1 tok=$2 csrf=$3 path=$4 args=() h=$OUT/h.$1 code
	shift 4
	for f in "$@"; do
		args+=(--data-urlencode "$f")
	done
	code=$(curl -sS --max-time 60 -o /dev/null -D "$h" -w '%{http_code}' \
		-b "kaaj_session=$tok" --data-urlencode "csrf=$csrf" "${args[@]}" \
		"$KAAJ_URL$path" 2>/dev/null) || code=000
	printf '%s %s\n' "$code" "$(sed -n 's/^[Ll]ocation: *\([^\r]*\).*/\1/p' "$h")"
}

# lane N: workers N, N+LANES, ... each claim, prove and get rated, until
# the deadline; one line per request in $OUT/lane.N:
# "SECONDS OP WORKER-INDEX TASK STATUS [LOCATION]".
lane() {
	local n=$1 i tok csrf r st loc task t0=$SECONDS
	local -a toks csrfs
	mapfile -t toks < <(cut -d' ' -f1 "$OUT/workers")
	mapfile -t csrfs < <(cut -d' ' -f2 "$OUT/workers")
	for ((i = n; i < WORKERS; i += LANES)); do
		((SECONDS - t0 < DEADLINE)) || break
		tok=${toks[i]} csrf=${csrfs[i]}
		r=$(post "$n" "$tok" "$csrf" /tasks/claim "campaign=$CAMP")
		st=${r%% *} loc=${r#* }
		task=$(sed -n 's|.*/tasks/\([0-9]*\).*|\1|p' <<<"$loc")
		echo "$((SECONDS - t0)) claim $i ${task:-0} $st ${loc:--}" >>"$OUT/lane.$n"
		[[ $st == 303 && -n $task ]] || continue
		r=$(post "$n" "$tok" "$csrf" /tasks/submit "task=$task" \
			"username=kill_$task")
		st=${r%% *}
		echo "$((SECONDS - t0)) proof $i $task $st" >>"$OUT/lane.$n"
		[[ $st == 303 ]] || continue
		r=$(post "$n" "$EMP_TOK" "$EMP_CSRF" /campaigns/rate "id=$CAMP" \
			"task=$task" rating=satisfied)
		st=${r%% *}
		echo "$((SECONDS - t0)) rate $i $task $st" >>"$OUT/lane.$n"
	done
}

say "# $LANES clients on campaign $CAMP ($WORKERS slots); node 2 dies at ${KILL_AT} s"
pids=()
for ((n = 0; n < LANES; n++)); do
	lane "$n" &
	pids+=($!)
done
sleep "$KILL_AT"
node_kill 2
say "# node 2 killed (SIGKILL) at ${KILL_AT} s"
for p in "${pids[@]}"; do
	wait "$p" || true
done
cat "$OUT"/lane.* >"$OUT/all"

for op in claim proof rate; do
	say "# $op: $(awk -v op="$op" '$2 == op { print $5 }' "$OUT/all" |
		sort | uniq -c | awk '{ printf "%s x %s  ", $2, $1 }')"
done
bad=$(awk '$5 !~ /^(303|200)$/' "$OUT/all" | wc -l)
say "# answers other than 303/200: $bad (of $(wc -l <"$OUT/all"))"
awk '$5 !~ /^(303|200)$/' "$OUT/all" | head -n 10 | sed 's/^/#   /'

check "clients were served before the kill" test \
	"$(awk -v k="$KILL_AT" '$1 < k && $2 == "rate" && $5 == 303' "$OUT/all" | wc -l)" -gt 0
check "and went on being served 8 s after it (claims, proof and ratings)" test \
	"$(awk -v k="$((KILL_AT + 8))" '$1 >= k && $2 == "rate" && $5 == 303' "$OUT/all" | wc -l)" -gt 0
expect_match "app server b moved to node 3 (its log says so)" \
	"$(grep -c "db: connected to 127.0.0.1:$(node_port 3 sql), server 2 of 3" "$KAAJ_FCGI_LOG_B" || true)" '^[1-9]'
expect_eq "no request waited past curl's 60 s or failed to connect" \
	"$(awk '$5 == "000"' "$OUT/all" | wc -l)" 0

# A claim whose first attempt committed as its node died, unknown to
# the app server, runs again elsewhere and finds the worker's task:
# "you have this job already" (claim_taken), which is then true.
taken=$(awk '$2 == "claim" && $5 == 303 && $4 == 0 && $6 ~ /notice=claim_taken/ { print $3 }' "$OUT/all")
other=$(awk '$2 == "claim" && $5 == 303 && $4 == 0 && $6 !~ /notice=claim_taken/' "$OUT/all")
expect_eq "a claim answered 303 either gave a task or said the worker has it" "$other" ""
for i in $taken; do
	expect_eq "worker $i, told the job is theirs already, has one task on it" \
		"$(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $CAMP
		    AND worker_id = ${POOL_IDS[i]}")" 1
done

# What the site said it did, it did: on node 1 and on node 3.
claimed=$(awk '$2 == "claim" && $5 == 303 && $4 != 0 { print $4 }' "$OUT/all")
proved=$(awk '$2 == "proof" && $5 == 303 { print $4 }' "$OUT/all")
rated=$(awk '$2 == "rate" && $5 == 303 { print $4 }' "$OUT/all")
# missing SAID HAVE: how many ids of SAID are not in HAVE.
missing() {
	[[ -n $1 ]] || { echo 0; return; }
	grep -cvxF -f <(printf '%s\n' "${2:-none}") <<<"$1" || true
}
for node in 1 3; do
	in_db() {
		node_root "$node" -N -B kaaj \
			--init-command="SET SESSION wsrep_sync_wait = 1" -e "$1"
	}
	have=$(in_db "SELECT id FROM tasks WHERE campaign_id = $CAMP")
	expect_eq "node $node: every claim answered with its task is a task of the campaign" \
		"$(missing "$claimed" "$have")" 0
	have=$(in_db "SELECT id FROM tasks WHERE campaign_id = $CAMP
	    AND status IN ('pending', 'satisfied')")
	expect_eq "node $node: every proof answered 303 is pending or rated" \
		"$(missing "$proved" "$have")" 0
	have=$(in_db "SELECT id FROM tasks WHERE campaign_id = $CAMP
	    AND status = 'satisfied'")
	expect_eq "node $node: every rating answered 303 is satisfied" \
		"$(missing "$rated" "$have")" 0
done

# Rate what is still pending (an answer lost with the node), then the
# books of the campaign must be exact.
pend=$(db_sql "SELECT id FROM tasks WHERE campaign_id = $CAMP AND status = 'pending'")
for t in $pend; do
	spost "$EMP_TOK" /campaigns/rate "id=$CAMP" "task=$t" rating=satisfied
done
say "# rated $(grep -c . <<<"$pend" || true) tasks left pending"
campaign_books "$CAMP" "after node 2 was killed under load"
expect_eq "every satisfied task was paid exactly once" "$(db_sql "
    SELECT COUNT(*) FROM tasks t WHERE t.campaign_id = $CAMP
    AND t.status = 'satisfied'")" "$(db_sql "SELECT slots_done FROM campaigns
    WHERE id = $CAMP")"

# Node 2 comes back from where it stopped and catches up.
t0=$SECONDS
from=$(($(wc -l <"$(node_log 2)") + 1))
node_recover_start 2
ok "node 2 restarted and is Synced again after $((SECONDS - t0)) s"
expect_eq "the cluster has 3 nodes again" "$(node_status 1 wsrep_cluster_size)" 3
since=$(tail -n "+$from" "$(node_log 2)")
expect_match "node 2 caught up by incremental transfer (IST)" "$since" \
	'Receiving IST: [0-9]+ writesets'
expect_eq "... and no full state transfer (no rsync SST)" \
	"$(grep -c 'rsync SST completed' <<<"$since" || true)" 0
for node in 1 2 3; do
	if out=$(node_ledger_check "$node" 2>&1); then
		ok "ledger-check passes on node $node"
	else
		fail "ledger-check passes on node $node" "$out"
	fi
done
expect_eq "node 2 holds the same books as node 1" "$(node_books 2)" "$(node_books 1)"
expect_eq "node 3 holds the same books as node 1" "$(node_books 3)" "$(node_books 1)"
test_done
