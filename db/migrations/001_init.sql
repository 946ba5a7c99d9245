-- The first schema: a record of applied migrations and the labs' saved state.
-- Accounts, attempts and results arrive with the progress issue.
CREATE TABLE IF NOT EXISTS lab_states (
  session_key TEXT PRIMARY KEY,
  snapshot TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
