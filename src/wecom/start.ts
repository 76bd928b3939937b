import { Router, type Request, type Response } from 'express';
import { PortalError } from '../web/errors.ts';
import { ACTIVATE_PATH } from './activation/router.ts';
import { appOrigin } from './casClient.ts';
import type { MemberRow } from './data/members.ts';
import type { WecomDeps } from './deps.ts';
import { isPhone, qrSvg } from './device.ts';
import { wechatIdOf, WECOM_PATH } from './session.ts';
import { isStudentOrStaff } from './status.ts';

export const FOLLOW_PATH = `${WECOM_PATH}/follow`;

/** The member this browser is known as: signed in here, or else bound to its WeChat. */
export function knownMember(deps: WecomDeps, req: Request, res: Response): MemberRow | undefined {
  const uid = req.session.wecomActivation?.uid;
  return (uid ? deps.store.members.findByUid(uid) : undefined) ?? deps.store.members.findByWechat(wechatIdOf(res));
}

/** 第一步 识别二维码, and the QR codes the pages show (real ones, of this host's URLs). */
export function startRoutes(deps: WecomDeps): Router {
  const router = Router();

  router.get(`${WECOM_PATH}/`, (req, res) => {
    const member = knownMember(deps, req, res);
    const activated = member?.phone_verified_at != null;
    res.render('wecom/start', {
      activated,
      studentOrStaff: activated && isStudentOrStaff(member!.account_type),
      phone: isPhone(req.get('user-agent')),
      activateUrl: `${appOrigin(req)}${ACTIVATE_PATH}`,
      followUrl: `${ACTIVATE_PATH}/follow`,
    });
  });

  const qrImage = (target: string) => async (req: Request, res: Response) => {
    // The host name comes from the request: one too long for any QR code is the client's error, not ours.
    const svg = await qrSvg(`${appOrigin(req)}${target}`).catch(() => {
      throw new PortalError('BAD_REQUEST', { status: 400 });
    });
    res.type('image/svg+xml').set('Cache-Control', 'no-cache').send(svg);
  };
  router.get(`${WECOM_PATH}/qr/activate.svg`, qrImage(ACTIVATE_PATH));
  router.get(`${WECOM_PATH}/qr/follow.svg`, qrImage(FOLLOW_PATH));
  return router;
}
