#!/bin/bash
#
# t_70_db_restart: kaaj.fcgi survives a MariaDB restart between two
# requests: the request after the restart is served by the same process,
# which reconnected.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

main() {
	local pid id title dbpid newpid
	pid=$(fcgi_pid)
	# A job page rather than the board: earlier tests add campaigns, and
	# the board shows only the newest page of them.
	id=$(db_sql "SELECT id FROM campaigns WHERE status = 'running'
	    AND title NOT REGEXP '[&<>\"\\']' ORDER BY id LIMIT 1")
	title=$(db_sql "SELECT title FROM campaigns WHERE id = $id")
	http GET "/jobs/$id"
	expect_status 200 "GET /jobs/$id before the restart"
	expect_body "$title" "job page shows \"$title\" before"

	dbpid=$(read_pids "$KAAJ_DB_PIDFILE")
	restart_mariadb
	newpid=$(read_pids "$KAAJ_DB_PIDFILE")
	if [[ -n $newpid && $newpid != "$dbpid" ]] && ! proc_alive "$dbpid"; then
		ok "mariadbd restarted on the same socket (pid $dbpid -> $newpid)"
	else
		fail "mariadbd restarted on the same socket" "pid before $dbpid, after $newpid"
	fi

	http GET "/jobs/$id"
	expect_status 200 "GET /jobs/$id right after the restart"
	expect_body "$title" "job page shows \"$title\" after"
	http GET /jobtypes
	expect_status 200 "GET /jobtypes after the restart"
	expect_eq "still the same kaaj.fcgi process" "$(fcgi_pid)" "$pid"
	check "kaaj.fcgi pid $pid is alive" proc_alive "$pid"

	restart_mariadb
	http GET /admin -b "kaaj_session=$(new_session admin)"
	expect_status 200 "GET /admin (session lookup) after a second restart"
	expect_eq "still the same kaaj.fcgi process" "$(fcgi_pid)" "$pid"
	test_done
}

main "$@"
