# shellcheck shell=bash
#
# tests/integration/apache.sh: a private Apache 2.4 with mod_fcgid in front
# of the stack's database, for the tests of the shipped Apache setups;
# sourced after lib.sh.
#
# Apache runs from its own folder, $KAAJ_APACHE_DIR, on a free loopback
# port, with the modules Debian's apache2 package ships, and serves the
# site through the file the test names (a rendered etc/apache-kaaj.conf.in
# inside a VirtualHost). Its kaaj.fcgi processes read their own copy of
# the stack's kaaj.conf (base_url on Apache's port, uploads and mail in
# Apache's folder), so that nothing they write mixes with nginx's.
#
# Apache refuses to serve as root. Run by root (as CI does), it is started
# as the user nobody: its folder is given to nobody, and the stack's
# folders it must pass through get the search bit for others (never read
# or write). Run by anyone else it runs as that user.

KAAJ_APACHE_MODULES=${KAAJ_APACHE_MODULES:-/usr/lib/apache2/modules}
KAAJ_APACHE_BIN=${KAAJ_APACHE_BIN:-/usr/sbin/apache2}

# apache_as_server CMD...: run CMD as the user Apache serves as.
apache_as_server() {
	if ((EUID == 0)); then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}

# apache_init: set the KAAJ_APACHE_* paths, make Apache's folder (given to
# nobody when run by root) and check that the server user can reach the
# build, the templates and the database socket.
apache_init() {
	local f
	[[ -x $KAAJ_APACHE_BIN ]] ||
		die "$KAAJ_APACHE_BIN not found (apt-get install apache2 libapache2-mod-fcgid)"
	[[ -f $KAAJ_APACHE_MODULES/mod_fcgid.so ]] ||
		die "mod_fcgid.so not in $KAAJ_APACHE_MODULES (apt-get install libapache2-mod-fcgid)"
	export KAAJ_APACHE_DIR=$KAAJ_WORK/apache
	export KAAJ_APACHE_LOG_DIR=$KAAJ_LOG_DIR/apache
	export KAAJ_APACHE_PIDFILE=$KAAJ_PID_DIR/apache2.pid
	export KAAJ_APACHE_ETC=$KAAJ_APACHE_DIR/etc
	rm -rf "$KAAJ_APACHE_DIR"
	mkdir -p "$KAAJ_APACHE_DIR"/{run,fcgid,uploads,mail/new,mail/tmp} \
		"$KAAJ_APACHE_ETC/kaaj" "$KAAJ_APACHE_LOG_DIR"
	if ((EUID == 0)); then
		chown -R nobody:nogroup "$KAAJ_APACHE_DIR" "$KAAJ_APACHE_LOG_DIR"
		chmod o+x "$KAAJ_WORK" "$KAAJ_LOG_DIR" "$KAAJ_SOCK_DIR"
	fi
	for f in "$KAAJ_BUILDDIR/cgi-bin/kaaj.fcgi" "$KAAJ_SRCDIR/templates/home.cs" \
		"$KAAJ_PLUGIN_DIR" "$KAAJ_STATIC_DIR/kaaj.css"; do
		apache_as_server test -r "$f" ||
			die "the user Apache serves as ($(apache_as_server id -un)) cannot read $f: give the folders above it the search bit for others"
	done
}

# apache_site_config: write $KAAJ_APACHE_ETC/kaaj/kaaj.conf, the stack's
# kaaj.conf for the kaaj.fcgi processes Apache starts, owned by the server
# user. Needs KAAJ_APACHE_PORT.
apache_site_config() {
	local conf=$KAAJ_APACHE_ETC/kaaj/kaaj.conf
	local mailer="$KAAJ_SRCDIR/tests/integration/maildir-sendmail $KAAJ_APACHE_DIR/mail -t -i"
	cp "$KAAJ_CONF" "$conf"
	conf_set "$conf" uploads "\"$KAAJ_APACHE_DIR/uploads\""
	conf_set "$conf" sendmail "\"$mailer\""
	conf_set "$conf" base_url "\"http://127.0.0.1:$KAAJ_APACHE_PORT\""
	chmod 600 "$conf"
	((EUID != 0)) || chown nobody:nogroup "$conf"
}

