import type { Db } from './db.ts';

export interface ServiceTicketRow {
  id: string;
  sso_session_id: string;
  candidate_id: number;
  service_id: number | null;
  service: string;
  from_new_login: 0 | 1;
  created_at: number;
  expires_at: number;
  validated_at: number | null;
}

export interface NewServiceTicket {
  id: string;
  ssoSessionId: string;
  candidateId: number;
  serviceId: number;
  service: string;
  fromNewLogin: boolean;
  now: number;
  expiresAt: number;
}

/** Where a logoutRequest goes: one row per service that got a ticket in an SSO session. */
export interface LogoutTarget {
  ticket_id: string;
  service: string;
  logout_url: string | null;
}

/** CAS service tickets, kept in SQLite so a restart loses none. */
export function createTickets(db: Db) {
  const insert = db.prepare(`INSERT INTO service_tickets
      (id, sso_session_id, candidate_id, service_id, service, from_new_login, created_at, expires_at)
    VALUES (@id, @ssoSessionId, @candidateId, @serviceId, @service, @fromNewLogin, @now, @expiresAt)`);
  // Marking it used before anything else is checked is what makes every ticket single-attempt.
  const claim = db.prepare(`UPDATE service_tickets SET validated_at = ?
    WHERE id = ? AND validated_at IS NULL RETURNING *`);
  const byId = db.prepare('SELECT * FROM service_tickets WHERE id = ?');
  const logoutTargets = db.prepare(`SELECT t.id AS ticket_id, t.service, s.logout_url
    FROM service_tickets t LEFT JOIN services s ON s.id = t.service_id
    WHERE t.sso_session_id = ? ORDER BY t.created_at, t.rowid`);

  return {
    create(t: NewServiceTicket): void {
      insert.run({ ...t, fromNewLogin: t.fromNewLogin ? 1 : 0 });
    },
    /** The ticket, now used up; undefined when unknown or already presented once. */
    claim: (id: string, now: number) => claim.get(now, id) as ServiceTicketRow | undefined,
    findById: (id: string) => byId.get(id) as ServiceTicketRow | undefined,
    logoutTargets: (ssoSessionId: string) => logoutTargets.all(ssoSessionId) as LogoutTarget[],
  };
}
