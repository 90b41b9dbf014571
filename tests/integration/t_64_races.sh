#!/bin/bash
#
# t_64_races: money and task races over HTTP, real parallel clients on
# loopback against 8 kaaj.fcgi processes, a few rounds each, every round
# ending in an exact state (task states, slots_taken and slots_done, one
# payment per satisfied task by its idempotency key, the escrow, the
# balances from the ledger) and the ledger checking out at the end.
#  a. 35 claims (one worker three times) on the last 3 of 10 slots.
#  b. Two sessions of the employer approving the same 12 tasks at once,
#     each twice.
#  c. kaaj-admin cron approving 15 overdue tasks while the employer rates
#     them satisfied, not satisfied and "revise" (overlapping lists).
#  d. Ratings (satisfied, not satisfied) racing a revision, then the
#     worker's resubmission racing the ratings; a task rated after its
#     revision was rated on its new proof, and every screenshot is kept
#     by exactly the task that names it.
#  e. Two withdrawals racing the funding of a new campaign on a balance
#     that covers only one of them.
#  f. Two admins confirming one deposit while one of them rejects it.
#  g. Two bonuses racing two withdrawals on a balance covering one.
# (30 claims at once on one process: t_59; proof races: t_63; two admins
# confirming the two requests of one transaction ID: t_43; the same races
# below the pages: t_40, t_55.)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"

RUN=$(random_hex 4)
EMP=t64e_$RUN		# employer of the task races (b, c, d, g)
FUNDER=t64f_$RUN	# funds campaigns and withdraws (e)
PAYER=t64p_$RUN		# sends deposits (f)
ADMIN2=t64a_$RUN	# a second admin (f)
POOL=40			# workers
PNG=$KAAJ_TMP/t64.png
SHOTS=$KAAJ_UPLOAD_DIR/screenshots

# task_states TASK...: "ID:STATUS:REVISIONS" for each task, one a line.
task_states() {
	db_sql "SELECT CONCAT(id, ':', status, ':', revisions) FROM tasks
	    WHERE id IN ($(id_list "$@")) ORDER BY id"
}

# count_where SQL-CONDITION: how many tasks match.
count_where() {
	db_sql "SELECT COUNT(*) FROM tasks WHERE $1"
}

# rated_sum: the sum of rated=N over the batch's answers.
rated_sum() {
	local loc sum=0
	for loc in "${BATCH_LOCATION[@]}"; do
		[[ $loc =~ [?\&]rated=([0-9]+) ]] &&
			sum=$((sum + BASH_REMATCH[1]))
	done
	echo "$sum"
}

# each_counted: rated + skipped of each answer of the batch (with
# refused=0), the distinct sums one a line.
each_counted() {
	local loc
	for loc in "${BATCH_LOCATION[@]}"; do
		if [[ $loc =~ rated=([0-9]+)\&skipped=([0-9]+)\&refused=0$ ]]; then
			echo $((BASH_REMATCH[1] + BASH_REMATCH[2]))
		else
			echo "bad: $loc"
		fi
	done | sort -u
}

# ------------------------------------------------------------ a. claims

claims() {
	local round c i codes notices
	say "a. 35 claims on the last 3 of 10 slots, 4 rounds"
	for ((round = 1; round <= 4; round++)); do
		c=$(new_campaign 10 0)
		batch_new
		for ((i = 0; i < 7; i++)); do
			batch_post "${POOL_TOKS[i]}" /tasks/claim "campaign=$c"
		done
		batch_go
		batch_new
		for ((i = 7; i < 40; i++)); do
			batch_post "${POOL_TOKS[i]}" /tasks/claim "campaign=$c"
			((i != 20)) || batch_post "${POOL_TOKS[7]}" /tasks/claim "campaign=$c"
		done
		batch_post "${POOL_TOKS[7]}" /tasks/claim "campaign=$c"
		batch_go
		codes=$(batch_statuses)
		notices=$(batch_notices)
		expect_eq "round $round: every claim answered 303 ($(tally <<<"$codes"))" \
			"$(sort -u <<<"$codes")" 303
		expect_eq "round $round: 3 claimed, the rest full or taken ($(tally <<<"$notices"))" \
			"$(grep -c '^claimed$' <<<"$notices" || true),$(only_in "$notices" 'claimed|claim_full|claim_taken' && echo yes)" \
			"3,yes"
		expect_eq "round $round: 10 tasks, 10 slots taken" \
			"$(count_where "campaign_id = $c"),$(db_sql "SELECT slots_taken FROM campaigns WHERE id = $c")" \
			10,10
		check "round $round: the worker who claimed three times holds one task at most" \
			test "$(count_where "campaign_id = $c AND worker_id = ${POOL_IDS[7]}")" -le 1
		campaign_books "$c" "round $round"
	done
}

