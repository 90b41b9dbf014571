-- bench/wrk/report.lua: wrk's summary as one line bench/run reads.
-- Every bench script loads it; used alone (wrk -s report.lua) it runs
-- plain GETs. "bad" counts answers that were not 2xx or 3xx, and socket
-- errors; a row with bad answers is reported as failed.
function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
	    "BENCH requests=%d duration_us=%d bad=%d p50_us=%d p99_us=%d\n",
	    summary.requests, summary.duration,
	    e.connect + e.read + e.write + e.status + e.timeout,
	    latency:percentile(50), latency:percentile(99)))
end
