-- bench/gen.sql: a generated marketplace for the benchmark, written in
-- bulk with INSERT ... SELECT from MariaDB's sequence tables (seq_1_to_N),
-- never a row per round trip. bench/run replaces the sizes:
--   @USERS@      workers and employers (every 20th user is an employer)
--   @CAMPAIGNS@  campaigns over every job type; every 10th runs
--   @TASKS@      tasks, @TASKS@ / @CAMPAIGNS@ per campaign, in every state
--   @PER@        @TASKS@ / @CAMPAIGNS@ (at most 10)
--   @HEAVY@      tasks of the heavy worker (bench_heavy)
--   @SESSIONS@   users with a session (bench/run logs in as them)
-- It runs on a freshly migrated database that holds the demo data; the
-- ids it writes start after the demo's. Users get the password hash of
-- the demo worker, so the login row can use the demo's password.
-- Bulk inserts run without per-row checks; the generator writes
-- consistent data.

SET SESSION unique_checks = 0;
SET SESSION foreign_key_checks = 0;
SET SESSION sql_log_bin = 0;

SET @ub = (SELECT MAX(id) FROM users);
SET @cb = (SELECT COALESCE(MAX(id), 0) FROM campaigns);
SET @hash = (SELECT password_hash FROM users WHERE username = 'bob');

-- Users: u1 ... uN. Countries as on a Bengali-first site.
INSERT INTO users (id, username, email, password_hash, country, language,
    status, activated_at, created_at, tasks_satisfied, tasks_rejected,
    rated_satisfied, rated_rejected)
SELECT @ub + seq, CONCAT('u', seq), CONCAT('u', seq, '@bench.invalid'),
    @hash, ELT(1 + seq % 6, 'BD', 'BD', 'BD', 'IN', 'PK', 'NG'),
    IF(seq % 3 = 0, 'en', 'bn'), 'active', NOW() - INTERVAL 1 YEAR,
    NOW() - INTERVAL 1 YEAR, 40 + seq % 20, seq % 7,
    IF(seq % 20 = 0, 900 + seq % 100, 0), IF(seq % 20 = 0, seq % 40, 0)
FROM seq_1_to_@USERS@;

-- Special accounts: the heavy worker, the front-runner (has done every
-- one of the newest running campaigns the board would show first), the
-- employer of the live campaigns, the workers of the claim run.
INSERT INTO users (id, username, email, password_hash, country, status,
    activated_at, tasks_satisfied, tasks_rejected)
VALUES
  (@ub + @USERS@ + 1, 'bench_heavy', 'heavy@bench.invalid', @hash, 'BD',
   'active', NOW(), @HEAVY@, 12),
  (@ub + @USERS@ + 2, 'bench_front', 'front@bench.invalid', @hash, 'BD',
   'active', NOW(), 1000, 5),
  (@ub + @USERS@ + 3, 'bench_employer', 'employer@bench.invalid', @hash,
   'BD', 'active', NOW(), 0, 0);

-- Campaigns: newest last. Every 10th runs with open slots; the others
-- finished (most), paused, stopped, pending or rejected.
INSERT INTO campaigns (id, owner_id, job_type, category, title,
    instructions, proof_instructions, slots_total, slots_taken, slots_done,
    pay_per_task, fee_per_task, status, minutes_to_finish, days_to_rate,
    countries_mode, countries, min_success, screenshot_required,
    created_at)
SELECT @cb + seq, @ub + 20 * (1 + seq % (@USERS@ DIV 20)),
    ELT(1 + seq % 9, 'signup', 'download', 'facebook', 'review',
        'dataentry', 'social', 'survey', 'visit', 'youtube'),
    ELT(1 + seq % 9, 'signup', 'app', 'social', 'review', 'data',
        'social', 'survey', 'visit', 'social'),
    CONCAT(ELT(1 + seq % 5, 'Sign up and verify your e-mail',
        'Install our app and keep it 3 days', 'Like and share our post',
        'Write an honest review', 'Answer a short survey'), ' #', seq),
    'Open the link, follow the steps and keep the page open until it'
    ' confirms. Do not use a VPN.',
    'The username you used and a screenshot of the confirmation.',
    IF(seq % 10 = 0, @PER@ + 20 + seq % 200, @PER@),
    @PER@, @PER@ DIV 2,
    20000 + (seq * 7919) % 480000, 2000,
    CASE WHEN seq % 10 = 0 THEN 'running'
         WHEN seq % 100 = 1 THEN 'paused'
         WHEN seq % 100 = 3 THEN 'stopped'
         WHEN seq % 100 = 5 THEN 'pending'
         WHEN seq % 100 = 7 THEN 'rejected'
         ELSE 'finished' END,
    30 + seq % 90, 3 + seq % 5,
    CASE WHEN seq % 20 = 3 THEN 'include' WHEN seq % 20 = 7 THEN 'exclude'
         ELSE 'all' END,
    CASE WHEN seq % 20 = 3 THEN 'BD,IN,PK' WHEN seq % 20 = 7 THEN 'NG'
         ELSE '' END,
    IF(seq % 10 = 4, 80, 0), seq % 2,
    NOW() - INTERVAL (@CAMPAIGNS@ - seq) MINUTE
