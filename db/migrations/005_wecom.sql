-- Schema v5: the downstream WeCom activation app (src/wecom/). It knows the portal only through CAS, so
-- nothing here refers to a portal table: a member is keyed by the uid the CAS server released.

-- One row per person who passed 身份验证 in the app; the progress columns are the journey of 附件二.
CREATE TABLE wecom_members (
  uid                TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  department         TEXT NOT NULL DEFAULT '',
  account_type       TEXT NOT NULL,
  -- the phone number of the member's WeChat, proved by an SMS code: one phone, one member
  phone              TEXT UNIQUE,
  -- the simulated WeChat identity (one per browser) the member is bound to: one WeChat, one member
  wechat_id          TEXT UNIQUE,
  -- 二次认证 demanded after following (default on for candidates)
  needs_second_auth  INTEGER NOT NULL CHECK (needs_second_auth IN (0, 1)),
  first_seen_at      INTEGER NOT NULL,
  phone_verified_at  INTEGER,
  followed_at        INTEGER,
  -- when the 身份验证 notice reached the member's WeChat
  auth_notice_at     INTEGER,
  verified_at        INTEGER,
  -- first sign-in to the 企业微信 APP (the FAQ's "登录过企业微信账号")
  app_login_at       INTEGER,
  updated_at         INTEGER NOT NULL
);
CREATE INDEX wecom_members_by_department ON wecom_members (department);

-- The group a 学院's teachers created for its candidates (步骤三 等待学院老师建群).
CREATE TABLE wecom_groups (
  department  TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

-- What happened to a member, with the code of the text they saw: the help desk's timeline.
CREATE TABLE wecom_events (
  id       INTEGER PRIMARY KEY,
  uid      TEXT NOT NULL,
  at       INTEGER NOT NULL,
  event    TEXT NOT NULL,
  outcome  TEXT NOT NULL CHECK (outcome IN ('ok', 'error')),
  code     TEXT,
  params   TEXT,
  actor    TEXT
);
CREATE INDEX wecom_events_by_uid ON wecom_events (uid, id);
CREATE INDEX wecom_events_by_event ON wecom_events (event, at);

-- SMS codes of the app (verify the phone, sign in to the APP, change the phone), stored only as HMAC hashes.
CREATE TABLE wecom_codes (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL,
  purpose     TEXT NOT NULL CHECK (purpose IN ('verify', 'app_login', 'change_phone')),
  phone       TEXT NOT NULL,
  code_hash   TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  attempts    INTEGER NOT NULL DEFAULT 0,
  used_at     INTEGER
);
CREATE INDEX wecom_codes_by_phone ON wecom_codes (phone, created_at);
CREATE INDEX wecom_codes_by_uid ON wecom_codes (uid, purpose, created_at);

-- Training faults of the app, per member uid (may be set before the member first signs in).
CREATE TABLE wecom_faults (
  uid         TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('auth_notice_lost')),
  created_by  TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (uid, kind)
);

-- The app's own sessions (cookie WECOM_SESSION), separate from the portal's.
CREATE TABLE wecom_sessions (
  sid      TEXT PRIMARY KEY,
  data     TEXT NOT NULL,
  expires  INTEGER NOT NULL
);
CREATE INDEX wecom_sessions_by_expiry ON wecom_sessions (expires);

-- Which app session a service ticket opened, so the CAS server's logoutRequest (SLO) can end it.
CREATE TABLE wecom_cas_logins (
  ticket      TEXT PRIMARY KEY,
  sid         TEXT NOT NULL,
  uid         TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);
CREATE INDEX wecom_cas_logins_by_sid ON wecom_cas_logins (sid);
