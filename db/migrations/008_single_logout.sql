-- Schema v8: single logout on every end of an SSO session.
-- When this ticket's logoutRequest was claimed for sending: claiming it in one UPDATE is what makes two
-- paths that end the same session (a logout racing the expiry sweep) tell each service once.
ALTER TABLE service_tickets ADD COLUMN logout_sent_at INTEGER;
-- When the person last proved who they are in this session: a second login of the same person in the same
-- browser keeps the session (as Apereo CAS does) and moves this, which CAS 3.0 releases as authenticationDate.
ALTER TABLE sso_sessions ADD COLUMN authenticated_at INTEGER NOT NULL DEFAULT 0;
UPDATE sso_sessions SET authenticated_at = created_at;