FROM seq_1_to_@CAMPAIGNS@;

-- The job type's own fields of the running campaigns (the job page
-- shows them).
INSERT INTO campaign_fields (campaign_id, name, value)
SELECT @cb + seq * 10, 'signup_url', 'https://example.com/join'
FROM seq_1_to_@RUNNING@;

-- Tasks: @PER@ per campaign, from different workers (k * stride keeps the
-- (campaign, worker) pairs unique), in every state.
SET @stride = @USERS@ DIV @PER@;
INSERT INTO tasks (campaign_id, worker_id, status, claimed_at, deadline,
    submitted_at, rate_by, rated_at, reason, revisions)
SELECT @cb + 1 + c.seq, @ub + 1 + (c.seq * 7 + k.seq * @stride) % @USERS@,
    ELT(1 + (c.seq * 13 + k.seq) % 20, 'satisfied', 'satisfied',
        'satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied',
        'satisfied', 'satisfied', 'satisfied', 'satisfied', 'satisfied',
        'not_satisfied', 'not_satisfied', 'pending', 'pending', 'claimed',
        'revise', 'expired', 'expired'),
    NOW() - INTERVAL (@CAMPAIGNS@ - c.seq) MINUTE,
    NOW() - INTERVAL (@CAMPAIGNS@ - c.seq) MINUTE + INTERVAL 60 MINUTE,
    NOW() - INTERVAL (@CAMPAIGNS@ - c.seq) MINUTE + INTERVAL 30 MINUTE,
    NOW() - INTERVAL (@CAMPAIGNS@ - c.seq) MINUTE + INTERVAL 7 DAY,
    NULL, NULL, 0
FROM seq_0_to_@CAMPAIGNS_1@ c JOIN seq_0_to_@PER_1@ k;

-- The heavy worker: @HEAVY@ tasks, on every 7th of the newest campaigns
-- (finished and running alike, as a worker busy for months would have).
INSERT INTO tasks (campaign_id, worker_id, status, claimed_at, deadline,
    submitted_at)
SELECT @cb + @CAMPAIGNS@ - 7 * seq, @ub + @USERS@ + 1,
    IF(seq % 25 = 0, 'not_satisfied', 'satisfied'), NOW() - INTERVAL 1 DAY,
    NOW(), NOW() - INTERVAL 1 DAY
FROM seq_0_to_@HEAVY_1@ WHERE 7 * seq < @CAMPAIGNS@;

-- The front-runner: every one of the newest @FRONT@ running campaigns.
INSERT INTO tasks (campaign_id, worker_id, status, claimed_at, deadline,
    submitted_at)
SELECT @cb + @CAMPAIGNS@ - 10 * seq, @ub + @USERS@ + 2, 'satisfied',
    NOW() - INTERVAL 1 DAY, NOW(), NOW() - INTERVAL 1 DAY
FROM seq_0_to_@FRONT_1@ WHERE 10 * seq < @CAMPAIGNS@
    AND (@CAMPAIGNS@ - 10 * seq) % 10 = 0;

-- Sessions: the cookie of user id X is MD5('bench-X') (32 hex digits), so
-- bench/run can compute it.
INSERT INTO sessions (token_hash, user_id, expires_at)
SELECT UNHEX(SHA2(MD5(CONCAT('bench-', @ub + seq)), 256)), @ub + seq,
    NOW() + INTERVAL 30 DAY
FROM seq_1_to_@SESSIONS@;
INSERT INTO sessions (token_hash, user_id, expires_at)
SELECT UNHEX(SHA2(MD5(CONCAT('bench-', id)), 256)), id,
    NOW() + INTERVAL 30 DAY
FROM users WHERE username IN ('bench_heavy', 'bench_front',
    'bench_employer');

SET SESSION unique_checks = 1;
SET SESSION foreign_key_checks = 1;
ANALYZE TABLE users, campaigns, tasks, sessions, campaign_fields;
