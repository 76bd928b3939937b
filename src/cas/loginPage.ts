import type { Request, Response } from 'express';
import { newRandomId } from '../web/randomId.ts';

/** What differs every time the login page is shown: the two forms' one-time tokens and captcha ids. */
export interface OneTimeValues {
  execution: string;
  phoneExecution: string;
  salt: string;
  captchaId: string;
  smsCaptchaId: string;
}

const ONE_TIME_NAMES = ['execution', 'phoneExecution', 'salt', 'captchaId', 'smsCaptchaId'] as const satisfies readonly (keyof OneTimeValues)[];
// One page per service URL, tab and captcha state; the least recently shown goes first (about 10 KB each).
const MAX_PAGES = 64;

/**
 * The login page as nobody has filled it in is the same for everyone who asks for the same service, tab and
 * captcha state, but for its one-time values: where views are cached (production), it is rendered once with
 * a secret marker around each value's name, and later showings only put the new values in. The values are
 * letters, digits and `._-`, which the template would not have escaped either.
 */
export function createLoginPages() {
  const marker = newRandomId(24);
  // The page cut at the markers: text, value name, text, value name, …, text.
  const pages = new Map<string, string[]>();
  const filled = (parts: string[], values: OneTimeValues) =>
    parts.map((part, i) => (i % 2 === 1 ? values[part as keyof OneTimeValues] : part)).join('');

  function remember(key: string, parts: string[]): void {
    pages.delete(key);
    pages.set(key, parts);
    if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  }

  return {
    /** Sends the view with these locals and one-time values, rendering it only when this page is not kept yet. */
    send(req: Request, res: Response, view: string, locals: Record<string, unknown>, values: OneTimeValues): void {
      if (!req.app.enabled('view cache')) return res.render(view, { ...locals, ...values });
      // Everything the page shows but the one-time values: any difference is another page.
      const key = `${view}\n${JSON.stringify(locals)}`;
      const kept = pages.get(key);
      if (kept) {
        remember(key, kept);
        // The headers res.send would set for this page (no ETag: see app.ts), without its general checks.
        const html = filled(kept, values);
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(html));
        res.end(html);
        return;
      }
      const placeholders = Object.fromEntries(ONE_TIME_NAMES.map((name) => [name, `${marker}${name}${marker}`]));
      res.render(view, { ...locals, ...placeholders }, (err: Error | null, html?: string) => {
        if (err) return req.next!(err);
        const parts = html!.split(marker);
        remember(key, parts);
        res.send(filled(parts, values));
      });
    },
  };
}

export type LoginPages = ReturnType<typeof createLoginPages>;
