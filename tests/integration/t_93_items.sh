#!/bin/bash
#
# t_93_items: one item per slot from a CSV file (docs/items.md), through
# the pages. A bad file (empty, ragged, too many rows, not UTF-8, a
# quote never closed) and an unknown {{placeholder}} are each refused
# with their own message naming the row and column, keeping what was
# typed, and create nothing. A good file (a BOM, CRLF, quoted cells with
# commas, quotes and line breaks) shows its columns and first rows on the
# preview, and its rows set the slots. 30 workers claim the 10 slots at
# once on 4 kaaj.fcgi processes: 10 win, each bound to a different row,
# no row twice. The winner of row 1 sees its own row filled into the
# instructions, escaped (a cell "<script>" is text); the public job page
# shows the placeholders unfilled and no row. An expired claim's row is
# the one the next claim gets. The results file joins each item with its
# task (worker, state, proof, rating), its formula-like cells made
# inert, and only the owner may have it. The ledger checks out.
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$KAAJ_SRCDIR/tests/integration/lib.sh"
# shellcheck source-path=SCRIPTDIR source=market.sh
. "$KAAJ_SRCDIR/tests/integration/market.sh"
# shellcheck source-path=SCRIPTDIR source=races.sh
. "$KAAJ_SRCDIR/tests/integration/races.sh"

RUN=$(random_hex 4)
EMP=t93e_$RUN
POOL=31			# workers: 30 race, one comes later
DIR=$KAAJ_TMP/t93
mkdir -p "$DIR"

