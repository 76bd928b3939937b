import type { Response } from 'express';
import svgCaptcha from 'svg-captcha';
import type { Clock } from '../clock.ts';
import type { Store } from '../data/store.ts';
import { newRandomId } from './randomId.ts';

const CAPTCHA_TTL_MS = 5 * 60 * 1000;
// Characters a trainee could confuse on a small image are never drawn.
const CONFUSABLE = '0oO1iIlL';
const CAPTCHA_ID = /^[A-Za-z0-9]{16,32}$/;

export type CaptchaVerdict = { ok: true } | { ok: false; code: 'CAPTCHA_REQUIRED' | 'CAPTCHA_MISMATCH' };

/**
 * Image captchas drawn by svg-captcha. The form carries a random id (the real portal's ltId); the
 * image for that id is drawn on request and its answer kept in SQLite until one try uses it.
 */
export function createCaptchas(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  return {
    newId: () => newRandomId(16),

    /** Draws a new image for the id (a refresh replaces the answer) and sends it. */
    serve(res: Response, id: string): void {
      if (!CAPTCHA_ID.test(id)) {
        res.status(400).end();
        return;
      }
      const captcha = svgCaptcha.create({ size: 4, noise: 3, ignoreChars: CONFUSABLE, width: 120, height: 40, background: '#f2f5fa' });
      const now = clock.now();
      store.captchas.put(id, captcha.text.toLowerCase(), now + CAPTCHA_TTL_MS, now);
      res.set('Cache-Control', 'no-store').type('image/svg+xml').send(captcha.data);
    },

    /** One try per image: the answer is deleted whatever the outcome. */
    check(id: string, typed: string): CaptchaVerdict {
      if (typed.trim() === '') return { ok: false, code: 'CAPTCHA_REQUIRED' };
      const issued = CAPTCHA_ID.test(id) ? store.captchas.take(id) : undefined;
      if (!issued || issued.expires_at <= clock.now()) return { ok: false, code: 'CAPTCHA_MISMATCH' };
      return issued.answer === typed.trim().toLowerCase() ? { ok: true } : { ok: false, code: 'CAPTCHA_MISMATCH' };
    },
  };
}

export type Captchas = ReturnType<typeof createCaptchas>;
