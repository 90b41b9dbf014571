# shellcheck shell=bash
#
# tests/cluster/galera.sh: a private MariaDB Galera cluster of three nodes
# on loopback, and two kaaj app servers on it behind one nginx. Sourced
# by tests/cluster/run after tests/integration/lib.sh and stack_init; and,
# through KAAJ_CLUSTER_LIB, at the end of lib.sh in every test it runs, so
# that the suite's helpers (fcgi_start, conf_set, db_root, nginx_render)
# act on the whole cluster.
#
# Node N (1 to 3) keeps its data in $KAAJ_WORK/galera/nN, answers SQL on
# 127.0.0.1:$(node_port N sql) and on the socket node_socket N, and talks
# to the others on its own group, IST and SST ports, all from
# pick_free_port. Facts this rests on (docs/scaling.md): joiners take
# the state by rsync, which drops privileges, so as root the nodes run as
# the mysql user; after kill -9 a node restarts from the position that
# `mariadbd --wsrep-recover` finds, and catches up incrementally (IST).
#
# App server a (the suite's $KAAJ_CONF, socket $KAAJ_FCGI_SOCKET) lists
# the nodes 1, 2, 3; app server b ($KAAJ_CONF_B, $KAAJ_FCGI_SOCKET_B)
# lists 2, 3, 1: so their writes land on different nodes, and each moves
# on to the next node when its own goes down. Both set sync_wait = 1 and
# share one upload folder, as docs/scaling.md says to.

GALERA_LIB=${GALERA_LIB:-/usr/lib/galera/libgalera_smm.so}

# galera_init: choose the nodes' folders and ports (once per run; the
# ports are kept in $KAAJ_WORK/galera/ports for the tests) and the app
# server b's files.
galera_init() {
	local i p kind ports=()
	export KAAJ_GALERA_DIR=$KAAJ_WORK/galera
	export KAAJ_CONF_B=$KAAJ_WORK/kaaj-b.conf
	export KAAJ_FCGI_SOCKET_B=$KAAJ_SOCK_DIR/kaaj-fcgi-b.sock
	export KAAJ_FCGI_PIDFILE_B=$KAAJ_PID_DIR/kaaj-fcgi-b.pid
	export KAAJ_FCGI_LOG_B=$KAAJ_LOG_DIR/kaaj-fcgi-b.log
	if [[ -f $KAAJ_GALERA_DIR/ports ]]; then
		return 0
	fi
	mkdir -p "$KAAJ_GALERA_DIR"
	for kind in sql group ist sst; do
		for i in 1 2 3; do
			while :; do
				p=$(pick_free_port)
				[[ " ${ports[*]} " != *" $p "* ]] && break
			done
			ports+=("$p")
			echo "$kind $i $p" >>"$KAAJ_GALERA_DIR/ports"
		done
	done
	# The nodes may run as mysql: they must reach their folders.
	chmod 711 "$KAAJ_WORK"
}

# node_port N KIND: node N's port of KIND (sql, group, ist, sst).
node_port() {
	awk -v k="$2" -v n="$1" '$1 == k && $2 == n { print $3 }' \
		"$KAAJ_GALERA_DIR/ports"
}

node_dir() { echo "$KAAJ_GALERA_DIR/n$1"; }
node_socket() { echo "$KAAJ_GALERA_DIR/n$1/mysqld.sock"; }
node_pidfile() { echo "$KAAJ_PID_DIR/galera-n$1.pid"; }
node_log() { echo "$KAAJ_GALERA_DIR/n$1/error.log"; }

# node_user: who the nodes run as (the mysql user when we are root).
node_user() {
	if ((EUID == 0)); then echo mysql; else id -un; fi
}

# node_opts N: mariadbd's options for node N (also for install-db and
# --wsrep-recover). gcomm:// lists every node; node 1 bootstraps with
# --wsrep-new-cluster (given by node_start).
node_opts() {
	local n=$1 i peers=""
	for i in 1 2 3; do
		peers+="${peers:+,}127.0.0.1:$(node_port "$i" group)"
	done
	printf '%s\n' --datadir="$(node_dir "$n")/data" \
		--tmpdir="$(node_dir "$n")/tmp" \
		--innodb-log-file-size=16M --innodb-buffer-pool-size=64M \
		--innodb-flush-log-at-trx-commit=2 \
		--binlog-format=ROW --default-storage-engine=InnoDB \
		--innodb-autoinc-lock-mode=2 \
		--wsrep-on=ON --wsrep-provider="$GALERA_LIB" \
		--wsrep-cluster-name=kaaj-test \
		--wsrep-cluster-address="gcomm://$peers" \
		--wsrep-node-name="n$n" \
		--wsrep-node-address="127.0.0.1:$(node_port "$n" group)" \
		--wsrep-node-incoming-address="127.0.0.1:$(node_port "$n" sql)" \
		--wsrep-provider-options="gmcast.listen_addr=tcp://127.0.0.1:$(node_port "$n" group);ist.recv_addr=127.0.0.1:$(node_port "$n" ist);gcache.size=64M" \
		--wsrep-sst-method=rsync --wsrep-log-conflicts=ON \
		--wsrep-sst-receive-address="127.0.0.1:$(node_port "$n" sst)"
}

