# shellcheck shell=bash
#
# bench/rows.sh: what bench/run measures, and its report. Each row is one
# wrk command line; the rows run interleaved, ROUNDS times, SECS each.

# The rows, in run order: NAME SITE THREADS CONNECTIONS CPU-OF SCRIPT PATH
# COOKIE-VARIABLE. CPU-OF names the processes whose CPU the row counts:
# kaaj (the site's kaaj.fcgi pool, and mariadbd), hello, cgi (the whole
# machine: CGI processes come and go) or none. PATH and COOKIE are
# variable names, filled in by rows_prepare.
ROWS=(
	"static big 2 32 none - P_STATIC -"
	"hello big 2 32 hello - P_HELLO -"
	"board big 2 32 kaaj - P_BOARD -"
	"board_pay big 2 32 kaaj - P_BOARD_PAY -"
	"board_page50 big 2 32 kaaj - P_DEEP -"
	"board_small small 2 32 kaaj - P_BOARD -"
	"board_worker big 2 32 kaaj - P_BOARD C_WORKER"
	"board_heavy big 2 32 kaaj - P_BOARD C_HEAVY"
	"board_front big 2 32 kaaj - P_BOARD C_FRONT"
	"job big 2 32 kaaj - P_JOB C_WORKER"
	"task big 2 32 kaaj - P_TASK C_WORKER"
	"claim_submit big 16 16 kaaj claim.lua - -"
	"rate big 4 4 kaaj rate.lua - -"
	"login big 2 8 kaaj login.lua - -"
	"cgi_board big 2 8 cgi - P_CGI -"
)

# q SQL: one value from the big site's database.
q() {
	db_root -N -B -e "$1" kaaj_big
}

# cookie_of USERNAME: the generated session cookie of USERNAME.
cookie_of() {
	q "SELECT MD5(CONCAT('bench-', id)) FROM users WHERE username = '$1'"
}

