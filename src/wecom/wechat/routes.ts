import { Router, type Request, type Response } from 'express';
import { PortalError } from '../../web/errors.ts';
import { stateAfterSignIn } from '../activation/state.ts';
import { acceptCasLogin, beginCasLogin } from '../casLogin.ts';
import type { MemberRow } from '../data/members.ts';
import type { WecomDeps } from '../deps.ts';
import { wechatIdOf, WECOM_PATH } from '../session.ts';
import { FOLLOW_PATH } from '../start.ts';
import { corpViewOf } from './corp.ts';

export const INBOX_PATH = `${WECOM_PATH}/inbox`;
export const SECOND_AUTH_PATH = `${INBOX_PATH}/verify`;

/**
 * The simulated WeChat of this browser: the chat list with the 企业号's conversation (第五步 二次认证 starts from
 * its 身份验证 notice), 通讯录 → 我的企业, and the page the follow QR code opens.
 */
export function wechatRoutes(deps: WecomDeps): Router {
  const router = Router();
  const { store, journey } = deps;
  const memberOf = (res: Response): MemberRow | undefined => store.members.findByWechat(wechatIdOf(res));
  const viewOf = (member: MemberRow | undefined) => corpViewOf(member, member ? store.groups.findByDepartment(member.department) : undefined);

  router.get(INBOX_PATH, (_req, res) => {
    res.render('wecom/inbox', { corp: viewOf(memberOf(res)) });
  });

  router.get(`${INBOX_PATH}/corp`, (_req, res) => {
    const member = memberOf(res);
    const corp = viewOf(member);
    if (!corp.following) return res.redirect(303, INBOX_PATH);
    res.render('wecom/chat', { corp, needsSecondAuth: member!.needs_second_auth === 1 });
  });

  router.get(`${WECOM_PATH}/contacts`, (_req, res) => {
    res.render('wecom/contacts', { corp: viewOf(memberOf(res)) });
  });

  // 第五步: opening the 身份验证 notice goes through 统一身份认证 again, with a fresh login (renew).
  router.get(SECOND_AUTH_PATH, async (req: Request, res: Response) => {
    const member = memberOf(res);
    const pending = member?.auth_notice_at != null && member.needs_second_auth === 1 && member.verified_at === null;
    if (req.query.ticket === undefined) {
      if (!pending) throw new PortalError('WECOM_NO_AUTH_NOTICE', { status: 409 });
      return beginCasLogin(deps, req, res, SECOND_AUTH_PATH, true);
    }
    const accepted = await acceptCasLogin(deps, req, SECOND_AUTH_PATH);
    if (!accepted.ok) throw new PortalError(accepted.code, { status: accepted.status, params: accepted.params });
    if (!member || accepted.identity.uid !== member.uid) {
      if (member) journey.record(member.uid, 'WECOM_SECOND_AUTH', { outcome: 'error', code: 'WECOM_WRONG_PERSON' });
      throw new PortalError('WECOM_WRONG_PERSON', { status: 403 });
    }
    const signedIn = journey.signIn(accepted.identity, 'second_auth');
    // A sign-in like 第二步's: the activation pages are open to it too (and single logout ends it).
    req.session.wecomActivation = stateAfterSignIn(accepted.identity, wechatIdOf(res), { phoneVerified: signedIn.phone_verified_at !== null, followed: signedIn.followed_at !== null }, deps.now());
    if (pending) journey.completeSecondAuth(member.uid);
    return res.redirect(303, `${INBOX_PATH}/corp`);
  });

  // The page the follow QR code opens: the 企业号's card with 关注 (again, after 取消关注).
  router.get(FOLLOW_PATH, (req, res) => {
    const member = memberOf(res);
    res.render('wecom/corpCard', { corp: viewOf(member), activated: member?.phone_verified_at != null, csrfToken: deps.csrfToken(req) });
  });
  router.post(FOLLOW_PATH, (_req, res) => {
    const member = memberOf(res);
    const followed = member ? journey.follow(member.uid) : { ok: false as const, code: 'WECOM_NOT_ACTIVATED' as const };
    if (!followed.ok) throw new PortalError(followed.code, { status: 409 });
    res.redirect(303, `${INBOX_PATH}/corp`);
  });

  return router;
}
