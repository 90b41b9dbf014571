-- bench/wrk/rate.lua: the employer rates pending submissions, one POST
-- each, as the campaign page's form does.
--
-- BENCH_TASKS names a file of "campaign task" lines; BENCH_COOKIE and
-- BENCH_CSRF are the employer's. Thread t of n rates the lines t, t+n...;
-- a thread stops once its lines are done (a request already on
-- its way then fetches the static page).
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

local counter = 0

function setup(thread)
	thread:set("tid", counter)
	counter = counter + 1
end

function init(args)
	local n = tonumber(os.getenv("BENCH_THREADS"))
	local i = 0
	tasks = {}
	for line in io.lines(os.getenv("BENCH_TASKS")) do
		if i % n == tid then
			table.insert(tasks, line)
		end
		i = i + 1
	end
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
	wrk.headers["Cookie"] = "kaaj_session=" .. os.getenv("BENCH_COOKIE")
	sent = 0
end

function request()
	sent = sent + 1
	local line = tasks[sent]
	if line == nil then
		-- Done: stop, and until wrk has, ask for what costs nothing.
		wrk.thread:stop()
		return wrk.format("GET", "/bench/static.html")
	end
	local camp, task = line:match("^(%d+)%s+(%d+)$")
	return wrk.format("POST", "/campaigns/rate", nil, "csrf=" ..
	    os.getenv("BENCH_CSRF") .. "&id=" .. camp .. "&task=" .. task ..
	    "&rating=satisfied")
end
