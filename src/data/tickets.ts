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
  logout_sent_at: number | null;
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

/** Where one logoutRequest goes: a ticket a client may hold, from an SSO session that has ended. */
export interface LogoutTarget {
  ticket_id: string;
  /** The service's logout URL, or the service URL the ticket was issued for. */
  url: string;
  candidate_id: number;
  candidate_no: string;
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
  // Only tickets presented for validation: a ticket never presented cannot be held by any client session.
  const untold = `t.sso_session_id = @session AND t.logout_sent_at IS NULL AND t.validated_at IS NOT NULL
    AND EXISTS (SELECT 1 FROM sso_sessions s WHERE s.id = t.sso_session_id AND s.ended_at IS NOT NULL)`;
  const targets = db.prepare(`SELECT t.id AS ticket_id, COALESCE(s.logout_url, t.service) AS url, t.candidate_id, c.candidate_no
    FROM service_tickets t LEFT JOIN services s ON s.id = t.service_id JOIN candidates c ON c.id = t.candidate_id
    WHERE ${untold} ORDER BY t.created_at, t.rowid`);
  const markTold = db.prepare(`UPDATE service_tickets AS t SET logout_sent_at = @now WHERE ${untold}`);
  const enqueue = db.prepare(`INSERT OR IGNORE INTO slo_outbox (ticket_id, url, candidate_id, candidate_no, claimed_at)
    VALUES (@ticket_id, @url, @candidate_id, @candidate_no, @now)`);
  const settle = db.prepare('DELETE FROM slo_outbox WHERE ticket_id = ?');
  const queued = db.prepare('SELECT ticket_id, url, candidate_id, candidate_no FROM slo_outbox ORDER BY claimed_at, rowid');
  // A full scan, run once at start: an index kept for it would cost every ticket validation a write.
  const endedUntold = db.prepare(`SELECT DISTINCT t.sso_session_id FROM service_tickets t
    JOIN sso_sessions s ON s.id = t.sso_session_id
    WHERE s.ended_at IS NOT NULL AND t.logout_sent_at IS NULL AND t.validated_at IS NOT NULL`).pluck();

  return {
    create(t: NewServiceTicket): void {
      insert.run({ ...t, fromNewLogin: t.fromNewLogin ? 1 : 0 });
    },
    /** The ticket, now used up; undefined when unknown or already presented once. */
    claim: (id: string, now: number) => claim.get(now, id) as ServiceTicketRow | undefined,
    findById: (id: string) => byId.get(id) as ServiceTicketRow | undefined,
    /**
     * The logoutRequests still owed for these ended sessions, marked claimed and queued in the outbox in the
     * same transaction, so two paths ending one session (a logout racing the sweep) never tell a service
     * twice, and a crash before they are sent does not lose them.
     */
    claimLogoutTargets: (sessionIds: readonly string[], now: number): LogoutTarget[] =>
      db.transaction(() => sessionIds.flatMap((session) => {
        const owed = targets.all({ session }) as LogoutTarget[];
        if (owed.length > 0) markTold.run({ session, now });
        for (const target of owed) enqueue.run({ ...target, now });
        return owed;
      })).immediate(),
    /** A claimed logoutRequest has been sent, or given up: it leaves the outbox. */
    settleLogout: (ticketId: string): void => void settle.run(ticketId),
    /** Claimed logoutRequests not yet settled, oldest first. */
    queuedLogouts: () => queued.all() as LogoutTarget[],
    /** SSO sessions that have ended while some of their validated tickets were never claimed. */
    endedSessionsUntold: () => endedUntold.all() as string[],
  };
}
