// A CAS client that knows no server in particular: it reads the login form as a browser without JavaScript
// would, posts it, and validates the ticket with CAS 2.0 /serviceValidate. The same code measures this portal
// and any other CAS server, so a comparison between them compares the servers, not two harnesses.
import { noticesIn, Visitor } from '../portalClient.ts';

export interface CasUser {
  username: string;
  password: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    return String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
  });
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    attributes.set(m[1]!.toLowerCase(), unescapeHtml(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attributes;
}

/**
 * The form with a password field: where it posts and what a browser would send, the credentials filled in and
 * the boxes named in `ticks` ticked, as the person would (a consent the server requires, say).
 */
export function loginFormOf(html: string, pageUrl: URL, user: CasUser, ticks: string[] = []): { action: URL; fields: Record<string, string> } {
  for (const [, formTag, body] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const inputs = [...body!.matchAll(/<input\b([^>]*)>/gi)].map((m) => attributesOf(m[1]!));
    const password = inputs.find((a) => a.get('type') === 'password' && a.get('name'));
    if (!password) continue;
    const fields: Record<string, string> = {};
    for (const a of inputs) {
      const name = a.get('name');
      const type = a.get('type') ?? 'text';
      // Unticked boxes, buttons and files are not sent by a browser.
      if (!name || ['submit', 'button', 'image', 'reset', 'file'].includes(type)) continue;
      if ((type === 'checkbox' || type === 'radio') && !a.has('checked') && !ticks.includes(name)) continue;
      fields[name] = a.get('value') ?? (type === 'checkbox' ? 'on' : '');
    }
    const username = inputs.find((a) => a.get('name') === 'username')
      ?? inputs.find((a) => ['text', 'email', undefined].includes(a.get('type')) && a.get('name'));
    if (!username) throw new Error(`the login form at ${pageUrl.href} has no username field`);
    const missing = ticks.filter((name) => !(name in fields));
    if (missing.length) throw new Error(`the login form at ${pageUrl.href} has no ${missing.join(', ')} to tick`);
    fields[username.get('name')!] = user.username;
    fields[password.get('name')!] = user.password;
    return { action: new URL(attributesOf(formTag!).get('action') || pageUrl.href, pageUrl), fields };
  }
  throw new Error(`no login form at ${pageUrl.href}: ${html.slice(0, 300)}`);
}

/** Logs in as a fresh browser (GET the form, POST it); resolves to the service ticket. */
export async function casFormLogin(casUrl: string, service: string, user: CasUser, ticks: string[] = []): Promise<string> {
  const page = new URL(`${casUrl}/login?service=${encodeURIComponent(service)}`);
  const browser = new Visitor(page.origin);
  const form = loginFormOf((await browser.get(page.pathname + page.search)).text, page, user, ticks);
  if (form.action.origin !== page.origin) throw new Error(`the login form posts to another origin: ${form.action.href}`);
  const reply = await browser.postForm(form.action.pathname + form.action.search, form.fields);
  const location = String(reply.headers.location ?? '');
  const ticket = new URL(location, page).searchParams.get('ticket');
  if (reply.status < 300 || reply.status > 303 || !location.startsWith(service) || !ticket) {
    throw new Error(`login of ${user.username}: expected a redirect to the service with a ticket, got ${reply.status} ${location} ${noticesIn(reply.text).join(' / ')}`);
  }
  return ticket;
}

/** CAS 2.0 ticket validation; resolves to the user the server names, or throws with the failure code. */
export async function casServiceValidate(casUrl: string, service: string, ticket: string): Promise<string> {
  const page = new URL(`${casUrl}/serviceValidate?${new URLSearchParams({ service, ticket })}`);
  const reply = await new Visitor(page.origin).get(page.pathname + page.search);
  const user = /<cas:user>\s*([^<]*?)\s*<\/cas:user>/.exec(reply.text)?.[1];
  if (reply.status !== 200 || user === undefined) throw new Error(`validation of ${ticket}: ${reply.status} ${reply.text.slice(0, 300)}`);
  return unescapeHtml(user);
}

/** One full CAS login — form, credentials, ticket validation; resolves to the validation's latency in ms. */
export async function fullCasLogin(casUrl: string, service: string, user: CasUser, ticks: string[] = []): Promise<number> {
  const ticket = await casFormLogin(casUrl, service, user, ticks);
  const t = performance.now();
  const validated = await casServiceValidate(casUrl, service, ticket);
  const ms = performance.now() - t;
  if (validated.toLowerCase() !== user.username.toLowerCase()) throw new Error(`ticket of ${user.username} validated as ${validated}`);
  return ms;
}
