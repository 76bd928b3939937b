import type { Db } from './db.ts';

export type StaffRole = 'agent' | 'admin';

export interface StaffRow {
  id: number;
  username: string;
  display_name: string;
  role: StaffRole;
  password_hash: string;
  disabled: 0 | 1;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

/** Help-desk staff accounts; separate from candidates, so no staff action ever uses a candidate's password. */
export function createStaff(db: Db) {
  const insert = db.prepare(`INSERT INTO staff (username, display_name, role, password_hash, created_at, updated_at)
    VALUES (@username, @displayName, @role, @passwordHash, @now, @now)`);
  const byUsername = db.prepare('SELECT * FROM staff WHERE username = ?');
  const byId = db.prepare('SELECT * FROM staff WHERE id = ?');
  const all = db.prepare('SELECT * FROM staff ORDER BY username');
  const count = db.prepare('SELECT COUNT(*) FROM staff').pluck();
  const setRole = db.prepare('UPDATE staff SET role = ?, updated_at = ? WHERE id = ?');
  const setDisabled = db.prepare('UPDATE staff SET disabled = ?, updated_at = ? WHERE id = ?');
  const setHash = db.prepare('UPDATE staff SET password_hash = ?, updated_at = ? WHERE id = ?');
  const touchLogin = db.prepare('UPDATE staff SET last_login_at = ? WHERE id = ?');
  const activeAdmins = db.prepare("SELECT COUNT(*) FROM staff WHERE role = 'admin' AND disabled = 0").pluck();
  // Console sessions hold the signed-in member as {"staff": {"id": …}}; candidates' sessions have no staff key.
  const endSessions = db.prepare("DELETE FROM sessions WHERE json_extract(data, '$.staff.id') = ? AND sid IS NOT ?");

  return {
    insert(s: { username: string; displayName: string; role: StaffRole; passwordHash: string }, now: number): StaffRow {
      const { lastInsertRowid } = insert.run({ ...s, now });
      return byId.get(lastInsertRowid) as StaffRow;
    },
    findByUsername: (username: string) => byUsername.get(username) as StaffRow | undefined,
    findById: (id: number) => byId.get(id) as StaffRow | undefined,
    list: () => all.all() as StaffRow[],
    count: () => count.get() as number,
    activeAdminCount: () => activeAdmins.get() as number,
    setRole: (id: number, role: StaffRole, now: number) => setRole.run(role, now, id).changes === 1,
    setDisabled: (id: number, disabled: boolean, now: number) => setDisabled.run(disabled ? 1 : 0, now, id).changes === 1,
    setPasswordHash: (id: number, hash: string, now: number) => setHash.run(hash, now, id).changes === 1,
    /** Ends every console session of a member, except the one with sid `keep` (if given); returns how many. */
    endSessions: (id: number, keep: string | null = null) => endSessions.run(id, keep).changes,
    touchLogin: (id: number, now: number) => {
      touchLogin.run(now, id);
    },
  };
}
