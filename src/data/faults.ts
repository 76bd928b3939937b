import type { Db } from './db.ts';

export const FAULT_KINDS = ['sms_delay', 'sms_fail', 'email_fail', 'phone_daily_cap', 'not_a_candidate'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRow {
  kind: FaultKind;
  target: string;
  params: string | null;
  created_by: string;
  created_at: number;
}

export interface Fault {
  kind: FaultKind;
  /** A phone number (phone_daily_cap), a 考生号 (not_a_candidate) or '' for global faults. */
  target: string;
  params: Record<string, string | number>;
  createdBy: string;
  createdAt: number;
}

function toFault(r: FaultRow): Fault {
  return { kind: r.kind, target: r.target, params: r.params ? JSON.parse(r.params) : {}, createdBy: r.created_by, createdAt: r.created_at };
}

/** Training faults an admin switches on for exercises; messaging and the roster honour them while their row exists. */
export function createFaults(db: Db) {
  const upsert = db.prepare(`INSERT INTO training_faults (kind, target, params, created_by, created_at)
    VALUES (@kind, @target, @params, @createdBy, @now)
    ON CONFLICT (kind, target) DO UPDATE SET params = excluded.params, created_by = excluded.created_by, created_at = excluded.created_at`);
  const one = db.prepare('SELECT * FROM training_faults WHERE kind = ? AND target = ?');
  const all = db.prepare('SELECT * FROM training_faults ORDER BY created_at, kind, target');
  const remove = db.prepare('DELETE FROM training_faults WHERE kind = ? AND target = ?');

  return {
    switchOn(f: { kind: FaultKind; target: string; params?: Record<string, string | number>; createdBy: string }, now: number): void {
      upsert.run({ kind: f.kind, target: f.target, params: f.params ? JSON.stringify(f.params) : null, createdBy: f.createdBy, now });
    },
    find(kind: FaultKind, target = ''): Fault | undefined {
      const row = one.get(kind, target) as FaultRow | undefined;
      return row ? toFault(row) : undefined;
    },
    active: () => (all.all() as FaultRow[]).map(toFault),
    switchOff: (kind: FaultKind, target = '') => remove.run(kind, target).changes === 1,
  };
}
