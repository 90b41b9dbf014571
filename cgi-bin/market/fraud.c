/*
 * Fraud signals: the ones a submission raises, and the fraud view's
 * lists (fraud.h). A list is one statement reading one kind backwards
 * from an id, by fraud_signals' key (kind, id) or fraud_flags' primary
 * key, joining each row's users and tasks by primary key; the plans are
 * in docs/performance.md and checked by t_86.
 */
#include <stdint.h>
#include <string.h>

#include "market/fraud.h"
#include "storage/db.h"

static const char *const names[FRAUD_SECTIONS] = {
	[FRAUD_ADDRESS] = "address", [FRAUD_PAYOUT] = "payout",
	[FRAUD_COPY] = "copy", [FRAUD_FAST] = "fast", [FRAUD_OWN] = "own",
	[FRAUD_REFERRAL] = "referral"
};

const char *
fraud_section_name(enum fraud_section s)
{
	return names[s];
}

enum fraud_section
fraud_section_find(const char *name)
{
	int s;

	for (s = 0; s < FRAUD_SECTIONS; s++)
		if (strcmp(name, names[s]) == 0)
			return (enum fraud_section)s;
	return FRAUD_SECTIONS;
}

int
fraud_signal_copy(struct db *db, int64_t worker, int64_t task,
    int64_t first)
{
	return db_exec(db, NULL, NULL, "INSERT IGNORE INTO fraud_signals"
	    " (kind, user_id, other_user_id, task_id, other_task_id)"
	    " SELECT 'copy', ?, o.worker_id, ?, o.id FROM tasks o"
	    " WHERE o.id = ?", "iii", worker, task, first);
}

int
fraud_signal_fast(struct db *db, int64_t worker, int64_t task,
    int64_t seconds)
{
	return db_exec(db, NULL, NULL, "INSERT IGNORE INTO fraud_signals"
	    " (kind, user_id, task_id, seconds) VALUES ('fast', ?, ?, ?)",
	    "iii", worker, task, seconds);
}

/* The signals of one kind; the kind is the first parameter. */
#define SIGNALS_SQL "SELECT s.id AS Id, s.created_at AS `When:time`," \
	" s.user_id AS UserId, u.username AS User," \
	" NULLIF(s.other_user_id, 0) AS OtherId, o.username AS Other," \
	" NULLIF(s.ip, '') AS Ip, NULLIF(s.detail, '') AS Detail," \
	" s.seconds AS Seconds, NULLIF(s.task_id, 0) AS Task," \
	" t.campaign_id AS Campaign," \
	" NULLIF(t.screenshot IS NOT NULL, 0) AS Shot," \
	" NULLIF(s.other_task_id, 0) AS OtherTask," \
	" ot.campaign_id AS OtherCampaign," \
	" NULLIF(ot.screenshot IS NOT NULL, 0) AS OtherShot, c.title AS Title" \
	" FROM fraud_signals s FORCE INDEX (kind_id)" \
	" JOIN users u ON u.id = s.user_id" \
	" LEFT JOIN users o ON o.id = s.other_user_id" \
	" LEFT JOIN tasks t ON t.id = s.task_id" \
	" LEFT JOIN campaigns c ON c.id = t.campaign_id" \
	" LEFT JOIN tasks ot ON ot.id = s.other_task_id" \
	" WHERE s.kind = ? AND s.id < ? ORDER BY s.id DESC LIMIT ?"

/* An employer's approval of a worker seen on the employer's address. */
#define FLAGS_SQL "SELECT f.id AS Id, f.created_at AS `When:time`," \
	" f.employer_id AS UserId, e.username AS User," \
	" f.worker_id AS OtherId, w.username AS Other, f.ip AS Ip," \
	" f.task_id AS Task, t.campaign_id AS Campaign," \
	" NULLIF(t.screenshot IS NOT NULL, 0) AS Shot, c.title AS Title" \
	" FROM fraud_flags f FORCE INDEX (PRIMARY)" \
	" JOIN tasks t ON t.id = f.task_id" \
	" JOIN campaigns c ON c.id = t.campaign_id" \
	" JOIN users e ON e.id = f.employer_id" \
	" JOIN users w ON w.id = f.worker_id" \
	" WHERE f.id < ?" \
	" ORDER BY f.id DESC LIMIT ?"

int
fraud_list(struct db *db, enum fraud_section s, int64_t before,
    size_t limit, struct db_result *r)
{
	int rc;

	if (s == FRAUD_OWN)
		rc = db_query(db, r, FLAGS_SQL, "ii", before, (int64_t)limit);
	else
		rc = db_query(db, r, SIGNALS_SQL, "sii", names[s], before,
		    (int64_t)limit);
	return rc == DB_OK ? 0 : -1;
}
