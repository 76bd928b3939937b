// A downstream service that records the back-channel logoutRequests it receives and, while held, does not
// answer them: the portal's sending is then cut off mid-request, as by a crash or a slow service.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeldService {
  /** The service URL tickets are issued for. */
  url: string;
  /** The SessionIndex (service ticket) of every logoutRequest received, in order. */
  told: string[];
  /** From now on, logoutRequests get no answer until release(). */
  hold(): void;
  /** Answers the held requests and every later one at once. */
  release(): void;
  /** Resolves once `count` logoutRequests have arrived. */
  received(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHeldService(): Promise<HeldService> {
  const told: string[] = [];
  let holding = false;
  const held: ServerResponse[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      const xml = new URLSearchParams(body).get('logoutRequest') ?? '';
      const ticket = /<samlp:SessionIndex>([^<]+)<\/samlp:SessionIndex>/.exec(xml)?.[1];
      if (req.method === 'POST' && ticket) told.push(ticket);
      if (holding) held.push(res);
      else res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/app/`,
    told,
    hold: () => { holding = true; },
    release() {
      holding = false;
      for (const res of held.splice(0)) res.end('ok');
    },
    async received(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (told.length < count) {
        if (Date.now() > deadline) throw new Error(`${told.length} logoutRequests received, expected ${count}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The registration body of the test-automation API for this service. */
export const registrationOf = (service: HeldService, name: string) => ({
  name, urlPattern: `^${service.url.replace(/[.]/g, '\\.')}.*$`, allowedAccountTypes: ['candidate', 'student'], releasedAttributes: { uid: 'uid' },
});
