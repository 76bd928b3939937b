import { Router } from 'express';
import type { CasDeps } from './deps.ts';
import { loginRouter } from './login.ts';
import { dynamicCodeRouter } from './smsLogin.ts';
import { logoutRouter } from './logout.ts';
import { validateRouter } from './validate.ts';
import { wecomDemoRouter } from './wecomDemo.ts';
import { needsCaptcha } from './authenticate.ts';
import { queryParam } from './params.ts';
import { normalizeInput } from '../rules/text.ts';

export type { CasDeps } from './deps.ts';

/** The CAS server under /authserver, and the demo WeCom application at /wecom/. */
export function casRouter(deps: CasDeps): Router {
  const router = Router();
  // The Wisedu page asks before showing the captcha field; the answer depends only on failures per name.
  router.get('/authserver/checkNeedCaptcha.htl', (req, res) => {
    res.json({ isNeed: needsCaptcha(deps, normalizeInput(queryParam(req, 'username') ?? '').slice(0, 100)) });
  });
  router.get('/authserver/getCaptcha.htl', (req, res) => deps.captchas.serve(res, queryParam(req, 'ltId') ?? ''));
  router.get('/authserver/privacyProtocol', (_req, res) => res.render('cas/privacy'));
  router.use(loginRouter(deps));
  router.use(dynamicCodeRouter(deps));
  router.use(validateRouter(deps));
  router.use(logoutRouter(deps));
  router.use(wecomDemoRouter());
  return router;
}
