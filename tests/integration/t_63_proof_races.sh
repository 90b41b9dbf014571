#!/bin/bash
#
# t_63_proof_races: proof is checked for the state it is stored in, and
# screenshots and duplicate marks stay exact, over HTTP with several
# kaaj.fcgi processes serving at once.
#  - A worker keeps sending proof the job type refuses (a one-letter name,
#    or no screenshot where one is required) while the employer presses
#    "revise": no task ever becomes pending with refused proof (before
#    the fix, 4 of 10 did: the page skipped the form's errors for a task
#    it had loaded as pending, and the core took the proof once the task
#    was sent back).
#  - Proof sent again after "revise" replaces the screenshot: without a
#    screenshot the old file goes, with a new one the old file goes; a
#    refused or late submission leaves no file; at the end every file in
#    the upload folder belongs to a task and every task's file exists.
#  - 20 workers sending the same text and screenshot at once, four times:
#    exactly one task of each campaign is the original and the other 19
#    are marked duplicate_of it.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"

RUN=$(random_hex 4)
EMP=t63e_$RUN
NREV=10		# tasks sent back while their worker sends refused proof
NDUP=20		# workers sending the same proof at once ...
ROUNDS=4	# ... this many times
PNG=$KAAJ_TMP/t63.png
write_png "$PNG"
SHOTS=$KAAJ_UPLOAD_DIR/screenshots

# task_state TASK: the task's status.
task_state() {
	db_sql "SELECT status FROM tasks WHERE id = $1"
}

# send_proof TOKEN TASK NAME [PNG]: post proof (a username, and the PNG
# when given); prints the HTTP status.
send_proof() {
	local args=(-s -o /dev/null -w '%{http_code}\n' -b "kaaj_session=$1"
		--form-string "csrf=$(csrf_token "$1")" --form-string "task=$2"
		--form-string "username=$3")
	[[ -n ${4:-} ]] && args+=(-F "screenshot=@$4;type=image/png")
	curl "${args[@]}" "$KAAJ_URL/tasks/submit"
}

# pound TOKEN TASK N: send N refused proofs back to back over one
# connection, alternating a one-letter name with a screenshot and a good
# name without one, from two clients at once.
pound() {
	local args=() i csrf
	csrf=$(csrf_token "$1")
	for ((i = 0; i < $3; i++)); do
		((i > 0)) && args+=(--next)
		args+=(-s -o /dev/null -b "kaaj_session=$1"
			--form-string "csrf=$csrf" --form-string "task=$2")
		if ((i % 2 == 0)); then
			args+=(--form-string "username=x"
				-F "screenshot=@$PNG;type=image/png")
		else
			args+=(--form-string "username=good_name_$i")
		fi
		args+=("$KAAJ_URL/tasks/submit")
	done
	curl "${args[@]}" &
	curl "${args[@]}"
	wait
}

make_user "$EMP" >/dev/null
ES=$(new_session "$EMP")
with_fcgi 4

# ------------------------------------------------------------ refused proof

say "refused proof while the employer sends the task back"
C=$(new_campaign "$NREV" 1)
[[ $C =~ ^[0-9]+$ ]] || die "market_probe could not create a campaign"
tasks=() toks=()
for ((i = 0; i < NREV; i++)); do
	make_user "t63r${i}_$RUN" >/dev/null
	toks[i]=$(new_session "t63r${i}_$RUN")
	claim "${toks[i]}" "$C"
	tasks[i]=$TASK
	st=$(send_proof "${toks[i]}" "$TASK" "name_$i" "$PNG")
	[[ $st == 303 ]] || die "good proof for task $TASK answered $st"
done
for ((i = 0; i < NREV; i++)); do
	pound "${toks[i]}" "${tasks[i]}" 60 &
	pids=$!
	sleep 0.$((RANDOM % 3 + 1))
	spost "$ES" /campaigns/rate "id=$C" "task=${tasks[i]}" rating=revise \
		"reason=Please send it again"
	wait "$pids"
done
ids=$(IFS=,; echo "${tasks[*]}")
expect_eq "every task sent back is waiting for proof" \
	"$(db_sql "SELECT COUNT(*) FROM tasks WHERE id IN ($ids)
	    AND status = 'revise'")" "$NREV"
expect_eq "no refused name was stored as proof" \
	"$(db_sql "SELECT COUNT(*) FROM task_fields WHERE task_id IN ($ids)
	    AND value NOT LIKE 'name\_%'")" 0
expect_eq "no task lost its screenshot" \
	"$(db_sql "SELECT COUNT(*) FROM tasks WHERE id IN ($ids)
	    AND screenshot IS NULL")" 0
read -r extra missing < <(orphans)
expect_eq "no refused submission left a file" "$extra" 0

