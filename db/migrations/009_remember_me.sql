-- Schema v9: 记住我 (7天免登录). An SSO session started with it lasts CAS_REMEMBER_ME_DAYS and has no idle
-- timeout, as Apereo's remember-me expiration policy; validations report longTermAuthenticationRequestTokenUsed.
ALTER TABLE sso_sessions ADD COLUMN remember_me INTEGER NOT NULL DEFAULT 0 CHECK (remember_me IN (0, 1));
