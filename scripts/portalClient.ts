// A small HTTP client that walks the portal as a browser without JavaScript would: cookies, CSRF fields, 303s.
import http from 'node:http';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** localAddress: the loopback address to connect from (127.0.0.2, …), to be another client address. */
type SendOptions = { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string };

/**
 * One HTTP request over a keep-alive connection; nothing follows redirects. Like a browser, it tries once
 * more on a fresh connection when a reused one turns out closed: the server's keep-alive timeout can end it
 * just as the request goes out, and then the request never reached the portal.
 */
export function send(url: string, options: SendOptions = {}, retried = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: keepAlive, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!retried && req.reusedSocket && err.code === 'ECONNRESET') resolve(send(url, options, true));
      else reject(err);
    });
    req.end(options.body);
  });
}

/** The CSRF token from a page's hidden field. */
export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no CSRF token on the page: ${html.slice(0, 300)}`);
  return match[1]!;
}

/** A cookie-keeping visitor of one portal. */
export class Visitor {
  private readonly cookies = new Map<string, string>();

  /** localAddress: the loopback address this visitor connects from (a different client address per visitor). */
  constructor(readonly base: string, readonly localAddress?: string) {}

  private remember(reply: Reply): Reply {
    for (const line of reply.headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1));
    }
    return reply;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(path: string): Promise<Reply> {
    return this.remember(await send(this.base + path, { headers: this.cookieHeader(), localAddress: this.localAddress }));
  }

  async postForm(path: string, form: Record<string, string>): Promise<Reply> {
    return this.remember(await send(this.base + path, {
      method: 'POST',
      headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      localAddress: this.localAddress,
    }));
  }

  /** GET the page for its CSRF token, then POST the form to `action` (the page itself by default). */
  async submit(page: string, form: Record<string, string>, action = page): Promise<Reply> {
    const _csrf = csrfIn((await this.get(page)).text);
    return this.postForm(action, { ...form, _csrf });
  }
}

/** The test-automation API with its bearer token. */
export function apiOf(base: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    async createCandidate(c: { candidateNo: string; name: string; idType: string; idNumber: string }) {
      const { candidateNo, name, idType, idNumber } = c;
      const body = JSON.stringify({ candidateNo, name, idType, idNumber });
      const reply = await send(`${base}/api/v1/candidates`, { method: 'POST', headers, body });
      if (reply.status !== 201) throw new Error(`creating ${c.candidateNo}: ${reply.status} ${reply.text}`);
    },
    async candidate(candidateNo: string) {
      const reply = await send(`${base}/api/v1/candidates/${candidateNo}`, { headers });
      return JSON.parse(reply.text) as { status: string; phone: string | null; email: string | null };
    },
    /** The code in the newest captured message to a phone or address. */
    async latestCode(to: string): Promise<string> {
      const reply = await send(`${base}/api/v1/messages?to=${encodeURIComponent(to)}`, { headers });
      const [newest] = JSON.parse(reply.text) as { code: string | null }[];
      if (!newest?.code) throw new Error(`no code sent to ${to}: ${reply.status} ${reply.text.slice(0, 200)}`);
      return newest.code;
    },
  };
}

export type Api = ReturnType<typeof apiOf>;

export const ACTIVATION = '/retrieve-password/accountActivation';

export interface Applicant {
  candidateNo: string;
  name: string;
  idType: string;
  idNumber: string;
  phone: string;
  email: string;
  password: string;
}

/** The page's error and info notices, for messages that say why a step did not advance. */
export function noticesIn(html: string): string[] {
  return [...html.matchAll(/class="(?:notice notice-(?:error|info)|field-error)"[^>]*>([^<]*)</g)].map((m) => m[1]!);
}

function expectRedirect(reply: Reply, step: string): void {
  if (reply.status !== 303) throw new Error(`${step}: expected 303, got ${reply.status}: ${noticesIn(reply.text).join(' / ') || reply.text.slice(0, 300)}`);
}

/** Every activation step up to (not including) the final password POST, as a browser walks them; codes are read from the outbox. */
export async function walkToPassword(v: Visitor, api: Api, a: Applicant): Promise<void> {
  expectRedirect(await v.submit(ACTIVATION, { agree: 'on' }), 'agreement');
  expectRedirect(await v.submit(`${ACTIVATION}/identity`, {
    candidateNo: a.candidateNo, name: a.name, idType: a.idType, idNumber: a.idNumber,
  }), 'identity');
  for (const [field, value] of [['phone', a.phone], ['email', a.email]] as const) {
    const page = `${ACTIVATION}/${field}`;
    const sent = await v.submit(page, { [field]: value }, `${page}/code`);
    if (sent.status !== 200) throw new Error(`${field} code: ${sent.status}: ${noticesIn(sent.text).join(' / ')}`);
    // The answer is the step's page again, the number kept: a person types the code into that page.
    const code = await api.latestCode(value);
    expectRedirect(await v.postForm(page, { [field]: value, code, _csrf: csrfIn(sent.text) }), field);
  }
}

/** The last step: POST the password. Resolves to the reply, whose 303 to …/done confirms the activation. */
export function submitPassword(v: Visitor, a: Applicant): Promise<Reply> {
  return v.submit(`${ACTIVATION}/password`, { password: a.password, confirmPassword: a.password });
}

/** A whole activation; true when the portal confirmed it with a 303 to …/done. */
export async function activate(v: Visitor, api: Api, a: Applicant): Promise<boolean> {
  await walkToPassword(v, api, a);
  const reply = await submitPassword(v, a);
  return reply.status === 303 && reply.headers.location === `${ACTIVATION}/done`;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '洋', '艳', '勇'];

/** The n-th of a series of distinct, well-formed applicants (own 考生号, passport, phone and email). */
export function applicant(n: number, institutionCode = '10614', series = 7): Applicant {
  const digits = String(n).padStart(8, '0');
  return {
    candidateNo: `${institutionCode}${series}${String(n).padStart(9, '0')}`,
    name: `${SURNAMES[n % 10]}${GIVEN[Math.floor(n / 10) % 10]}${GIVEN[Math.floor(n / 100) % 10]}`,
    idType: 'passport',
    idNumber: `E${digits}`,
    phone: `13${series}${digits}`,
    email: `applicant${series}x${n}@example.com`,
    password: 'Chengdu#Spring2026!',
  };
}

/** The demo WeCom application's address on this portal; a registered CAS service. */
export const wecomService = (base: string) => `${base}/wecom/`;

function ticketOf(reply: Reply, what: string): string {
  const ticket = /[?&]ticket=(ST-[A-Za-z0-9-]+)/.exec(String(reply.headers.location ?? ''))?.[1];
  if (reply.status !== 302 || !ticket) throw new Error(`${what}: expected a redirect with a ticket, got ${reply.status} ${noticesIn(reply.text).join(' / ')}`);
  return ticket;
}

/** A CAS login as the real form posts it without JavaScript (plain password); resolves to the service ticket. */
export async function casLogin(v: Visitor, service: string, username: string, password: string): Promise<string> {
  const path = `/authserver/login?service=${encodeURIComponent(service)}`;
  const page = await v.get(path);
  const execution = /name="execution" value="([^"]*)"/.exec(page.text)?.[1];
  if (!execution) throw new Error(`no login form: ${page.status} ${noticesIn(page.text).join(' / ')}`);
  const reply = await v.postForm(path, {
    username, password, execution, captcha: '', agreeProtocol: 'true', _eventId: 'submit', cllt: 'userNameLogin', dllt: 'generalLogin', lt: '',
  });
  return ticketOf(reply, `login of ${username}`);
}

/** Single sign-on: a logged-in browser asks for the service again and gets a ticket without the form. */
export async function ssoTicket(v: Visitor, service: string): Promise<string> {
  return ticketOf(await v.get(`/authserver/login?service=${encodeURIComponent(service)}`), 'single sign-on');
}

export type Validation =
  | { ok: true; user: string; attributes: Record<string, unknown> }
  | { ok: false; code: string };

/** CAS 3.0 ticket validation with the JSON answer, as a downstream system does it. */
export async function validateTicket(base: string, service: string, ticket: string): Promise<Validation> {
  const query = new URLSearchParams({ service, ticket, format: 'JSON' });
  const reply = await send(`${base}/authserver/p3/serviceValidate?${query}`);
  const answer = (JSON.parse(reply.text) as { serviceResponse: {
    authenticationSuccess?: { user: string; attributes?: Record<string, unknown> };
    authenticationFailure?: { code: string };
  } }).serviceResponse;
  if (answer.authenticationSuccess) return { ok: true, user: answer.authenticationSuccess.user, attributes: answer.authenticationSuccess.attributes ?? {} };
  return { ok: false, code: answer.authenticationFailure?.code ?? 'UNKNOWN' };
}
