-- 004: guests may share a name; the timeline records Resets.
-- Guests may share a display name (two guests called Kim in one class); account names stay
-- unique, case-insensitively. SQLite cannot drop a UNIQUE constraint: the table is rebuilt
-- (https://www.sqlite.org/lang_altertable.html#otheralter; the runner turns foreign keys off
-- around migrations and checks them after).
CREATE TABLE users_new (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE,
  password_hash TEXT,                       -- NULL for a guest
  role TEXT NOT NULL CHECK (role IN ('learner', 'instructor')),
  created_at INTEGER NOT NULL,
  skeleton TEXT,                            -- 003: TR39 skeletons for look-alike names
  skeleton_folded TEXT
);
INSERT INTO users_new (id, name, password_hash, role, created_at, skeleton, skeleton_folded) SELECT id, name, password_hash, role, created_at, skeleton, skeleton_folded FROM users;
DROP TABLE users;
ALTER TABLE users_new RENAME TO users;
CREATE UNIQUE INDEX users_account_name ON users(name COLLATE NOCASE) WHERE password_hash IS NOT NULL;
CREATE INDEX users_name ON users(name COLLATE NOCASE);
CREATE INDEX users_skeleton ON users(skeleton);
CREATE INDEX users_skeleton_folded ON users(skeleton_folded);

-- The timeline shows Resets: step_events accepts kind 'reset' (its CHECK is rebuilt the same way).
CREATE TABLE step_events_new (
  id INTEGER PRIMARY KEY,
  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  step INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'check', 'hint', 'solution', 'skip', 'complete', 'reset')),
  passed INTEGER,                           -- answers and checks
  detail TEXT,                              -- JSON: the answer or the check results with explanations
  at INTEGER NOT NULL
);
INSERT INTO step_events_new (id, attempt_id, step, kind, passed, detail, at) SELECT id, attempt_id, step, kind, passed, detail, at FROM step_events;
DROP TABLE step_events;
ALTER TABLE step_events_new RENAME TO step_events;
CREATE INDEX step_events_attempt ON step_events(attempt_id);
