-- Security: sessions that end with a reason (kept a day so the page can say why), idle
-- timeouts, where a session was opened; users' TR39 name skeletons for look-alike names.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;      -- NULL: never seen since created_at
ALTER TABLE sessions ADD COLUMN ended_at INTEGER;          -- NULL while the session is live
ALTER TABLE sessions ADD COLUMN ended_reason TEXT;
ALTER TABLE sessions ADD COLUMN ip TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;

ALTER TABLE users ADD COLUMN skeleton TEXT;                -- filled by the store for older rows
ALTER TABLE users ADD COLUMN skeleton_folded TEXT;
CREATE INDEX users_skeleton ON users(skeleton);
CREATE INDEX users_skeleton_folded ON users(skeleton_folded);
-- Sessions from before count as seen now, so the idle timeout does not end them all at the upgrade.
UPDATE sessions SET last_seen_at = CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER);
