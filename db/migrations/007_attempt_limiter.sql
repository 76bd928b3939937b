-- Schema v7: one limiter for every guessed secret. An attempt takes its row before the secret is checked
-- (state 'pending', counted as a failure while in flight); a failure stays as 'failed', a success deletes it.
-- Locks hold for a subject from one address, or from every address (address ''). Replaces throttle_events.
CREATE TABLE attempts (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL,
  subject  TEXT NOT NULL,
  address  TEXT NOT NULL,
  session  TEXT NOT NULL,
  at       INTEGER NOT NULL,
  state    TEXT NOT NULL CHECK (state IN ('pending','failed'))
);
CREATE INDEX attempts_by_subject ON attempts (kind, subject, address, at);
CREATE INDEX attempts_by_address ON attempts (kind, address, at);
CREATE INDEX attempts_by_session ON attempts (kind, session, at);
CREATE INDEX attempts_by_age ON attempts (at);

CREATE TABLE attempt_locks (
  kind     TEXT NOT NULL,
  subject  TEXT NOT NULL,
  address  TEXT NOT NULL,
  until    INTEGER NOT NULL,
  PRIMARY KEY (kind, subject, address)
) WITHOUT ROWID;
CREATE INDEX attempt_locks_by_subject ON attempt_locks (subject, until);

-- Locks in force keep holding, now from every address; old failure counts age out within minutes anyway.
INSERT INTO attempt_locks (kind, subject, address, until)
  SELECT CASE kind WHEN 'recovery' THEN 'recoveryContact' WHEN 'staff-login' THEN 'staffLogin' ELSE kind END, key, '', until
  FROM locks WHERE kind IN ('login', 'identity', 'recovery', 'staff-login');

DROP TABLE throttle_events;
DROP TABLE locks;
-- Code attempts are counted by the limiter now.
ALTER TABLE challenges DROP COLUMN attempts;
