-- Schema v4: login-form execution tokens already posted. The token itself is signed and carries its
-- expiry, so showing the form writes nothing; only its one use is recorded, until it would expire anyway.
CREATE TABLE login_executions (
  nonce       TEXT PRIMARY KEY,
  expires_at  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX login_executions_by_expiry ON login_executions (expires_at);