# node_root N ARG...: the mariadb client as root on node N's socket.
node_root() {
	local n=$1
	shift
	mariadb --no-defaults --socket="$(node_socket "$n")" -u root "$@"
}

# node_status N VAR: a wsrep status variable of node N ("" if down).
node_status() {
	{ node_root "$1" -N -B --connect-timeout=2 \
		-e "SHOW GLOBAL STATUS LIKE '$2'" 2>/dev/null || true; } | cut -f2
}

# node_install N: make node N's data folder (one node after another).
node_install() {
	local n=$1 dir log
	dir=$(node_dir "$n")
	log=$dir/install-db.log
	[[ -d $dir/data/mysql ]] && return 0
	# Its own temporary folder: $TMPDIR may not be the mysql user's.
	mkdir -p "$dir/tmp"
	chown "$(node_user)" "$dir" "$dir/tmp"
	# shellcheck disable=SC2046 # one option a line, no spaces
	if ! TMPDIR=$dir/tmp mariadb-install-db --no-defaults --user="$(node_user)" \
		--auth-root-authentication-method=normal --skip-test-db \
		--datadir="$dir/data" --tmpdir="$dir/tmp" --innodb-log-file-size=16M \
		--innodb-buffer-pool-size=64M >"$log" 2>&1; then
		show_tail "$log"
		die "mariadb-install-db failed for Galera node $n (log: $log)"
	fi
}

# node_start N [EXTRA-OPTION...]: start node N and wait until it is
# Synced with the cluster (2 minutes at most, a state transfer included).
node_start() {
	local n=$1 pid i state
	shift
	rm -f "$(node_socket "$n")"
	# shellcheck disable=SC2046 # one option a line, no spaces
	TMPDIR=$(node_dir "$n")/tmp mariadbd --no-defaults --user="$(node_user)" \
		$(node_opts "$n") --socket="$(node_socket "$n")" --bind-address=127.0.0.1 \
		--port="$(node_port "$n" sql)" \
		--pid-file="$(node_dir "$n")/mariadbd.pid" \
		--log-error="$(node_log "$n")" "$@" \
		</dev/null >>"$(node_dir "$n")/mariadbd.out" 2>&1 &
	pid=$!
	# node_kill's SIGKILL is the point, not news for the job table.
	disown "$pid"
	echo "$pid" >"$(node_pidfile "$n")"
	register_pidfile mariadbd "$(node_pidfile "$n")"
	for ((i = 0; i < 1200; i++)); do
		state=$(node_status "$n" wsrep_local_state_comment)
		[[ $state == Synced ]] && return 0
		if ! proc_alive "$pid"; then
			show_tail "$(node_log "$n")" 30
			die "Galera node $n exited during start-up (log: $(node_log "$n"))"
		fi
		sleep 0.1
	done
	show_tail "$(node_log "$n")" 30
	die "Galera node $n is not Synced after 120 s (state: ${state:-down})"
}

# node_kill N: kill -9 node N, as a crash or a pulled cable would end it.
node_kill() {
	local pid
	for pid in $(running_pids mariadbd "$(node_pidfile "$1")"); do
		kill -KILL "$pid"
		wait_gone 10 "$pid" || die "node $1 (pid $pid) survived SIGKILL"
	done
}

# node_recover_start N: after a crash, find node N's last committed
# position with --wsrep-recover and start it from there, so that it
# catches up by incremental transfer from the others' gcache.
node_recover_start() {
	local n=$1 log pos
	log=$(node_dir "$n")/recover.log
	# shellcheck disable=SC2046 # one option a line, no spaces
	TMPDIR=$(node_dir "$n")/tmp mariadbd --no-defaults --user="$(node_user)" \
		$(node_opts "$n") --wsrep-recover --log-error="$log" </dev/null >/dev/null 2>&1 ||
		die "mariadbd --wsrep-recover failed for node $n (log: $log)"
	pos=$(sed -n 's/.*WSREP: Recovered position: *\([^ ]*\).*/\1/p' "$log" |
		tail -n 1)
	[[ $pos =~ ^[0-9a-f-]{36}:-?[0-9]+$ ]] ||
		die "no recovered position in $log"
	say "# node $n recovered position $pos"
	node_start "$n" --wsrep-start-position="$pos"
}

# galera_start: install and start the three nodes; node 1 bootstraps.
galera_start() {
	local i
	for i in 1 2 3; do
		node_install "$i"
	done
	node_start 1 --wsrep-new-cluster
	node_start 2
	node_start 3
	[[ $(node_status 1 wsrep_cluster_size) == 3 ]] ||
		die "the cluster has $(node_status 1 wsrep_cluster_size) nodes, not 3"
}

