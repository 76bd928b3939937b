import { Router } from 'express';
import type { CasDeps } from './deps.ts';
import { loginRouter } from './login.ts';
import { dynamicCodeRouter } from './smsLogin.ts';
import { logoutRouter } from './logout.ts';
import { validateRouter } from './validate.ts';
import { needsCaptcha } from './authenticate.ts';
import { queryParam } from './params.ts';
import { normalizeInput } from '../rules/text.ts';
import { formString, type Form } from '../web/forms.ts';
import { textOf } from '../web/texts.ts';

export type { CasDeps } from './deps.ts';

/** The CAS server under /authserver. */
export function casRouter(deps: CasDeps): Router {
  const router = Router();
  // The Wisedu page asks before showing the captcha field; failures of the name or of this address decide.
  router.get('/authserver/checkNeedCaptcha.htl', (req, res) => {
    res.json({ isNeed: needsCaptcha(deps, req, normalizeInput(queryParam(req, 'username') ?? '').slice(0, 100)) });
  });
  router.get('/authserver/getCaptcha.htl', (req, res) => deps.captchas.serve(res, queryParam(req, 'ltId') ?? ''));
  router.get('/authserver/privacyProtocol', (_req, res) => res.render('cas/privacy'));
  // UESTC's slider: the page asks for a puzzle for the form's captchaId, then the server checks where the piece landed.
  router.get('/authserver/common/openSliderCaptcha.htl', (req, res) => {
    const challenge = deps.captchas.openSlider(queryParam(req, 'captchaId') ?? '');
    res.set('Cache-Control', 'no-store');
    if (!challenge) return res.status(400).json({ errorCode: 0, errorMsg: textOf('BAD_REQUEST') });
    return res.json(challenge);
  });
  router.post('/authserver/common/verifySliderCaptcha.htl', (req, res) => {
    const form = (req.body ?? {}) as Form;
    const number = (name: string) => Number(formString(form, name, 12) || Number.NaN);
    const passed = deps.captchas.verifySlider(formString(form, 'captchaId', 40), number('canvasLength'), number('moveLength'));
    res.set('Cache-Control', 'no-store').json(passed ? { errorCode: 1, errorMsg: 'success' } : { errorCode: 0, errorMsg: textOf('SLIDER_FAILED') });
  });
  router.use(loginRouter(deps));
  router.use(dynamicCodeRouter(deps));
  router.use(validateRouter(deps));
  router.use(logoutRouter(deps));
  return router;
}