# live_campaign N: as bench_employer, create running data-entry campaign
# N with CLAIM_WORKERS slots through the site's own forms; print its id.
live_campaign() {
	local key loc args=(-b "kaaj_session=$C_EMPLOYER"
		--data-urlencode "csrf=$(csrf_token "$C_EMPLOYER")"
		--data-urlencode type=dataentry
		--data-urlencode "title=Bench data entry $1"
		--data-urlencode "instructions=Type the number shown on the page."
		--data-urlencode "proof_instructions=The number."
		--data-urlencode "slots=$CLAIM_WORKERS" --data-urlencode pay=0.02
		--data-urlencode countries_mode=all --data-urlencode minutes=600
		--data-urlencode days=7 --data-urlencode min_success=0
		--data-urlencode "x_task_text=Type any number."
		--data-urlencode x_format=free)
	key=$(curl -sS "${args[@]}" "$BIG_URL/campaigns/preview" |
		sed -n 's/.*name="create_key" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
	[[ -n $key ]] || die "the campaign preview gave no create_key"
	loc=$(curl -sS -o /dev/null -w '%{redirect_url}' "${args[@]}" \
		--data-urlencode "create_key=$key" "$BIG_URL/campaigns/create")
	[[ $loc =~ /campaigns/([0-9]+) ]] || die "creating a campaign failed ($loc)"
	echo "${BASH_REMATCH[1]}"
}

# rows_prepare: sessions, the paths of the rows, the live campaigns and
# the claim workers' cookies and CSRF tokens.
rows_prepare() {
	local i id n deep
	export BENCH_DIR=$KAAJ_SRCDIR/bench
	C_WORKER=$(cookie_of u1)
	C_HEAVY=$(cookie_of bench_heavy)
	C_FRONT=$(cookie_of bench_front)
	C_EMPLOYER=$(cookie_of bench_employer)
	P_STATIC=/bench/static.html P_HELLO=/bench/hello P_BOARD=/
	P_BOARD_PAY=/?sort=pay P_CGI=/cgi/
	n=$(q "SELECT COUNT(*) FROM campaigns WHERE status = 'running'
	    AND slots_taken < slots_total")
	deep=$(q "SELECT id FROM campaigns WHERE status = 'running'
	    AND slots_taken < slots_total ORDER BY id DESC
	    LIMIT 1 OFFSET $((n > 1000 ? 979 : n / 2))")
	P_DEEP=/?before=$deep
	id=$(q "SELECT MAX(id) FROM campaigns WHERE status = 'running'")
	P_JOB=/jobs/$id
	id=$(q "SELECT t.id FROM tasks t JOIN users u ON u.id = t.worker_id
	    WHERE u.username = 'u1' ORDER BY t.id DESC LIMIT 1")
	P_TASK=/tasks/$id
	# Money for the live campaigns, as an admin would credit it.
	KAAJ_CONF=$KAAJ_WORK/kaaj-big.conf kaaj_admin credit bench_employer \
		$((ROUNDS * 10 * CLAIM_WORKERS / 40 + 10)) --reason "bench" \
		>>"$KAAJ_LOG_DIR/credit.out" 2>&1 || die "kaaj-admin credit failed"
	LIVE=()
	for ((i = 0; i < ROUNDS * 10; i++)); do
		LIVE+=("$(live_campaign "$i")")
	done
	# The front-runner has done every live campaign too, so that their
	# board starts below the newest 1,000 running campaigns.
	q "INSERT INTO tasks (campaign_id, worker_id, status, deadline)
	    SELECT c.id, f.id, 'satisfied', NOW() FROM campaigns c
	    JOIN users o ON o.id = c.owner_id JOIN users f
	    WHERE o.username = 'bench_employer' AND f.username = 'bench_front'"
	q "SELECT MD5(CONCAT('bench-', id)) FROM users
	    WHERE username REGEXP '^u[0-9]+\$'
	    AND CAST(SUBSTRING(username, 2) AS UNSIGNED) <= $CLAIM_WORKERS" |
		while read -r i; do
			echo "$i $(csrf_token "$i")"
		done >"$KAAJ_WORK/workers.txt"
	export BENCH_WORKERS=$KAAJ_WORK/workers.txt
	export BENCH_LOGIN_BASIS BENCH_LOGIN_CSRF BENCH_LOGIN_USERS=1000
	BENCH_LOGIN_BASIS=$(random_hex 16)
	BENCH_LOGIN_CSRF=$(csrf_token "$BENCH_LOGIN_BASIS")
	export BENCH_COOKIE=$C_EMPLOYER BENCH_CSRF
	BENCH_CSRF=$(csrf_token "$C_EMPLOYER")
	say "# $n running campaigns with open slots; ${#LIVE[@]} live campaigns for claims"
}

# cpu_ticks WHAT SITE: the CPU ticks (utime+stime; for cgi the whole
# machine's) of WHAT's processes: "kaaj" prints two numbers,
# the site's kaaj.fcgi pool and mariadbd.
cpu_ticks() {
	local pid sum=0 db
	case $1 in
	kaaj)
		for pid in $(read_pids "$KAAJ_PID_DIR/kaaj-$2.pid"); do
			sum=$((sum + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
		done
		db=$(awk '{print $14 + $15}' "/proc/$(read_pids "$KAAJ_DB_PIDFILE")/stat")
		echo "$sum $db" ;;
	hello)
		pid=$(read_pids "$KAAJ_PID_DIR/hello.pid")
		echo "$(awk '{print $14 + $15}' "/proc/$pid/stat") 0" ;;
	cgi)
		# One process per request: their CPU is counted for the
		# whole machine (nginx and wrk included), in the kaaj column.
		echo "$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat) 0" ;;
	*) echo "0 0" ;;
	esac
}

# row_wanted NAME: true unless --rows leaves NAME out.
row_wanted() {
	[[ -z $ONLY_ROWS ]] && return 0
	[[ ,$ONLY_ROWS, == *",$1,"* ]]
}

# run_row ROUND NAME SITE THREADS CONNS CPU SCRIPT PATHVAR COOKIEVAR: one
# wrk run; appends "NAME requests duration_us bad p50 p99 app_ticks
# db_ticks" to $KAAJ_WORK/results.txt.
run_row() {
	local round=$1 name=$2 site=$3 t=$4 c=$5 cpu=$6 script=$7 url out
	local b a args=(-t "$t" -c "$c" -d "${SECS}s" --latency)
	url=$BIG_URL
	[[ $site == small ]] && url=$SMALL_URL
	[[ $8 != - ]] && url=$url${!8}
	[[ $9 != - ]] && args+=(-H "Cookie: kaaj_session=${!9}")
	args+=(-s "$KAAJ_SRCDIR/bench/wrk/${script/#-/report.lua}")
	export BENCH_THREADS=$t
	case $name in
	claim_submit)
		export BENCH_CAMPAIGNS
		BENCH_CAMPAIGNS=$(printf '%s,' "${LIVE[@]:round*10:10}") ;;
	rate)
		export BENCH_TASKS=$KAAJ_WORK/rate-$round.txt
		q "SELECT t.campaign_id, t.id FROM tasks t
		    JOIN campaigns c ON c.id = t.campaign_id
		    JOIN users o ON o.id = c.owner_id
		    WHERE o.username = 'bench_employer' AND t.status = 'pending'
		    ORDER BY t.id LIMIT $((SECS * 400))" >"$BENCH_TASKS"
		if [[ ! -s $BENCH_TASKS ]]; then
			say "  rate: no pending submissions (run claim_submit first)"
			return 0
		fi ;;
	esac
	b=$(cpu_ticks "$cpu" "$site")
	out=$(wrk "${args[@]}" "$url" 2>&1) ||
		{ say "$out"; die "wrk failed on row $name"; }
	a=$(cpu_ticks "$cpu" "$site")
	echo "$out" >>"$KAAJ_LOG_DIR/wrk-$name.txt"
	out=$(sed -n 's/^BENCH //p' <<<"$out")
	[[ -n $out ]] || die "wrk printed no summary on row $name"
	eval "local $out"
	read -r b1 b2 <<<"$b"
	read -r a1 a2 <<<"$a"
	# shellcheck disable=SC2154 # set by the eval of wrk's summary line
	echo "$name $requests $duration_us $bad $p50_us $p99_us" \
		"$((a1 - b1)) $((a2 - b2))" >>"$KAAJ_WORK/results.txt"
}

