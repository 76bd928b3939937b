import type { Db } from './db.ts';

export interface RosterUpload {
  id: number;
  staff_id: number;
  file_name: string;
  content: Buffer;
  created_at: number;
}

/** A CSV kept between its preview and its import; each staff member has at most one. */
export function createRosterUploads(db: Db) {
  const removeFor = db.prepare('DELETE FROM roster_uploads WHERE staff_id = ?');
  const insert = db.prepare('INSERT INTO roster_uploads (staff_id, file_name, content, created_at) VALUES (?, ?, ?, ?)');
  const find = db.prepare('SELECT * FROM roster_uploads WHERE id = ? AND staff_id = ?');
  return {
    replace(staffId: number, fileName: string, content: Buffer, now: number): number {
      removeFor.run(staffId);
      return Number(insert.run(staffId, fileName, content, now).lastInsertRowid);
    },
    find: (id: number, staffId: number) => find.get(id, staffId) as RosterUpload | undefined,
    removeFor: (staffId: number) => {
      removeFor.run(staffId);
    },
  };
}
