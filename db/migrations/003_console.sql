-- Schema v3: help-desk staff accounts, training faults and staged roster uploads for the console.

CREATE TABLE staff (
  id             INTEGER PRIMARY KEY,
  username       TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN ('agent','admin')),
  password_hash  TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  last_login_at  INTEGER
);

-- One row per active training fault; switching a fault off deletes its row.
CREATE TABLE training_faults (
  kind        TEXT NOT NULL CHECK (kind IN ('sms_delay','sms_fail','email_fail','phone_daily_cap','not_a_candidate')),
  -- the phone number or 考生号 a targeted fault applies to; '' for global faults
  target      TEXT NOT NULL DEFAULT '',
  -- seconds for sms_delay; for not_a_candidate the account_type to apply and the one to restore
  params      TEXT,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (kind, target)
);

-- A CSV uploaded for preview, kept until it is imported or replaced, so the import uses the previewed bytes.
CREATE TABLE roster_uploads (
  id          INTEGER PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
  file_name   TEXT NOT NULL,
  content     BLOB NOT NULL,
  created_at  INTEGER NOT NULL
);

CREATE INDEX candidates_by_name ON candidates (name);
CREATE INDEX candidates_by_status ON candidates (status, candidate_no);
CREATE INDEX audit_by_event ON audit (event, outcome, at);
CREATE INDEX outbox_by_created ON outbox (created_at);

-- Validated rows of one import, staged in batches so a 10,000-row file never sits in memory;
-- the import then applies them in one transaction and deletes them.
CREATE TABLE roster_staging (
  import_id     TEXT NOT NULL,
  candidate_no  TEXT NOT NULL,
  line          INTEGER NOT NULL,
  name          TEXT NOT NULL,
  id_type       TEXT NOT NULL,
  id_number     TEXT NOT NULL,
  department    TEXT,
  major         TEXT,
  account_type  TEXT NOT NULL,
  PRIMARY KEY (import_id, candidate_no)
);