# ------------------------------------------------------------ b. approvals

approvals() {
	local round c i n=12 ids
	say "b. two sessions of the employer approve the same $n tasks at once, 3 rounds"
	for ((round = 1; round <= 3; round++)); do
		c=$(new_campaign "$n" 0)
		pending_tasks "$c" "$n"
		ids=$(id_list "${TASKS[@]}")
		batch_new
		for ((i = 0; i < 4; i++)); do
			# shellcheck disable=SC2046 # one task=ID a word
			if (((i + round) % 2 == 0)); then
				batch_post "$ES" /campaigns/rate "id=$c" rating=satisfied \
					$(task_fields "${TASKS[@]}")
			else
				batch_post "$ES2" /campaigns/rate "id=$c" rating=satisfied \
					$(task_fields $(printf '%s\n' "${TASKS[@]}" | tac))
			fi
		done
		batch_go
		expect_eq "round $round: four approvals answered 303 tasks_rated" \
			"$(batch_notices | sort -u)" tasks_rated
		expect_eq "round $round: $n rated in all, each post rated or skipped every task" \
			"$(rated_sum),$(each_counted)" "$n,$n"
		expect_eq "round $round: every task satisfied" \
			"$(count_where "id IN ($ids) AND status = 'satisfied'")" "$n"
		expect_eq "round $round: one notice per task" \
			"$(db_sql "SELECT COUNT(*) FROM notifications WHERE kind = 'approved'
			    AND task_id IN ($ids)")" "$n"
		campaign_books "$c" "round $round"
		SATISFIED+=("${TASKS[@]}")
	done
}

# ------------------------------------------------------------ c. cron

