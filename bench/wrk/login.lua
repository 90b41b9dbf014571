-- bench/wrk/login.lua: workers log in with their password (argon2id at
-- the configured cost dominates this row by design). BENCH_LOGIN_BASIS is
-- a kaaj_csrf cookie and BENCH_LOGIN_CSRF its token; BENCH_LOGIN_USERS
-- how many generated users (u1 ... uN) to rotate over.
dofile(os.getenv("BENCH_DIR") .. "/wrk/report.lua")

function init(args)
	n = 0
	users = tonumber(os.getenv("BENCH_LOGIN_USERS"))
	wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
	wrk.headers["Cookie"] = "kaaj_csrf=" .. os.getenv("BENCH_LOGIN_BASIS")
end

function request()
	n = n + 1
	return wrk.format("POST", "/login", nil, "csrf=" ..
	    os.getenv("BENCH_LOGIN_CSRF") .. "&login=u" .. (n % users + 1) ..
	    "&password=bob-demo-pass")
end
