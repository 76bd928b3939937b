import { Router, type Request } from 'express';
import type { CasDeps } from './deps.ts';
import { queryParam } from './params.ts';
import { findRegisteredService } from './registry.ts';
import { clearTgc, readTgc } from './tgc.ts';

function destroySession(req: Request): Promise<void> {
  return new Promise((resolve) => req.session.destroy(() => resolve()));
}

/** /logout: ends the SSO session, tells every service that got a ticket, and goes back only to registered services. */
export function logoutRouter(deps: CasDeps): Router {
  const { store, clock, config } = deps;
  const router = Router();

  router.get('/authserver/logout', async (req, res) => {
    const tgt = readTgc(req);
    const sso = tgt ? store.ssoSessions.findById(tgt) : undefined;
    if (sso) {
      await deps.singleLogout.endSessions(() => {
        const now = clock.now();
        if (!store.ssoSessions.end(sso.id, now)) return { ended: [], result: undefined };
        const candidate = store.candidates.findById(sso.candidate_id);
        store.audit.record({ at: now, event: 'LOGOUT', outcome: 'ok', candidateId: sso.candidate_id, candidateNo: candidate?.candidate_no ?? null, ip: req.ip ?? null });
        return { ended: [sso.id], result: undefined };
      });
    }
    clearTgc(res, config.cookieSecure);
    await destroySession(req);
    const service = queryParam(req, 'service');
    // Following service only when it is registered: the logout page is no open redirect.
    if (service !== undefined && findRegisteredService(store, service)) {
      return res.status(302).set('Location', service).end();
    }
    return res.render('cas/logout');
  });

  return router;
}