# rows_run: every wanted row, ROUNDS times, interleaved.
rows_run() {
	local r row
	: >"$KAAJ_WORK/results.txt"
	for ((r = 0; r < ROUNDS; r++)); do
		say "# round $((r + 1)) of $ROUNDS"
		for row in "${ROWS[@]}"; do
			# shellcheck disable=SC2086 # fields without spaces
			set -- $row
			row_wanted "$1" || continue
			run_row "$r" "$@"
		done
	done
}

# rows_report: the table. req/s is over every round of the row; p50 and
# p99 are the median of the rounds'; CPU is per request over the rounds.
rows_report() {
	local tck rss=0 pid
	tck=$(getconf CLK_TCK)
	for pid in $(read_pids "$KAAJ_PID_DIR/kaaj-big.pid"); do
		pid=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")
		((pid > rss)) && rss=$pid
	done
	rows_check_claims
	say ""
	say "# kaaj bench, size $SIZE, $ROUNDS round(s) of ${SECS} s a row, $(nproc) cores, $(date -u +%Y-%m-%d)"
	awk -v tck="$tck" -v rss="$rss" '
	{
		n[$1] += $2; us[$1] += $3; bad[$1] += $4
		p50[$1, ++k[$1]] = $5; p99[$1, k[$1]] = $6
		app[$1] += $7; db[$1] += $8
		if (!($1 in seen)) { seen[$1] = 1; order[++rows] = $1 }
	}
	function med(a, name, cnt,   i, j, t, v) {
		for (i = 1; i <= cnt; i++) v[i] = a[name, i]
		for (i = 1; i <= cnt; i++)
			for (j = i + 1; j <= cnt; j++)
				if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
		return v[int((cnt + 1) / 2)]
	}
	END {
		base = ("hello" in n && us["hello"] > 0) ? n["hello"] / (us["hello"] / 1e6) : 0
		printf "| row | req/s | p50 ms | p99 ms | x hello | kaaj.fcgi us/req | mariadbd us/req | bad |\n"
		printf "|---|---:|---:|---:|---:|---:|---:|---:|\n"
		for (i = 1; i <= rows; i++) {
			r = order[i]
			rps = us[r] > 0 ? n[r] / (us[r] / 1e6) : 0
			printf "| %s | %.0f | %.2f | %.2f | %s | %s | %s | %d |\n", r, rps,
			    med(p50, r, k[r]) / 1000, med(p99, r, k[r]) / 1000,
			    (base > 0 ? sprintf("%.2f", rps / base) : "-"),
			    (app[r] > 0 && n[r] > 0 ? sprintf("%.0f", app[r] * 1e6 / tck / n[r]) : "-"),
			    (db[r] > 0 && n[r] > 0 ? sprintf("%.0f", db[r] * 1e6 / tck / n[r]) : "-"),
			    bad[r]
			if (bad[r] > 0) failed = 1
		}
		printf "\nkaaj.fcgi (big site) RSS after the run: %d KiB (largest of 2)\n", rss
		exit failed
	}' "$KAAJ_WORK/results.txt" | tee "$KAAJ_WORK/report.md"
}

