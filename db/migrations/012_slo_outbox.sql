-- Schema v12: a logoutRequest owed survives a crash.
-- A claimed logoutRequest waits here until it has been sent (or given up at its deadline), so a portal that
-- starts again after a crash sends what the crash cut off. No foreign keys: deleting an account, a training
-- reset or pruning must not take with them what the account's services are still owed.
CREATE TABLE slo_outbox (
  ticket_id     TEXT PRIMARY KEY,
  url           TEXT NOT NULL,
  candidate_id  INTEGER NOT NULL,
  candidate_no  TEXT NOT NULL,
  claimed_at    INTEGER NOT NULL
);