# The page says what is wrong once the task takes proof again.
mpost "${toks[0]}" /tasks/submit "task=${tasks[0]}" "username=x" \
	"file:screenshot=@$PNG;type=image/png"
expect_status 200 "refused proof for a task sent back"
expect_body "at least 2 characters" "... shows the job type's message"
mpost "${toks[0]}" /tasks/submit "task=${tasks[0]}" "username=fine_name"
expect_body "Please add a screenshot." "... and asks for the screenshot"
expect_eq "... and the task still waits for proof" \
	"$(task_state "${tasks[0]}")" revise

# ------------------------------------------------------------ replaced files

say "screenshots replaced by new proof"
C2=$(new_campaign 3 0)
make_user "t63s_$RUN" >/dev/null
WS=$(new_session "t63s_$RUN")
claim "$WS" "$C2"
T=$TASK
send_proof "$WS" "$T" "first_try" "$PNG" >/dev/null
first=$(db_sql "SELECT screenshot FROM tasks WHERE id = $T")
check "the first screenshot is stored" test -f "$SHOTS/$first"
spost "$ES" /campaigns/rate "id=$C2" "task=$T" rating=revise "reason=Again"
expect_eq "sent back" "$(task_state "$T")" revise
send_proof "$WS" "$T" "second_try" "$PNG" >/dev/null
second=$(db_sql "SELECT screenshot FROM tasks WHERE id = $T")
expect_eq "new proof with a new screenshot: pending" "$(task_state "$T")" pending
check "... the task holds the new file" \
	test -n "$second" -a "$second" != "$first" -a -f "$SHOTS/$second"
check "... and the replaced file is gone" test ! -e "$SHOTS/$first"

make_user "t63t_$RUN" >/dev/null
WT=$(new_session "t63t_$RUN")
claim "$WT" "$C2"
T2=$TASK
send_proof "$WT" "$T2" "with_a_shot" "$PNG" >/dev/null
old=$(db_sql "SELECT screenshot FROM tasks WHERE id = $T2")
"$PROBE" "$KAAJ_CONF" rate "$T2" revise >/dev/null
send_proof "$WT" "$T2" "without_a_shot" >/dev/null
expect_eq "new proof without a screenshot: pending" "$(task_state "$T2")" pending
expect_eq "... the task holds no screenshot" \
	"$(db_sql "SELECT screenshot IS NULL FROM tasks WHERE id = $T2")" 1
check "... and its old file is gone" test -n "$old" -a ! -e "$SHOTS/$old"

# Late proof with a screenshot stores nothing.
make_user "t63u_$RUN" >/dev/null
WU=$(new_session "t63u_$RUN")
claim "$WU" "$C2"
db_sql "UPDATE tasks SET deadline = NOW() - INTERVAL 1 MINUTE WHERE id = $TASK"
n0=$(files_in_uploads)
send_proof "$WU" "$TASK" "too_late" "$PNG" >/dev/null
expect_eq "late proof: the task expired" "$(task_state "$TASK")" expired
expect_eq "... and no file was kept" "$(files_in_uploads)" "$n0"

# ------------------------------------------------------------ duplicates

say "the same proof from $NDUP workers at once, $ROUNDS times"
for ((i = 0; i < NDUP; i++)); do
	make_user "t63d${i}_$RUN" >/dev/null
	dtoks[i]=$(new_session "t63d${i}_$RUN")
done
for ((round = 1; round <= ROUNDS; round++)); do
	CD=$(new_campaign "$NDUP" 0)
	dt=()
	for ((i = 0; i < NDUP; i++)); do
		claim "${dtoks[i]}" "$CD"
		dt[i]=$TASK
	done
	for ((i = 0; i < NDUP; i++)); do
		send_proof "${dtoks[i]}" "${dt[i]}" "Same_Proof_$RUN" "$PNG" &
	done >"$KAAJ_TMP/t63dup.codes"
	wait
	expect_eq "round $round: every proof was taken" \
		"$(grep -c '^303$' "$KAAJ_TMP/t63dup.codes" || true)" "$NDUP"
	first=$(db_sql "SELECT id FROM tasks WHERE campaign_id = $CD
	    AND duplicate_of IS NULL AND status = 'pending'")
	expect_eq "round $round: one original" "$(wc -w <<<"$first")" 1
	expect_eq "round $round: the others are marked as its copies" \
		"$(db_sql "SELECT COUNT(*) FROM tasks WHERE campaign_id = $CD
		    AND duplicate_of = '${first:-0}'")" "$((NDUP - 1))"
done

# ------------------------------------------------------------ the end

read -r extra missing < <(orphans)
expect_eq "every stored screenshot belongs to a task" "$extra" 0
expect_eq "every task's screenshot is on disk" "$missing" 0
expect_ledger_ok "after the proof races"
with_fcgi 1

test_done
