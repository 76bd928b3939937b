-- Schema v6: the help desk's suggested answers (话术) as admins edited them, and indexes for the console's
-- staff audit log and its 学院 (department) views.

-- One row per situation an admin has rewritten; a situation without a row uses the default wording of
-- the text table (the guide's FAQ), so "restore the default" deletes the row.
CREATE TABLE help_scripts (
  situation   TEXT PRIMARY KEY,
  body        TEXT NOT NULL,
  updated_by  TEXT NOT NULL,
  updated_at  INTEGER NOT NULL
);

CREATE INDEX audit_by_actor ON audit (actor, at);
CREATE INDEX candidates_by_department ON candidates (department, status);