cron_overlap() {
	local round c n=15 ids cron_out manual cron_ours n_cron t
	say "c. kaaj-admin cron approves $n overdue tasks while the employer rates them, 3 rounds"
	for ((round = 1; round <= 3; round++)); do
		c=$(new_campaign "$n" 0)
		pending_tasks "$c" "$n"
		t=("${TASKS[@]}")
		ids=$(id_list "${t[@]}")
		db_sql "UPDATE tasks SET rate_by = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
		    WHERE id IN ($ids)"
		batch_new
		# shellcheck disable=SC2046 # one task=ID a word
		batch_post "$ES" /campaigns/rate "id=$c" rating=satisfied \
			$(task_fields "${t[@]:0:7}")
		# shellcheck disable=SC2046
		batch_post "$ES2" /campaigns/rate "id=$c" rating=not_satisfied \
			"reason=Not done $round" $(task_fields $(printf '%s\n' "${t[@]:5:7}" | tac))
		# shellcheck disable=SC2046
		batch_post "$ES" /campaigns/rate "id=$c" rating=revise \
			"reason=Again $round" $(task_fields "${t[@]:10:5}" "${t[@]:0:3}")
		batch_go_bg
		cron_out=$(kaaj_admin cron 2>&1) || fail "round $round: kaaj-admin cron" "$cron_out"
		batch_wait
		expect_eq "round $round: the three ratings answered 303 tasks_rated" \
			"$(batch_notices | sort -u)" tasks_rated
		expect_eq "round $round: every task ended satisfied, not satisfied or sent back" \
			"$(count_where "id IN ($ids)
			    AND status IN ('satisfied', 'not_satisfied', 'revise')")" "$n"
		manual=$(rated_sum)
		cron_ours=$(count_where "id IN ($ids) AND status = 'satisfied'
		    AND rated_by IS NULL")
		expect_eq "round $round: each task got one verdict: $manual by the employer, $cron_ours by cron" \
			"$((manual + cron_ours))" "$n"
		expect_match "round $round: cron approved at least those" "$cron_out" \
			"approved ([0-9]+) tasks"
		n_cron=$(sed -n 's/.*approved \([0-9]*\) tasks.*/\1/p' <<<"$cron_out")
		check "round $round: ... ($n_cron >= $cron_ours)" test "${n_cron:-0}" -ge "$cron_ours"
		expect_eq "round $round: a task sent back was sent back once and is not paid" \
			"$(count_where "id IN ($ids) AND status = 'revise' AND revisions <> 1")" 0
		campaign_books "$c" "round $round"
	done
}

# ------------------------------------------------------------ d. revision

# resubmit TOKEN TASK: add the worker's new proof (name second_TASK and a
# screenshot) to the batch.
resubmit() {
	batch_mpost "$1" /tasks/submit "task=$2" "username=second_$2" \
		"file:screenshot=@$PNG;type=image/png"
}

revisions() {
	local round c n=8 ids i t
	say "d. ratings racing a revision and the worker's resubmission, 4 rounds"
	for ((round = 1; round <= 4; round++)); do
		c=$(new_campaign "$n" 1)
		pending_tasks "$c" "$n"
		t=("${TASKS[@]}")
		ids=$(id_list "${t[@]}")
		# The revision against both ratings, the workers sending again.
		batch_new
		# shellcheck disable=SC2046 # one task=ID a word
		batch_post "$ES" /campaigns/rate "id=$c" rating=revise \
			"reason=Show the whole page" $(task_fields "${t[@]}")
		# shellcheck disable=SC2046
		batch_post "$ES2" /campaigns/rate "id=$c" rating=satisfied \
			$(task_fields $(printf '%s\n' "${t[@]}" | tac))
		# shellcheck disable=SC2046
		batch_post "$ES2" /campaigns/rate "id=$c" rating=not_satisfied \
			"reason=Wrong site" $(task_fields "${t[@]:0:4}")
		for ((i = 0; i < n; i++)); do
			resubmit "${POOL_TOKS[i]}" "${t[i]}"
		done
		batch_go
		expect_eq "round $round: the race answered only 303 ($(batch_statuses | tally))" \
			"$(batch_statuses | sort -u)" 303
		# The resubmissions against both ratings.
		batch_new
		for ((i = 0; i < n; i++)); do
			resubmit "${POOL_TOKS[i]}" "${t[i]}"
		done
		# shellcheck disable=SC2046
		batch_post "$ES" /campaigns/rate "id=$c" rating=satisfied \
			$(task_fields "${t[@]}")
		# shellcheck disable=SC2046
		batch_post "$ES2" /campaigns/rate "id=$c" rating=not_satisfied \
			"reason=Still wrong" $(task_fields $(printf '%s\n' "${t[@]}" | tac))
		batch_go
		expect_eq "round $round: the second race answered only 303 ($(batch_statuses | tally))" \
			"$(batch_statuses | sort -u)" 303
		say "  # round $round: $(task_states "${t[@]}" | cut -d: -f2,3 | tally)"
		expect_eq "round $round: no task was sent back twice" \
			"$(count_where "id IN ($ids) AND revisions > 1")" 0
		expect_eq "round $round: a task waiting again was sent back and holds its new proof" \
			"$(db_sql "SELECT COUNT(*) FROM tasks t JOIN task_fields f
			    ON f.task_id = t.id AND f.name = 'username'
			    WHERE t.id IN ($ids) AND t.status = 'pending'
			    AND (t.revisions <> 1 OR f.value <> CONCAT('second_', t.id))")" 0
		expect_eq "round $round: a task rated after its revision was rated on its new proof" \
			"$(db_sql "SELECT COUNT(*) FROM tasks t JOIN task_fields f
			    ON f.task_id = t.id AND f.name = 'username'
			    WHERE t.id IN ($ids) AND t.revisions = 1
			    AND t.status IN ('satisfied', 'not_satisfied')
			    AND f.value <> CONCAT('second_', t.id)")" 0
		expect_eq "round $round: a task never sent back kept its first proof" \
			"$(db_sql "SELECT COUNT(*) FROM tasks t JOIN task_fields f
			    ON f.task_id = t.id AND f.name = 'username'
			    WHERE t.id IN ($ids) AND t.revisions = 0
			    AND f.value <> CONCAT('first_', t.id)")" 0
		expect_eq "round $round: every task holds a screenshot on disk" \
			"$(db_sql "SELECT screenshot FROM tasks WHERE id IN ($ids)" |
			    while read -r f; do [[ -f $SHOTS/$f ]] && echo ok; done | grep -c ok || true)" "$n"
		campaign_books "$c" "round $round"
	done
	read -r extra missing < <(orphans)
	expect_eq "no screenshot file without its task" "$extra" 0
	expect_eq "no task naming a screenshot that is not there" "$missing" 0
}

# ------------------------------------------------------------ e. funding

