#!/bin/bash
#
# t_71_faults: servers break under load, and no money is lost or doubled,
# nothing is half applied, and the site recovers by itself.
#  a. kill -9 of two kaaj.fcgi processes (of 8) while the employer rates
#     30 tasks in one post and users withdraw: one is stopped (by a row
#     lock this test holds) in the middle of the rating's transaction of
#     task 16, the other in the middle of a withdrawal's. Both
#     transactions vanish whole: 15 tasks are rated and paid, the 16th is
#     not half rated, the withdrawal holds no money. The six other
#     processes go on serving (spawn-fcgi does not replace a dead child:
#     issue 14); the same posts sent again finish the work exactly once.
#  b. kill -9 of mariadbd under load (ratings, withdrawals, pages), then a
#     restart on the same socket: while it is away every page is a clear
#     503 ("Server busy"), the kaaj.fcgi processes reconnect by themselves
#     and every task and withdrawal is whole.
#  c. The upload folder full (a 64 KiB tmpfs; skipped unless root may
#     mount): proof with a screenshot and deposits with a receipt are
#     refused with a page saying the file could not be saved, no task goes
#     pending without its required screenshot, no partial file stays, and
#     every stored name has its file. With room again it works.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"

RUN=$(random_hex 4)
EMP=t71e_$RUN
EMP2=t71f_$RUN
PNG=$KAAJ_TMP/t71.png
BUSY_TITLE="Server busy"
BUSY_TEXT="The site cannot reach its database right now."
BUSY_DETAIL="The database did not answer."
SAVE_FAILED="The screenshot could not be saved."
MOUNT=$KAAJ_WORK/t71-uploads
MOUNTED=0
LOAD_PID=

