import { createCipheriv, randomBytes } from 'node:crypto';
import { demoActivated } from '../../../src/data/demoRoster.ts';
import type { Agent, TestPortal } from '../../support/portal.ts';

export const ZHAO = { username: demoActivated.candidateNo, password: demoActivated.password, name: '赵磊' };
/** A WeCom service URL as a client would send it, with a query of its own. */
export const WECOM = 'http://127.0.0.1:8080/wecom/app?from=qr&x=%E4%B8%AD';
export const CAMPUS = 'http://localhost:8081/new/index.html';

export interface LoginPage {
  status: number;
  text: string;
  execution: string;
  salt: string;
  captchaId: string;
}

function hidden(html: string, pattern: RegExp): string {
  return pattern.exec(html)?.[1] ?? '';
}

export async function loginPage(agent: Agent, query = ''): Promise<LoginPage> {
  const res = await agent.get(`/authserver/login${query}`);
  return {
    status: res.status,
    text: res.text,
    execution: hidden(res.text, /name="execution" value="([^"]*)"/),
    salt: hidden(res.text, /id="pwdEncryptSalt" value="([^"]*)"/),
    captchaId: hidden(res.text, /name="captchaId" value="([^"]*)"/),
  };
}

/** The real portal's encryptPassword(), done independently of the page's script. */
export function encryptLikeWisedu(password: string, salt: string): string {
  const alphabet = 'ABCDEFGHJKMNPQRSTWXYZabcdefhijkmnprstwxyz2345678';
  const random = (n: number) => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(salt, 'utf8'), Buffer.from(random(16), 'utf8'));
  return Buffer.concat([cipher.update(random(64) + password, 'utf8'), cipher.final()]).toString('base64');
}

/** Loads the form, then posts it with the Wisedu fields; returns the POST's response. */
export async function logIn(
  agent: Agent,
  options: { username?: string; password?: string; query?: string; captcha?: string; encrypt?: boolean; portal?: TestPortal; rememberMe?: boolean } = {},
) {
  const page = await loginPage(agent, options.query ?? '');
  const password = options.password ?? ZHAO.password;
  const captcha = options.captcha === 'solve' && options.portal ? await solveCaptcha(agent, options.portal, page.captchaId) : options.captcha ?? '';
  return agent.post(`/authserver/login${options.query ?? ''}`).type('form').send({
    username: options.username ?? ZHAO.username,
    password: options.encrypt ? encryptLikeWisedu(password, page.salt) : password,
    captcha,
    captchaId: page.captchaId,
    // 7天免登录 is a checkbox: sent only when ticked.
    ...(options.rememberMe ? { rememberMe: 'true' } : {}),
    agreeProtocol: 'true',
    _eventId: 'submit',
    cllt: 'userNameLogin',
    dllt: 'generalLogin',
    lt: '',
    execution: page.execution,
  });
}

/** Fetches the image for the id as a browser would, then reads its answer as a trainer's tool would. */
export async function solveCaptcha(agent: Agent, portal: TestPortal, captchaId: string, path = '/authserver/getCaptcha.htl'): Promise<string> {
  const image = await agent.get(`${path}?ltId=${captchaId}`);
  if (!String(image.headers['content-type']).startsWith('image/svg+xml')) throw new Error('no captcha image');
  return portal.store.captchas.peek(captchaId) ?? '';
}

export function ticketIn(location: string | undefined): string {
  const match = /[?&]ticket=([^&#]+)/.exec(location ?? '');
  if (!match) throw new Error(`no ticket in ${location}`);
  return match[1]!;
}

export const svc = (url: string) => encodeURIComponent(url);

/** Logs in for the service and returns the ticket from the redirect. */
export async function ticketFor(agent: Agent, service = WECOM, options: { renew?: boolean } = {}) {
  const res = await logIn(agent, { query: `?service=${svc(service)}${options.renew ? '&renew=true' : ''}` });
  if (res.status !== 302) throw new Error(`login failed (${res.status}): ${res.text.slice(0, 500)}`);
  return ticketIn(res.headers.location);
}

export function lastAudit(portal: TestPortal, event: string) {
  return portal.db.prepare('SELECT * FROM audit WHERE event = ? ORDER BY id DESC LIMIT 1').get(event) as
    | { outcome: string; code: string | null; candidate_no: string | null; params: string | null }
    | undefined;
}
