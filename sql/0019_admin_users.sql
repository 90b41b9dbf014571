-- 0019: the admins' users pages (/admin/users). Search reads one index
-- range: a username or e-mail prefix on its unique key, an id on the
-- primary key, an address on user_addresses' ip key (0010); a user's page
-- reads its rows by their user keys. What is new:
--
-- users.is_admin gets a key, so the admins can be counted, and locked, by
-- a range of it rather than a scan of every account.
--
-- admin_guard holds one row that every change of who is an admin updates
-- first, in the change's own transaction. The update takes the row's lock,
-- so two changes run one after the other and the second counts the admins
-- the first left: two admins removing each other at once leave one. On a
-- Galera cluster both write the same row, so the one that loses
-- certification is run again and refused. (A single UPDATE cannot count
-- its own table in MariaDB, and a count under READ COMMITTED sees neither
-- concurrent change.) Safe to run again.

ALTER TABLE users ADD KEY IF NOT EXISTS is_admin (is_admin, id);

CREATE TABLE IF NOT EXISTS admin_guard (
	id TINYINT UNSIGNED NOT NULL,
	changes BIGINT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (id)
) ENGINE=InnoDB;

INSERT IGNORE INTO admin_guard (id, changes) VALUES (1, 0);
