#!/bin/bash
#
# t_91_valgrind: one kaaj.fcgi process under valgrind's memcheck, behind the
# stack's nginx, serves every route of the route table
# (cgi-bin/front/routes.c, read here so that a new route is covered
# without editing this test): each GET, and each POST with and without
# its CSRF token, as a visitor, a worker (bob), an employer (alice) and an
# admin. Then it is stopped with SIGTERM, as spawn-fcgi's users stop it,
# and valgrind's report must hold no error: no invalid read or write, no
# use of an uninitialised value, no memory definitely or indirectly lost.
# Memory still reachable at exit (the configuration, templates and plugins
# the process keeps for its whole life) is not a leak.
#
# In a build made with ./configure --enable-sanitizers there is nothing
# to do: valgrind cannot run AddressSanitizer's programs, and that build
# checks the same with AddressSanitizer and LeakSanitizer instead.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

# valgrind's tool runs as this command (its /proc comm).
MEMCHECK=memcheck-amd64-linux
VG_PIDFILE=$KAAJ_PID_DIR/valgrind.pid
VG_LOG=$KAAJ_LOG_DIR/valgrind

# sanitizer_build: true if kaaj was configured with -fsanitize=address.
sanitizer_build() {
	grep -Eq '^(CFLAGS|LDFLAGS) = .*-fsanitize=([a-z,]*,)?address' \
		"$KAAJ_BUILDDIR/Makefile"
}

# valgrind_start: stop the stack's kaaj.fcgi and start one under valgrind
# in its place (spawn-fcgi, same socket, config and log).
valgrind_start() {
	local prog=$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi
	fcgi_stop
	rm -f "$KAAJ_FCGI_SOCKET" "$VG_LOG".*.log
	# shellcheck disable=SC2016 # $1 to $3 are for sh -c
	KAAJ_CONFIG=$KAAJ_CONF spawn-fcgi -s "$KAAJ_FCGI_SOCKET" \
		-P "$VG_PIDFILE" -F 1 -- /bin/sh -c \
		'exec valgrind --leak-check=full --show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \
		--num-callers=30 --log-file="$3.%p.log" "$1" 2>>"$2"' \
		kaaj-fcgi "$prog" "$KAAJ_FCGI_LOG" "$VG_LOG" \
		</dev/null >>"$KAAJ_LOG_DIR/spawn-fcgi.log" 2>&1 ||
		die "spawn-fcgi could not start kaaj.fcgi under valgrind"
	register_pidfile "$MEMCHECK" "$VG_PIDFILE"
	wait_http_ready /
}

# valgrind_stop: SIGTERM, as fcgi_stop sends; memcheck then checks for
# leaks, which takes a few seconds.
valgrind_stop() {
	local pid
	pid=$(running_pids "$MEMCHECK" "$VG_PIDFILE")
	[[ -n $pid ]] || { fail "kaaj.fcgi under valgrind still runs"; return 0; }
	ok "kaaj.fcgi under valgrind still runs (pid $pid)"
	kill -TERM "$pid"
	if wait_gone 120 "$pid"; then
		ok "it stopped on SIGTERM"
	else
		fail "it stopped on SIGTERM within 120 s"
	fi
	stop_pidfile "$MEMCHECK" "$VG_PIDFILE"
}

# route_list: print "METHOD PATH" for each line of the route table.
route_list() {
	sed -n 's/^[[:space:]]*\(GET\|POST\)("\([^"]*\)".*/\1 \2/p' \
		"$KAAJ_SRCDIR/cgi-bin/front/routes.c"
}