# cleanup: what this test started or changed, also when it fails: the
# load, the locks held, the mount. (Run by the EXIT trap.)
# shellcheck disable=SC2317
cleanup() {
	if [[ -n $LOAD_PID ]]; then
		touch "$KAAJ_TMP/t71.stop"
		wait "$LOAD_PID" 2>/dev/null || true
	fi
	release_all_locks
	if ((MOUNTED)); then
		umount "$MOUNT" || warn "could not unmount $MOUNT"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# withdrawers PREFIX N: N users PREFIX0 .. with 10.00 each; ids to WD_IDS,
# sessions to WD_TOKS.
withdrawers() {
	local i ids=("${POOL_IDS[@]}") toks=("${POOL_TOKS[@]}")
	worker_pool "$1" "$2"
	WD_IDS=("${POOL_IDS[@]}")
	WD_TOKS=("${POOL_TOKS[@]}")
	POOL_IDS=("${ids[@]}")
	POOL_TOKS=("${toks[@]}")
	for ((i = 0; i < $2; i++)); do
		fund "$1$i" 10000000
	done
}

# wallets_whole WHAT USER-ID...: each user's withdrawals hold their money
# (a hold per request, none without one), and available plus held is
# still the 10.00 each was given.
wallets_whole() {
	local what=$1 ids
	shift
	ids=$(id_list "$@")
	expect_eq "$what: every withdrawal request holds its money, and no hold lacks its request" \
		"$(db_sql "SELECT COUNT(*) FROM withdrawals w
		    LEFT JOIN ledger_transactions x
		        ON x.idem_key = CONCAT('withdrawal:', w.id, ':hold')
		    WHERE w.user_id IN ($ids) AND x.id IS NULL"),$(db_sql "
		    SELECT COUNT(*) FROM ledger_transactions x
		    WHERE x.idem_key LIKE 'withdrawal:%:hold' AND x.actor_id IN ($ids)
		    AND NOT EXISTS (SELECT 1 FROM withdrawals w
		        WHERE x.idem_key = CONCAT('withdrawal:', w.id, ':hold'))")" 0,0
	expect_eq "$what: held is the sum of the requests, available + held the 10.00 given" \
		"$(db_sql "SELECT COUNT(*) FROM users u
		    LEFT JOIN ledger_accounts a ON a.kind = 'available' AND a.owner_id = u.id
		    LEFT JOIN ledger_accounts h ON h.kind = 'held' AND h.owner_id = u.id
		    WHERE u.id IN ($ids) AND (COALESCE(h.balance, 0) <>
		        (SELECT COALESCE(SUM(amount), 0) FROM withdrawals
		        WHERE user_id = u.id AND status = 'pending')
		    OR COALESCE(a.balance, 0) + COALESCE(h.balance, 0) <> 10000000)")" 0
}

# serves_again WHAT: 16 pages in a row are served (200).
serves_again() {
	local i codes=""
	for ((i = 0; i < 16; i++)); do
		codes+=$(http_status GET "/jobs/$JOB")$'\n'
	done
	expect_eq "$1: 16 pages in a row answered 200 ($(grep . <<<"$codes" | tally))" \
		"$(grep . <<<"$codes" | sort -u)" 200
}

# ------------------------------------------------------------ a. kill -9

killed_fcgi() {
	local c n=30 k=15 w v p q busy others i codes
	say "a. kill -9 of two kaaj.fcgi processes during a bulk rating and withdrawals"
	with_fcgi 8
	c=$(new_campaign "$n" 0)
	pending_tasks "$c" "$n"
	withdrawers "t71v${RUN}_" 1
	v=${WD_IDS[0]}
	VS=${WD_TOKS[0]}
	withdrawers "t71l${RUN}_" 6

	# The rating stops at task k+1 (index k), waiting for its worker's row.
	w=$(db_sql "SELECT worker_id FROM tasks WHERE id = ${TASKS[k]}")
	hold_lock worker "SELECT id FROM users WHERE id = $w FOR UPDATE"
	batch_new
	# shellcheck disable=SC2046 # one task=ID a word
	batch_post "$ES" /campaigns/rate "id=$c" rating=satisfied \
		$(task_fields "${TASKS[@]}")
	batch_go_bg
	batch_save rating
	wait_lock_waits 1
	p=$(sed -n "s/.*kaaj\[\([0-9]*\)\].* task ${TASKS[k - 1]} rated satisfied.*/\1/p" \
		"$KAAJ_FCGI_LOG" | tail -n 1)
	busy=$(fcgi_busy_pids)
	expect_eq "the rating is stopped in the middle, on one process" \
		"$(grep -cx "${p:-none}" <<<"$busy" || true),$(count_satisfied "$c")" "1,$k"

	# The withdrawal stops before its hold, waiting for the held account.
	db_sql "INSERT IGNORE INTO ledger_accounts (kind, owner_id, may_go_negative)
	    VALUES ('held', $v, 0)"
	hold_lock held "SELECT id FROM ledger_accounts WHERE kind = 'held'
	    AND owner_id = $v FOR UPDATE"
	VKEY=$(new_key)
	batch_new
	batch_post "$VS" /wallet/withdraw method=bkash account=01712345678 \
		amount=2.00 "request_key=$VKEY"
	batch_go_bg
	batch_save withdrawal
	wait_lock_waits 2
	q=$(fcgi_busy_pids | grep -vx "$p" || true)
	expect_eq "the withdrawal is stopped in the middle, on another process" \
		"$(grep -c . <<<"$q" || true)" 1

	# The load: 6 users withdraw 2.00 six times each on 10.00, pages.
	batch_new
	for ((i = 0; i < 36; i++)); do
		batch_post "${WD_TOKS[i % 6]}" /wallet/withdraw method=bkash \
			account=01712345678 amount=2.00 "request_key=$(new_key)"
		((i % 4)) || batch_get - "/jobs/$JOB"
	done
	batch_go_bg
	batch_save load
	say "  # killing the rating's kaaj.fcgi (pid $p) and the withdrawal's (pid $q) under load"
	kill_fcgi "$p"
	kill_fcgi "$q"
	release_lock worker
	release_lock held
	batch_load load
	batch_wait
	codes=$(batch_statuses)
	expect_eq "the load was served by the other processes ($(tally <<<"$codes"))" \
		"$(only_in "$codes" '200|303' && echo yes)" yes
	batch_load rating
	batch_wait
	say "  # the employer's post got $(batch_statuses) from nginx"
	batch_load withdrawal
	batch_wait
	say "  # the stopped withdrawal got $(batch_statuses)"
	others=$(fcgi_alive_pids | grep -c . || true)
	say "  # $others of 8 kaaj.fcgi processes run: spawn-fcgi did not replace the dead ones"
	check "the killed processes are gone" \
		test -z "$(fcgi_alive_pids | grep -xE "$p|$q" || true)"

	expect_eq "tasks 1 to $k are satisfied, the $((k + 1))th and the rest wait" \
		"$(count_satisfied "$c"),$(db_sql "SELECT status FROM tasks WHERE id = ${TASKS[k]}")" \
		"$k,pending"
	expect_eq "the $((k + 1))th task is not half rated: no payment, no notice, its worker has nothing" \
		"$(db_sql "SELECT COUNT(*) FROM ledger_transactions
		    WHERE idem_key = 'task:${TASKS[k]}:pay'"),$(db_sql "SELECT COUNT(*)
		    FROM notifications WHERE task_id = ${TASKS[k]}"),$(balance_of available "$w")" \
		0,0,0
	campaign_books "$c" "after the kill"
	expect_eq "the stopped withdrawal left nothing: no request, 10.00 available" \
		"$(db_sql "SELECT COUNT(*) FROM withdrawals WHERE user_id = $v"),$(balance_of available "$v"),$(balance_of held "$v")" \
		0,10000000,0
	wallets_whole "the load" "${WD_IDS[@]}"
	expect_ledger_ok "right after the kill"
	serves_again "the site serves"

	say "  # the same posts again"
	# shellcheck disable=SC2046 # one task=ID a word
	spost "$ES" /campaigns/rate "id=$c" rating=satisfied \
		$(task_fields "${TASKS[@]}")
	expect_header Location "rated=$((n - k))&skipped=$k&refused=0" \
		"the rating sent again rates the $((n - k)) left and skips the $k done"
	spost "$VS" /wallet/withdraw method=bkash account=01712345678 \
		amount=2.00 "request_key=$VKEY"
	expect_status 303 "the withdrawal sent again"
	expect_eq "... is one request holding 2.00" \
		"$(db_sql "SELECT COUNT(*) FROM withdrawals WHERE user_id = $v"),$(balance_of held "$v")" \
		1,2000000
	campaign_books "$c" "at the end"
	earnings_books "the workers" "${POOL_IDS[@]}"
	wallets_whole "the withdrawers" "$v" "${WD_IDS[@]}"
}

# count_satisfied CAMPAIGN: its satisfied tasks.
count_satisfied() {
	db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $1
	    AND status = 'satisfied'"
}

# ------------------------------------------------------------ b. mariadbd

# load_loop CAMPAIGN OUT: until $KAAJ_TMP/t71.stop exists (at most 200
# rounds), send rounds of 6 withdrawals of 2.00, a bulk rating of 4 tasks,
# and 4 pages at once; append each answer's status to OUT, a 503 as "503" when
# its page says the database is away and "503-bare" when not, and
# "round" after each round.
load_loop() {
	local c=$1 out=$2 round i s
	for ((round = 0; round < 200; round++)); do
		[[ ! -e $KAAJ_TMP/t71.stop ]] || break
		batch_new
		for ((i = 0; i < 6; i++)); do
			batch_post "${WD_TOKS[i]}" /wallet/withdraw method=bkash \
				account=01712345678 amount=2.00 "request_key=$(new_key)"
		done
		# shellcheck disable=SC2046 # one task=ID a word
		batch_post "$ES" /campaigns/rate "id=$c" rating=satisfied \
			$(task_fields "${TASKS[@]:$((round % 6 * 4)):4}")
		batch_get - "/jobs/$JOB"
		batch_get - /
		batch_get "${WD_TOKS[0]}" /wallet
		batch_get "$ES" "/campaigns/$c"
		batch_go
		for ((i = 0; i < BATCH_N; i++)); do
			s=${BATCH_STATUS[i]}
			if [[ $s == 503 ]] && ! grep -qF "$BUSY_TEXT" "$BATCH_DIR/$i.body"; then
				s=503-bare
			fi
			echo "$s"
		done >>"$out"
		echo round >>"$out"
		rm -rf "$BATCH_DIR"
	done
}

# wait_rounds OUT N: wait up to 60 s until the load wrote N more rounds.
wait_rounds() {
	local i have want
	have=$(grep -c '^round$' "$1" || true)
	want=$((have + $2))
	for ((i = 0; i < 600; i++)); do
		(($(grep -c '^round$' "$1" || true) >= want)) && return 0
		sleep 0.1
	done
	die "the load made no $2 rounds in 60 s"
}

# expect_busy_page WHAT: the last answer is the clear 503 page, in the
# words of the language file whether a user is logged in or not.
expect_busy_page() {
	expect_error_page 503 "$BUSY_TITLE" "$1"
	[[ $HTTP_STATUS == 503 ]] || return 0
	expect_body "$BUSY_TEXT" "$1: says the database cannot be reached"
	expect_body "$BUSY_DETAIL" "$1: ... and \"$BUSY_DETAIL\""
}

killed_mariadb() {
	local c n=24 out=$KAAJ_TMP/t71.load dbpid codes i s ns=6 k=3 w
	local -a stuck
	say "b. kill -9 of mariadbd under load, and a restart"
	with_fcgi 8
	c=$(new_campaign "$n" 0)
	pending_tasks "$c" "$n"
	CTASKS=("${TASKS[@]}")
	withdrawers "t71m${RUN}_" 6
	for i in "${WD_TOKS[@]}" "$ES"; do
		csrf_of "$i"
	done

	# Another employer's rating of 6 tasks, stopped in the middle of the
	# 4th task's transaction (by a lock on its worker's row) when the
	# database goes.
	make_user "$EMP2" >/dev/null
	ES2=$(new_session "$EMP2")
	s=$(EMP=$EMP2 new_campaign "$ns" 0)
	pending_tasks "$s" "$ns" "$n"
	stuck=("${TASKS[@]}")
	w=$(db_sql "SELECT worker_id FROM tasks WHERE id = ${stuck[k]}")
	hold_lock stuck "SELECT id FROM users WHERE id = $w FOR UPDATE"
	batch_new
	# shellcheck disable=SC2046 # one task=ID a word
	batch_post "$ES2" /campaigns/rate "id=$s" rating=satisfied \
		$(task_fields "${stuck[@]}")
	batch_go_bg
	batch_save stuck
	wait_lock_waits 1
	TASKS=("${CTASKS[@]}")

	: >"$out"
	rm -f "$KAAJ_TMP/t71.stop"
	load_loop "$c" "$out" &
	LOAD_PID=$!
	wait_rounds "$out" 2

	dbpid=$(read_pids "$KAAJ_DB_PIDFILE")
	proc_is mariadbd "$dbpid" || die "pid $dbpid is not mariadbd"
	say "  # killing mariadbd (pid $dbpid) under load"
	kill -KILL "$dbpid"
	wait_gone 30 "$dbpid" || die "mariadbd $dbpid survived SIGKILL"
	batch_load stuck
	batch_wait
	expect_eq "the rating stopped in the middle answered 503 with the clear page" \
		"$(batch_statuses),$(grep -cF "$BUSY_TEXT" "$BATCH_DIR/0.body" || true)" 503,1
	release_lock stuck
	wait_rounds "$out" 2
	http GET "/jobs/$JOB"
	expect_busy_page "a job page while the database is away"
	sget "${WD_TOKS[0]}" /wallet
	expect_busy_page "the wallet of a logged-in user while the database is away"
	spost "${WD_TOKS[0]}" /wallet/withdraw method=bkash account=01712345678 \
		amount=2.00 "request_key=$(new_key)"
	expect_busy_page "a withdrawal while the database is away"

	db_start
	say "  # mariadbd restarted (pid $(read_pids "$KAAJ_DB_PIDFILE"))"
	wait_http_ready "/jobs/$JOB"
	ok "the site serves again by itself"
	wait_rounds "$out" 3
	touch "$KAAJ_TMP/t71.stop"
	wait "$LOAD_PID" || true
	LOAD_PID=
	codes=$(grep -vx round "$out")
	say "  # $(grep -c '^round$' "$out") rounds of load: $(tally <<<"$codes")"
	expect_eq "the load got pages, redirects and clear 503 pages only" \
		"$(only_in "$codes" '200|303|503' && echo yes)" yes
	check "... some of them 503 while the database was away" grep -qx 503 <<<"$codes"
	expect_eq "every kaaj.fcgi process still runs" "$(fcgi_alive_pids | grep -c . || true)" 8
	serves_again "after the restart"
	# Whatever was rated is rated whole; what was not is rated now.
	campaign_books "$c" "after the restart"
	wallets_whole "the withdrawers" "${WD_IDS[@]}"
	# shellcheck disable=SC2046 # one task=ID a word
	spost "$ES" /campaigns/rate "id=$c" rating=satisfied \
		$(task_fields "${TASKS[@]}")
	expect_eq "the rest rated again: all $n satisfied" "$(count_satisfied "$c")" "$n"
	campaign_books "$c" "at the end"
	expect_eq "the stopped rating: $k tasks rated, the $((k + 1))th not half rated: no payment, no notice" \
		"$(count_satisfied "$s"),$(db_sql "SELECT status FROM tasks WHERE id = ${stuck[k]}"),$(db_sql "SELECT COUNT(*)
		    FROM ledger_transactions WHERE idem_key = 'task:${stuck[k]}:pay'"),$(db_sql "SELECT COUNT(*)
		    FROM notifications WHERE task_id = ${stuck[k]}")" \
		"$k,pending,0,0"
	campaign_books "$s" "the stopped rating's campaign"
	# shellcheck disable=SC2046 # one task=ID a word
	spost "$ES2" /campaigns/rate "id=$s" rating=satisfied \
		$(task_fields "${stuck[@]}")
	expect_header Location "rated=$((ns - k))&skipped=$k&refused=0" \
		"the stopped rating sent again rates the $((ns - k)) left"
	campaign_books "$s" "the stopped rating's campaign at the end"
	earnings_books "the workers" "${POOL_IDS[@]}"
	expect_ledger_ok "after the restart"
}

# ------------------------------------------------------------ c. disk full

# stored_files: the files on the small upload folder.
stored_files() {
	find "$MOUNT" -type f -printf '%P\n' | sort
}

# stored_names CAMPAIGN PAYER-ID: the files the database names for the
# campaign's tasks and the payer's deposits.
stored_names() {
	{
		db_sql "SELECT CONCAT('screenshots/', screenshot) FROM tasks
		    WHERE campaign_id = $1 AND screenshot IS NOT NULL"
		db_sql "SELECT CONCAT('receipts/', receipt) FROM deposits
		    WHERE user_id = $2 AND receipt IS NOT NULL"
	} | sort
}

disk_full() {
	local conf=$KAAJ_TMP/t71.conf c n=12 payer ps i refused_p=0 refused_d=0
	local status state d
	say "c. the upload folder full"
	if ((EUID != 0)); then
		say "  SKIP the upload folder full: mounting a small tmpfs needs root"
		return 0
	fi
	mkdir -p "$MOUNT"
	if ! mount -t tmpfs -o size=64k,mode=0750 tmpfs "$MOUNT" 2>"$KAAJ_TMP/t71.mount"; then
		say "  SKIP the upload folder full: mount refused: $(cat "$KAAJ_TMP/t71.mount")"
		return 0
	fi
	MOUNTED=1
	cp "$KAAJ_CONF" "$conf"
	conf_set "$conf" uploads "\"$MOUNT\""
	KAAJ_CONF=$conf with_fcgi 4
	big_png "$KAAJ_TMP/t71.big.png" 10000
	c=$(new_campaign "$n" 1)
	claim_tasks "$c" "$n"
	payer=$(make_user "t71p_$RUN")
	ps=$(new_session "t71p_$RUN")
	for ((i = 0; i < n && (refused_p < 2 || refused_d < 2); i++)); do
		mpost "${POOL_TOKS[i]}" /tasks/submit "task=${TASKS[i]}" \
			"username=full_$i" "file:screenshot=@$KAAJ_TMP/t71.big.png;type=image/png"
		status=$HTTP_STATUS
		state=$(db_sql "SELECT status FROM tasks WHERE id = ${TASKS[i]}")
		if [[ $status == 200 ]]; then
			refused_p=$((refused_p + 1))
			expect_body "$SAVE_FAILED" "proof $i refused: the page says the screenshot could not be saved"
			expect_eq "proof $i refused: the task still waits for proof, with none stored" \
				"$state,$(db_sql "SELECT COUNT(*) FROM task_fields WHERE task_id = ${TASKS[i]}")" \
				claimed,0
		else
			expect_eq "proof $i taken (303): the task is pending with its screenshot" \
				"$status,$state,$(db_sql "SELECT screenshot IS NOT NULL FROM tasks
				    WHERE id = ${TASKS[i]}")" "303,pending,1"
		fi
		mpost "$ps" /wallet/deposit method=bkash amount=5.00 "txn_ref=T71$RUN$i" \
			"file:receipt=@$KAAJ_TMP/t71.big.png;type=image/png"
		status=$HTTP_STATUS
		if [[ $status == 200 ]]; then
			refused_d=$((refused_d + 1))
			expect_body "$SAVE_FAILED" "deposit $i refused: the page says the receipt could not be saved"
			expect_eq "deposit $i refused: no request recorded" \
				"$(db_sql "SELECT COUNT(*) FROM deposits WHERE txn_ref = 'T71$RUN$i'")" 0
		else
			expect_eq "deposit $i sent (303) with its receipt" \
				"$status,$(db_sql "SELECT receipt IS NOT NULL FROM deposits
				    WHERE txn_ref = 'T71$RUN$i'")" 303,1
		fi
	done
	say "  # $i proofs and deposits sent: $refused_p proofs and $refused_d deposits refused, $(df -k "$MOUNT" | awk 'NR == 2 { print $4 }') KiB free"
	check "the folder filled up: proof and deposits were refused" \
		test "$refused_p" -gt 0 -a "$refused_d" -gt 0
	expect_eq "no task is pending without its screenshot" \
		"$(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $c
		    AND status = 'pending' AND screenshot IS NULL")" 0
	expect_eq "every stored file is named by a task or a deposit, every name has its file" \
		"$(diff <(stored_files) <(stored_names "$c" "$payer") && echo same)" same

	mount -o remount,size=1m "$MOUNT"
	for ((i = 0; i < n; i++)); do
		[[ $(db_sql "SELECT status FROM tasks WHERE id = ${TASKS[i]}") == claimed ]] ||
			continue
		mpost "${POOL_TOKS[i]}" /tasks/submit "task=${TASKS[i]}" \
			"username=full_$i" "file:screenshot=@$KAAJ_TMP/t71.big.png;type=image/png"
		expect_status 303 "with room again, refused proof $i sent again is taken"
		break
	done
	expect_eq "... and every name still has its file" \
		"$(diff <(stored_files) <(stored_names "$c" "$payer") && echo same)" same
	# Back to the stack's own folder, with the files its tasks and
	# deposits now name, as an operator would move them.
	with_fcgi 1
	for d in screenshots receipts; do
		mkdir -p "$KAAJ_UPLOAD_DIR/$d"
		[[ ! -d $MOUNT/$d ]] || cp -rp "$MOUNT/$d"/. "$KAAJ_UPLOAD_DIR/$d"/
	done
	umount "$MOUNT"
	MOUNTED=0
}

main() {
	write_png "$PNG"
	make_user "$EMP" >/dev/null
	ES=$(new_session "$EMP")
	worker_pool "t71w${RUN}_" 30	# a: tasks 0-29; b: 0-23 and 24-29
	JOB=$(db_sql "SELECT id FROM campaigns WHERE status = 'running'
	    ORDER BY id LIMIT 1")
	killed_fcgi
	killed_mariadb
	disk_full
	people_books "the workers and employers" "${POOL_IDS[@]}" \
		"$(db_sql "SELECT id FROM users WHERE username = '$EMP'")" \
		"$(db_sql "SELECT id FROM users WHERE username = '$EMP2'")"
	with_fcgi 1
	test_done
}

main "$@"
