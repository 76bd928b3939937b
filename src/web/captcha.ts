import type { Response } from 'express';
import svgCaptcha from 'svg-captcha';
import type { Clock } from '../clock.ts';
import type { Store } from '../data/store.ts';
import { formString, type FieldError, type Form } from './forms.ts';
import { newRandomId } from './randomId.ts';
import { drawPuzzle, PIECE_SIZE, PUZZLE_WIDTH } from './sliderPuzzle.ts';

const CAPTCHA_TTL_MS = 5 * 60 * 1000;
// Characters a trainee could confuse on a small image are never drawn.
const CONFUSABLE = '0oO1iIlL';
const CAPTCHA_ID = /^[A-Za-z0-9]{16,32}$/;
// What an id holds besides an image's answer: a slider's hole position, or a solved slider standing in for one.
const SLIDER = /^slider:(\d+)$/;
const SLIDER_PASSED = 'slider:passed';

export type CaptchaVerdict = { ok: true } | { ok: false; code: 'CAPTCHA_REQUIRED' | 'CAPTCHA_MISMATCH' };

/** The real openSliderCaptcha.htl's answer: the two pictures (Base64), the piece's width and its top. */
export interface SliderChallenge {
  bigImage: string;
  smallImage: string;
  tagWidth: number;
  yHeight: number;
}

/**
 * Captchas by id (the real portal's ltId), kept in SQLite until one try uses them: an image drawn by
 * svg-captcha, or UESTC's slider, whose solved state then stands in for the typed answer of that id once.
 * A script solves either; the attempt limits are the control, the captchas are there to look like the real portal.
 */
export function createCaptchas(deps: { store: Store; clock: Clock; sliderTolerancePx: number }) {
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

    /** A new slider puzzle for the id (replacing whatever the id held); undefined for a malformed id. */
    openSlider(id: string): SliderChallenge | undefined {
      if (!CAPTCHA_ID.test(id)) return undefined;
      const puzzle = drawPuzzle();
      const now = clock.now();
      store.captchas.put(id, `slider:${puzzle.x}`, now + CAPTCHA_TTL_MS, now);
      return { bigImage: puzzle.bigImage.toString('base64'), smallImage: puzzle.smallImage.toString('base64'), tagWidth: PIECE_SIZE, yHeight: puzzle.y };
    },

    /**
     * The page says how wide it drew the picture (canvasLength) and how far the piece was dragged (moveLength);
     * scaled back to the picture, the piece must land within the tolerance of the hole. One try per puzzle.
     */
    verifySlider(id: string, canvasLength: number, moveLength: number): boolean {
      const issued = CAPTCHA_ID.test(id) ? store.captchas.take(id) : undefined;
      const hole = issued ? SLIDER.exec(issued.answer) : null;
      const now = clock.now();
      if (!issued || !hole || issued.expires_at <= now) return false;
      if (!(canvasLength >= PIECE_SIZE && canvasLength <= 4 * PUZZLE_WIDTH && moveLength >= 0 && moveLength <= canvasLength)) return false;
      const landed = (moveLength * PUZZLE_WIDTH) / canvasLength;
      if (Math.abs(landed - Number(hole[1])) > deps.sliderTolerancePx) return false;
      store.captchas.put(id, SLIDER_PASSED, now + CAPTCHA_TTL_MS, now);
      return true;
    },

    /** One try per image: the answer is deleted whatever the outcome. Nothing typed: a slider solved for the id. */
    check(id: string, typed: string): CaptchaVerdict {
      if (typed.trim() === '') {
        const solved = CAPTCHA_ID.test(id) && store.captchas.takeIf(id, SLIDER_PASSED, clock.now());
        return solved ? { ok: true } : { ok: false, code: 'CAPTCHA_REQUIRED' };
      }
      const issued = CAPTCHA_ID.test(id) ? store.captchas.take(id) : undefined;
      if (!issued || issued.expires_at <= clock.now() || issued.answer.startsWith('slider:')) return { ok: false, code: 'CAPTCHA_MISMATCH' };
      return issued.answer === typed.trim().toLowerCase() ? { ok: true } : { ok: false, code: 'CAPTCHA_MISMATCH' };
    },
  };
}

export type Captchas = ReturnType<typeof createCaptchas>;

/** The graphic captcha a retrieve-password form carries (its typed answer is never shown again). */
export function captchaOfForm(form: Form): { captcha: string; captchaId: string } {
  return { captcha: formString(form, 'captcha', 10), captchaId: formString(form, 'captchaId', 40) };
}

/**
 * The retrieve-password app's check of that captcha, in its words: 请输入图形验证码, 验证码不正确. Nothing to
 * say when it was solved or when captchas are off (the test-automation switch).
 */
export function graphicCaptchaError(captchas: Captchas, enabled: boolean, input: { captcha: string; captchaId: string }): FieldError | undefined {
  if (!enabled) return undefined;
  if (input.captcha.trim() === '') return { code: 'GRAPHIC_CAPTCHA_REQUIRED' };
  return captchas.check(input.captchaId, input.captcha).ok ? undefined : { code: 'GRAPHIC_CAPTCHA_INCORRECT' };
}
