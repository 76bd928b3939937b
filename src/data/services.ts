import type { Db } from './db.ts';
import type { AccountType } from './candidates.ts';

/** The portal attributes a service may have released, each under a name of its choosing. */
export const RELEASABLE_ATTRIBUTES = ['uid', 'cn', 'accountType', 'department', 'major', 'mobile', 'mail'] as const;
export type ReleasableAttribute = (typeof RELEASABLE_ATTRIBUTES)[number];

export interface Service {
  id: number;
  name: string;
  description: string | null;
  urlPattern: string;
  enabled: boolean;
  allowedAccountTypes: AccountType[];
  /** portal attribute → released name */
  releasedAttributes: Partial<Record<ReleasableAttribute, string>>;
  logoutUrl: string | null;
  evaluationOrder: number;
  createdAt: number;
  updatedAt: number;
}

export type ServiceInput = Omit<Service, 'id' | 'createdAt' | 'updatedAt'>;

interface ServiceRow {
  id: number;
  name: string;
  description: string | null;
  url_pattern: string;
  enabled: 0 | 1;
  allowed_account_types: string;
  released_attributes: string;
  logout_url: string | null;
  evaluation_order: number;
  created_at: number;
  updated_at: number;
}

function serviceOf(row: ServiceRow): Service {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    urlPattern: row.url_pattern,
    enabled: row.enabled === 1,
    allowedAccountTypes: JSON.parse(row.allowed_account_types) as AccountType[],
    releasedAttributes: JSON.parse(row.released_attributes) as Service['releasedAttributes'],
    logoutUrl: row.logout_url,
    evaluationOrder: row.evaluation_order,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function paramsOf(s: ServiceInput) {
  return {
    name: s.name,
    description: s.description,
    urlPattern: s.urlPattern,
    enabled: s.enabled ? 1 : 0,
    allowedAccountTypes: JSON.stringify(s.allowedAccountTypes),
    releasedAttributes: JSON.stringify(s.releasedAttributes),
    logoutUrl: s.logoutUrl,
    evaluationOrder: s.evaluationOrder,
  };
}

export class DuplicateServiceName extends Error {}

function isNameClash(err: unknown): boolean {
  return err instanceof Error && /UNIQUE constraint failed: services\.name/.test(err.message);
}

/** The service registry. Matching (regular expressions) happens in the CAS module, not in SQL. */
export function createServices(db: Db) {
  const all = db.prepare('SELECT * FROM services ORDER BY evaluation_order, id');
  const byId = db.prepare('SELECT * FROM services WHERE id = ?');
  const byName = db.prepare('SELECT * FROM services WHERE name = ?');
  const insert = db.prepare(`INSERT INTO services
      (name, description, url_pattern, enabled, allowed_account_types, released_attributes, logout_url, evaluation_order, created_at, updated_at)
    VALUES (@name, @description, @urlPattern, @enabled, @allowedAccountTypes, @releasedAttributes, @logoutUrl, @evaluationOrder, @now, @now)`);
  const update = db.prepare(`UPDATE services SET name = @name, description = @description, url_pattern = @urlPattern,
      enabled = @enabled, allowed_account_types = @allowedAccountTypes, released_attributes = @releasedAttributes,
      logout_url = @logoutUrl, evaluation_order = @evaluationOrder, updated_at = @now
    WHERE id = @id`);
  const remove = db.prepare('DELETE FROM services WHERE id = ?');

  function guarded<T>(write: () => T): T {
    try {
      return write();
    } catch (err) {
      if (isNameClash(err)) throw new DuplicateServiceName();
      throw err;
    }
  }

  // Every login and validation looks the registry up; it changes only through this module, so it is kept
  // in memory and dropped on each write (never filled inside a transaction that could still roll back).
  let cached: Service[] | undefined;
  return {
    /** In evaluation order: the first enabled match wins. */
    list(): Service[] {
      if (cached) return [...cached];
      const services = (all.all() as ServiceRow[]).map(serviceOf);
      if (!db.inTransaction) cached = services;
      return [...services];
    },
    findById(id: number): Service | undefined {
      const row = byId.get(id) as ServiceRow | undefined;
      return row ? serviceOf(row) : undefined;
    },
    findByName(name: string): Service | undefined {
      const row = byName.get(name) as ServiceRow | undefined;
      return row ? serviceOf(row) : undefined;
    },
    create(s: ServiceInput, now: number): Service {
      cached = undefined;
      const { lastInsertRowid } = guarded(() => insert.run({ ...paramsOf(s), now }));
      return serviceOf(byId.get(lastInsertRowid) as ServiceRow);
    },
    /** undefined when there is no such service. */
    update(id: number, s: ServiceInput, now: number): Service | undefined {
      cached = undefined;
      const { changes } = guarded(() => update.run({ ...paramsOf(s), id, now }));
      return changes === 1 ? serviceOf(byId.get(id) as ServiceRow) : undefined;
    },
    remove(id: number): boolean {
      cached = undefined;
      return remove.run(id).changes === 1;
    },
  };
}
