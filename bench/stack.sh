# shellcheck shell=bash
#
# bench/stack.sh: the benchmark's servers and data, for bench/run. Uses
# the stack helpers of tests/integration/lib.sh (sourced first).

# The sizes of the big site, by --size; the small site always has 1,000
# campaigns (200 in the tiny run).
bench_sizes() {
	case $SIZE in
	tiny) USERS=2000 CAMPAIGNS=200 PER=5 HEAVY=100 FRONT=10 SESSIONS=2000
		SMALL_CAMPAIGNS=100 CLAIM_WORKERS=200 ;;
	medium) USERS=50000 CAMPAIGNS=100000 PER=10 HEAVY=5000 FRONT=1000
		SESSIONS=20000 SMALL_CAMPAIGNS=1000 CLAIM_WORKERS=2000 ;;
	full) USERS=200000 CAMPAIGNS=1000000 PER=10 HEAVY=5000 FRONT=1000
		SESSIONS=50000 SMALL_CAMPAIGNS=1000 CLAIM_WORKERS=2000 ;;
	esac
}

# Overrides lib.sh's: a buffer pool that holds the big site, a redo log
# that does not throttle the bulk load, and room for 2 x 2 kaaj.fcgi and
# the CGI processes.
db_server_opts() {
	local pool=256M
	[[ ${SIZE:-tiny} == full ]] && pool=6G
	[[ ${SIZE:-tiny} == medium ]] && pool=1G
	printf '%s\n' --innodb-log-file-size=1G --innodb-buffer-pool-size=$pool \
		--innodb-flush-log-at-trx-commit=2 --max-connections=500 \
		--skip-log-bin
}

# bench_sql DB FILE: run the SQL of FILE in database DB as root.
bench_sql() {
	db_root "$1" <"$2" >>"$KAAJ_LOG_DIR/gen-$1.log" 2>&1 ||
		{ show_tail "$KAAJ_LOG_DIR/gen-$1.log"; die "SQL of $2 failed in $1"; }
}

# bench_site NAME CAMPAIGNS TASKS-PER USERS: create database kaaj_NAME,
# its config $KAAJ_WORK/kaaj-NAME.conf, migrate it, load the demo and
# generate the site into it.
bench_site() {
	local name=$1 db=kaaj_$1 conf=$KAAJ_WORK/kaaj-$1.conf sql t0
	db_root <<-SQL || die "could not create database $db"
		CREATE DATABASE $db CHARACTER SET utf8mb4
		    COLLATE utf8mb4_unicode_ci;
		GRANT ALL PRIVILEGES ON $db.* TO 'kaaj'@'localhost';
	SQL
	write_config "$conf"
	sed -i "/^database = {/,/^};/ s/^\([[:space:]]*name[[:space:]]*=\).*/\1 \"$db\";/" "$conf"
	KAAJ_CONF=$conf kaaj_admin migrate >"$KAAJ_LOG_DIR/migrate-$name.out" 2>&1 ||
		{ show_tail "$KAAJ_LOG_DIR/migrate-$name.out"; die "migrate of $db failed"; }
	KAAJ_CONF=$conf kaaj_admin load-demo >"$KAAJ_LOG_DIR/demo-$name.out" 2>&1 ||
		{ show_tail "$KAAJ_LOG_DIR/demo-$name.out"; die "load-demo of $db failed"; }
	sql=$KAAJ_WORK/gen-$name.sql
	sed -e "s/@USERS@/$4/g" -e "s/@CAMPAIGNS@/$2/g" \
		-e "s/@CAMPAIGNS_1@/$(($2 - 1))/g" -e "s/@PER@/$3/g" \
		-e "s/@PER_1@/$(($3 - 1))/g" -e "s/@RUNNING@/$(($2 / 10))/g" \
		-e "s/@HEAVY@/$HEAVY/g" -e "s/@HEAVY_1@/$((HEAVY - 1))/g" \
		-e "s/@FRONT@/$FRONT/g" -e "s/@FRONT_1@/$((FRONT - 1))/g" \
		-e "s/@SESSIONS@/$((SESSIONS < $4 ? SESSIONS : $4))/g" \
		"$KAAJ_SRCDIR/bench/gen.sql" >"$sql"
	t0=$SECONDS
	bench_sql "$db" "$sql"
	say "# $db: $2 campaigns, $(($2 * $3)) tasks generated in $((SECONDS - t0)) s"
}

# bench_pool NAME: start 2 kaaj.fcgi processes for site NAME on
# $KAAJ_SOCK_DIR/kaaj-NAME.sock.
bench_pool() {
	KAAJ_CONF=$KAAJ_WORK/kaaj-$1.conf \
	KAAJ_FCGI_SOCKET=$KAAJ_SOCK_DIR/kaaj-$1.sock \
	KAAJ_FCGI_PIDFILE=$KAAJ_PID_DIR/kaaj-$1.pid \
	KAAJ_FCGI_LOG=$KAAJ_LOG_DIR/kaaj-$1.log fcgi_start 2
}

