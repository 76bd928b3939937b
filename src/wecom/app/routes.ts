import { Router, type Request, type Response } from 'express';
import { maskPhone } from '../../rules/phone.ts';
import type { Form } from '../../web/forms.ts';
import type { CodePurpose } from '../data/codes.ts';
import type { MemberRow } from '../data/members.ts';
import type { WecomDeps } from '../deps.ts';
import { renderPage, type PageExtra } from '../pages.ts';
import { regenerateSession, wechatIdOf, WECOM_PATH } from '../session.ts';
import { parsePhone, parsePhoneAndCode } from '../forms.ts';

export const APP_PATH = `${WECOM_PATH}/app`;

/**
 * The 企业微信 APP, as far as the FAQ needs it: sign in with the phone number and an SMS code (the first
 * sign-in is what 情况一/情况二 turn on), then 设置 → 账号与安全 → 手机号 → 更换手机号 (情况二) and 微信 → 更换微信.
 */
export function appRoutes(deps: WecomDeps): Router {
  const router = Router();
  const { store, journey, codes, lookUps } = deps;
  const form = (req: Request) => (req.body ?? {}) as Form;
  const signedIn = (req: Request): MemberRow | undefined => {
    const uid = req.session.wecomApp?.uid;
    return uid ? store.members.findByUid(uid) : undefined;
  };
  const cooldownOf = (uid: string | undefined, purpose: CodePurpose, phone: string) => (uid ? codes.cooldownSecondsLeft({ uid, purpose, phone }) : 0);
  const minutes = () => Math.round(deps.config.limits.codeTtlMs / 60000);

  function loginPage(req: Request, res: Response, extra: PageExtra = {}) {
    const phone = typeof extra.form?.phone === 'string' ? extra.form.phone : '';
    const uid = store.members.findByPhone(phone)?.uid;
    renderPage(res, 'wecom/app/login', { csrfToken: deps.csrfToken(req), cooldown: cooldownOf(uid, 'app_login', phone) }, extra);
  }

  function phonePage(req: Request, res: Response, member: MemberRow, extra: PageExtra = {}) {
    const phone = typeof extra.form?.phone === 'string' ? extra.form.phone : '';
    renderPage(res, 'wecom/app/phone', { csrfToken: deps.csrfToken(req), maskedPhone: maskPhone(member.phone ?? ''), cooldown: cooldownOf(member.uid, 'change_phone', phone) }, extra);
  }

  router.get(APP_PATH, (req, res) => {
    const member = signedIn(req);
    if (!member) return loginPage(req, res);
    res.render('wecom/app/home', { member });
  });

  router.post(`${APP_PATH}/code`, (req, res) => {
    const parsed = parsePhone(form(req));
    if (!parsed.ok) return loginPage(req, res, { errors: parsed.errors, form: form(req), status: 400 });
    const member = store.members.findByPhone(parsed.input);
    if (!member) return loginPage(req, res, { errors: { phone: { code: 'WECOM_APP_PHONE_UNKNOWN' } }, form: form(req), status: 400 });
    const verdict = codes.issue({ uid: member.uid, purpose: 'app_login', phone: parsed.input });
    if (!verdict.ok) return loginPage(req, res, { errors: { code: { code: verdict.code, params: verdict.params } }, form: form(req), status: 429 });
    loginPage(req, res, { form: form(req), notice: { code: 'SMS_CODE_SENT', params: { masked: maskPhone(parsed.input), minutes: minutes() } } });
  });

  router.post(APP_PATH, async (req, res) => {
    const parsed = parsePhoneAndCode(form(req));
    if (!parsed.ok) return loginPage(req, res, { errors: parsed.errors, form: form(req), status: 400 });
    const member = store.members.findByPhone(parsed.input.phone);
    if (!member) return loginPage(req, res, { errors: { phone: { code: 'WECOM_APP_PHONE_UNKNOWN' } }, form: form(req), status: 400 });
    const verdict = codes.verify({ uid: member.uid, purpose: 'app_login', phone: parsed.input.phone }, parsed.input.code);
    if (!verdict.ok) return loginPage(req, res, { errors: { code: { code: verdict.code, params: verdict.params } }, form: form(req), status: 400 });
    // Signed in as someone: a new session id.
    await regenerateSession(req);
    req.session.wecomApp = { uid: member.uid, at: deps.now() };
    journey.appSignIn(member.uid);
    res.redirect(303, APP_PATH);
  });

  // Everything below is inside the APP: signed in only.
  router.use(`${APP_PATH}/`, (req, res, next) => (signedIn(req) ? next() : res.redirect(303, APP_PATH)));

  router.get(`${APP_PATH}/account`, (req, res) => {
    const member = signedIn(req)!;
    const changed = req.query.changed;
    renderPage(res, 'wecom/app/account', { member, maskedPhone: maskPhone(member.phone ?? ''), thisWechat: member.wechat_id === wechatIdOf(res) }, {
      notice: changed === 'phone' ? { code: 'WECOM_PHONE_CHANGED_TEXT', params: { masked: maskPhone(member.phone ?? '') } } : changed === 'wechat' ? { code: 'WECOM_WECHAT_CHANGED_TEXT' } : undefined,
    });
  });

  router.get(`${APP_PATH}/phone`, (req, res) => phonePage(req, res, signedIn(req)!));

  router.post(`${APP_PATH}/phone/code`, (req, res) => {
    const member = signedIn(req)!;
    const parsed = parsePhone(form(req));
    if (!parsed.ok) return phonePage(req, res, member, { errors: parsed.errors, form: form(req), status: 400 });
    if (parsed.input === member.phone) return phonePage(req, res, member, { errors: { phone: { code: 'WECOM_PHONE_SAME' } }, form: form(req), status: 400 });
    const lookUp = lookUps.check(member.uid, parsed.input);
    if (!lookUp.ok) {
      const status = lookUp.code === 'CONTACT_TAKEN_LOCKED' ? 429 : 400;
      return phonePage(req, res, member, { errors: { phone: { code: lookUp.code, params: lookUp.params } }, form: form(req), status });
    }
    const verdict = codes.issue({ uid: member.uid, purpose: 'change_phone', phone: parsed.input });
    if (!verdict.ok) return phonePage(req, res, member, { errors: { code: { code: verdict.code, params: verdict.params } }, form: form(req), status: 429 });
    phonePage(req, res, member, { form: form(req), notice: { code: 'SMS_CODE_SENT', params: { masked: maskPhone(parsed.input), minutes: minutes() } } });
  });

  router.post(`${APP_PATH}/phone`, (req, res) => {
    const member = signedIn(req)!;
    const parsed = parsePhoneAndCode(form(req));
    if (!parsed.ok) return phonePage(req, res, member, { errors: parsed.errors, form: form(req), status: 400 });
    const verdict = codes.verify({ uid: member.uid, purpose: 'change_phone', phone: parsed.input.phone }, parsed.input.code);
    if (!verdict.ok) return phonePage(req, res, member, { errors: { code: { code: verdict.code, params: verdict.params } }, form: form(req), status: 400 });
    const changed = journey.changePhone(member.uid, parsed.input.phone);
    if (!changed.ok) return phonePage(req, res, member, { errors: { phone: { code: changed.code } }, form: form(req), status: 409 });
    res.redirect(303, `${APP_PATH}/account?changed=phone`);
  });

  router.get(`${APP_PATH}/wechat`, (req, res) => {
    const member = signedIn(req)!;
    res.render('wecom/app/wechat', { thisWechat: member.wechat_id === wechatIdOf(res), csrfToken: deps.csrfToken(req) });
  });

  router.post(`${APP_PATH}/wechat`, (req, res) => {
    journey.rebindWechat(signedIn(req)!.uid, wechatIdOf(res));
    res.redirect(303, `${APP_PATH}/account?changed=wechat`);
  });

  return router;
}