# create_fields TITLE KEY: the fields of the confirm form of a sign-up job
# of 10 slots at 0.25 (escrow 2.50, fee 0.25).
create_fields() {
	printf '%s\n' type=signup "title=$1" \
		"instructions=Open the page and create an account." \
		"proof_instructions=The username you chose." slots=10 pay=0.25 \
		countries_mode=all minutes=60 days=7 min_success=0 \
		x_signup_url=https://example.com/join x_action=register \
		"create_key=$2"
}

funding() {
	local round title created held0 held n_wd fid wins_c=0 wins_w=0 esc
	local -a fields
	say "e. two withdrawals racing a campaign's funding on a balance for one, 6 rounds"
	fid=$(make_user "$FUNDER")
	FS=$(new_session "$FUNDER")
	FS2=$(new_session "$FUNDER")
	for ((round = 1; round <= 6; round++)); do
		fund "$FUNDER" 2750000
		held0=$(balance_of held "$fid")
		title="T64 funding race $RUN round $round"
		mapfile -t fields < <(create_fields "$title" "$(random_hex 16)")
		batch_new
		batch_post "$FS" /campaigns/create "${fields[@]}"
		batch_post "$FS2" /wallet/withdraw method=bkash account=01712345678 \
			amount=2.00 "request_key=$(random_hex 16)"
		batch_post "$FS" /wallet/withdraw method=bkash account=01712345678 \
			amount=2.00 "request_key=$(random_hex 16)"
		batch_go
		created=$(db_sql "SELECT COUNT(*) FROM campaigns WHERE owner_id = $fid
		    AND title = '$title'")
		held=$(balance_of held "$fid")
		n_wd=$(((held - held0) / 2000000))
		expect_eq "round $round: the answers are 303 or the form again ($(batch_statuses | tally))" \
			"$(only_in "$(batch_statuses)" '200|303' && echo yes)" yes
		expect_eq "round $round: one of them went through ($created campaign, $n_wd withdrawal)" \
			"$((created + n_wd))" 1
		if ((created == 1)); then
			wins_c=$((wins_c + 1))
			esc=$(balance_of escrow "$(db_sql "SELECT id FROM campaigns
			    WHERE owner_id = $fid AND title = '$title'")")
			expect_eq "round $round: the campaign holds 2.50, nothing is left" \
				"$esc,$(balance_of available "$fid")" 2500000,0
		else
			wins_w=$((wins_w + 1))
			expect_eq "round $round: 2.00 held, 0.75 left" \
				"$((held - held0)),$(balance_of available "$fid")" 2000000,750000
			check "round $round: the job's preview says the balance is too low" \
				grep -q 'id="not-enough"' "$BATCH_DIR/0.body"
		fi
	done
	say "  # the campaign won $wins_c rounds, a withdrawal $wins_w"
	fund "$FUNDER" 2750000
	mapfile -t fields < <(create_fields "T64 funding alone $RUN" "$(random_hex 16)")
	spost "$FS" /campaigns/create "${fields[@]}"
	expect_status 303 "the same job alone on the same balance is created"
	expect_eq "withdrawals recorded match the money held" \
		"$(db_sql "SELECT COALESCE(SUM(amount), 0) FROM withdrawals
		    WHERE user_id = $fid AND status = 'pending'")" "$(balance_of held "$fid")"
	expect_eq "no campaign was created without its escrow" \
		"$(db_sql "SELECT COUNT(*) FROM campaigns c WHERE c.owner_id = $fid
		    AND NOT EXISTS (SELECT 1 FROM ledger_transactions x
		    WHERE x.idem_key = CONCAT('campaign:', c.id, ':fund'))")" 0
}

# ------------------------------------------------------------ f. deposits

deposits() {
	local round pid id state txns confirmed=0 rejected=0 notices
	say "f. two admins confirm one deposit while one rejects it, 5 rounds"
	pid=$(make_user "$PAYER")
	PS=$(new_session "$PAYER")
	db_sql "INSERT INTO users (username, email, password_hash, status, is_admin)
	    VALUES ('$ADMIN2', '$ADMIN2@t64.invalid', 'x', 'active', 1)"
	AS=$(new_session admin)
	AS2=$(new_session "$ADMIN2")
	for ((round = 1; round <= 5; round++)); do
		spost "$PS" /wallet/deposit method=bkash amount=1.00 "txn_ref=T64$RUN$round"
		id=$(db_sql "SELECT id FROM deposits WHERE user_id = $pid
		    AND txn_ref = 'T64$RUN$round'")
		batch_new
		batch_post "$AS" /admin/deposits/confirm "id=$id"
		batch_post "$AS2" /admin/deposits/confirm "id=$id"
		batch_post "$AS2" /admin/deposits/reject "id=$id" "reason=Not seen $round"
		batch_post "$AS" /admin/deposits/confirm "id=$id"
		batch_go
		notices=$(batch_notices)
		state=$(db_sql "SELECT status FROM deposits WHERE id = $id")
		txns=$(db_sql "SELECT COUNT(*) FROM ledger_transactions
		    WHERE idem_key = 'deposit:$id'")
		expect_eq "round $round: one decision, three told it was decided ($(tally <<<"$notices"))" \
			"$(grep -cE '^deposit_(confirmed|rejected)$' <<<"$notices" || true),$(grep -c '^already_decided$' <<<"$notices" || true)" \
			1,3
		case $state in
		confirmed)
			confirmed=$((confirmed + 1))
			expect_eq "round $round: confirmed, with one ledger transaction" "$txns" 1
			;;
		rejected)
			rejected=$((rejected + 1))
			expect_eq "round $round: rejected, with no ledger transaction" "$txns" 0
			;;
		*) fail "round $round: the deposit is decided" "status $state" ;;
		esac
	done
	say "  # confirmed $confirmed times, rejected $rejected times"
	expect_eq "the payer has exactly 1.00 per confirmed deposit" \
		"$(balance_of available "$pid")" "$((confirmed * 1000000))"
}