# rows_check_claims: what the claim row stored, from the database.
rows_check_claims() {
	local claims proofs
	row_wanted claim_submit || return 0
	claims=$(q "SELECT COUNT(*) FROM tasks t JOIN campaigns c
	    ON c.id = t.campaign_id JOIN users o ON o.id = c.owner_id
	    WHERE o.username = 'bench_employer'")
	proofs=$(q "SELECT COUNT(*) FROM tasks t JOIN campaigns c
	    ON c.id = t.campaign_id JOIN users o ON o.id = c.owner_id
	    WHERE o.username = 'bench_employer' AND t.submitted_at IS NOT NULL")
	say "claim_submit stored $claims claims and $proofs proofs; slots taken:" \
		"$(q "SELECT SUM(slots_taken) FROM campaigns c JOIN users o
		    ON o.id = c.owner_id WHERE o.username = 'bench_employer'")"
}

# rows_explain: the plan of every statement the hot pages run, on this
# run's data. The general log records one request of each page and one
# claim, proof and rating (the slow log with a threshold of 0 writes
# prepared statements with their values); each distinct statement
# (numbers and strings set aside) is run again under ANALYZE, which
# executes it and shows the rows each step really read (writes inside a
# transaction rolled back).
# Written to $KAAJ_WORK/explain.txt.
rows_explain() {
	local log=$KAAJ_WORK/logs/slow.log out=$KAAJ_WORK/explain.txt
	local p c camp task stmt worker csrf
	db_root -e "SET GLOBAL slow_query_log_file = '$log';
	    SET GLOBAL long_query_time = 0; SET GLOBAL slow_query_log = 1"
	# The threshold holds for new connections: start the pool again.
	stop_pidfile kaaj.fcgi "$KAAJ_PID_DIR/kaaj-big.pid"
	bench_pool big
	KAAJ_URL=$BIG_URL wait_http_ready /
	for p in P_BOARD P_BOARD_PAY P_DEEP; do
		curl -s -o /dev/null "$BIG_URL${!p}"
	done
	for c in C_WORKER C_HEAVY C_FRONT; do
		curl -s -o /dev/null -b "kaaj_session=${!c}" "$BIG_URL/"
	done
	curl -s -o /dev/null -b "kaaj_session=$C_WORKER" "$BIG_URL$P_JOB"
	curl -s -o /dev/null -b "kaaj_session=$C_WORKER" "$BIG_URL$P_TASK"
	camp=${LIVE[${#LIVE[@]} - 1]}
	worker=$(q "SELECT MD5(CONCAT('bench-', id)) FROM users
	    WHERE username REGEXP '^u[0-9]+\$' AND id NOT IN
	    (SELECT worker_id FROM tasks WHERE campaign_id = $camp)
	    ORDER BY id LIMIT 1")
	csrf=$(csrf_token "$worker")
	task=$(curl -s -o /dev/null -w '%{redirect_url}' \
		-b "kaaj_session=$worker" --data "csrf=$csrf&campaign=$camp" \
		"$BIG_URL/tasks/claim" | sed -n 's|.*/tasks/\([0-9]*\).*|\1|p')
	curl -s -o /dev/null -b "kaaj_session=$worker" \
		--data "csrf=$csrf&task=$task&entry=explain" "$BIG_URL/tasks/submit"
	curl -s -o /dev/null -b "kaaj_session=$C_EMPLOYER" \
		--data "csrf=$BENCH_CSRF&id=$camp&task=$task&rating=satisfied" \
		"$BIG_URL/campaigns/rate"
	db_root -e "SET GLOBAL slow_query_log = 0"
	explain_log "$log" "$out"
	say "# plans of $(grep -ac '^[A-Z]' "$out") statements in $out"
}

# explain_log LOG OUT: each distinct statement of kaaj's in slow log LOG
# (numbers and strings set aside), run again under ANALYZE, into OUT. A
# statement that cannot run again (a claim already made, a binary value
# the log cannot carry) leaves its error in OUT.
explain_log() {
	local stmt
	: >"$2"
	awk '/^# User@Host:/ { app = ($3 ~ /^kaaj\[/) }
	    app && /^(SELECT|UPDATE|INSERT|DELETE) / { sub(/;$/, ""); print }' \
		"$1" |
		awk '{ k = $0; gsub(/[0-9]+/, "N", k); gsub(/'"'"'[^'"'"']*'"'"'/, "S", k)
			if (!(k in seen)) { seen[k] = 1; print } }' |
		while IFS= read -r stmt; do
			printf '\n%s\n' "$stmt" >>"$2"
			case $stmt in
			SELECT*) db_root -t -e "ANALYZE $stmt" kaaj_big ;;
			*) db_root -t -e "START TRANSACTION; ANALYZE $stmt;
			    ROLLBACK" kaaj_big ;;
			esac >>"$2" 2>&1 || true
		done
}

# rows_profile: where kaaj.fcgi spends the board's time: perf record of
# the big site's pool while wrk asks for the visitor's board for SECS
# seconds; the top functions go to $KAAJ_WORK/profile.txt. Needs perf
# (Debian's linux-perf) and a kernel that lets it sample.
rows_profile() {
	local pids out=$KAAJ_WORK/profile.txt
	command -v perf >/dev/null || { say "# no perf: no profile"; return 0; }
	pids=$(read_pids "$KAAJ_PID_DIR/kaaj-big.pid" | paste -sd, -)
	perf record -q -F 1999 -g -o "$KAAJ_WORK/perf.data" -p "$pids" \
		-- sleep "$SECS" 2>>"$KAAJ_LOG_DIR/perf.log" &
	wrk -t 2 -c 32 -d "${SECS}s" "$BIG_URL/" >/dev/null 2>&1
	wait $! || { say "# perf record failed (log: $KAAJ_LOG_DIR/perf.log)"; return 0; }
	perf report -i "$KAAJ_WORK/perf.data" --stdio --no-children \
		--percent-limit 0.7 -g none --sort dso,symbol 2>/dev/null |
		grep -v '^#' | grep -v '^$' | head -n 45 >"$out"
	say "# profile of the board in $out"
}
