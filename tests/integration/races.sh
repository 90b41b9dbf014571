# shellcheck shell=bash
#
# tests/integration/races.sh: helpers for the tests that race clients
# against each other (t_64) and break servers under load (t_71), sourced
# after lib.sh and market.sh.
#
# Requests sent "at once" are a batch: built with batch_new and
# batch_post / batch_mpost / batch_get, sent by batch_go as one curl
# --parallel, each on its own connection and all started before any
# answer is read. A test holds a row lock from a session of its own
# (hold_lock) to stop a request in the middle of its transaction, and
# finds the kaaj.fcgi process serving it (fcgi_busy_pids).

# ------------------------------------------------------------ users

# worker_pool PREFIX N: make N active users PREFIX0 .. PREFIX(N-1) of
# Bangladesh with a session each, in two statements; their ids go to
# POOL_IDS and their session tokens to POOL_TOKS (indexed 0 .. N-1).
worker_pool() {
	local i users="" sessions="" tok
	POOL_TOKS=()
	for ((i = 0; i < $2; i++)); do
		tok=$(new_key)
		POOL_TOKS[i]=$tok
		users+="${users:+,}('$1$i', '$1$i@races.invalid', '', 'BD', 'active')"
		sessions+="${sessions:+,}(UNHEX(SHA2('$tok', 256)),
		    (SELECT id FROM users WHERE username = '$1$i'),
		    NOW() + INTERVAL 1 DAY)"
	done
	db_sql "INSERT INTO users (username, email, password_hash, country,
	    status) VALUES $users;
	    INSERT INTO sessions (token_hash, user_id, expires_at)
	    VALUES $sessions" || die "could not make the users $1*"
	mapfile -t POOL_IDS < <(db_sql "SELECT id FROM users
	    WHERE username LIKE '${1//_/\\_}%' ORDER BY id")
	((${#POOL_IDS[@]} == $2)) || die "made ${#POOL_IDS[@]} users $1*, not $2"
}

# fund NAME AMOUNT: set user NAME's available balance to exactly AMOUNT
# (micro-units) by a credit, or fail when it is higher already.
fund() {
	local id have
	id=$(db_sql "SELECT id FROM users WHERE username = '$1'")
	have=$(balance_of available "$id")
	((have <= $2)) || die "fund: $1 has $have, more than $2"
	((have == $2)) ||
		kaaj_admin credit "$1" "$(micro_text $(($2 - have)))" \
			--reason "races" >/dev/null || die "kaaj-admin credit $1 failed"
}

# micro_text MICRO: micro-units as a decimal amount ("2.200000").
micro_text() {
	printf '%d.%06d' $(($1 / 1000000)) $(($1 % 1000000))
}

# ------------------------------------------------------------ batches

BATCH_SERIAL=0
declare -A CSRF_OF

# csrf_of TOKEN: set CSRF_OF[TOKEN] to csrf_token TOKEN, worked out once
# per token (not in a subshell, which would forget it).
csrf_of() {
	[[ -n ${CSRF_OF[$1]:-} ]] || CSRF_OF[$1]=$(csrf_token "$1")
}

# batch_new: start an empty batch (its files under $BATCH_DIR).
batch_new() {
	BATCH_SERIAL=$((BATCH_SERIAL + 1))
	BATCH_DIR=$KAAJ_TMP/batch.$$.$BATCH_SERIAL
	rm -rf "$BATCH_DIR"
	mkdir -p "$BATCH_DIR"
	BATCH_N=0
	BATCH_ARGS=()
}

# batch_add TOKEN: the options every request of the batch starts with:
# its output files, and the session TOKEN ("-": none).
batch_add() {
	local i=$BATCH_N
	((i == 0)) || BATCH_ARGS+=(--next)
	BATCH_ARGS+=(-sS --globoff --max-time 90 -o "$BATCH_DIR/$i.body"
		-D "$BATCH_DIR/$i.head")
	[[ $1 == - ]] || BATCH_ARGS+=(-b "kaaj_session=$1")
	BATCH_N=$((i + 1))
}

# batch_post TOKEN PATH NAME=VALUE...: add an urlencoded POST with the
# session's csrf.
batch_post() {
	local tok=$1 path=$2 kv
	shift 2
	batch_add "$tok"
	csrf_of "$tok"
	BATCH_ARGS+=(--data-urlencode "csrf=${CSRF_OF[$tok]}")
	for kv in "$@"; do
		BATCH_ARGS+=(--data-urlencode "$kv")
	done
	BATCH_ARGS+=("$KAAJ_URL$path")
}

# batch_mpost TOKEN PATH FIELD...: add a multipart POST with the session's
# csrf; a FIELD "file:NAME=@PATH;type=..." is a file, others are text.
batch_mpost() {
	local tok=$1 path=$2 f
	shift 2
	batch_add "$tok"
	csrf_of "$tok"
	BATCH_ARGS+=(--form-string "csrf=${CSRF_OF[$tok]}")
	for f in "$@"; do
		if [[ $f == file:* ]]; then
			BATCH_ARGS+=(-F "${f#file:}")
		else
			BATCH_ARGS+=(--form-string "$f")
		fi
	done
	BATCH_ARGS+=("$KAAJ_URL$path")
}

# batch_get TOKEN PATH: add a GET.
batch_get() {
	batch_add "$1"
	BATCH_ARGS+=("$KAAJ_URL$2")
}

# batch_go: send the batch, every request at once, wait for all, and
# read the answers' heads (batch_read).
batch_go() {
	if ((BATCH_N > 0)); then
		curl --parallel --parallel-immediate --parallel-max 300 \
			"${BATCH_ARGS[@]}" >/dev/null 2>"$BATCH_DIR/curl.err" || true
	fi
	batch_read
}

# batch_go_bg: send the batch in the background; batch_wait waits for it
# and reads the answers.
batch_go_bg() {
	if ((BATCH_N > 0)); then
		curl --parallel --parallel-immediate --parallel-max 300 \
			"${BATCH_ARGS[@]}" >/dev/null 2>"$BATCH_DIR/curl.err" &
		BATCH_PID=$!
	else
		BATCH_PID=
	fi
}

# batch_wait: wait for the batch sent by batch_go_bg.
batch_wait() {
	[[ -z $BATCH_PID ]] || wait "$BATCH_PID" || true
	batch_read
}

declare -A SAVED_DIR SAVED_N SAVED_PID

# batch_save NAME: keep the current batch (sent by batch_go_bg, say) under
# NAME, so that another one can be built; batch_load NAME takes it back.
batch_save() {
	SAVED_DIR[$1]=$BATCH_DIR
	SAVED_N[$1]=$BATCH_N
	SAVED_PID[$1]=${BATCH_PID:-}
}

# batch_load NAME: make the batch saved as NAME the current one.
batch_load() {
	BATCH_DIR=${SAVED_DIR[$1]}
	BATCH_N=${SAVED_N[$1]}
	BATCH_PID=${SAVED_PID[$1]}
}

# batch_read: read each answer's head into BATCH_STATUS[I] (000: no
# answer), BATCH_LOCATION[I] (without the site) and BATCH_NOTICE[I] (the
# Location's notice, "-" when none). The last head counts (after a 100
# Continue).
batch_read() {
	local i line v
	BATCH_STATUS=()
	BATCH_LOCATION=()
	BATCH_NOTICE=()
	for ((i = 0; i < BATCH_N; i++)); do
		BATCH_STATUS[i]=000
		BATCH_LOCATION[i]=
		BATCH_NOTICE[i]=-
		[[ -f $BATCH_DIR/$i.head ]] || continue
		while IFS= read -r line; do
			line=${line%$'\r'}
			case ${line,,} in
			http/*)
				v=${line#* }
				BATCH_STATUS[i]=${v%% *}
				BATCH_LOCATION[i]=
				;;
			location:*)
				v=${line#*:}
				v=${v#"${v%%[! ]*}"}
				BATCH_LOCATION[i]=${v#"$KAAJ_URL"}
				;;
			esac
		done <"$BATCH_DIR/$i.head"
		if [[ ${BATCH_LOCATION[i]} =~ [?\&]notice=([a-z_]+) ]]; then
			BATCH_NOTICE[i]=${BASH_REMATCH[1]}
		fi
	done
}

# batch_statuses: the status of each answer, one a line.
batch_statuses() {
	printf '%s\n' "${BATCH_STATUS[@]}"
}

# batch_notices: the notice of each answer, one a line.
batch_notices() {
	printf '%s\n' "${BATCH_NOTICE[@]}"
}

# tally: count equal lines on stdin, as "LINE xN" on one line ("303 x11,
# 200 x2").
tally() {
	sort | uniq -c | sort -rn |
		awk '{ printf "%s%s x%s", sep, $2, $1; sep = ", " }'
}

# only_in LINES ALLOWED-REGEX: true if every line of LINES matches.
only_in() {
	! grep -Evq "^($2)\$" <<<"$1"
}

# ------------------------------------------------------------ tasks

# big_png FILE [BYTES]: write a PNG signature and BYTES (default 10000)
# random bytes to FILE: an image of that size to kaaj, which looks at the
# signature only.
big_png() {
	{
		printf '\x89PNG\r\n\x1a\n'
		head -c "${2:-10000}" /dev/urandom
	} >"$1"
}

# claim_tasks CAMPAIGN N [FIRST]: workers POOL FIRST (default 0) ..
# FIRST+N-1 claim the campaign at once; the task ids, in the workers'
# order, go to TASKS (indexed 0 .. N-1). Dies unless each got one.
claim_tasks() {
	local c=$1 n=$2 first=${3:-0} i
	batch_new
	for ((i = first; i < first + n; i++)); do
		batch_post "${POOL_TOKS[i]}" /tasks/claim "campaign=$c"
	done
	batch_go
	mapfile -t TASKS < <(db_sql "SELECT t.id FROM tasks t
	    JOIN users u ON u.id = t.worker_id
	    WHERE t.campaign_id = $c AND t.worker_id IN
	    ($(id_list "${POOL_IDS[@]:first:n}")) ORDER BY u.id")
	((${#TASKS[@]} == n)) ||
		die "$n workers got ${#TASKS[@]} tasks on campaign $c"
}

# pending_tasks CAMPAIGN N [FIRST]: claim_tasks, then the workers send
# proof at once (the user name first_TASK, and $PNG when the campaign
# wants a screenshot). Dies unless all N are pending.
pending_tasks() {
	local c=$1 n=$2 first=${3:-0} i shot
	shot=$(db_sql "SELECT screenshot_required FROM campaigns WHERE id = $c")
	claim_tasks "$c" "$n" "$first"
	batch_new
	for ((i = 0; i < n; i++)); do
		if ((shot)); then
			batch_mpost "${POOL_TOKS[first + i]}" /tasks/submit \
				"task=${TASKS[i]}" "username=first_${TASKS[i]}" \
				"file:screenshot=@$PNG;type=image/png"
		else
			batch_post "${POOL_TOKS[first + i]}" /tasks/submit \
				"task=${TASKS[i]}" "username=first_${TASKS[i]}"
		fi
	done
	batch_go
	[[ $(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $c
	    AND status = 'pending'") == "$n" ]] ||
		die "not all $n tasks of campaign $c are pending: $(batch_statuses | tally)"
}

# new_key: a fresh request key (32 hex digits), without a new process.
new_key() {
	printf '%08x%08x%08x%08x\n' "$SRANDOM" "$SRANDOM" "$SRANDOM" "$SRANDOM"
}

# id_list WORD...: the words joined by commas (for SQL IN lists).
id_list() {
	local IFS=,
	echo "$*"
}

# task_fields FIELDS...: "task=ID" for each id, as form fields.
task_fields() {
	local t
	for t in "$@"; do
		printf 'task=%s\n' "$t"
	done
}

# campaign_books CAMPAIGN WHAT: the campaign's counters and money agree
# with its tasks: slots_taken counts the tasks that hold a slot (claimed,
# pending, revise, satisfied; a rejection frees its slot), slots_done the
# satisfied ones, each satisfied task has exactly one payment of the pay
# to its worker and no other task has one, and the escrow holds the pay
# of every slot not done.
campaign_books() {
	local c=$1 what=$2 taken holding slots_done satisfied badpay escrow owed
	read -r taken holding slots_done satisfied badpay escrow owed < <(db_sql "
	    SELECT c.slots_taken,
	    (SELECT COUNT(*) FROM tasks WHERE campaign_id = c.id
	        AND status IN ('claimed', 'pending', 'revise', 'satisfied')),
	    c.slots_done,
	    (SELECT COUNT(*) FROM tasks WHERE campaign_id = c.id
	        AND status = 'satisfied'),
	    (SELECT COUNT(*) FROM tasks t
	        LEFT JOIN (SELECT x.idem_key, COUNT(*) AS n,
	            SUM(l.amount) AS paid
	            FROM ledger_transactions x
	            JOIN ledger_legs l ON l.txn_id = x.id
	            JOIN ledger_accounts a ON a.id = l.account_id
	            WHERE x.idem_key LIKE 'task:%:pay' AND a.kind = 'available'
	            GROUP BY x.idem_key) p
	        ON p.idem_key = CONCAT('task:', t.id, ':pay')
	        WHERE t.campaign_id = c.id
	        AND IF(t.status = 'satisfied',
	            p.n IS NULL OR p.n <> 1 OR p.paid <> c.pay_per_task,
	            p.n IS NOT NULL)),
	    COALESCE((SELECT balance FROM ledger_accounts
	        WHERE kind = 'escrow' AND owner_id = c.id), 0),
	    c.pay_per_task * (c.slots_total - c.slots_done)
	    FROM campaigns c WHERE c.id = $c")
	if [[ -z $owed ]]; then
		fail "$what: the books of campaign $c" "no such campaign"
		return
	fi
	expect_eq "$what: slots_taken counts the tasks holding a slot" \
		"$taken" "$holding"
	expect_eq "$what: slots_done counts the satisfied tasks" "$slots_done" "$satisfied"
	expect_eq "$what: one payment of the pay per satisfied task, none for the others" \
		"$badpay" 0
	expect_eq "$what: the escrow holds the pay of every slot not done" \
		"$escrow" "$owed"
}

# people_books WHAT USER-ID...: each user's record as a worker and as an
# employer counts their tasks as rated, and (for users whose money only
# comes from tasks) the available balance is the pay and bonuses of their
# satisfied tasks.
people_books() {
	local what=$1 ids
	shift
	ids=$(id_list "$@")
	expect_eq "$what: each worker's record counts their rated tasks" \
		"$(db_sql "SELECT COUNT(*) FROM users u WHERE u.id IN ($ids)
		    AND (u.tasks_satisfied, u.tasks_rejected) <>
		    (SELECT COALESCE(SUM(status = 'satisfied'), 0),
		    COALESCE(SUM(status = 'not_satisfied'), 0)
		    FROM tasks WHERE worker_id = u.id)")" 0
	expect_eq "$what: each employer's record counts the tasks they rated" \
		"$(db_sql "SELECT COUNT(*) FROM users u WHERE u.id IN ($ids)
		    AND (u.rated_satisfied, u.rated_rejected) <>
		    (SELECT COALESCE(SUM(t.status = 'satisfied'), 0),
		    COALESCE(SUM(t.status = 'not_satisfied'), 0)
		    FROM tasks t JOIN campaigns c ON c.id = t.campaign_id
		    WHERE c.owner_id = u.id)")" 0
}

# earnings_books WHAT USER-ID...: each user (paid only by tasks) has
# exactly the pay and bonuses of their satisfied tasks.
earnings_books() {
	local what=$1 ids
	shift
	ids=$(id_list "$@")
	expect_eq "$what: each worker has exactly the pay and bonuses of their satisfied tasks" \
		"$(db_sql "SELECT COUNT(*) FROM users u
		    LEFT JOIN ledger_accounts a ON a.kind = 'available'
		        AND a.owner_id = u.id
		    WHERE u.id IN ($ids) AND COALESCE(a.balance, 0) <>
		    (SELECT COALESCE(SUM(c.pay_per_task + t.bonus), 0)
		    FROM tasks t JOIN campaigns c ON c.id = t.campaign_id
		    WHERE t.worker_id = u.id AND t.status = 'satisfied')")" 0
}

# ------------------------------------------------------------ locks

declare -A HOLD_FD HOLD_PID

# hold_lock NAME SQL: in a database session of its own, start a
# transaction and run SQL (a locking read), and keep it open, holding
# its locks, until release_lock NAME.
hold_lock() {
	local fifo=$KAAJ_TMP/hold.$$.$1 fd i
	rm -f "$fifo" "$fifo.out"
	mkfifo "$fifo"
	mariadb --no-defaults --socket="$KAAJ_DB_SOCKET" -u root -n -N -B kaaj \
		<"$fifo" >"$fifo.out" 2>&1 &
	HOLD_PID[$1]=$!
	exec {fd}>"$fifo"
	HOLD_FD[$1]=$fd
	printf 'START TRANSACTION;\n%s;\nSELECT "held";\n' "$2" >&"$fd"
	for ((i = 0; i < 100; i++)); do
		grep -qx held "$fifo.out" && return 0
		sleep 0.1
	done
	die "hold_lock $1: no lock after 10 s: $(cat "$fifo.out")"
}

# release_lock NAME: roll back the transaction of hold_lock NAME and end
# its session. The client is told to quit rather than waiting for the end
# of its input: processes started meanwhile hold the pipe open too.
release_lock() {
	local fd=${HOLD_FD[$1]} pid=${HOLD_PID[$1]}
	# A subshell: if the session is gone (its server was killed), the
	# write's SIGPIPE ends the subshell, not this script.
	(printf 'ROLLBACK;\nquit\n' >&"$fd") 2>/dev/null || true
	exec {fd}>&-
	if ! wait_gone 10 "$pid"; then
		warn "the session holding $1 did not end; killing it"
		kill -TERM "$pid" 2>/dev/null || true
	fi
	wait "$pid" || true
	rm -f "$KAAJ_TMP/hold.$$.$1" "$KAAJ_TMP/hold.$$.$1.out"
	unset "HOLD_FD[$1]" "HOLD_PID[$1]"
}

# release_all_locks: release every lock still held (for an EXIT trap).
release_all_locks() {
	local name
	for name in "${!HOLD_FD[@]}"; do
		release_lock "$name"
	done
}

# lock_waits: how many transactions wait for a lock now.
lock_waits() {
	db_sql "SELECT COUNT(*) FROM information_schema.innodb_trx
	    WHERE trx_state = 'LOCK WAIT'"
}

# wait_lock_waits N: wait up to 30 s until N transactions wait for a lock.
wait_lock_waits() {
	local i
	for ((i = 0; i < 300; i++)); do
		(($(lock_waits) >= $1)) && return 0
		sleep 0.1
	done
	die "no $1 transactions waiting for a lock after 30 s"
}

# ------------------------------------------------------------ processes

# fcgi_alive_pids: the kaaj.fcgi processes of the pid file that run.
fcgi_alive_pids() {
	running_pids kaaj.fcgi "$KAAJ_FCGI_PIDFILE"
}

# fcgi_busy_pids: the kaaj.fcgi processes serving a request now: those
# holding a connection accepted on the FastCGI socket (in /proc/net/unix
# such a socket is connected, state 03, and has the socket's path).
fcgi_busy_pids() {
	local inodes pid fd link
	inodes=" $(awk -v p="$KAAJ_FCGI_SOCKET" '$6 == "03" && $8 == p { print $7 }' \
		/proc/net/unix | tr '\n' ' ')"
	for pid in $(fcgi_alive_pids); do
		for fd in /proc/"$pid"/fd/*; do
			link=$(readlink "$fd" 2>/dev/null) || continue
			[[ $link == socket:\[*\] ]] || continue
			link=${link#socket:[}
			if [[ $inodes == *" ${link%]} "* ]]; then
				echo "$pid"
				break
			fi
		done
	done
}

# kill_fcgi PID: SIGKILL the kaaj.fcgi process PID (checked by name) and
# wait until it is gone.
kill_fcgi() {
	proc_is kaaj.fcgi "$1" || die "pid $1 is not kaaj.fcgi"
	kill -KILL "$1"
	wait_gone 10 "$1" || die "kaaj.fcgi $1 survived SIGKILL"
}
