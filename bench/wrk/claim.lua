-- bench/wrk/claim.lua: thousands of workers claim a slot of the live
-- campaigns and send their proof, as the site's forms do.
--
-- BENCH_WORKERS names a file of "cookie csrf" lines, one per worker;
-- BENCH_CAMPAIGNS the campaign ids of this run, separated by commas;
-- BENCH_PROOF the proof's field (default "entry", a data-entry job's).
-- Thread t of n takes the workers t, t+n, t+2n, ... and walks the
-- campaigns in turn, so no (worker, campaign) pair is tried twice. A claim
-- answers 303 to /tasks/ID; the next request of that thread is the proof
-- for task ID, sent with the same worker's cookie.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

local counter = 0
local threads = {}

function setup(thread)
	thread:set("tid", counter)
	counter = counter + 1
	table.insert(threads, thread)
end

function init(args)
	nthreads = counter
	workers = {}
	local i = 0
	for line in io.lines(os.getenv("BENCH_WORKERS")) do
		local cookie, csrf = line:match("^(%x+) (%x+)$")
		if i % tonumber(os.getenv("BENCH_THREADS")) == tid then
			table.insert(workers, { cookie = cookie, csrf = csrf })
		end
		i = i + 1
	end
	campaigns = {}
	for id in os.getenv("BENCH_CAMPAIGNS"):gmatch("%d+") do
		table.insert(campaigns, id)
	end
	next_pair = 0
	-- wrk calls request() of its first thread once before any
	-- connection, to look at the request; that one is never sent.
	dry_run = tid == 0
	proof_field = os.getenv("BENCH_PROOF") or "entry"
	proofs = {}
	pending = {}
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

local function post(path, w, body)
	wrk.headers["Cookie"] = "kaaj_session=" .. w.cookie
	return wrk.format("POST", path, nil, "csrf=" .. w.csrf .. "&" .. body)
end

function request()
	if dry_run then
		dry_run = false
		return post("/tasks/claim", workers[1], "campaign=0")
	end
	local p = table.remove(proofs)
	if p ~= nil then
		table.insert(pending, false)
		return post("/tasks/submit", p.w, "task=" .. p.task ..
		    "&" .. proof_field .. "=bench_entry_" .. p.task)
	end
	local w = workers[next_pair % #workers + 1]
	local c = campaigns[math.floor(next_pair / #workers) % #campaigns + 1]
	next_pair = next_pair + 1
	table.insert(pending, w)
	return post("/tasks/claim", w, "campaign=" .. c)
end

function response(status, headers, body)
	local w = table.remove(pending, 1)
	local loc = headers["Location"]
	if w and status == 303 and loc ~= nil then
		local task = loc:match("/tasks/(%d+)")
		if task ~= nil then
			table.insert(proofs, { w = w, task = task })
		end
	end
end
