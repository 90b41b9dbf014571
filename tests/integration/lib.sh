# shellcheck shell=bash
#
# tests/integration/lib.sh: shell helpers for kaaj's integration tests and
# for ./bootstrap. Sourced, never run.
#
# A "stack" is one private folder ($KAAJ_WORK) holding a MariaDB data folder
# and server on a unix socket, kaaj.fcgi under spawn-fcgi, and nginx on a
# loopback port, plus their logs. Every server started here writes its pid
# file under $KAAJ_WORK/pids and is listed in $KAAJ_WORK/pids/list, so that
# stop_all can stop them by process id, in reverse order of start, even when
# a test script (a child process) restarted one of them.
#
# Before calling anything else: set KAAJ_SRCDIR (the source tree),
# KAAJ_BUILDDIR (where cgi-bin/kaaj.fcgi was built) and KAAJ_WORK, then call
# stack_init. Test scripts run as children of tests/integration/run and
# inherit the exported KAAJ_* variables; they only source this file.

PATH=$PATH:/usr/local/sbin:/usr/sbin:/sbin	# mariadbd and nginx live in sbin

# ------------------------------------------------------------ messages

# say MESSAGE...: print a line on stdout.
say() {
	printf '%s\n' "$*"
}

# warn MESSAGE...: print a line on stderr, prefixed with the program name.
warn() {
	printf '%s: %s\n' "${0##*/}" "$*" >&2
}

# die MESSAGE...: print an error on stderr and exit 1 (EXIT traps still run).
die() {
	warn "error: $*"
	exit 1
}

# show_tail FILE [LINES]: print the end of FILE on stderr, indented, if any.
show_tail() {
	[[ -s $1 ]] || return 0
	printf '  --- last lines of %s:\n' "$1" >&2
	tail -n "${2:-20}" "$1" | sed 's/^/  | /' >&2
}

# ------------------------------------------------------------ tools

# pkg_of COMMAND: the Debian 12 package that provides COMMAND.
pkg_of() {
	case $1 in
	mariadbd | mariadb-install-db) echo mariadb-server ;;
	mariadb | mariadb-admin) echo mariadb-client ;;
	nginx) echo nginx-light ;;
	ab) echo apache2-utils ;;
	*) echo "$1" ;;
	esac
}

