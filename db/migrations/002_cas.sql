-- Schema v2: the CAS service registry, service tickets, and run-time settings.

-- Which systems may log users in through the portal (Apereo CAS's service registry).
CREATE TABLE services (
  id                    INTEGER PRIMARY KEY,
  name                  TEXT NOT NULL UNIQUE,
  description           TEXT,
  -- an anchored regular expression that the whole service URL must match
  url_pattern           TEXT NOT NULL,
  enabled               INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  -- JSON array of account types admitted: candidate, student, staff
  allowed_account_types TEXT NOT NULL,
  -- JSON object: portal attribute → name under which it is released
  released_attributes   TEXT NOT NULL,
  -- where the back-channel logoutRequest goes; NULL = the service URL the ticket was issued for
  logout_url            TEXT,
  evaluation_order      INTEGER NOT NULL DEFAULT 0,
  created_at            INTEGER NOT NULL,
  updated_at            INTEGER NOT NULL
);

-- Service tickets (ST-…): one validation attempt each; kept after use so logout can tell each service.
CREATE TABLE service_tickets (
  id              TEXT PRIMARY KEY,
  sso_session_id  TEXT NOT NULL REFERENCES sso_sessions(id) ON DELETE CASCADE,
  candidate_id    INTEGER NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
  service_id      INTEGER REFERENCES services(id) ON DELETE SET NULL,
  service         TEXT NOT NULL,
  from_new_login  INTEGER NOT NULL CHECK (from_new_login IN (0, 1)),
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  validated_at    INTEGER
);
CREATE INDEX service_tickets_by_session ON service_tickets (sso_session_id);

-- Switches the test-automation API may flip at run time.
CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL
);

-- Image captcha answers, keyed by the id the form carries (the real portal's ltId/captchaId); one try each.
CREATE TABLE captchas (
  id          TEXT PRIMARY KEY,
  answer      TEXT NOT NULL,
  expires_at  INTEGER NOT NULL
);
