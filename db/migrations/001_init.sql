-- Schema v1: the roster, verification challenges, the message outbox, the audit log, throttling and sessions.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE candidates (
  id             INTEGER PRIMARY KEY,
  candidate_no   TEXT NOT NULL UNIQUE,
  name           TEXT NOT NULL,
  id_type        TEXT NOT NULL CHECK (id_type IN ('resident_id','passport','hk_macao_permit','taiwan_permit','gat_residence_permit','foreign_permanent_residence')),
  id_number      TEXT NOT NULL,
  department     TEXT,
  major          TEXT,
  account_type   TEXT NOT NULL DEFAULT 'candidate' CHECK (account_type IN ('candidate','student','staff')),
  status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','active')),
  phone          TEXT UNIQUE,
  email          TEXT UNIQUE,
  password_hash  TEXT,
  activated_at   INTEGER,
  -- set by staff: the next login must go through 忘记密码 to choose a new password
  must_reset_password INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  -- no half-activated rows: a pending account holds no credentials, an active one its password and time
  -- (staff may later unbind an active account's phone or email, e.g. after the candidate changed numbers)
  CHECK ((status = 'pending' AND phone IS NULL AND email IS NULL AND password_hash IS NULL AND activated_at IS NULL)
      OR (status = 'active' AND password_hash IS NOT NULL AND activated_at IS NOT NULL))
);

-- Single sign-on sessions (CAS ticket-granting tickets); the CAS module adds service tickets.
CREATE TABLE sso_sessions (
  id             TEXT PRIMARY KEY,
  candidate_id   INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  created_at     INTEGER NOT NULL,
  last_used_at   INTEGER NOT NULL,
  expires_at     INTEGER NOT NULL,
  ended_at       INTEGER
);
CREATE INDEX sso_sessions_by_candidate ON sso_sessions (candidate_id, ended_at);

CREATE TABLE challenges (
  id            INTEGER PRIMARY KEY,
  candidate_id  INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  channel       TEXT NOT NULL CHECK (channel IN ('sms','email')),
  purpose       TEXT NOT NULL,
  target        TEXT NOT NULL,
  code_hash     TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL,
  attempts      INTEGER NOT NULL DEFAULT 0,
  used_at       INTEGER
);
CREATE INDEX challenges_by_target ON challenges (channel, target, created_at);
CREATE INDEX challenges_by_candidate ON challenges (candidate_id, channel, purpose, created_at);

CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY,
  channel      TEXT NOT NULL CHECK (channel IN ('sms','email')),
  recipient    TEXT NOT NULL,
  subject      TEXT,
  text         TEXT NOT NULL,
  html         TEXT,
  raw          TEXT,
  delivery     TEXT NOT NULL DEFAULT 'captured' CHECK (delivery IN ('captured','sent','failed')),
  delivery_error TEXT,
  created_at   INTEGER NOT NULL
);
CREATE INDEX outbox_by_recipient ON outbox (recipient, id);

CREATE TABLE audit (
  id            INTEGER PRIMARY KEY,
  at            INTEGER NOT NULL,
  candidate_id  INTEGER REFERENCES candidates(id) ON DELETE SET NULL,
  candidate_no  TEXT,
  event         TEXT NOT NULL,
  outcome       TEXT NOT NULL CHECK (outcome IN ('ok','error')),
  code          TEXT,
  params        TEXT,
  ip            TEXT,
  actor         TEXT
);
CREATE INDEX audit_by_candidate ON audit (candidate_id, at);
CREATE INDEX audit_by_candidate_no ON audit (candidate_no, at);

CREATE TABLE throttle_events (
  kind  TEXT NOT NULL,
  key   TEXT NOT NULL,
  at    INTEGER NOT NULL
);
CREATE INDEX throttle_by_key ON throttle_events (kind, key, at);

CREATE TABLE locks (
  kind   TEXT NOT NULL,
  key    TEXT NOT NULL,
  until  INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
);

CREATE TABLE sessions (
  sid      TEXT PRIMARY KEY,
  data     TEXT NOT NULL,
  expires  INTEGER NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires);