# path_id PATTERN: an id for a route ending in '#' that names a row of the
# demo data where there is one (the rest get 1: a page that is not found).
path_id() {
	local sql id
	case $1 in
	/jobs/#) sql="SELECT MIN(id) FROM campaigns WHERE status = 'running'" ;;
	/campaigns/#) sql="SELECT MIN(id) FROM campaigns" ;;
	/tasks/# | /screenshots/#) sql="SELECT MIN(id) FROM tasks" ;;
	/receipts/#) sql="SELECT MIN(id) FROM deposits" ;;
	*) sql="SELECT 1" ;;
	esac
	id=$(db_sql "$sql")
	[[ $id =~ ^[0-9]+$ ]] && echo "$id" || echo 1
}

# act_as ROLE: set COOKIE and CSRF for requests as ROLE, "visitor" (a
# kaaj_csrf cookie, no session) or a username (a new session).
act_as() {
	local tok
	if [[ $1 == visitor ]]; then
		tok=$(random_hex 16)
		COOKIE=kaaj_csrf=$tok
	else
		tok=$(new_session "$1")
		COOKIE=kaaj_session=$tok
	fi
	CSRF=$(csrf_token "$tok")
}

# visit ROLE METHOD PATH: one request as ROLE (set up by act_as); a POST
# twice, with the right CSRF token and with none.
visit() {
	local role=$1 method=$2 path=$3
	if [[ $method == GET ]]; then
		http GET "$path" -b "$COOKIE"
		served "$role" "GET $path"
		return 0
	fi
	http POST "$path" -b "$COOKIE" --data-binary ''
	served "$role" "POST $path without csrf"
	http POST "$path" -b "$COOKIE" --data-urlencode "csrf=$CSRF"
	served "$role" "POST $path with csrf"
	# That ended the session: a new one for the next routes.
	[[ $path != /logout ]] || act_as "$role"
}

# served ROLE WHAT: count the last answer; a 5xx or no answer fails.
served() {
	if [[ $HTTP_STATUS =~ ^[1-4][0-9][0-9]$ ]]; then
		served_n=$((served_n + 1))
	else
		fail "$2 as $1 answered" "status $HTTP_STATUS"
		show_response
	fi
}

# valgrind_verdict: every log valgrind wrote (one a process) ends with
# "ERROR SUMMARY: 0 errors"; leaks of the kinds above count as errors.
valgrind_verdict() {
	local f n=0 summary
	for f in "$VG_LOG".*.log; do
		[[ -f $f ]] || continue
		n=$((n + 1))
		summary=$(grep -o 'ERROR SUMMARY: [0-9]* errors' "$f" | tail -n 1)
		if [[ $summary == "ERROR SUMMARY: 0 errors" ]]; then
			ok "valgrind: no error in $(basename "$f")"
		else
			fail "valgrind: no error in $(basename "$f")" \
				"${summary:-no ERROR SUMMARY line: the process did not end cleanly}"
			sed 's/^/        | /' "$f" | head -n 200
		fi
	done
	((n > 0)) || fail "valgrind wrote a log" "none matches $VG_LOG.*.log"
}

main() {
	local method pattern path role route routes=() t0
	if sanitizer_build; then
		ok "sanitizer build: AddressSanitizer and LeakSanitizer check what valgrind would"
		test_done
	fi
	need_cmds valgrind
	while read -r method pattern; do
		path=$pattern
		[[ $path != *'#' ]] || path=${path%'#'}$(path_id "$pattern")
		routes+=("$method $path")
	done < <(route_list)
	((${#routes[@]} > 20)) ||
		die "read only ${#routes[@]} routes from cgi-bin/front/routes.c"
	t0=$SECONDS
	valgrind_start
	served_n=0
	for role in visitor bob alice admin; do
		act_as "$role"
		for route in "${routes[@]}"; do
			visit "$role" "${route%% *}" "${route#* }"
		done
	done
	ok "kaaj.fcgi under valgrind answered $served_n requests for ${#routes[@]} routes, 4 roles"
	valgrind_stop
	say "  ($((SECONDS - t0)) s under valgrind)"
	valgrind_verdict
	fcgi_start 1
	wait_http_ready /
	test_done
}

main "$@"
