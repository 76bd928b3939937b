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
type OneTimeName = (typeof ONE_TIME_NAMES)[number];
// One page per service URL, tab and captcha state; the least recently shown goes first (about 10 KB each).
const MAX_PAGES = 64;
// Pages are written into slices of one block, as Buffer's own pool does for small buffers: a slice is never
// reused, and a block is freed once no slice of it is still being written.
const BLOCK_BYTES = 256 * 1024;

/** A kept page: its text around the one-time values as UTF-8, the value each gap takes, and the text's size. */
interface KeptPage { texts: Buffer[]; names: OneTimeName[]; textBytes: number }

function keptPage(html: string, marker: string): KeptPage {
  const parts = html.split(marker);
  const texts = parts.filter((_, i) => i % 2 === 0).map((text) => Buffer.from(text));
  return { texts, names: parts.filter((_, i) => i % 2 === 1) as OneTimeName[], textBytes: texts.reduce((n, text) => n + text.length, 0) };
}

/**
 * The login page as nobody has filled it in is the same for everyone who asks for the same service, tab and
 * captcha state, but for its one-time values: where views are cached (production), it is rendered once with
 * a secret marker around each value's name, and later showings only put the new values in. The values are
 * letters, digits and `._-` (one byte each in UTF-8), which the template would not have escaped either.
 */
export function createLoginPages() {
  const marker = newRandomId(24);
  const pages = new Map<string, KeptPage>();
  let block = Buffer.allocUnsafeSlow(BLOCK_BYTES);
  let used = 0;

  /** The page with these values, as the bytes to send: no string of the whole page is built or encoded. */
  function filled(page: KeptPage, values: OneTimeValues): Buffer {
    let size = page.textBytes;
    for (const name of page.names) size += values[name].length;
    if (size > block.length - used) {
      block = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, size));
      used = 0;
    }
    const body = block.subarray(used, used + size);
    used += size;
    let at = page.texts[0]!.copy(body, 0);
    for (let i = 0; i < page.names.length; i++) {
      at += body.write(values[page.names[i]!], at, 'latin1');
      at += page.texts[i + 1]!.copy(body, at);
    }
    return body;
  }

  function remember(key: string, page: KeptPage): void {
    pages.delete(key);
    pages.set(key, page);
    if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value!);
  }

  /** With the two headers res.send would set for this page (no ETag: see app.ts), without its general checks. */
  function sendFilled(res: Response, page: KeptPage, values: OneTimeValues): void {
    const body = filled(page, values);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
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
        return sendFilled(res, kept, values);
      }
      const placeholders = Object.fromEntries(ONE_TIME_NAMES.map((name) => [name, `${marker}${name}${marker}`]));
      res.render(view, { ...locals, ...placeholders }, (err: Error | null, html?: string) => {
        if (err) return req.next!(err);
        const page = keptPage(html!, marker);
        remember(key, page);
        sendFilled(res, page, values);
      });
    },
  };
}

export type LoginPages = ReturnType<typeof createLoginPages>;
