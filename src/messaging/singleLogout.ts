import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { Store } from '../data/store.ts';
import type { LogoutTarget } from '../data/tickets.ts';
import { escapeXml } from '../rules/xml.ts';

/** The SAML 2.0 LogoutRequest of the CAS protocol's appendix C, naming the ticket as SessionIndex. */
export function logoutRequestXml(ticket: string, nameId: string, issuedAt: number): string {
  return `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-${randomUUID()}" Version="2.0" IssueInstant="${new Date(issuedAt).toISOString()}"><saml:NameID>${escapeXml(nameId)}</saml:NameID><samlp:SessionIndex>${escapeXml(ticket)}</samlp:SessionIndex></samlp:LogoutRequest>`;
}

/** What a change that ends SSO sessions hands back: the ids it ended, and its own result. */
export interface SessionsEnded<T> {
  ended: readonly string[];
  result: T;
}

/**
 * Back-channel single logout, the one way every end of an SSO session reaches its services: logout,
 * another person's login in the same browser, a password reset, a staff action, deletion and expiry.
 */
export function createSingleLogout(deps: { config: Config; store: Store; clock: Clock; log: Logger }) {
  const { config, store, clock, log } = deps;
  const { sloConcurrency, sloTimeoutMs, sloTotalMs, ssoSessionIdleMs } = config.cas;

  // The ticket ids this process is sending now, so resuming after a crash never sends one of them again.
  const inFlight = new Set<string>();

  /** Audits the outcome and takes the request out of the outbox, in one commit. */
  function settle(target: LogoutTarget, outcome: 'ok' | 'error', status: number | string): void {
    store.transaction(() => {
      // An account deleted (or reset away) since the claim is named by its number only: its id is gone or reused.
      const same = store.candidates.findById(target.candidate_id)?.candidate_no === target.candidate_no;
      store.audit.record({
        at: clock.now(), event: 'SLO_DELIVERY', outcome, candidateId: same ? target.candidate_id : undefined, candidateNo: target.candidate_no,
        params: { url: target.url.slice(0, 300), status },
      });
      store.tickets.settleLogout(target.ticket_id);
    });
  }

  async function send(target: LogoutTarget, deadline: AbortSignal): Promise<void> {
    const body = new URLSearchParams({ logoutRequest: logoutRequestXml(target.ticket_id, target.candidate_no, clock.now()) });
    try {
      const signal = AbortSignal.any([deadline, AbortSignal.timeout(sloTimeoutMs)]);
      const answer = await fetch(target.url, { method: 'POST', body, redirect: 'manual', signal });
      // The answer's body is never needed; not reading it means a service cannot stream us one forever.
      await answer.body?.cancel();
      settle(target, answer.status >= 400 ? 'error' : 'ok', answer.status);
    } catch (err) {
      settle(target, 'error', deadline.aborted ? 'deadline' : err instanceof Error ? err.name : 'error');
    }
  }

  /**
   * Sends claimed logoutRequests, at most sloConcurrency at once and all within sloTotalMs: a slow or
   * silent service never holds the page that ended the session longer. Those left at the deadline are
   * audited as not sent; every one was claimed, so none is ever sent twice (short of a crash mid-send,
   * after which resume() sends it again: a service may hear of a ticket twice, never not at all).
   */
  async function deliver(targets: readonly LogoutTarget[]): Promise<void> {
    if (targets.length === 0) return;
    for (const target of targets) inFlight.add(target.ticket_id);
    const deadline = AbortSignal.timeout(sloTotalMs);
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++]!;
        try {
          if (deadline.aborted) settle(target, 'error', 'deadline');
          else await send(target, deadline);
        } finally {
          inFlight.delete(target.ticket_id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(sloConcurrency, targets.length) }, worker));
  }

  let sweeping: Promise<number> | undefined;

  /** Claims and sends what these ended sessions owe: for a path that ended them in its own, committed transaction. */
  async function tell(sessionIds: readonly string[]): Promise<void> {
    await deliver(store.tickets.claimLogoutTargets(sessionIds, clock.now()));
  }

  async function sweepOnce(): Promise<number> {
    const now = clock.now();
    const ended = store.transaction(() => {
      const stale = store.ssoSessions.endStale(now, ssoSessionIdleMs);
      for (const s of stale) store.audit.record({ at: now, event: 'SSO_ENDED', outcome: 'ok', candidateId: s.candidate_id, params: { reason: 'expired' } });
      return stale;
    });
    // Session by session, so each gets its own bounded fan-out, as a logout would.
    for (const s of ended) await tell([s.id]);
    return ended.length;
  }

  return {
    /**
     * Runs `change` in one transaction with the claim of the logoutRequests its ended sessions owe (so a
     * change that deletes the tickets still tells them), then sends them. Resolves with change's result.
     */
    async endSessions<T>(change: () => SessionsEnded<T>): Promise<T> {
      const { result, targets } = store.transaction(() => {
        const done = change();
        return { result: done.result, targets: store.tickets.claimLogoutTargets(done.ended, clock.now()) };
      });
      await deliver(targets);
      return result;
    },
    tell,
    deliver,
    /**
     * Sends what a crash cut off: logoutRequests claimed but never settled, and those of sessions that
     * ended without their claim (a crash between a login's transaction and its claim). Returns how many.
     */
    async resume(): Promise<number> {
      store.tickets.claimLogoutTargets(store.tickets.endedSessionsUntold(), clock.now());
      const owed = store.tickets.queuedLogouts().filter((t) => !inFlight.has(t.ticket_id));
      await deliver(owed);
      return owed.length;
    },
    /** Ends the SSO sessions past their lifetime or idle timeout and tells their services; returns how many ended. */
    sweepExpired(): Promise<number> {
      // One sweep at a time: an hourly timer must not start a second while a slow first is still sending.
      sweeping ??= sweepOnce().catch((err: unknown) => {
        log.error({ err }, 'sweeping expired SSO sessions failed');
        return 0;
      }).finally(() => (sweeping = undefined));
      return sweeping;
    },
  };
}

export type SingleLogout = ReturnType<typeof createSingleLogout>;