# need_cmds COMMAND...: die naming every COMMAND missing from PATH and the
# package to install for it.
need_cmds() {
	local c missing=()
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || missing+=("$c ($(pkg_of "$c"))")
	done
	((${#missing[@]} == 0)) ||
		die "missing tools: ${missing[*]}; install them (apt-get install PACKAGE) or run ./bootstrap check"
}

# random_hex BYTES: print 2*BYTES random lowercase hex digits.
random_hex() {
	od -An -N"$1" -tx1 /dev/urandom | tr -d ' \n'
}

# sed_quote TEXT: TEXT escaped for the right side of a sed s|||.
sed_quote() {
	printf '%s' "$1" | sed -e 's/[\\|&]/\\&/g'
}

# ------------------------------------------------------------ ports

# port_in_use PORT: true if something accepts connections on 127.0.0.1:PORT.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pick_free_port: print a random loopback port that nothing listens on,
# from 10000 up to the start of the kernel's range for outgoing
# connections (ip_local_port_range, 32768 by default): a port chosen in
# that range was once taken by some program's outgoing connection before
# the server meant for it could bind it. Another program may still take
# it first; callers that bind retry (nginx_start, start_receiver).
pick_free_port() {
	local i p lo=32768
	read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
	((lo > 12000)) || die "the local port range starts at $lo: no room below it"
	for ((i = 0; i < 200; i++)); do
		p=$((10000 + (RANDOM * 32768 + RANDOM) % (lo - 10000)))
		if ! port_in_use "$p"; then
			echo "$p"
			return 0
		fi
	done
	die "found no free loopback port in 10000-$((lo - 1)) after 200 tries"
}

# ------------------------------------------------------------ the stack

# find_builddir [FILE...]: set KAAJ_BUILDDIR to the first of $KAAJ_BUILDDIR,
# the current folder and the source tree that holds a built
# cgi-bin/kaaj.fcgi and every FILE (a path in the build folder).
find_builddir() {
	local d f
	for d in ${KAAJ_BUILDDIR:+"$KAAJ_BUILDDIR"} "$PWD" "$KAAJ_SRCDIR"; do
		[[ -x $d/cgi-bin/kaaj.fcgi ]] || continue
		for f in "$@"; do
			[[ -x $d/$f ]] || continue 2
		done
		KAAJ_BUILDDIR=$(cd "$d" && pwd)
		return 0
	done
	die "cgi-bin/kaaj.fcgi${1:+ and $*} are not built in $PWD nor in $KAAJ_SRCDIR (run make, or set KAAJ_BUILDDIR)"
}

# stack_init: derive and export every path of the stack under $KAAJ_WORK and
# create its folders. Idempotent.
stack_init() {
	[[ -n ${KAAJ_WORK:-} ]] || die "stack_init: KAAJ_WORK is not set"
	[[ -n ${KAAJ_SRCDIR:-} && -n ${KAAJ_BUILDDIR:-} ]] ||
		die "stack_init: KAAJ_SRCDIR and KAAJ_BUILDDIR must be set"
	export KAAJ_SRCDIR KAAJ_BUILDDIR KAAJ_WORK
	export KAAJ_LOG_DIR=$KAAJ_WORK/logs
	export KAAJ_PID_DIR=$KAAJ_WORK/pids
	export KAAJ_TMP=$KAAJ_WORK/tmp
	export KAAJ_DB_DATA=$KAAJ_WORK/db
	export KAAJ_DB_PIDFILE=$KAAJ_PID_DIR/mariadbd.pid
	export KAAJ_DB_LOG=$KAAJ_LOG_DIR/mariadbd.log
	export KAAJ_CONF=$KAAJ_WORK/kaaj.conf
	export KAAJ_PLUGIN_DIR=$KAAJ_WORK/plugins
	export KAAJ_RUN_DIR=$KAAJ_WORK/run
	export KAAJ_UPLOAD_DIR=$KAAJ_WORK/uploads
	export KAAJ_MAIL_DIR=$KAAJ_WORK/mail
	export KAAJ_FCGI_PIDFILE=$KAAJ_PID_DIR/kaaj-fcgi.pid
	export KAAJ_WATCH_PIDFILE=$KAAJ_PID_DIR/multiwatch.pid
	export KAAJ_FCGI_LOG=$KAAJ_LOG_DIR/kaaj-fcgi.log
	export KAAJ_NGINX_DIR=$KAAJ_WORK/nginx
	export KAAJ_NGINX_PIDFILE=$KAAJ_PID_DIR/nginx.pid
	export KAAJ_NGINX_LOG=$KAAJ_LOG_DIR/nginx-error.log
	mkdir -p "$KAAJ_LOG_DIR" "$KAAJ_PID_DIR" "$KAAJ_TMP" "$KAAJ_PLUGIN_DIR" \
		"$KAAJ_RUN_DIR" \
		"$KAAJ_UPLOAD_DIR" "$KAAJ_NGINX_DIR/tmp" "$KAAJ_MAIL_DIR/new" \
		"$KAAJ_MAIL_DIR/tmp"
	stack_sock_dir
	export KAAJ_DB_SOCKET=$KAAJ_SOCK_DIR/mariadbd.sock
	export KAAJ_FCGI_SOCKET=$KAAJ_SOCK_DIR/kaaj-fcgi.sock
	stack_static_dir
	sanitizer_env
}

# sanitizer_env: export the run-time options of a build made with
# ./configure --enable-sanitizers (programs built without them ignore
# these): every report goes to a file $KAAJ_LOG_DIR/sanitizer.PID, since
# kaaj.fcgi's stderr is redirected and tests capture kaaj-admin's; the
# first error ends the process; leaks are looked for when it exits. Freed
# memory waits in a quarantine of 16 MiB (the default is 256) before reuse:
# enough for hundreds of requests, and full before t_90_memory's warm-up
# ends, so that its check of RSS growth measures kaaj, not the quarantine.
# Options already in the environment come last, so they win.
sanitizer_env() {
	local log=$KAAJ_LOG_DIR/sanitizer
	export ASAN_OPTIONS="log_path=$log:detect_leaks=1:abort_on_error=1:halt_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1:quarantine_size_mb=16${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
	export UBSAN_OPTIONS="log_path=$log:print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
	export LSAN_OPTIONS="suppressions=$KAAJ_SRCDIR/tests/sanitizers/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
}

# sanitizer_reports FILE-OR-DIR...: print the names of the files (under
# each DIR) that hold a report of AddressSanitizer, LeakSanitizer or
# UndefinedBehaviorSanitizer, also one quoted inside another log line.
sanitizer_reports() {
	(($# > 0)) || return 0
	grep -rlE -e '==[0-9]+==ERROR: (AddressSanitizer|LeakSanitizer)' \
		-e ': runtime error: ' -e 'SUMMARY: UndefinedBehaviorSanitizer' \
		"$@" 2>/dev/null | sort || true
}

# show_sanitizer_reports FILE...: print each FILE (a report) on stdout,
# indented, at most 80 lines each.
show_sanitizer_reports() {
	local f
	for f in "$@"; do
		printf '  --- sanitizer report %s:\n' "$f"
		head -n 80 "$f" | sed 's/^/  | /'
	done
}

# stack_static_dir: set KAAJ_STATIC_DIR, the folder nginx serves as
# /static/: templates/static in the source tree (or static/), else an
# empty folder of the stack.
stack_static_dir() {
	local d
	for d in "$KAAJ_SRCDIR/templates/static" "$KAAJ_SRCDIR/static"; do
		if [[ -d $d ]]; then
			export KAAJ_STATIC_DIR=$d
			return 0
		fi
	done
	export KAAJ_STATIC_DIR=$KAAJ_WORK/static
	mkdir -p "$KAAJ_STATIC_DIR"
}

# stack_sock_dir: choose KAAJ_SOCK_DIR, the folder for unix sockets. A socket
# path must stay under 108 bytes, so a deep $KAAJ_WORK gets a short folder
# in /tmp instead (removed by stop_all).
stack_sock_dir() {
	if [[ -n ${KAAJ_SOCK_DIR:-} && -d $KAAJ_SOCK_DIR ]]; then
		export KAAJ_SOCK_DIR
	elif ((${#KAAJ_WORK} <= 80)); then
		export KAAJ_SOCK_DIR=$KAAJ_WORK/sock
		mkdir -p "$KAAJ_SOCK_DIR"
	else
		KAAJ_SOCK_DIR=$(mktemp -d /tmp/kaaj-sock.XXXXXX)
		export KAAJ_SOCK_DIR
		echo "$KAAJ_SOCK_DIR" >"$KAAJ_WORK/sock-dir"
	fi
}

# ------------------------------------------------------------ processes

# proc_alive PID: true if PID runs and is not a zombie.
proc_alive() {
	local state
	kill -0 "$1" 2>/dev/null || return 1
	state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null) ||
		return 1
	[[ -n $state && $state != Z ]]
}

# proc_is NAME PID: true if PID's command name is NAME (as /proc shows it,
# at most 15 characters), so a stale pid file never makes us signal a
# stranger.
proc_is() {
	local comm
	comm=$(cat "/proc/$2/comm" 2>/dev/null) || return 1
	[[ $comm == "${1:0:15}" ]]
}

# read_pids FILE: print the pids in FILE, one a line (spawn-fcgi writes its
# last pid without a newline).
read_pids() {
	[[ -f $1 ]] || return 0
	tr -s '[:blank:]' '\n' <"$1" | grep -E '^[0-9]+$' || true
}

# running_pids NAME FILE: print the pids from FILE that run as NAME.
running_pids() {
	local pid
	for pid in $(read_pids "$2"); do
		if proc_alive "$pid" && proc_is "$1" "$pid"; then
			echo "$pid"
		fi
	done
}

# register_pidfile NAME FILE: remember that FILE holds pids of NAME
# processes we started, for stop_all.
register_pidfile() {
	local list=$KAAJ_PID_DIR/list
	touch "$list"
	grep -qxF "$1 $2" "$list" || printf '%s %s\n' "$1" "$2" >>"$list"
}

# wait_gone SECONDS PID...: wait until every PID has ended; reap those that
# are our children. False if some still run after SECONDS.
wait_gone() {
	local secs=$1 i pid left
	shift
	for ((i = 0; i <= secs * 10; i++)); do
		left=0
		for pid in "$@"; do
			if proc_alive "$pid"; then
				left=1
			else
				wait "$pid" 2>/dev/null || true
			fi
		done
		((left)) || return 0
		sleep 0.1
	done
	return 1
}

# stop_pidfile NAME FILE: stop the NAME processes whose pids FILE holds:
# SIGTERM, up to 30 s to end, then SIGKILL. Removes FILE.
stop_pidfile() {
	local name=$1 file=$2 pid pids=()
	[[ -f $file ]] || return 0
	for pid in $(read_pids "$file"); do
		proc_alive "$pid" || continue
		if ! proc_is "$name" "$pid"; then
			warn "pid $pid in $file is not $name any more; leaving it alone"
			continue
		fi
		kill -TERM "$pid" 2>/dev/null || true
		pids+=("$pid")
	done
	if ! wait_gone 30 "${pids[@]}"; then
		warn "$name (pids ${pids[*]}) did not stop within 30 s; killing it"
		for pid in "${pids[@]}"; do
			kill -KILL "$pid" 2>/dev/null || true
		done
		wait_gone 5 "${pids[@]}" || warn "$name (pids ${pids[*]}) survived SIGKILL"
	fi
	rm -f "$file"
}

# stop_all: stop every server this stack started, newest first, and wait
# for each to end. Safe to call twice, and from a trap.
stop_all() {
	local list=$KAAJ_PID_DIR/list lines=() i name file
	if [[ -f $list ]]; then
		mapfile -t lines <"$list"
		for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
			read -r name file <<<"${lines[i]}"
			stop_pidfile "$name" "$file" || warn "could not stop $name ($file)"
		done
		rm -f "$list"
	fi
	if [[ -f $KAAJ_WORK/sock-dir ]]; then
		rm -rf "$(cat "$KAAJ_WORK/sock-dir")"
		rm -f "$KAAJ_WORK/sock-dir"
	fi
}

# refuse_if_running: die if a server listed by an earlier run of this stack
# still runs (used by ./bootstrap demo, whose folder persists); forget stale
# entries.
refuse_if_running() {
	local list=$KAAJ_PID_DIR/list name file pids
	[[ -f $list ]] || return 0
	while read -r name file; do
		pids=$(running_pids "$name" "$file")
		[[ -z $pids ]] ||
			die "$name from an earlier run still runs (pid $(paste -sd " " <<<"$pids")); stop that run first (Ctrl-C in its terminal)"
	done <"$list"
	rm -f "$list"
}

# ------------------------------------------------------------ MariaDB

# db_server_opts: options for both mariadb-install-db and mariadbd. Small
# redo log and buffer pool: this server only holds test and demo data.
db_server_opts() {
	printf '%s\n' --innodb-log-file-size=16M --innodb-buffer-pool-size=64M \
		--innodb-flush-log-at-trx-commit=2
}

# db_install: create the MariaDB data folder $KAAJ_DB_DATA unless it exists.
db_install() {
	local log=$KAAJ_LOG_DIR/mariadb-install-db.log
	[[ -d $KAAJ_DB_DATA/mysql ]] && return 0
	mkdir -p "$KAAJ_DB_DATA"
	# shellcheck disable=SC2046 # one option a line, no spaces
	if ! mariadb-install-db --no-defaults --user="$(id -un)" \
		--datadir="$KAAJ_DB_DATA" --auth-root-authentication-method=normal \
		--skip-test-db $(db_server_opts) >"$log" 2>&1; then
		show_tail "$log"
		die "mariadb-install-db failed to create $KAAJ_DB_DATA (log: $log)"
	fi
}

# db_ping: true if the private server answers on its socket.
db_ping() {
	mariadb-admin --no-defaults --socket="$KAAJ_DB_SOCKET" -u root \
		--connect-timeout=2 ping >/dev/null 2>&1
}

# db_start: start mariadbd on $KAAJ_DB_DATA and $KAAJ_DB_SOCKET (no TCP) and
# wait until it answers.
db_start() {
	local pid i
	[[ -d $KAAJ_DB_DATA/mysql ]] || die "no MariaDB data folder in $KAAJ_DB_DATA (db_install first)"
	if [[ -S $KAAJ_DB_SOCKET ]] && db_ping; then
		die "a MariaDB server already answers on $KAAJ_DB_SOCKET"
	fi
	rm -f "$KAAJ_DB_SOCKET"
	# shellcheck disable=SC2046 # one option a line, no spaces
	mariadbd --no-defaults --user="$(id -un)" --datadir="$KAAJ_DB_DATA" \
		--socket="$KAAJ_DB_SOCKET" --skip-networking \
		--pid-file="$KAAJ_DB_PIDFILE" --log-error="$KAAJ_DB_LOG" \
		$(db_server_opts) </dev/null >>"$KAAJ_LOG_DIR/mariadbd.out" 2>&1 &
	pid=$!
	echo "$pid" >"$KAAJ_DB_PIDFILE"
	register_pidfile mariadbd "$KAAJ_DB_PIDFILE"
	for ((i = 0; i < 600; i++)); do
		db_ping && return 0
		if ! proc_alive "$pid"; then
			show_tail "$KAAJ_DB_LOG"
			die "mariadbd exited during start-up (log: $KAAJ_DB_LOG)"
		fi
		sleep 0.1
	done
	show_tail "$KAAJ_DB_LOG"
	die "mariadbd did not answer on $KAAJ_DB_SOCKET within 60 s (log: $KAAJ_DB_LOG)"
}

# db_stop: stop the private mariadbd by its pid file and wait for it.
db_stop() {
	stop_pidfile mariadbd "$KAAJ_DB_PIDFILE"
}

# restart_mariadb: stop mariadbd and start it again on the same data folder
# and socket.
restart_mariadb() {
	db_stop
	db_start
}

# db_root ARG...: run the mariadb client as the server's root user.
db_root() {
	mariadb --no-defaults --socket="$KAAJ_DB_SOCKET" -u root "$@"
}

# db_sql SQL [DATABASE]: run SQL as root in DATABASE (default kaaj); print
# the result without headers, tab-separated.
db_sql() {
	db_root -N -B -e "$1" "${2:-kaaj}"
}

# db_create_app: create database kaaj and user kaaj@localhost with password
# $KAAJ_DB_PASSWORD (set it again if the user exists).
db_create_app() {
	[[ $KAAJ_DB_PASSWORD =~ ^[0-9a-f]+$ ]] || die "KAAJ_DB_PASSWORD must be hex"
	db_root <<-SQL || die "could not create database kaaj and its user"
		CREATE DATABASE IF NOT EXISTS kaaj
		    CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
		CREATE USER IF NOT EXISTS 'kaaj'@'localhost' IDENTIFIED BY '$KAAJ_DB_PASSWORD';
		ALTER USER 'kaaj'@'localhost' IDENTIFIED BY '$KAAJ_DB_PASSWORD';
		GRANT ALL PRIVILEGES ON kaaj.* TO 'kaaj'@'localhost';
	SQL
}

# ------------------------------------------------------------ config, plugins

# write_config OUT: render etc/kaaj.conf.in into OUT for this stack (base
# URL on $KAAJ_HTTP_PORT, secrets $KAAJ_DB_PASSWORD and $KAAJ_SECRET, mail
# saved into $KAAJ_MAIL_DIR by maildir-sendmail), with cheap password
# hashing and captcha so that tests run fast.
write_config() {
	local in=$KAAJ_SRCDIR/etc/kaaj.conf.in
	local mailer="$KAAJ_SRCDIR/tests/integration/maildir-sendmail $KAAJ_MAIL_DIR -t -i"
	[[ -f $in ]] || die "missing $in"
	[[ $KAAJ_SECRET =~ ^[0-9a-f]{64}$ ]] || die "KAAJ_SECRET must be 64 hex digits"
	# kaaj splits mail.sendmail on spaces and tabs, with no quoting.
	[[ $KAAJ_SRCDIR$KAAJ_MAIL_DIR != *[[:space:]]* ]] ||
		die "$KAAJ_SRCDIR and $KAAJ_MAIL_DIR must hold no spaces (mail.sendmail is split on them)"
	sed -e "s|@TEMPLATE_DIR@|$(sed_quote "$KAAJ_SRCDIR/templates")|g" \
		-e "s|@PLUGIN_DIR@|$(sed_quote "$KAAJ_PLUGIN_DIR")|g" \
		-e "s|@UPLOAD_DIR@|$(sed_quote "$KAAJ_UPLOAD_DIR")|g" \
		-e "s|@RUN_DIR@|$(sed_quote "$KAAJ_RUN_DIR")|g" \
		-e "s|@STATIC_DIR@|$(sed_quote "$KAAJ_STATIC_DIR")|g" \
		-e "s|@SQL_DIR@|$(sed_quote "$KAAJ_SRCDIR/sql")|g" \
		-e "s|@DB_SOCKET@|$(sed_quote "$KAAJ_DB_SOCKET")|g" \
		-e "s|@DB_PASSWORD@|$KAAJ_DB_PASSWORD|g" \
		-e "s|@SECRET_KEY@|$KAAJ_SECRET|g" \
		-e "s|@SENDMAIL@|$(sed_quote "$mailer")|g" \
		"$in" >"$1.tmp"
	chmod 600 "$1.tmp"
	mv "$1.tmp" "$1"
	conf_set "$1" base_url "\"http://127.0.0.1:${KAAJ_HTTP_PORT:-8080}\""
}

# fcgi_reload: SIGHUP kaaj.fcgi (it reads kaaj.conf and its files again)
# and wait until it says it reloaded.
fcgi_reload() {
	local n i
	n=$(grep -c 'SIGHUP: reloaded' "$KAAJ_FCGI_LOG" || true)
	kill -HUP "$(fcgi_pid)" 2>/dev/null || true
	for i in $(seq 1 50); do
		http GET /
		(($(grep -c 'SIGHUP: reloaded' "$KAAJ_FCGI_LOG" || true) > n)) && return 0
		sleep 0.1
	done
	fail "kaaj.fcgi reloaded after SIGHUP" "no 'SIGHUP: reloaded' in the log"
}

# conf_set FILE KEY VALUE: set the one setting named KEY (unique in FILE)
# to VALUE, written as libconfig text (quote strings yourself).
conf_set() {
	local file=$1 key=$2 value=$3 n
	n=$(grep -c "^[[:space:]]*${key}[[:space:]]*=" "$file" || true)
	[[ $n == 1 ]] || die "conf_set: $key occurs $n times in $file"
	sed -i -e "s|^\([[:space:]]*${key}[[:space:]]*=\).*|\1 $(sed_quote "$value");|" "$file"
}

# install_plugins: fill $KAAJ_PLUGIN_DIR with the built job types.
install_plugins() {
	local so
	rm -f "$KAAJ_PLUGIN_DIR"/*.so
	for so in "$KAAJ_BUILDDIR"/plugins/.libs/*.so; do
		[[ -f $so ]] || die "no plugin built in $KAAJ_BUILDDIR/plugins/.libs (run make)"
		cp "$so" "$KAAJ_PLUGIN_DIR/"
	done
}

# add_test_plugins: add to $KAAJ_PLUGIN_DIR the broken test plugins (wrong
# ABI, no symbol, misnamed) and a symlink evil.so -> signup.so, which kaaj
# must each skip with a log line.
add_test_plugins() {
	local so name
	for name in badabi nosymbol misnamed; do
		so=$KAAJ_BUILDDIR/tests/plugins/.libs/$name.so
		[[ -f $so ]] || die "test plugin $so not built (make check builds it)"
		cp "$so" "$KAAJ_PLUGIN_DIR/"
	done
	ln -s signup.so "$KAAJ_PLUGIN_DIR/evil.so"
}

# kaaj_admin ARG...: run the built kaaj-admin on this stack's config.
kaaj_admin() {
	"$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "$KAAJ_CONF" "$@"
}

# ------------------------------------------------------------ mail

# The stack's kaaj sends mail through tests/integration/maildir-sendmail,
# which saves each message as one file in $KAAJ_MAIL_DIR/new. Pages only
# queue their mail (table mail_queue); kaaj-admin sends it, as cron does
# on a real site. So every helper that looks at the mail first delivers
# what is queued (mail_deliver); mail_saved_to looks without delivering.

# mail_deliver: send the queued mail that is due (kaaj-admin mail-send on
# $KAAJ_CONF); its output is appended to $KAAJ_LOG_DIR/mail-send.log. A
# failure is only logged: the mail helpers then find no mail and say so.
mail_deliver() {
	kaaj_admin mail-send >>"$KAAJ_LOG_DIR/mail-send.log" 2>&1 ||
		warn "kaaj-admin mail-send failed (see $KAAJ_LOG_DIR/mail-send.log)"
}

# mail_count: deliver the queued mail, then print how many messages
# $KAAJ_MAIL_DIR/new holds.
mail_count() {
	mail_deliver
	find "$KAAJ_MAIL_DIR/new" -maxdepth 1 -type f -name '*.eml' | wc -l
}

# mail_header FILE NAME: print the value of header NAME (in any case) of the
# message in FILE, its first line only, without CR; false if it has none.
mail_header() {
	local line want=${2,,}
	while IFS= read -r line; do
		line=${line%$'\r'}
		[[ -n $line ]] || break
		if [[ ${line,,} == "$want":* && $line =~ ^[^:]*:[[:space:]]*(.*)$ ]]; then
			printf '%s\n' "${BASH_REMATCH[1]}"
			return 0
		fi
	done <"$1"
	return 1
}

# mail_files_to ADDRESS: deliver the queued mail, then print the paths of
# the messages whose To: is ADDRESS, oldest first.
mail_files_to() {
	mail_deliver
	mail_saved_to "$1"
}

# mail_index: print, for every message already saved (oldest first,
# without delivering queued mail), its path, a tab and its To: (as
# mail_header reads it: the first To: field, without CR). One awk reads
# every header, not a process per message: the folder holds every mail of
# the suite's run.
mail_index() {
	# shellcheck disable=SC2016 # $0 is awk's
	find "$KAAJ_MAIL_DIR/new" -maxdepth 1 -type f -name '*.eml' -printf '%T@ %p\0' |
		sort -zn | cut -z -d' ' -f2- |
		xargs -0 -r awk '
			{ sub(/\r$/, "") }
			$0 == "" { nextfile }
			tolower(substr($0, 1, 3)) == "to:" {
				sub(/^[^:]*:[[:space:]]*/, "")
				print FILENAME "\t" $0
				nextfile
			}'
}

# mail_saved_to ADDRESS: print the paths of the messages already saved
# whose To: is ADDRESS, oldest first, without delivering queued mail.
mail_saved_to() {
	mail_index | awk -F'\t' -v want="$1" '$2 == want { print $1 }'
}

# mail_last_to ADDRESS: print the path of the newest message to ADDRESS;
# false, with a message on stderr, if there is none.
mail_last_to() {
	local f
	f=$(mail_files_to "$1" | tail -n 1)
	if [[ -z $f ]]; then
		warn "no mail to $1 in $KAAJ_MAIL_DIR/new"
		return 1
	fi
	printf '%s\n' "$f"
}

# mail_link FILE PATH-PREFIX: print the first http(s) URL in the body of
# the message in FILE whose path starts with PATH-PREFIX (for example
# /activate), as written (URLs are plain text in the body), without
# trailing punctuation; false, with a message on stderr, if there is none.
mail_link() {
	local url rest
	while IFS= read -r url; do
		while [[ $url == *[.,\;:!?\)] ]]; do
			url=${url%?}
		done
		rest=${url#*://}
		rest=${rest#"${rest%%[/?#]*}"}
		if [[ $rest == "$2"* ]]; then
			printf '%s\n' "$url"
			return 0
		fi
	done < <(sed -e '1,/^\r\?$/d' "$1" | grep -oE 'https?://[^[:space:]<>"]+' || true)
	warn "no link to $2... in the body of $1"
	return 1
}

# mail_wait_to ADDRESS N: wait up to 5 s until at least N messages to
# ADDRESS were saved, delivering queued mail each time it looks; false,
# with a message on stderr, if they were not.
mail_wait_to() {
	local i n=0
	for ((i = 0; i < 50; i++)); do
		n=$(mail_files_to "$1" | wc -l)
		((n >= $2)) && return 0
		sleep 0.1
	done
	warn "expected $2 mails to $1 within 5 s, found $n"
	return 1
}

# ------------------------------------------------------------ kaaj.fcgi

# fcgi_start [N]: start N (default 1) kaaj.fcgi processes under spawn-fcgi on
# $KAAJ_FCGI_SOCKET with KAAJ_CONFIG=$KAAJ_CONF. Their stderr goes to
# $KAAJ_FCGI_LOG (spawn-fcgi itself would send it to /dev/null, hence the
# sh that redirects and then execs kaaj.fcgi in the same process).
fcgi_start() {
	local n=${1:-1} prog=$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi pid
	[[ -x $prog ]] || die "$prog is not built (run make)"
	rm -f "$KAAJ_FCGI_SOCKET"
	# shellcheck disable=SC2016 # $1 and $2 are for sh -c
	if ! KAAJ_CONFIG=$KAAJ_CONF spawn-fcgi -s "$KAAJ_FCGI_SOCKET" \
		-P "$KAAJ_FCGI_PIDFILE" -F "$n" -- \
		/bin/sh -c 'exec "$1" 2>>"$2"' kaaj-fcgi "$prog" "$KAAJ_FCGI_LOG" \
		</dev/null >>"$KAAJ_LOG_DIR/spawn-fcgi.log" 2>&1; then
		show_tail "$KAAJ_LOG_DIR/spawn-fcgi.log" 5
		show_tail "$KAAJ_FCGI_LOG"
		die "spawn-fcgi could not start $prog (log: $KAAJ_FCGI_LOG)"
	fi
	register_pidfile kaaj.fcgi "$KAAJ_FCGI_PIDFILE"
	sleep 0.2
	for pid in $(read_pids "$KAAJ_FCGI_PIDFILE"); do
		if ! proc_alive "$pid"; then
			show_tail "$KAAJ_FCGI_LOG"
			die "kaaj.fcgi (pid $pid) exited right after start (log: $KAAJ_FCGI_LOG)"
		fi
	done
}

# fcgi_start_watched N: start N kaaj.fcgi processes as ./bootstrap demo
# and the shipped systemd unit do: spawn-fcgi opens the socket and starts
# multiwatch (Debian's), which forks the N processes on it and starts a
# new one as soon as one dies. $KAAJ_WATCH_PIDFILE holds multiwatch's
# pid; fcgi_children prints the processes. TERM to multiwatch stops it
# and, through -s TERM, each kaaj.fcgi after its current request.
fcgi_start_watched() {
	local n=${1:-1} prog=$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi i
	[[ -x $prog ]] || die "$prog is not built (run make)"
	command -v multiwatch >/dev/null 2>&1 ||
		die "multiwatch not found (apt-get install multiwatch)"
	rm -f "$KAAJ_FCGI_SOCKET"
	# shellcheck disable=SC2016 # $1 and $2 are for sh -c
	if ! KAAJ_CONFIG=$KAAJ_CONF GLIBC_TUNABLES=glibc.malloc.tcache_count=1000 \
		spawn-fcgi -s "$KAAJ_FCGI_SOCKET" -P "$KAAJ_WATCH_PIDFILE" -- "$(command -v multiwatch)" -f "$n" \
		-s TERM -- /bin/sh -c 'exec "$1" 2>>"$2"' kaaj-fcgi "$prog" \
		"$KAAJ_FCGI_LOG" </dev/null >>"$KAAJ_LOG_DIR/spawn-fcgi.log" 2>&1; then
		show_tail "$KAAJ_LOG_DIR/spawn-fcgi.log" 5
		die "spawn-fcgi could not start multiwatch (log: $KAAJ_LOG_DIR/spawn-fcgi.log)"
	fi
	register_pidfile multiwatch "$KAAJ_WATCH_PIDFILE"
	for ((i = 0; i < 50; i++)); do
		(($(fcgi_children | wc -l) == n)) && return 0
		sleep 0.1
	done
	show_tail "$KAAJ_FCGI_LOG"
	die "multiwatch did not start $n kaaj.fcgi within 5 s (log: $KAAJ_FCGI_LOG)"
}

# fcgi_children: print the pids of the kaaj.fcgi processes multiwatch runs.
fcgi_children() {
	local pid
	for pid in $(running_pids multiwatch "$KAAJ_WATCH_PIDFILE"); do
		pgrep -x -P "$pid" kaaj.fcgi || true
	done
}

# fcgi_pid: print the pid of the (first) kaaj.fcgi process.
fcgi_pid() {
	if [[ -s $KAAJ_WATCH_PIDFILE ]]; then
		fcgi_children | head -n 1
	else
		read_pids "$KAAJ_FCGI_PIDFILE" | head -n 1
	fi
}

# fcgi_stop: stop the kaaj.fcgi processes (and multiwatch) by their pid
# files.
fcgi_stop() {
	stop_pidfile multiwatch "$KAAJ_WATCH_PIDFILE"
	stop_pidfile kaaj.fcgi "$KAAJ_FCGI_PIDFILE"
}

# with_fcgi N: serve with N kaaj.fcgi processes from now on, so that
# parallel requests really run at once (the suite's default is one).
with_fcgi() {
	fcgi_stop
	fcgi_start "$1"
	wait_http_ready /
}

# stack_keep_alive: start again the stack's mariadbd or nginx if it
# stopped (./bootstrap demo's watchdog calls it every 2 s; multiwatch
# does the same for kaaj.fcgi). Dies if one cannot be started.
stack_keep_alive() {
	if [[ -z $(running_pids mariadbd "$KAAJ_DB_PIDFILE") ]]; then
		warn "mariadbd stopped; starting it again (log: $KAAJ_DB_LOG)"
		db_start
	fi
	if [[ -n ${KAAJ_HTTP_PORT:-} && -z $(running_pids nginx "$KAAJ_NGINX_PIDFILE") ]]; then
		warn "nginx stopped; starting it again (log: $KAAJ_NGINX_LOG)"
		nginx_start "$KAAJ_HTTP_PORT"
	fi
}

# ------------------------------------------------------------ nginx

# nginx_render PORT: write $KAAJ_NGINX_DIR/nginx.conf from etc/nginx.conf.in.
nginx_render() {
	local in=$KAAJ_SRCDIR/etc/nginx.conf.in
	[[ -f $in ]] || die "missing $in"
	sed -e "s|@PORT@|$1|g" \
		-e "s|@RUN_DIR@|$(sed_quote "$KAAJ_NGINX_DIR")|g" \
		-e "s|@FCGI_SOCKET@|$(sed_quote "$KAAJ_FCGI_SOCKET")|g" \
		-e "s|@STATIC_DIR@|$(sed_quote "$KAAJ_STATIC_DIR")|g" \
		-e "s|@NGINX_USER@|$(id -un)|g" \
		"$in" >"$KAAJ_NGINX_DIR/nginx.conf"
}

# nginx_start [PORT]: start nginx from the private prefix $KAAJ_NGINX_DIR on
# 127.0.0.1:PORT; without PORT, on a free port, trying another one if the
# chosen one was taken meanwhile. Exports KAAJ_HTTP_PORT and KAAJ_URL.
nginx_start() {
	local fixed=${1:-} port try i
	for ((try = 0; try < 10; try++)); do
		port=${fixed:-$(pick_free_port)}
		nginx_render "$port"
		rm -f "$KAAJ_NGINX_DIR/nginx.pid"
		: >"$KAAJ_NGINX_LOG"
		if nginx -p "$KAAJ_NGINX_DIR" -c "$KAAJ_NGINX_DIR/nginx.conf" \
			-e "$KAAJ_NGINX_LOG" </dev/null >"$KAAJ_LOG_DIR/nginx.out" 2>&1; then
			for ((i = 0; i < 50; i++)); do
				[[ -s $KAAJ_NGINX_DIR/nginx.pid ]] && break
				sleep 0.1
			done
			[[ -s $KAAJ_NGINX_DIR/nginx.pid ]] || die "nginx wrote no pid file"
			cp "$KAAJ_NGINX_DIR/nginx.pid" "$KAAJ_NGINX_PIDFILE"
			register_pidfile nginx "$KAAJ_NGINX_PIDFILE"
			export KAAJ_HTTP_PORT=$port
			export KAAJ_URL=http://127.0.0.1:$port
			return 0
		fi
		if [[ -z $fixed ]] && grep -q 'Address already in use' \
			"$KAAJ_NGINX_LOG" "$KAAJ_LOG_DIR/nginx.out"; then
			continue
		fi
		show_tail "$KAAJ_LOG_DIR/nginx.out"
		show_tail "$KAAJ_NGINX_LOG"
		die "nginx did not start on 127.0.0.1:$port (log: $KAAJ_NGINX_LOG)"
	done
	die "nginx found no free port after 10 tries"
}

# ------------------------------------------------------------ HTTP

# http METHOD PATH [CURL-ARG...]: send one request to the stack's nginx.
# Sets HTTP_STATUS (000 when curl failed) and writes the response headers to
# $HTTP_HEADERS and the body to $HTTP_BODY.
http() {
	local method=$1 path=$2
	shift 2
	HTTP_HEADERS=$KAAJ_TMP/http.$$.headers
	HTTP_BODY=$KAAJ_TMP/http.$$.body
	: >"$HTTP_HEADERS"
	: >"$HTTP_BODY"
	HTTP_STATUS=$(curl -sS --globoff --max-time 30 -X "$method" \
		-D "$HTTP_HEADERS" -o "$HTTP_BODY" -w '%{http_code}' "$@" \
		"$KAAJ_URL$path" 2>"$KAAJ_TMP/http.$$.err") || HTTP_STATUS=000
}

# http_status METHOD PATH [CURL-ARG...]: print only the status code.
http_status() {
	http "$@"
	echo "$HTTP_STATUS"
}

# http_header NAME: print the value of header NAME of the last response
# (the last one if repeated), without the CR.
http_header() {
	tr -d '\r' <"$HTTP_HEADERS" |
		sed -n "s/^$1:[[:space:]]*//Ip" | tail -n 1
}

# wait_http_ready [PATH]: wait up to 30 s until GET PATH (default /) answers 200.
wait_http_ready() {
	local i
	for ((i = 0; i < 150; i++)); do
		http GET "${1:-/}"
		[[ $HTTP_STATUS == 200 ]] && return 0
		sleep 0.2
	done
	show_tail "$KAAJ_FCGI_LOG"
	show_tail "$KAAJ_NGINX_LOG"
	die "GET ${1:-/} did not answer 200 within 30 s (last status $HTTP_STATUS)"
}

# csrf_token SESSION-TOKEN: print the CSRF token kaaj expects for the
# session cookie text: hex HMAC-SHA256(secret_key bytes, "csrf:" TOKEN).
csrf_token() {
	printf 'csrf:%s' "$1" |
		openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KAAJ_SECRET" |
		awk '{print $NF}'
}

# new_session USERNAME [INTERVAL]: insert a session for USERNAME expiring
# after INTERVAL (SQL, default "1 DAY"; "-1 HOUR" makes an expired one) and
# print its cookie value (32 lowercase hex digits).
new_session() {
	local tok
	tok=$(random_hex 16)
	db_sql "INSERT INTO sessions (token_hash, user_id, expires_at)
	    VALUES (UNHEX(SHA2('$tok', 256)),
	    (SELECT id FROM users WHERE username = '$1'),
	    NOW() + INTERVAL ${2:-1 DAY})" || die "could not insert a session for $1"
	echo "$tok"
}

# ------------------------------------------------------------ assertions

T_PASS=0
T_FAIL=0

# ok WHAT: count and print a passed check.
ok() {
	T_PASS=$((T_PASS + 1))
	printf '  ok    %s\n' "$*"
}

# fail WHAT [DETAIL...]: count and print a failed check, with detail lines.
fail() {
	local what=$1
	shift
	T_FAIL=$((T_FAIL + 1))
	printf '  FAIL  %s\n' "$what"
	[[ $# -eq 0 ]] || printf '        %s\n' "$@"
}

# show_response: print the last response's headers and body start, indented.
show_response() {
	printf '        --- response headers:\n'
	tr -d '\r' <"$HTTP_HEADERS" | sed 's/^/        | /'
	printf '        --- body text (tags removed, first 20 lines):\n'
	sed -e 's/<[^>]*>//g' "$HTTP_BODY" | grep -v '^[[:space:]]*$' |
		head -n 20 | sed 's/^/        | /' || true
	if [[ -s $KAAJ_TMP/http.$$.err ]]; then
		printf '        --- curl:\n'
		sed 's/^/        | /' "$KAAJ_TMP/http.$$.err"
	fi
}

# check WHAT COMMAND...: pass if COMMAND succeeds.
check() {
	local what=$1
	shift
	if "$@"; then ok "$what"; else fail "$what" "command failed: $*"; fi
}

# expect_eq WHAT GOT WANT: pass if GOT equals WANT.
expect_eq() {
	if [[ $2 == "$3" ]]; then
		ok "$1"
	else
		fail "$1" "expected: $3" "got:      $2"
	fi
}

# expect_match WHAT TEXT REGEX: pass if TEXT matches the extended REGEX.
expect_match() {
	if grep -Eq -- "$3" <<<"$2"; then
		ok "$1"
	else
		fail "$1" "expected to match: $3" "got: $(head -c 600 <<<"$2")"
	fi
}

# expect_status CODE WHAT: pass if the last response had status CODE.
expect_status() {
	if [[ $HTTP_STATUS == "$1" ]]; then
		ok "$2 -> $1"
	else
		fail "$2 -> $1" "got status $HTTP_STATUS"
		show_response
	fi
}

# expect_body TEXT WHAT: pass if the last response body contains TEXT.
expect_body() {
	if grep -qF -- "$1" "$HTTP_BODY"; then
		ok "$2"
	else
		fail "$2" "body lacks: $1"
		show_response
	fi
}

# expect_no_body TEXT WHAT: pass if the last response body lacks TEXT.
expect_no_body() {
	if grep -qF -- "$1" "$HTTP_BODY"; then
		fail "$2" "body contains: $1"
		show_response
	else
		ok "$2"
	fi
}

# expect_header NAME REGEX WHAT: pass if header NAME of the last response
# matches the extended REGEX.
expect_header() {
	local v
	v=$(http_header "$1")
	if [[ -n $v ]] && grep -Eq -- "$2" <<<"$v"; then
		ok "$3"
	else
		fail "$3" "header $1 should match $2; got '${v}'"
		show_response
	fi
}

# expect_error_page CODE TITLE WHAT: pass if the last response is an HTML
# error page with status CODE and TITLE in it.
expect_error_page() {
	expect_status "$1" "$3"
	if [[ $HTTP_STATUS == "$1" ]]; then
		expect_header Content-Type '^text/html' "$3: HTML page"
		expect_body "$2" "$3: page says \"$2\""
	fi
}

# test_done: print the counts of this test script and exit 0 if every check
# passed (and there was one), 1 otherwise.
test_done() {
	printf '  (%d checks passed, %d failed)\n' "$T_PASS" "$T_FAIL"
	if ((T_FAIL > 0 || T_PASS == 0)); then
		exit 1
	fi
	exit 0
}

# ------------------------------------------------------------ money

# balance_of KIND OWNER: a ledger account's cached balance (0 if none).
balance_of() {
	db_sql "SELECT COALESCE((SELECT balance FROM ledger_accounts
	    WHERE kind = '$1' AND owner_id = $2), 0)"
}

# expect_ledger_ok WHEN: kaaj-admin ledger-check passes (WHEN says when).
expect_ledger_ok() {
	local out rc=0
	out=$(kaaj_admin ledger-check 2>&1) || rc=$?
	if ((rc == 0)); then
		ok "ledger-check passes $1"
	else
		fail "ledger-check passes $1" "exit $rc" "$out"
	fi
}

# ------------------------------------------------------------ forms as a user

# spost TOKEN PATH NAME=VALUE...: POST urlencoded with the session's csrf.
spost() {
	local tok=$1 path=$2 args=()
	shift 2
	args=(--data-urlencode "csrf=$(csrf_token "$tok")")
	while (($# > 0)); do
		args+=(--data-urlencode "$1")
		shift
	done
	http POST "$path" -b "kaaj_session=$tok" "${args[@]}"
}

# mpost TOKEN PATH FIELD...: POST multipart with the session's csrf. A
# FIELD "NAME=VALUE" is sent as text, whatever VALUE starts with (a
# username "@rahim" is not a file); "file:NAME=@PATH;type=..." is a file.
mpost() {
	local tok=$1 path=$2 args=()
	shift 2
	args=(--form-string "csrf=$(csrf_token "$tok")")
	while (($# > 0)); do
		if [[ $1 == file:* ]]; then
			args+=(-F "${1#file:}")
		else
			args+=(--form-string "$1")
		fi
		shift
	done
	http POST "$path" -b "kaaj_session=$tok" "${args[@]}"
}

# sget TOKEN PATH: GET PATH with the session TOKEN.
sget() {
	http GET "$2" -b "kaaj_session=$1"
}

# A test run by tests/cluster/run talks to two app servers on a Galera
# cluster: that driver names its overrides of the stack's helpers here
# (fcgi_start starting both servers, conf_set editing both configs, ...).
if [[ -n ${KAAJ_CLUSTER_LIB:-} ]]; then
	# shellcheck source=/dev/null
	. "$KAAJ_CLUSTER_LIB"
fi
