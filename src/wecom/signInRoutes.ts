import { Router, type Request } from 'express';
import { PortalError } from '../web/errors.ts';
import { ACTIVATE_PATH } from './activation/router.ts';
import { stateAfterSignIn } from './activation/state.ts';
import { acceptCasLogin, beginCasLogin } from './casLogin.ts';
import type { WecomDeps } from './deps.ts';
import { wechatIdOf, WECOM_PATH } from './session.ts';
import { isStudentOrStaff } from './status.ts';

const hasTicket = (req: Request) => req.query.ticket !== undefined;

/**
 * 第二步 身份验证: GET /wecom/activate sends the browser to 统一身份认证 (single sign-on applies) and accepts the
 * ticket it comes back with; the member then continues at the first step not yet done.
 */
export function signInRoutes(deps: WecomDeps): Router {
  const router = Router();
  router.get(ACTIVATE_PATH, async (req, res) => {
    if (!hasTicket(req)) return beginCasLogin(deps, req, res, ACTIVATE_PATH, false);
    const accepted = await acceptCasLogin(deps, req, ACTIVATE_PATH);
    if (!accepted.ok) throw new PortalError(accepted.code, { status: accepted.status, params: accepted.params });
    const { identity } = accepted;
    const member = deps.journey.signIn(identity, 'activate');
    const progress = { phoneVerified: member.phone_verified_at !== null, followed: member.followed_at !== null };
    req.session.wecomActivation = stateAfterSignIn(identity, wechatIdOf(res), progress, deps.now());
    // 在职在校师生 who activated before need nothing here: the start page tells them to use the app.
    if (isStudentOrStaff(identity.accountType) && progress.phoneVerified) return res.redirect(303, `${WECOM_PATH}/`);
    return res.redirect(303, `${ACTIVATE_PATH}/${progress.phoneVerified ? 'follow' : 'verify'}`);
  });
  return router;
}
