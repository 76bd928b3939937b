import type { Db } from './db.ts';

export type FaultKind = 'auth_notice_lost';

/** The app's training faults, per member uid: they may be switched on before the member first signs in. */
export function createFaults(db: Db) {
  const insert = db.prepare('INSERT INTO wecom_faults (uid, kind, created_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
  const find = db.prepare('SELECT 1 FROM wecom_faults WHERE uid = ? AND kind = ?').pluck();
  const remove = db.prepare('DELETE FROM wecom_faults WHERE uid = ? AND kind = ?');
  return {
    switchOn: (uid: string, kind: FaultKind, by: string, now: number) => void insert.run(uid, kind, by, now),
    isOn: (uid: string, kind: FaultKind) => find.get(uid, kind) !== undefined,
    /** false when it was not on. */
    switchOff: (uid: string, kind: FaultKind) => remove.run(uid, kind).changes === 1,
  };
}
