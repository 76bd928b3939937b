import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoActivated } from '../../src/data/demoRoster.ts';
import {
  ACTIVATION, activate, apiOf, applicant, casLogin, ssoTicket, submitPassword, validateTicket, Visitor, walkToPassword, wecomService, type Applicant,
} from '../../scripts/portalClient.ts';
import { startPortal, type PortalProcess } from '../../scripts/portalProcess.ts';

const TOKEN = 'crash-test-api-token-0123';
const APPLICANTS = 60;
const WORKERS = 12;
/** Confirmed activations to wait for before pulling the plug, so the kill lands in the middle of the load. */
const KILL_AFTER = 10;

// No resend cooldown: a candidate cut off by the crash asks for a new code straight after the restart.
// Service tickets live two minutes instead of ten seconds, so one issued before the crash is unexpired after it.
// Captchas off, as test automation does: the load comes from another process, which cannot read their answers.
const env = (dbPath: string) => ({
  NODE_ENV: 'test', CAPTCHA_ENABLED: 'false', CODE_RESEND_COOLDOWN_SECONDS: '0', CAS_ST_TTL_SECONDS: '120', DATABASE_PATH: dbPath, API_TOKEN: TOKEN, ARGON2_MEMORY_KIB: '4096', ARGON2_TIME_COST: '1',
});

describe('kill -9 in the middle of concurrent activations and logins, then restart on the same file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'idas-crash-'));
  const dbPath = join(dir, 'portal.sqlite');
  let portal: PortalProcess | undefined;
  afterAll(async () => {
    await portal?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every confirmed activation, leaves no half-activated account, and resumes sessions, SSO and tickets', async () => {
    portal = await startPortal(env(dbPath));
    const port = Number(new URL(portal.url).port);
    const api = apiOf(portal.url, TOKEN);
    const people = Array.from({ length: APPLICANTS }, (_, i) => applicant(i, '10614', 5));
    for (const p of people) await api.createCandidate(p);

    // Two visitors stop on the password page before the crash; their sessions live in SQLite.
    const waiting = people.slice(0, 2).map((p) => ({ p, v: new Visitor(portal!.url) }));
    for (const { p, v } of waiting) await walkToPassword(v, api, p);
    // A browser logged in to the portal, and a ticket on its way to the service, both from before the crash.
    const service = wecomService(portal.url);
    const loggedIn = new Visitor(portal.url);
    const pendingTicket = await casLogin(loggedIn, service, demoActivated.candidateNo, demoActivated.password);

    const confirmed: Applicant[] = [];
    let killed: Promise<void> | undefined;
    let next = 2;
    const worker = async () => {
      while (next < people.length && !killed) {
        const p = people[next++]!;
        try {
          if (await activate(new Visitor(portal!.url), api, p)) confirmed.push(p);
        } catch (err) {
          if (!killed) throw err;
        }
        if (confirmed.length >= KILL_AFTER && !killed) killed = portal!.kill();
      }
    };
    let logins = 0;
    const loginWorker = async () => {
      while (!killed) {
        try {
          const ticket = await casLogin(new Visitor(portal!.url), service, demoActivated.candidateNo, demoActivated.password);
          expect((await validateTicket(portal!.url, service, ticket)).ok).toBe(true);
          logins++;
        } catch (err) {
          if (!killed) throw err;
        }
      }
    };
    await Promise.all([...Array.from({ length: WORKERS }, worker), loginWorker(), loginWorker()]);
    expect(logins, 'logins ran alongside the activations').toBeGreaterThan(0);
    await killed;
    expect(killed, 'the portal was killed while activations were in flight').toBeDefined();
    expect(portal.child.signalCode).toBe('SIGKILL');
    const started = next - waiting.length;
    expect(started, 'activations were still in flight at the kill').toBeGreaterThan(confirmed.length);

    // Open the file as it was left: SQLite replays the WAL.
    const db = new Database(dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const statusOf = db.prepare('SELECT status FROM candidates WHERE candidate_no = ?').pluck();
    for (const p of confirmed) expect(statusOf.get(p.candidateNo), p.candidateNo).toBe('active');
    const halfActivated = db.prepare(`SELECT COUNT(*) FROM candidates WHERE
      (status = 'active') <> (phone IS NOT NULL AND email IS NOT NULL AND password_hash IS NOT NULL AND activated_at IS NOT NULL)`).pluck().get();
    expect(halfActivated).toBe(0);
    const activatedWithoutAudit = db.prepare(`SELECT COUNT(*) FROM candidates c WHERE status = 'active'
      AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.candidate_id = c.id AND a.event = 'ACTIVATED')`).pluck().get();
    expect(activatedWithoutAudit).toBe(0);
    db.close();

    // Restart on the same file and port: the portal serves, and the waiting sessions finish where they stood.
    portal = await startPortal(env(dbPath), { port });
    for (const { p, v } of waiting) {
      const reply = await submitPassword(v, p);
      expect(reply.status).toBe(303);
      expect(reply.headers.location).toBe(`${ACTIVATION}/done`);
      expect((await api.candidate(p.candidateNo)).status).toBe('active');
    }
    for (const p of confirmed) expect((await api.candidate(p.candidateNo)).status).toBe('active');
    // The SSO session survived: the same browser gets a ticket without the form; the earlier ticket still validates.
    const afterRestart = await ssoTicket(loggedIn, service);
    expect(await validateTicket(portal.url, service, afterRestart)).toMatchObject({ ok: true, user: demoActivated.candidateNo });
    expect(await validateTicket(portal.url, service, pendingTicket)).toMatchObject({ ok: true, user: demoActivated.candidateNo });
    // A candidate whose activation was confirmed before the crash logs in with the password they chose.
    const first = confirmed[0]!;
    const ticket = await casLogin(new Visitor(portal.url), service, first.candidateNo, first.password);
    expect(await validateTicket(portal.url, service, ticket)).toMatchObject({ ok: true, user: first.candidateNo });
    // A candidate whose activation was cut off starts again and finishes.
    const cutOff = people.slice(2).find((p) => !confirmed.includes(p))!;
    const state = await api.candidate(cutOff.candidateNo);
    if (state.status === 'pending') expect(await activate(new Visitor(portal.url), api, cutOff)).toBe(true);
    expect((await api.candidate(cutOff.candidateNo)).status).toBe('active');
  });
});