# ------------------------------------------------------------ g. bonus

bonuses() {
	local round t eid wins_b=0 wins_w=0 held0 bonus paid n_wd notices
	say "g. two bonuses racing two withdrawals of the employer's balance, 6 rounds"
	eid=$(db_sql "SELECT id FROM users WHERE username = '$EMP'")
	for ((round = 1; round <= 6; round++)); do
		t=${SATISFIED[round]}
		fund "$EMP" 2200000
		held0=$(balance_of held "$eid")
		batch_new
		batch_post "$ES" /campaigns/bonus "task=$t" amount=2.00
		batch_post "$ES2" /wallet/withdraw method=bkash account=01712345678 \
			amount=2.00 "request_key=$(random_hex 16)"
		batch_post "$ES2" /campaigns/bonus "task=$t" amount=2.00
		batch_post "$ES" /wallet/withdraw method=bkash account=01712345678 \
			amount=2.00 "request_key=$(random_hex 16)"
		batch_go
		notices=$(printf '%s\n' "${BATCH_NOTICE[0]}" "${BATCH_NOTICE[2]}")
		bonus=$(db_sql "SELECT bonus FROM tasks WHERE id = $t")
		paid=$(db_sql "SELECT COUNT(*) FROM ledger_transactions
		    WHERE idem_key = 'task:$t:bonus'")
		n_wd=$((($(balance_of held "$eid") - held0) / 2000000))
		expect_eq "round $round: the answers are 303 or the form again ($(batch_statuses | tally))" \
			"$(only_in "$(batch_statuses)" '200|303' && echo yes)" yes
		expect_eq "round $round: one of them went through ($paid bonus, $n_wd withdrawal)" \
			"$((paid + n_wd))" 1
		expect_eq "round $round: the task records the bonus exactly when it was paid" \
			"$bonus" "$((paid * 2000000))"
		if ((paid == 1)); then
			wins_b=$((wins_b + 1))
			expect_eq "round $round: bonus paid once, the other told so; nothing left" \
				"$(sort <<<"$notices" | tr '\n' ' ')$(balance_of available "$eid")" \
				"bonus_paid bonus_paid_before 0"
		else
			wins_w=$((wins_w + 1))
			expect_eq "round $round: both bonuses refused for money; 0.20 left" \
				"$(sort <<<"$notices" | tr '\n' ' ')$(balance_of available "$eid")" \
				"money_short money_short 200000"
		fi
	done
	say "  # a bonus won $wins_b rounds, a withdrawal $wins_w"
}

main() {
	local eid
	write_png "$PNG"
	eid=$(make_user "$EMP")
	ES=$(new_session "$EMP")
	ES2=$(new_session "$EMP")
	worker_pool "t64w${RUN}_" "$POOL"
	SATISFIED=()
	with_fcgi 8
	claims
	approvals
	cron_overlap
	revisions
	funding
	deposits
	bonuses
	say "the books"
	earnings_books "workers" "${POOL_IDS[@]}"
	people_books "workers and the employer" "${POOL_IDS[@]}" "$eid"
	expect_ledger_ok "after the races"
	with_fcgi 1
	test_done
}

main "$@"
