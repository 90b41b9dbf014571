#!/bin/bash
#
# t_isolated_node: a node cut off from the others still accepts
# connections but answers 1047 to everything; kaaj must move on to the
# next node of database.host, not fail. Run by tests/cluster/run.
#
# Node 3 is isolated (gmcast.isolate=1: it drops its links to the others
# and falls out of the primary component). kaaj-admin, with a config
# that lists node 3 first, must still check the ledger and credit a user
# (a transaction) through node 1, logging the move; then node 3 rejoins
# and catches up.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=../integration/lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

RUN=$(random_hex 4)
CONF=$KAAJ_WORK/kaaj-n3first.conf
cp "$KAAJ_CONF" "$CONF"
conf_set_one "$CONF" host "\"127.0.0.1:$(node_port 3 sql), 127.0.0.1:$(node_port 1 sql), 127.0.0.1:$(node_port 2 sql)\""
admin3() { "$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$CONF" "$@"; }

db_sql "INSERT INTO users (username, email, password_hash, country, status)
    VALUES ('tin_$RUN', 'tin_$RUN@cluster.invalid', '', 'BD', 'active')"

node_root 3 -e "SET GLOBAL wsrep_provider_options = 'gmcast.isolate = 1'"
for ((i = 0; i < 100; i++)); do
	[[ $(node_status 3 wsrep_cluster_status) != Primary ]] && break
	sleep 0.1
done
expect_eq "node 3, isolated, is out of the primary component" \
	"$(node_status 3 wsrep_cluster_status)" non-Primary
expect_match "... and answers 1047 to a query" \
	"$(node_root 3 -N -B -e 'SELECT COUNT(*) FROM kaaj.users' 2>&1 || true)" \
	'ERROR 1047'

out=$(admin3 ledger-check 2>&1) && rc=0 || rc=$?
expect_eq "ledger-check with node 3 listed first succeeds" "$rc" 0
expect_match "... through node 1, and says so" "$out" \
	"connected to 127.0.0.1:$(node_port 1 sql), server 2 of 3"
out=$(admin3 credit "tin_$RUN" 1.25 --reason "isolated node test" 2>&1) && rc=0 || rc=$?
expect_eq "a credit (a transaction) with node 3 listed first succeeds" "$rc" 0
expect_eq "... and is in the books" \
	"$(balance_of available "$(db_sql "SELECT id FROM users WHERE username = 'tin_$RUN'")")" \
	1250000

node_root 3 -e "SET GLOBAL wsrep_provider_options = 'gmcast.isolate = 0'"
for ((i = 0; i < 300; i++)); do
	[[ $(node_status 3 wsrep_local_state_comment) == Synced &&
		$(node_status 3 wsrep_cluster_size) == 3 ]] && break
	sleep 0.1
done
expect_eq "node 3 rejoins and is Synced" \
	"$(node_status 3 wsrep_local_state_comment) $(node_status 3 wsrep_cluster_size)" \
	"Synced 3"
expect_eq "node 3 has the credit made while it was away" \
	"$(node_root 3 -N -B --init-command='SET SESSION wsrep_sync_wait = 1' kaaj -e "
	    SELECT l.balance FROM ledger_accounts l JOIN users u ON u.id = l.owner_id
	    WHERE l.kind = 'available' AND u.username = 'tin_$RUN'")" 1250000
test_done
