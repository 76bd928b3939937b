import type { Db } from './db.ts';

export interface GroupRow {
  department: string;
  name: string;
  created_by: string;
  created_at: number;
}

/** The groups the 学院 teachers created for their candidates (步骤三). */
export function createGroups(db: Db) {
  const insert = db.prepare('INSERT INTO wecom_groups (department, name, created_by, created_at) VALUES (@department, @name, @createdBy, @now) ON CONFLICT (department) DO NOTHING');
  const byDepartment = db.prepare('SELECT * FROM wecom_groups WHERE department = ?');
  const all = db.prepare('SELECT * FROM wecom_groups ORDER BY created_at, department');
  return {
    /** false when the 学院 has its group already. */
    create: (g: { department: string; name: string; createdBy: string; now: number }) => insert.run(g).changes === 1,
    findByDepartment: (department: string) => byDepartment.get(department) as GroupRow | undefined,
    all: () => all.all() as GroupRow[],
  };
}
