import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { KEEP_EXPIRED_MS } from '../../../src/data/housekeeping.ts';
import { lockFor } from '../../support/limits.ts';
import { makePortal } from '../../support/portal.ts';

const HOUR = 60 * 60 * 1000;

describe('pruning expired rows', () => {
  it('deletes only what can no longer matter and keeps what limits, locks and single logout still need', () => {
    const portal = makePortal();
    const { db, store } = portal;
    const now = portal.clock.now();
    const zhang = store.candidates.findByCandidateNo('106146510100001')!;
    const old = now - KEEP_EXPIRED_MS - HOUR;

    db.prepare('INSERT INTO sessions (sid, data, expires) VALUES (?, ?, ?), (?, ?, ?)').run('gone', '{}', now - 1, 'live', '{}', now + HOUR);
    lockFor(portal, 'identity', 'expired-lock', now - 1);
    lockFor(portal, 'identity', 'live-lock', now + HOUR);
    const attempt = { kind: 'identity', address: '192.0.2.1', session: '' } as const;
    store.attempts.recordFailure({ ...attempt, subject: 'a' }, old);
    store.attempts.recordFailure({ ...attempt, subject: 'b' }, now - HOUR);
    const challenge = { candidateId: zhang.id, channel: 'sms', purpose: 'activation', codeHash: 'x' } as const;
    store.challenges.create({ ...challenge, target: '13800000001', now: old, expiresAt: old + 300_000 });
    store.challenges.create({ ...challenge, target: '13800000002', now: now - 23 * HOUR, expiresAt: now - 23 * HOUR + 300_000 });
    store.ssoSessions.create({ id: 'TGT-ended-long-ago', candidateId: zhang.id, now: old, expiresAt: now + HOUR });
    store.ssoSessions.end('TGT-ended-long-ago', old);
    store.ssoSessions.create({ id: 'TGT-open', candidateId: zhang.id, now: old, expiresAt: now + HOUR });
    db.prepare(`INSERT INTO service_tickets (id, sso_session_id, candidate_id, service, from_new_login, created_at, expires_at, validated_at)
      VALUES (?, ?, ?, ?, 1, ?, ?, ?), (?, ?, ?, ?, 1, ?, ?, ?)`).run(
      'ST-old-of-ended', 'TGT-ended-long-ago', zhang.id, 'http://127.0.0.1:9/wecom/', old, old + 10_000, old,
      'ST-old-of-open', 'TGT-open', zhang.id, 'http://127.0.0.1:9/wecom/', old, old + 10_000, old,
    );

    const deleted = store.housekeeping.pruneExpired(now);

    expect(deleted).toMatchObject({ sessions: 1, attempt_locks: 1, attempts: 1, challenges: 1, sso_sessions: 1 });
    const ids = (sql: string) => db.prepare(sql).pluck().all();
    expect(ids('SELECT sid FROM sessions')).toEqual(['live']);
    expect(ids('SELECT subject FROM attempt_locks')).toEqual(['live-lock']);
    expect(ids('SELECT subject FROM attempts')).toEqual(['b']);
    expect(ids('SELECT target FROM challenges')).toEqual(['13800000002']);
    expect(ids('SELECT id FROM sso_sessions')).toEqual(['TGT-open']);
    // The open session keeps its tickets: single logout still reaches that service.
    expect(ids('SELECT id FROM service_tickets')).toEqual(['ST-old-of-open']);
    expect(store.housekeeping.pruneExpired(now)).toMatchObject({ sessions: 0, sso_sessions: 0, challenges: 0 });
  });

  it('leaves the daily code limit intact: codes of the last day still count after pruning', async () => {
    const portal = makePortal();
    const since = portal.clock.now() - 24 * HOUR;
    const before = portal.store.challenges.sentToTargetSince('sms', '13800138001', since);
    const zhang = portal.store.candidates.findByCandidateNo('106146510100001')!;
    portal.store.challenges.create({ candidateId: zhang.id, channel: 'sms', purpose: 'activation', target: '13800138001', codeHash: 'x', now: portal.clock.now() - 20 * HOUR, expiresAt: portal.clock.now() - 20 * HOUR + 300_000 });
    portal.store.housekeeping.pruneExpired(portal.clock.now());
    expect(portal.store.challenges.sentToTargetSince('sms', '13800138001', since)).toBe(before + 1);
    expect((await request(portal.app).get('/authserver/login')).status).toBe(200);
  });
});