# bench_spawn NAME SOCKET PIDFILE PROG ARG...: one process of PROG under
# spawn-fcgi on SOCKET, its stderr in the log folder.
bench_spawn() {
	local name=$1 sock=$2 pidfile=$3
	shift 3
	rm -f "$sock"
	# shellcheck disable=SC2016 # $1 and $2 are for sh -c
	spawn-fcgi -s "$sock" -P "$pidfile" -F 1 -- /bin/sh -c \
		'log=$1; shift; exec "$@" 2>>"$log"' "$name" \
		"$KAAJ_LOG_DIR/$name.log" "$@" \
		</dev/null >>"$KAAJ_LOG_DIR/spawn-fcgi.log" 2>&1 ||
		die "spawn-fcgi could not start $name"
	register_pidfile "$name" "$pidfile"
}

# bench_nginx: write the nginx configuration and its FastCGI parameters
# (those of the shipped etc/nginx.conf.in) and start nginx; sets
# BIG_URL and SMALL_URL.
bench_nginx() {
	local port small
	sed -n '/fastcgi_param SCRIPT_NAME /,/HTTP_PROXY/p' \
		"$KAAJ_SRCDIR/etc/nginx.conf.in" | grep -v '^[[:space:]]*#' \
		>"$KAAJ_WORK/fastcgi.params"
	grep -v -e 'SCRIPT_NAME' -e 'PATH_INFO' "$KAAJ_WORK/fastcgi.params" \
		>"$KAAJ_WORK/fastcgi-cgi.params"
	port=$(pick_free_port)
	small=$(pick_free_port)
	while [[ $small == "$port" ]]; do
		small=$(pick_free_port)
	done
	mkdir -p "$KAAJ_NGINX_DIR/tmp"
	sed -e "s|@PORT@|$port|g" -e "s|@SMALL_PORT@|$small|g" \
		-e "s|@RUN_DIR@|$KAAJ_NGINX_DIR|g" -e "s|@WORK@|$KAAJ_WORK|g" \
		-e "s|@SOCK_DIR@|$KAAJ_SOCK_DIR|g" -e "s|@NGINX_USER@|$(id -un)|g" \
		-e "s|@ERROR_LOG@|$KAAJ_NGINX_LOG|g" \
		-e "s|@SMALL_CAMPAIGNS@|$SMALL_CAMPAIGNS|g" \
		-e "s|@FCGI_PROG@|$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi|g" \
		"$KAAJ_SRCDIR/bench/nginx.conf.in" >"$KAAJ_NGINX_DIR/nginx.conf"
	nginx -p "$KAAJ_NGINX_DIR" -c "$KAAJ_NGINX_DIR/nginx.conf" \
		-e "$KAAJ_NGINX_LOG" </dev/null >"$KAAJ_LOG_DIR/nginx.out" 2>&1 ||
		{ show_tail "$KAAJ_NGINX_LOG"; die "nginx did not start"; }
	sleep 0.3
	cp "$KAAJ_NGINX_DIR/nginx.pid" "$KAAJ_NGINX_PIDFILE"
	register_pidfile nginx "$KAAJ_NGINX_PIDFILE"
	BIG_URL=http://127.0.0.1:$port
	SMALL_URL=http://127.0.0.1:$small
	# write_config wrote base_url for the default port; point it here.
	conf_set "$KAAJ_WORK/kaaj-big.conf" base_url "\"$BIG_URL\""
	conf_set "$KAAJ_WORK/kaaj-small.conf" base_url "\"$SMALL_URL\""
}

# bench_stack_start: mariadbd with both sites, nginx, the kaaj.fcgi pools,
# fcgiwrap and bench/hello serving a saved board page.
bench_stack_start() {
	export KAAJ_DB_PASSWORD KAAJ_SECRET
	KAAJ_DB_PASSWORD=$(random_hex 16)
	KAAJ_SECRET=$(random_hex 32)
	bench_sizes
	say "# bench ($SIZE) in $KAAJ_WORK"
	db_install
	db_start
	db_create_app
	install_plugins
	bench_site small "$SMALL_CAMPAIGNS" 5 2000
	bench_site big "$CAMPAIGNS" "$PER" "$USERS"
	bench_nginx
	bench_pool big
	bench_pool small
	bench_spawn fcgiwrap "$KAAJ_SOCK_DIR/fcgiwrap.sock" \
		"$KAAJ_PID_DIR/fcgiwrap.pid" /usr/sbin/fcgiwrap
	mkdir -p "$KAAJ_WORK/www"
	KAAJ_URL=$BIG_URL wait_http_ready /
	cp "$HTTP_BODY" "$KAAJ_WORK/www/static.html"
	bench_spawn hello "$KAAJ_SOCK_DIR/hello.sock" "$KAAJ_PID_DIR/hello.pid" \
		"$KAAJ_BUILDDIR/bench/hello" "$KAAJ_WORK/www/static.html"
	sleep 0.2
	say "# nginx on $BIG_URL (big) and $SMALL_URL (small)"
}
