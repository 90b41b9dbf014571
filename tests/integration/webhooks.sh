# shellcheck shell=bash
#
# tests/integration/webhooks.sh: a loopback receiver of kaaj's webhooks
# (docs/api.md, "Webhooks") for the tests that get them (t_92, t_24),
# sourced after lib.sh. start_receiver starts it; every request it gets
# is a JSON line of $RECV_LOG; it answers as $RECV_MODE says.

RECV_LOG=$KAAJ_TMP/received.jsonl
RECV_MODE=$KAAJ_TMP/receiver-mode
RECV_PID=

# A loopback HTTP server that appends every request (path, headers,
# body) to $RECV_LOG as one JSON line, and answers as $RECV_MODE says:
# ok (200), fail (500), redirect (302 to /moved), slow (waits 15 s), or
# okslow (200 after 0.3 s, so that two crons overlap).
cat >"$KAAJ_TMP/receiver.py" <<'EOF'
import http.server, json, sys, threading, time
log, mode_file, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        n = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(n).decode()
        with lock, open(log, "a") as f:
            f.write(json.dumps({"path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "body": body}) + "\n")
        mode = open(mode_file).read().strip()
        if mode == "slow":
            time.sleep(15)
        if mode == "okslow":
            time.sleep(0.3)
        code = {"fail": 500, "redirect": 302}.get(mode, 200)
        self.send_response(code)
        if code == 302:
            self.send_header("Location", "/moved")
        self.send_header("Content-Length", "2")
        self.end_headers()
        try:
            self.wfile.write(b"ok")
        except BrokenPipeError:     # the slow answer, after the timeout
            pass
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
EOF

# received FIELD...: print, per request received, the JSON fields asked
# (python expressions on r, the request, and b, its body parsed).
received() {
	python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line); b = json.loads(r["body"])
    print(" ".join(str(eval(e)) for e in sys.argv[2:]))' "$RECV_LOG" "$@"
}

# verify SECRET: per request received, "good" when its Kaaj-Signature is
# HMAC-SHA256(SECRET, "T.BODY") of its t and body, else "bad".
verify() {
	python3 -c '
import hmac, hashlib, json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    parts = dict(p.split("=", 1) for p in r["headers"]["kaaj-signature"].split(","))
    mac = hmac.new(sys.argv[2].encode(), (parts["t"] + "." + r["body"]).encode(),
        hashlib.sha256).hexdigest()
    print("good" if hmac.compare_digest(mac, parts["v1"]) else "bad")' \
		"$RECV_LOG" "$1"
}

# cron [CONF]: one kaaj-admin cron run (on CONF, else the stack's).
cron() {
	"$KAAJ_BUILDDIR/cgi-bin/kaaj-admin" -c "${1:-$KAAJ_CONF}" cron \
		>>"$KAAJ_LOG_DIR/cron.log" 2>&1 || fail "kaaj-admin cron ran" \
		"$(tail -n 5 "$KAAJ_LOG_DIR/cron.log")"
}

# start_receiver: start the receiver on a free loopback port, answering
# ok; HOOK_URL is its address, RECV_PID its process (the caller stops it).
start_receiver() {
	local try
	echo ok >"$RECV_MODE"
	: >"$RECV_LOG"
	# Another program may take the chosen port first: then another port.
	for ((try = 0; try < 5; try++)); do
		PORT=$(pick_free_port)
		python3 "$KAAJ_TMP/receiver.py" "$RECV_LOG" "$RECV_MODE" "$PORT" \
			2>>"$KAAJ_LOG_DIR/receiver.log" &
		RECV_PID=$!
		for _ in $(seq 1 100); do
			if port_in_use "$PORT"; then
				HOOK_URL="http://127.0.0.1:$PORT/hook"
				return 0
			fi
			proc_alive "$RECV_PID" || break
			sleep 0.1
		done
		kill "$RECV_PID" 2>/dev/null || true
		wait "$RECV_PID" 2>/dev/null || true
	done
	die "the receiver did not start (log: $KAAJ_LOG_DIR/receiver.log)"
}

# open_loopback: start the receiver and let kaaj send to loopback
# (webhooks.allow_http_loopback), kaaj.conf as it was kept in
# $LOOPBACK_SAVED; close_loopback (the caller's EXIT trap) stops the
# receiver and puts kaaj.conf back.
LOOPBACK_SAVED=$KAAJ_TMP/webhooks-kaaj.conf
open_loopback() {
	start_receiver
	cp "$KAAJ_CONF" "$LOOPBACK_SAVED"
	conf_set "$KAAJ_CONF" allow_http_loopback true
	fcgi_reload
}
close_loopback() {
	[[ -z $RECV_PID ]] || kill "$RECV_PID" 2>/dev/null || true
	RECV_PID=
	[[ -f $LOOPBACK_SAVED ]] || return 0
	cp "$LOOPBACK_SAVED" "$KAAJ_CONF"
	rm -f "$LOOPBACK_SAVED"
	fcgi_reload
}
