import { Router, type Response } from 'express';
import { PortalError } from '../../web/errors.ts';
import type { TextCode } from '../../web/texts.ts';
import type { MemberRow } from '../data/members.ts';
import type { WecomDeps } from '../deps.ts';
import { wechatIdOf, WECOM_PATH } from '../session.ts';
import { corpViewOf } from './corp.ts';
import { INBOX_PATH } from './routes.ts';

export const WORKBENCH_PATH = `${WECOM_PATH}/workbench`;

/** The school's other apps: shown, but a candidate's account may not use them (the guide's rule). */
export const SCHOOL_APPS: readonly TextCode[] = ['WECOM_APP_SAFE_CAMPUS', 'WECOM_APP_SERVICE_HALL', 'WECOM_APP_MAIL', 'WECOM_APP_FINANCE', 'WECOM_APP_CARD'];

/**
 * 结语: 通讯录 → 我的企业 → the school, with its apps (消息中心 once activated) and 步骤三 等待学院老师建群; and the
 * FAQ's way out: 右上角+号 → 设置 → 右上角三个点 → 不再关注 → 不再关注.
 */
export function workbenchRoutes(deps: WecomDeps): Router {
  const router = Router();
  const { store, journey } = deps;

  /** The member this WeChat follows the 企业号 as; others go back to the chat list. */
  function follower(res: Response): MemberRow | undefined {
    const member = store.members.findByWechat(wechatIdOf(res));
    return member?.followed_at ? member : undefined;
  }
  const viewOf = (member: MemberRow) => corpViewOf(member, store.groups.findByDepartment(member.department));

  router.get(WORKBENCH_PATH, (_req, res) => {
    const member = follower(res);
    if (!member) return res.redirect(303, `${WECOM_PATH}/contacts`);
    const corp = viewOf(member);
    res.render('wecom/workbench', { corp, apps: SCHOOL_APPS, candidate: member.account_type === 'candidate', group: store.groups.findByDepartment(member.department) });
  });

  router.get(`${WORKBENCH_PATH}/messages`, (_req, res) => {
    const member = follower(res);
    const corp = member ? viewOf(member) : undefined;
    if (!corp?.activated) return res.redirect(303, WORKBENCH_PATH);
    res.render('wecom/messages', { corp });
  });

  router.get(`${WORKBENCH_PATH}/settings`, (req, res) => {
    if (!follower(res)) return res.redirect(303, `${WECOM_PATH}/contacts`);
    res.render('wecom/corpSettings', { menu: req.query.menu === '1', confirm: req.query.confirm === '1', csrfToken: deps.csrfToken(req) });
  });

  router.post(`${WORKBENCH_PATH}/unfollow`, (_req, res) => {
    const member = follower(res);
    if (!member) throw new PortalError('WECOM_NOT_FOLLOWING', { status: 409 });
    journey.unfollow(member.uid);
    res.redirect(303, INBOX_PATH);
  });

  return router;
}
