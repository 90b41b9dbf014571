#!/bin/bash
#
# t_90_memory: one kaaj.fcgi process serves 10,000 requests for the home
# page (database query and template each time) without its memory growing:
# VmRSS after must be within 512 KiB of VmRSS after a 500-request warm-up.
# This is a leak check, not a speed test.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"

LIMIT_KIB=512

# rss_kib PID: the resident set size of PID in KiB.
rss_kib() {
	awk '/^VmRSS:/ {print $2}' "/proc/$1/status"
}

# bench N: run ab -n N -c 4 on the home page; the report goes to
# $KAAJ_LOG_DIR/ab-N.txt. Checks that every request got a 2xx.
bench() {
	local report=$KAAJ_LOG_DIR/ab-$1.txt failed non2xx
	if ! ab -q -n "$1" -c 4 -s 30 "$KAAJ_URL/" >"$report" 2>&1; then
		fail "ab -n $1 -c 4 ran" "$(tail -n 5 "$report")"
		return 0
	fi
	failed=$(awk '/^Failed requests:/ {print $3}' "$report")
	non2xx=$(awk '/^Non-2xx responses:/ {print $3}' "$report")
	expect_eq "ab -n $1: failed requests" "${failed:-missing}" 0
	expect_eq "ab -n $1: non-2xx responses" "${non2xx:-0}" 0
	say "  $(grep -E '^(Requests per second|Time per request).*\(mean\)' "$report" | head -n 1)"
}

main() {
	local pid before after growth
	pid=$(fcgi_pid)
	[[ -n $pid ]] || die "no kaaj.fcgi pid in $KAAJ_FCGI_PIDFILE"
	(($(read_pids "$KAAJ_FCGI_PIDFILE" | wc -l) == 1)) ||
		die "the stack must run exactly one kaaj.fcgi process"

	bench 500
	before=$(rss_kib "$pid")
	bench 10000
	after=$(rss_kib "$pid")
	growth=$((after - before))
	say "  kaaj.fcgi pid $pid VmRSS: $before KiB after 500 warm-up requests," \
		"$after KiB after 10,000 more (growth $growth KiB)"
	echo "$before $after $growth" >"$KAAJ_LOG_DIR/rss.txt"
	if ((growth <= LIMIT_KIB)); then
		ok "RSS grew $growth KiB (limit $LIMIT_KIB KiB) over 10,000 requests"
	else
		fail "RSS grew $growth KiB (limit $LIMIT_KIB KiB) over 10,000 requests"
	fi
	expect_eq "the same kaaj.fcgi process served them all" "$(fcgi_pid)" "$pid"
	check "kaaj.fcgi pid $pid is alive" proc_alive "$pid"
	test_done
}

main "$@"
