#!/bin/bash
#
# t_83_supervise: the site keeps answering through what kills processes.
# kaaj.fcgi runs as ./bootstrap demo and the systemd unit run it (two
# processes under multiwatch, fcgi_start_watched). Under a steady load of
# requests: a SIGKILL of one kaaj.fcgi is replaced by a new process
# within a second and costs at most the request it was serving; a
# MariaDB restart is ridden out by the same processes (pages answer
# again as soon as it is back); and stack_keep_alive, the demo's
# watchdog, brings back a mariadbd killed with SIGKILL. The suite's one
# plain kaaj.fcgi is back at the end.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

LOAD=$KAAJ_TMP/t83

# load_start NAME: two clients asking for the board one request after
# another until $LOAD/stop exists; each answer's status (000: no answer)
# goes to $LOAD/NAME.N, one a line.
load_start() {
	local c
	rm -f "$LOAD/stop" "$LOAD/$1".*
	for c in 1 2; do
		(
			while [[ ! -e $LOAD/stop ]]; do
				curl -s -o /dev/null --max-time 10 -w '%{http_code}\n' \
					"$KAAJ_URL/" || echo 000
			done >"$LOAD/$1.$c"
		) &
		load_pids+=($!)
	done
	sleep 0.5
}

# load_stop: stop the clients and wait for them.
load_stop() {
	touch "$LOAD/stop"
	wait "${load_pids[@]}" || true
	load_pids=()
}

# count NAME [STATUS-REGEX]: how many answers of the load NAME match.
count() {
	cat "$LOAD/$1".* | grep -cE "^(${2:-.*})$" || true
}

# kill_one: SIGKILL one kaaj.fcgi under load; a new one replaces it.
kill_one() {
	local before victim after t0 ms=-1 i total bad
	mapfile -t before < <(fcgi_children)
	expect_eq "multiwatch runs 2 kaaj.fcgi" "${#before[@]}" 2
	load_start kill
	victim=${before[0]}
	t0=$(date +%s%N)
	kill -KILL "$victim"
	for ((i = 0; i < 300; i++)); do
		mapfile -t after < <(fcgi_children)
		if ((${#after[@]} == 2)) && ! printf '%s\n' "${after[@]}" | grep -qx "$victim"; then
			ms=$((($(date +%s%N) - t0) / 1000000))
			break
		fi
		sleep 0.01
	done
	sleep 1
	load_stop
	if ((ms >= 0 && ms < 1000)); then
		ok "a new kaaj.fcgi replaced the killed one in $ms ms"
	else
		fail "a new kaaj.fcgi replaced the killed one within a second" \
			"after ${ms} ms: ${after[*]}"
	fi
	total=$(count kill)
	bad=$((total - $(count kill 200)))
	say "# $total requests around the kill, $bad not answered 200"
	check "requests went on around the kill ($total)" test "$total" -gt 20
	# The request the killed process was serving may get nginx's 502.
	if ((bad <= 1)); then
		ok "at most the killed process's request failed ($bad)"
	else
		fail "at most the killed process's request failed" "$bad failed"
	fi
}

# db_restart_under_load: restart MariaDB while the board is asked for;
# the same kaaj.fcgi processes answer afterwards.
db_restart_under_load() {
	local before after bad
	mapfile -t before < <(fcgi_children)
	load_start db
	restart_mariadb
	sleep 1
	load_stop
	mapfile -t after < <(fcgi_children)
	expect_eq "the same kaaj.fcgi processes after the restart" \
		"${after[*]}" "${before[*]}"
	bad=$(count db '000|502|504')
	expect_eq "no request went unanswered by kaaj while MariaDB restarted" "$bad" 0
	say "# during the restart: $(count db 200) answered 200," \
		"$(count db '5..') with kaaj's error page"
	http GET /
	expect_status 200 "the board right after the restart"
}

# db_killed: the demo's watchdog starts a mariadbd killed with SIGKILL
# again; the site serves.
db_killed() {
	local pid
	pid=$(read_pids "$KAAJ_DB_PIDFILE")
	kill -KILL "$pid"
	wait_gone 10 "$pid" || die "mariadbd $pid survived SIGKILL"
	stack_keep_alive
	check "mariadbd runs again" test -n "$(running_pids mariadbd "$KAAJ_DB_PIDFILE")"
	http GET /
	expect_status 200 "the board after the watchdog brought MariaDB back"
}

main() {
	load_pids=()
	mkdir -p "$LOAD"
	fcgi_stop
	fcgi_start_watched 2
	wait_http_ready /
	kill_one
	db_restart_under_load
	db_killed
	fcgi_stop
	fcgi_start 1
	wait_http_ready /
	test_done
}

main "$@"