# The modules Apache loads (Debian's names): the program runner is fcgid,
# or cgid for plain CGI (the shared-host test sets this).
KAAJ_APACHE_MODS=(mpm_event authz_core alias rewrite mime filter deflate
	expires headers env fcgid)

# apache_render PORT SITE-FILE: write Apache's httpd.conf: the server on
# 127.0.0.1:PORT with mpm_event and few threads and the modules of
# KAAJ_APACHE_MODS, mod_fcgid's (or mod_cgid's) files in Apache's folder,
# the sanitizer options passed on to kaaj.fcgi (mod_fcgid gives its
# programs a clean environment), and SITE-FILE included in the
# VirtualHost.
apache_render() {
	local port=$1 site=$2 m v v2
	{
		printf 'ServerRoot "%s"\nServerName 127.0.0.1\n' "$KAAJ_APACHE_DIR"
		printf 'Listen 127.0.0.1:%s\n' "$port"
		for m in "${KAAJ_APACHE_MODS[@]}"; do
			printf 'LoadModule %s_module "%s/mod_%s.so"\n' "$m" \
				"$KAAJ_APACHE_MODULES" "$m"
		done
		cat <<-EOF
			PidFile "$KAAJ_APACHE_DIR/run/apache2.pid"
			DefaultRuntimeDir "$KAAJ_APACHE_DIR/run"
			Mutex file:$KAAJ_APACHE_DIR/run default
			ErrorLog "$KAAJ_APACHE_LOG_DIR/error.log"
			LogLevel warn
			LogFormat "%h %t \"%r\" %>s %b %D" kaaj
			CustomLog "$KAAJ_APACHE_LOG_DIR/access.log" kaaj
			TypesConfig /etc/mime.types
			StartServers 1
			ServerLimit 2
			ThreadsPerChild 8
			MaxRequestWorkers 16
			MinSpareThreads 4
			MaxSpareThreads 16
			<IfModule mod_fcgid.c>
			FcgidIPCDir "$KAAJ_APACHE_DIR/fcgid"
			FcgidProcessTableFile "$KAAJ_APACHE_DIR/fcgid/table"
			FcgidMaxProcesses 4
			</IfModule>
			<IfModule mod_cgid.c>
			ScriptSock "$KAAJ_APACHE_DIR/run/cgid.sock"
			</IfModule>
		EOF
		# mod_fcgid cuts a FcgidInitialEnv value at 127 bytes, which
		# left ASAN_OPTIONS half an option (the sanitizer build's
		# kaaj.fcgi then aborted at start): the options go into a file
		# that the sanitizers read through their include= flag.
		for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
			[[ -n ${!v:-} ]] || continue
			v2=${!v//$KAAJ_LOG_DIR\/sanitizer/$KAAJ_APACHE_LOG_DIR/sanitizer}
			printf '%s\n' "$v2" >"$KAAJ_APACHE_DIR/$v"
			v2=include=$KAAJ_APACHE_DIR/$v
			((${#v2} < 128)) || die "$v2: too long for FcgidInitialEnv"
			printf '<IfModule mod_fcgid.c>\nFcgidInitialEnv %s "%s"\n</IfModule>\n' "$v" "$v2"
			printf 'SetEnv %s "%s"\n' "$v" "$v2"
		done
		printf '<VirtualHost 127.0.0.1:%s>\n\tInclude "%s"\n</VirtualHost>\n' \
			"$port" "$site"
	} >"$KAAJ_APACHE_DIR/httpd.conf"
}

# apache_render_site OUT: render the shipped etc/apache-kaaj.conf.in into
# OUT for the build tree: kaaj.fcgi from the build, the static files from
# the source tree, kaaj.conf from Apache's folder.
apache_render_site() {
	local in=$KAAJ_SRCDIR/etc/apache-kaaj.conf.in pkgdata=$KAAJ_APACHE_DIR/share
	# The sample serves PKGDATADIR/static; here that is the source tree's.
	mkdir -p "$pkgdata"
	ln -sfn "$KAAJ_STATIC_DIR" "$pkgdata/static"
	sed -e "s|@PREFIX_LIBEXEC@|$(sed_quote "$KAAJ_BUILDDIR/cgi-bin")|g" \
		-e "s|@SYSCONFDIR@|$(sed_quote "$KAAJ_APACHE_ETC")|g" \
		-e "s|@PKGDATADIR@|$(sed_quote "$pkgdata")|g" "$in" >"$1"
	! grep -n '@[A-Z_]*@' "$1" || die "$in holds a placeholder the test does not know"
}

# apache_start SITE-FILE: start Apache on a free loopback port serving
# SITE-FILE; set KAAJ_APACHE_PORT and KAAJ_APACHE_URL.
apache_start() {
	local site=$1 try i pid
	for ((try = 0; try < 10; try++)); do
		export KAAJ_APACHE_PORT
		KAAJ_APACHE_PORT=$(pick_free_port)
		export KAAJ_APACHE_URL=http://127.0.0.1:$KAAJ_APACHE_PORT
		apache_site_config
		apache_render "$KAAJ_APACHE_PORT" "$site"
		rm -f "$KAAJ_APACHE_DIR/run/apache2.pid"
		: >"$KAAJ_APACHE_LOG_DIR/start.out"
		if apache_as_server "$KAAJ_APACHE_BIN" -d "$KAAJ_APACHE_DIR" \
			-f "$KAAJ_APACHE_DIR/httpd.conf" -k start </dev/null \
			>"$KAAJ_APACHE_LOG_DIR/start.out" 2>&1; then
			for ((i = 0; i < 100; i++)); do
				[[ -s $KAAJ_APACHE_DIR/run/apache2.pid ]] && break
				sleep 0.1
			done
			pid=$(cat "$KAAJ_APACHE_DIR/run/apache2.pid" 2>/dev/null) ||
				die "Apache wrote no pid file (log: $KAAJ_APACHE_LOG_DIR)"
			echo "$pid" >"$KAAJ_APACHE_PIDFILE"
			register_pidfile apache2 "$KAAJ_APACHE_PIDFILE"
			return 0
		fi
		if grep -qs 'Address already in use' "$KAAJ_APACHE_LOG_DIR/start.out" \
			"$KAAJ_APACHE_LOG_DIR/error.log"; then
			continue
		fi
		show_tail "$KAAJ_APACHE_LOG_DIR/start.out"
		show_tail "$KAAJ_APACHE_LOG_DIR/error.log"
		die "Apache did not start on 127.0.0.1:$KAAJ_APACHE_PORT"
	done
	die "Apache found no free port after 10 tries"
}

# apache_stop: stop Apache (and with it mod_fcgid's kaaj.fcgi processes).
apache_stop() {
	stop_pidfile apache2 "$KAAJ_APACHE_PIDFILE"
}

# apache_fcgi_pids: print the pids of the kaaj.fcgi processes Apache runs
# (children of mod_fcgid's process manager, a child of Apache's parent).
apache_fcgi_pids() {
	local parent child pid
	parent=$(cat "$KAAJ_APACHE_PIDFILE" 2>/dev/null) || return 0
	for child in $(pgrep -P "$parent" || true); do
		# A killed process stays a zombie until mod_fcgid reaps it.
		for pid in $(pgrep -x -P "$child" kaaj.fcgi || true); do
			! proc_alive "$pid" || echo "$pid"
		done
	done
}
