-- Accounts, browser sessions, cohorts, attempts with their events and command log, and each
-- learner's lab state per scenario. 001's lab_states (keyed by an anonymous session) is replaced.
DROP TABLE IF EXISTS lab_states;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT,                       -- NULL for a guest
  role TEXT NOT NULL CHECK (role IN ('learner', 'instructor')),
  created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,              -- sha256 of the cookie's token
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE cohorts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE cohort_members (
  cohort_id INTEGER NOT NULL REFERENCES cohorts(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  joined_at INTEGER NOT NULL,
  PRIMARY KEY (cohort_id, user_id)
);

CREATE TABLE attempts (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  scenario_id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  active_ms INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('started', 'completed')),
  score INTEGER NOT NULL DEFAULT 0,
  max_score INTEGER NOT NULL DEFAULT 0,
  hints INTEGER NOT NULL DEFAULT 0,
  solutions INTEGER NOT NULL DEFAULT 0,
  progress TEXT NOT NULL,                   -- the Attempt's snapshot (JSON)
  updated_at INTEGER NOT NULL
);
CREATE INDEX attempts_user_scenario ON attempts(user_id, scenario_id, status);
CREATE INDEX attempts_scenario ON attempts(scenario_id);

CREATE TABLE step_events (
  id INTEGER PRIMARY KEY,
  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  step INTEGER,
  kind TEXT NOT NULL CHECK (kind IN ('answer', 'check', 'hint', 'solution', 'skip', 'complete')),
  passed INTEGER,                           -- answers and checks
  detail TEXT,                              -- JSON: the answer or the check results with explanations
  at INTEGER NOT NULL
);
CREATE INDEX step_events_attempt ON step_events(attempt_id);

CREATE TABLE commands (
  id INTEGER PRIMARY KEY,
  attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
  line TEXT NOT NULL,
  exit_code INTEGER NOT NULL,
  output TEXT NOT NULL,                     -- a bounded excerpt
  at INTEGER NOT NULL
);
CREATE INDEX commands_attempt ON commands(attempt_id);

-- The machine of an unfinished attempt: cluster, files, shell history, aliases and variables.
CREATE TABLE lab_states (
  attempt_id INTEGER PRIMARY KEY REFERENCES attempts(id) ON DELETE CASCADE,
  snapshot TEXT NOT NULL,
  screen TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