# job TOKEN PATH FILE [NAME=VALUE...]: POST a good signup job form as
# multipart to PATH with FILE ("-": none) as its items file, each
# NAME=VALUE replacing (or adding) that field.
job() {
	local tok=$1 path=$2 file=$3 kv k args=()
	shift 3
	declare -A f=(
		[type]=signup
		[title]="T93 review job $RUN"
		[instructions]="Open {{url}} and read it. Note: {{note}}"
		[proof_instructions]="The username you chose."
		[slots]=1
		[pay]=0.10
		[countries_mode]=all
		[minutes]=60
		[days]=7
		[min_success]=0
		[x_signup_url]=https://example.com/join
		[x_action]=register
	)
	for kv in "$@"; do
		f[${kv%%=*}]=${kv#*=}
	done
	for k in "${!f[@]}"; do
		args+=("$k=${f[$k]}")
	done
	[[ $file == - ]] || args+=("file:items=@$file;type=text/csv")
	mpost "$tok" "$path" "${args[@]}"
}

# field_error NAME: the text of the last page's message for field NAME.
field_error() {
	tr -d '\n' <"$HTTP_BODY" |
		grep -o "<p class=\"error\" id=\"err-$1\">[^<]*</p>" |
		sed -e 's/<[^>]*>//g' | head -n 1 || true
}

# refused FILE FIELD REGEX WHAT [NAME=VALUE...]: the preview with FILE is
# shown again with a message for FIELD matching REGEX, the title kept,
# and no campaign is made.
refused() {
	local file=$1 field=$2 re=$3 what=$4 before msg
	shift 4
	before=$(db_sql "SELECT COUNT(*) FROM campaigns WHERE owner_id = $EID")
	job "$ES" /campaigns/preview "$file" "$@"
	expect_status 200 "$what: the form again"
	msg=$(field_error "$field")
	if [[ -n $msg ]] && grep -Eq -- "$re" <<<"$msg"; then
		ok "$what: says \"$msg\""
	else
		fail "$what: a message for $field matching /$re/" "got: '$msg'"
	fi
	expect_body "value=\"T93 review job $RUN\"" "$what: the title is kept"
	expect_eq "$what: creates nothing" \
		"$(db_sql "SELECT COUNT(*) FROM campaigns WHERE owner_id = $EID")" "$before"
}

# ------------------------------------------------------------ bad files

bad_files() {
	say "bad files, each with its message"
	: >"$DIR/empty.csv"
	refused "$DIR/empty.csv" items 'first row must name the columns' "an empty file"
	printf 'url,note\n' >"$DIR/header.csv"
	refused "$DIR/header.csv" items 'no items below' "a header alone"
	printf 'url,note\nhttp://a.example/1,one\nhttp://a.example/2\n' >"$DIR/ragged.csv"
	refused "$DIR/ragged.csv" items '^Row 3 does not have as many cells.*column 2' "a ragged row"
	{ echo url; seq -f 'http://a.example/%g' 1 1001; } >"$DIR/many.csv"
	refused "$DIR/many.csv" items 'more than 1000 items \(row 1002' "1001 rows"
	printf 'url,note\nhttp://a.example/1,caf\xe9\n' >"$DIR/latin1.csv"
	refused "$DIR/latin1.csv" items '^Row 2, column 2: the text is not UTF-8' "Latin-1 text"
	printf 'url,note\nhttp://a.example/1,"open\n' >"$DIR/quote.csv"
	refused "$DIR/quote.csv" items '^Row 2, column 2: a double quote is never closed' "an open quote"
	printf 'url,url\nhttp://a.example/1,x\n' >"$DIR/twice.csv"
	refused "$DIR/twice.csv" items 'column 2: this name is used twice' "a column named twice"
	printf 'url,note\nhttp://a.example/1,x\n' >"$DIR/one.csv"
	refused "$DIR/one.csv" instructions '^\{\{title\}\} names no column' \
		"an unknown placeholder" "instructions=Open {{url}} for {{title}} now"
	refused - instructions '^\{\{url\}\} needs a file of items' \
		"a placeholder without a file"
}

# ------------------------------------------------------------ create

# The good file: a BOM and CRLF; row 1 a script, row 2 a formula and a
# quoted comma, row 3 a quote and a line break in one cell.
good_file() {
	local i
	{
		printf '\xef\xbb\xbfurl,note\r\n'
		printf 'http://a.example/1,<script>alert(1)</script>\r\n'
		printf 'http://a.example/2,"=HYPERLINK(""x""), with a comma"\r\n'
		printf 'http://a.example/3,"say ""hi""\r\nthen go"\r\n'
		for ((i = 4; i <= 10; i++)); do
			printf 'http://a.example/%d,plain %d\r\n' "$i" "$i"
		done
	} >"$DIR/good.csv"
}

create() {
	local key
	say "a good file: preview, then create"
	good_file
	job "$ES" /campaigns/preview "$DIR/good.csv" slots=3
	expect_status 200 "the preview"
	expect_body '<b id="items-count">10</b>' "... counts 10 items"
	expect_body '<th>url</th><th>note</th>' "... shows the column names"
	expect_body '&lt;script&gt;alert(1)&lt;/script&gt;' "... and the first rows, escaped"
	expect_no_body '<script>alert(1)' "... never as markup"
	expect_body 'id="p-slots">10<' "the rows set the slots (3 was typed)"
	key=$(grep -o 'name="create_key" value="[0-9a-f]*"' "$HTTP_BODY" |
		sed -e 's/.*value="//' -e 's/"$//')
	# The confirm form carries the file as text: send it back as a browser would.
	local carried
	carried=$(tr -d '\n' <"$HTTP_BODY" |
		grep -o 'name="items_csv" value="[^"]*"' | sed -e 's/.*value="//' -e 's/"$//' |
		sed -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' -e 's/&#13;//g' \
		    -e 's/&#10;/\n/g' -e 's/&#39;/'"'"'/g' -e 's/&amp;/\&/g')
	expect_match "the confirm form carries the file" "$carried" 'a.example/10'
	spost "$ES" /campaigns/create "create_key=$key" type=signup \
		"title=T93 review job $RUN" \
		"instructions=Open {{url}} and read it. Note: {{note}}" \
		"proof_instructions=The username you chose." slots=10 pay=0.10 \
		countries_mode=all minutes=60 days=7 min_success=0 \
		x_signup_url=https://example.com/join x_action=register \
		"items_csv=$(cat "$DIR/good.csv")"
	expect_status 303 "create"
	C=$(http_header Location | sed -n 's|.*/campaigns/\([0-9]*\)?.*|\1|p')
	expect_match "... a campaign" "$C" '^[0-9]+$'
	expect_eq "10 slots, 10 items, none taken" \
		"$(db_sql "SELECT CONCAT(slots_total, ',', (SELECT COUNT(*) FROM campaign_items
		    WHERE campaign_id = $C AND task_id IS NULL)) FROM campaigns WHERE id = $C")" "10,10"
	expect_eq "the columns are kept" \
		"$(db_sql "SELECT item_columns FROM campaigns WHERE id = $C")" '["url","note"]'
	expect_eq "row 3's cell keeps its quote and line break" \
		"$(db_sql "SELECT JSON_VALUE(cells, '\$[1]') = 'say \"hi\"\\nthen go'
		    FROM campaign_items WHERE campaign_id = $C AND row_no = 3")" 1
	sget "$ES" "/campaigns/$C"
	expect_body "/campaigns/results/$C" "the campaign page offers the results file"
	expect_body 'id="items-no-add"' "... and no form to add slots"
}

# ------------------------------------------------------------ claims

race() {
	local i codes notices
	say "30 workers claim the 10 slots at once on 4 processes"
	with_fcgi 4
	batch_new
	for ((i = 0; i < 30; i++)); do
		batch_post "${POOL_TOKS[i]}" /tasks/claim "campaign=$C"
	done
	batch_go
	codes=$(batch_statuses)
	notices=$(batch_notices)
	expect_eq "every claim answered 303 ($(tally <<<"$codes"))" "$(sort -u <<<"$codes")" 303
	expect_eq "10 claimed, the rest full ($(tally <<<"$notices"))" \
		"$(grep -c '^claimed$' <<<"$notices" || true)" 10
	expect_eq "10 tasks, 10 slots taken" \
		"$(db_sql "SELECT CONCAT(COUNT(*), ',', (SELECT slots_taken FROM campaigns
		    WHERE id = $C)) FROM tasks WHERE campaign_id = $C")" "10,10"
	expect_eq "each task holds a different row, every row one task" \
		"$(db_sql "SELECT CONCAT(COUNT(DISTINCT i.row_no), ',', COUNT(DISTINCT i.task_id))
		    FROM campaign_items i JOIN tasks t ON t.id = i.task_id
		    WHERE i.campaign_id = $C AND t.campaign_id = $C")" "10,10"
	with_fcgi 1
}

# token_of USER-ID: the pool session of that worker.
token_of() {
	local i
	for ((i = 0; i < POOL; i++)); do
		[[ ${POOL_IDS[i]} != "$1" ]] || { echo "${POOL_TOKS[i]}"; return; }
	done
}

pages() {
	local w1 t1 w2 t2
	say "the task page fills in the worker's own row"
	w1=$(db_sql "SELECT t.worker_id FROM campaign_items i JOIN tasks t
	    ON t.id = i.task_id WHERE i.campaign_id = $C AND i.row_no = 1")
	t1=$(db_sql "SELECT task_id FROM campaign_items WHERE campaign_id = $C AND row_no = 1")
	W1=$(token_of "$w1")
	T1=$t1
	sget "$W1" "/tasks/$t1"
	expect_status 200 "the task page of row 1's worker"
	expect_body 'Open http://a.example/1 and read it. Note: &lt;script&gt;alert(1)&lt;/script&gt;' \
		"... shows row 1 filled in, escaped"
	expect_no_body '<script>alert(1)' "... never as markup"
	expect_no_body 'a.example/2' "... and no other row"
	t2=$(db_sql "SELECT task_id FROM campaign_items WHERE campaign_id = $C AND row_no = 3")
	w2=$(db_sql "SELECT worker_id FROM tasks WHERE id = $t2")
	sget "$(token_of "$w2")" "/tasks/$t2"
	expect_body 'Note: say &quot;hi&quot;' "row 3's worker sees row 3"
	sget "$W1" "/tasks/$t2"
	expect_status 404 "another worker's task is not shown"
	sget "${POOL_TOKS[30]}" "/jobs/$C"
	expect_status 200 "the public job page"
	expect_body 'Open {{url}} and read it. Note: {{note}}' "... shows the placeholders unfilled"
	expect_body 'id="items-note"' "... with a note that each worker gets a row"
	expect_no_body 'a.example/' "... and no worker's row"
}

expiry() {
	local row task
	say "an expired claim's row is claimed again"
	row=$(db_sql "SELECT row_no FROM campaign_items WHERE campaign_id = $C
	    AND task_id IS NOT NULL AND task_id <> $T1 ORDER BY row_no DESC LIMIT 1")
	task=$(db_sql "SELECT task_id FROM campaign_items WHERE campaign_id = $C AND row_no = $row")
	db_sql "UPDATE tasks SET deadline = UTC_TIMESTAMP() - INTERVAL 1 MINUTE
	    WHERE id = $task" >/dev/null
	kaaj_admin cron >/dev/null 2>&1 || true
	expect_eq "the task expired and gave its row back" \
		"$(db_sql "SELECT CONCAT(t.status, ',', COALESCE(i.task_id, 'free'))
		    FROM tasks t JOIN campaign_items i ON i.campaign_id = $C AND i.row_no = $row
		    WHERE t.id = $task")" "expired,free"
	claim "${POOL_TOKS[30]}" "$C"
	expect_header Location "notice=claimed" "a new worker claims the free slot"
	expect_eq "... and gets that row" \
		"$(db_sql "SELECT row_no FROM campaign_items WHERE task_id = $TASK")" "$row"
	sget "${POOL_TOKS[30]}" "/tasks/$TASK"
	expect_body "Open http://a.example/$row and read it" "... filled into the task page"
}

results() {
	local csv line2 w1name
	say "the results file"
	mpost "$W1" /tasks/submit "task=$T1" "username=-rahim_$RUN"
	expect_status 303 "row 1's worker sends proof"
	rate_as "$ES" "$C" "$T1" satisfied
	sget "$ES" "/campaigns/results/$C"
	expect_status 200 "GET the results file"
	expect_header Content-Type '^text/csv' "... is CSV"
	expect_header Content-Disposition "campaign-$C-results.csv" "... to save"
	csv=$(tr -d '\r' <"$HTTP_BODY")
	expect_eq "a header and one line per item" "$(grep -c '^[0-9]*,http' <<<"$csv"),$(head -n 1 <<<"$csv")" \
		"10,row,url,note,task,worker,state,submitted,rated,reason,bonus,screenshot,username"
	w1name=$(db_sql "SELECT u.username FROM users u JOIN tasks t ON t.worker_id = u.id WHERE t.id = $T1")
	expect_match "row 1: its cells, worker, satisfied and the proof (made inert)" \
		"$(grep '^1,' <<<"$csv")" \
		"^1,http://a.example/1,<script>alert\(1\)</script>,$T1,$w1name,satisfied,[0-9: -]+,[0-9: -]+,,0\.00,no,'-rahim_$RUN\$"
	line2=$(grep '^2,' <<<"$csv")
	expect_match "row 2: a formula-like cell gets an apostrophe, quoted" "$line2" \
		"^2,http://a.example/2,\"'=HYPERLINK\(\"\"x\"\"\), with a comma\","
	sget "${POOL_TOKS[0]}" "/campaigns/results/$C"
	expect_status 404 "another user gets no results file"
	sget "$ES" "/campaigns/results/999999999"
	expect_status 404 "... nor of a campaign that does not exist"
}

main() {
	EID=$(make_user "$EMP")
	ES=$(new_session "$EMP")
	fund "$EMP" 20000000
	worker_pool "t93w${RUN}_" "$POOL"
	bad_files
	create
	race
	pages
	expiry
	results
	expect_ledger_ok "at the end"
	test_done
}

main "$@"
