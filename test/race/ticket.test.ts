import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoActivated } from '../../src/data/demoRoster.ts';
import { casLogin, send, Visitor, wecomService } from '../../scripts/portalClient.ts';
import { listen } from '../support/listen.ts';
import { makePortal, type TestPortal } from '../support/portal.ts';

const VALIDATIONS = 20;

/** The endpoints a client may validate a service ticket at, and how each says yes. */
const ENDPOINTS = [
  { path: '/authserver/validate', success: (body: string) => body.startsWith('yes\n') },
  { path: '/authserver/serviceValidate', success: (body: string) => body.includes('<cas:authenticationSuccess>') },
  { path: '/authserver/p3/serviceValidate', success: (body: string) => body.includes('<cas:authenticationSuccess>') },
  { path: '/authserver/proxyValidate', success: (body: string) => body.includes('<cas:authenticationSuccess>') },
  { path: '/authserver/p3/serviceValidate?format=JSON', success: (body: string) => body.includes('"authenticationSuccess"') },
] as const;

describe('20 parallel validations of one service ticket', () => {
  let portal: TestPortal;
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    portal = makePortal();
    server = await listen(portal);
  });
  afterAll(() => server.close());

  it('give exactly one success, whichever endpoints they use', async () => {
    const service = wecomService(server.url);
    const ticket = await casLogin(new Visitor(server.url), service, demoActivated.candidateNo, demoActivated.password);
    const query = `service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`;
    const replies = await Promise.all(Array.from({ length: VALIDATIONS }, (_, i) => {
      const endpoint = ENDPOINTS[i % ENDPOINTS.length]!;
      const url = `${server.url}${endpoint.path}${endpoint.path.includes('?') ? '&' : '?'}${query}`;
      return send(url).then((reply) => ({ reply, success: endpoint.success(reply.text) }));
    }));
    for (const { reply } of replies) expect(reply.status).toBe(200);
    const successes = replies.filter((r) => r.success);
    expect(successes).toHaveLength(1);
    // The other nineteen were told the ticket is not (or no longer) valid.
    for (const { reply, success } of replies) {
      if (!success) expect(reply.text).toMatch(/^no\n|INVALID_TICKET/);
    }
    const audited = portal.db.prepare(`SELECT outcome, COUNT(*) AS n FROM audit WHERE event = 'TICKET_VALIDATE' GROUP BY outcome ORDER BY outcome`).all();
    expect(audited).toEqual([{ outcome: 'error', n: VALIDATIONS - 1 }, { outcome: 'ok', n: 1 }]);
  });
});