# node_conf N: a config that reaches node N only (for ledger-check on
# each node); made from app server a's.
node_conf() {
	local out=$KAAJ_WORK/kaaj-n$1.conf
	if [[ ! -f $out ]]; then
		cp "$KAAJ_CONF" "$out"
		conf_set_one "$out" host "\"127.0.0.1:$(node_port "$1" sql)\""
	fi
	echo "$out"
}

# node_ledger_check N: kaaj-admin ledger-check against node N alone.
node_ledger_check() {
	"$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$(node_conf "$1")" ledger-check
}

# node_books N: a digest of the money on node N: every ledger line and
# account balance, in order. Equal digests: the nodes hold the same books.
node_books() {
	node_root "$1" -N -B --init-command="SET SESSION wsrep_sync_wait = 1" kaaj -e "
	    SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS(' ', id, idem_key))), 0)
	    FROM ledger_transactions;
	    SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS(' ', id, txn_id,
	        account_id, amount))), 0) FROM ledger_legs;
	    SELECT COUNT(*), COALESCE(SUM(CRC32(CONCAT_WS(' ', id, balance))), 0)
	    FROM ledger_accounts" | tr '\t\n' '  '
}

# ------------------------------------------------------------ overrides

# Keep the suite's own conf_set for one file (once: this file may be
# sourced again in the same shell).
declare -F conf_set_one >/dev/null ||
	eval "conf_set_one() $(declare -f conf_set | sed 1d)"

# conf_set FILE KEY VALUE: as the suite's, and on app server a's config
# also on b's: both serve the same site.
conf_set() {
	conf_set_one "$@"
	if [[ $1 == "$KAAJ_CONF" && -f ${KAAJ_CONF_B:-} ]]; then
		conf_set_one "$KAAJ_CONF_B" "$2" "$3"
	fi
}

# db_root ARG...: the mariadb client as root on node 1, reading causally
# (a test's check right after a page's write through node 2 sees it).
db_root() {
	mariadb --no-defaults --socket="$(node_socket 1)" -u root \
		--init-command="SET SESSION wsrep_sync_wait = 1" "$@"
}

# app_start CONF SOCKET PIDFILE LOG N: N kaaj.fcgi processes of one app
# server under spawn-fcgi.
app_start() {
	local conf=$1 sock=$2 pidfile=$3 log=$4 n=$5 pid
	local prog=$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi
	rm -f "$sock"
	# shellcheck disable=SC2016 # $1 and $2 are for sh -c
	KAAJ_CONFIG=$conf spawn-fcgi -s "$sock" -P "$pidfile" -F "$n" -- \
		/bin/sh -c 'exec "$1" 2>>"$2"' kaaj-fcgi "$prog" "$log" \
		</dev/null >>"$KAAJ_LOG_DIR/spawn-fcgi.log" 2>&1 ||
		die "spawn-fcgi could not start kaaj.fcgi on $sock (log: $log)"
	register_pidfile kaaj.fcgi "$pidfile"
	sleep 0.2
	for pid in $(read_pids "$pidfile"); do
		proc_alive "$pid" || { show_tail "$log"; die "kaaj.fcgi $pid exited at once"; }
	done
}

# fcgi_start [N]: N kaaj.fcgi processes on each of the two app servers.
fcgi_start() {
	local n=${1:-1}
	[[ -x $KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi ]] || die "kaaj.fcgi is not built"
	app_start "$KAAJ_CONF" "$KAAJ_FCGI_SOCKET" "$KAAJ_FCGI_PIDFILE" \
		"$KAAJ_FCGI_LOG" "$n"
	app_start "$KAAJ_CONF_B" "$KAAJ_FCGI_SOCKET_B" "$KAAJ_FCGI_PIDFILE_B" \
		"$KAAJ_FCGI_LOG_B" "$n"
}

fcgi_stop() {
	stop_pidfile kaaj.fcgi "$KAAJ_FCGI_PIDFILE"
	stop_pidfile kaaj.fcgi "$KAAJ_FCGI_PIDFILE_B"
}

# fcgi_pid: the first process of app server a.
fcgi_pid() {
	read_pids "$KAAJ_FCGI_PIDFILE" | head -n 1
}

# nginx_render PORT: the suite's nginx config, its FastCGI requests sent
# round robin to both app servers (an upstream of the two sockets).
declare -F nginx_render_one >/dev/null ||
	eval "nginx_render_one() $(declare -f nginx_render | sed 1d)"
nginx_render() {
	local conf=$KAAJ_NGINX_DIR/nginx.conf
	nginx_render_one "$1"
	sed -i -e "s|fastcgi_pass unix:$(sed_quote "$KAAJ_FCGI_SOCKET");|fastcgi_pass kaaj_apps;|" \
		-e "0,/^[[:space:]]*server[[:space:]]*{/s||\tupstream kaaj_apps {\n\t\tserver unix:$(sed_quote "$KAAJ_FCGI_SOCKET");\n\t\tserver unix:$(sed_quote "$KAAJ_FCGI_SOCKET_B");\n\t}\n&|" \
		"$conf"
	grep -q 'fastcgi_pass kaaj_apps;' "$conf" ||
		die "nginx_render: no fastcgi_pass to send to both app servers"
}
