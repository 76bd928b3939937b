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

  function record(target: LogoutTarget, url: string, outcome: 'ok' | 'error', status: number | string): void {
    store.audit.record({ at: clock.now(), event: 'SLO_DELIVERY', outcome, candidateId: target.candidate_id, params: { url: url.slice(0, 300), status } });
  }

  async function send(target: LogoutTarget, deadline: AbortSignal): Promise<void> {
    const url = target.logout_url ?? target.service;
    const body = new URLSearchParams({ logoutRequest: logoutRequestXml(target.ticket_id, target.candidate_no, clock.now()) });
    try {
      const signal = AbortSignal.any([deadline, AbortSignal.timeout(sloTimeoutMs)]);
      const answer = await fetch(url, { method: 'POST', body, redirect: 'manual', signal });
      // The answer's body is never needed; not reading it means a service cannot stream us one forever.
      await answer.body?.cancel();
      record(target, url, answer.status >= 400 ? 'error' : 'ok', answer.status);
    } catch (err) {
      record(target, url, 'error', deadline.aborted ? 'deadline' : err instanceof Error ? err.name : 'error');
    }
  }

  /**
   * Sends claimed logoutRequests, at most sloConcurrency at once and all within sloTotalMs: a slow or
   * silent service never holds the page that ended the session longer. Those left at the deadline are
   * audited as not sent; every one was claimed, so none is ever sent twice.
   */
  async function deliver(targets: readonly LogoutTarget[]): Promise<void> {
    if (targets.length === 0) return;
    const deadline = AbortSignal.timeout(sloTotalMs);
    let next = 0;
    const worker = async () => {
      while (next < targets.length) {
        const target = targets[next++]!;
        if (deadline.aborted) record(target, target.logout_url ?? target.service, 'error', 'deadline');
        else await send(target, deadline);
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
