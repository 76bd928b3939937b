// What careless and hostile users send: generators for fast-check, and the checks every answer must pass.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import type { Portal } from '../../src/app.ts';
import type { Db } from '../../src/data/db.ts';

/** Payloads that would run script if echoed raw; none may ever appear unescaped in an answer. */
export const MARKUP_PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>"] as const;

const pieces = fc.constantFrom(
  '\u0000', '\u0001', '\u0008', '\u001b', '\u007f', '\r\n', '\t', ' ', '\u3000', // control characters, spaces
  '\u200e', '\u200f', '\u202e', '\u2066', '\u200b', '\ufeff', // RTL and invisible marks
  '😀', '👨‍👩‍👧', '𠮷', '\ud800', // emoji, astral CJK, a lone surrogate
  '１３８００１３８０００', '１２３４５６', '０', // full-width digits
  'İ', 'ß', 'Ａ', '张伟', '·', '%', '%00', '%E4%', '&', '=', '+', '../', '\\', '{{7*7}}', '<%= 7*7 %>', '${7*7}', "' OR 1=1 --",
  ...MARKUP_PAYLOADS,
);

/** A short string of hostile pieces, random characters and digits. */
export const hostileString = fc
  .array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 6 }), fc.stringMatching(/^[0-9]{1,18}$/)), { maxLength: 8 })
  .map((parts) => parts.join(''));

/** Mostly hostile strings, a third of them carrying markup; now and then one of 100 KB. */
export const hostileValue = fc.oneof(
  { weight: 14, arbitrary: hostileString },
  { weight: 7, arbitrary: fc.tuple(hostileString, fc.constantFrom(...MARKUP_PAYLOADS), hostileString).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: hostileString.map((s) => s + 'Ａ'.repeat(34_000)) },
  // Astral characters across the lengths where inputs are cut (50, 64, 100, 200, 254): a cut must not halve one.
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 45, max: 260 }), fc.constantFrom('😀', '𠮷', '👨‍👩‍👧')).map(([n, c]) => 'a'.repeat(n) + c.repeat(4)) },
);

/** Any JSON value, weighted towards the wrong types for a string field. */
export const jsonValue = fc.oneof(
  { weight: 4, arbitrary: hostileValue },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, 0, -1, 1e308, '', [], {}) },
  { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 2 }) },
  { weight: 1, arbitrary: fc.constantFrom('106146510100099', '张伟', 'resident_id', 'passport', 'E12345678', '510107200103151626') },
);

/** How a field turns up in a form: missing, once, twice, as a PHP-style array, or with a look-alike name. */
export type FieldShape = { kind: 'missing' } | { kind: 'once' | 'twice' | 'array' | 'lookalike'; value: string; other: string };

export const fieldShape: fc.Arbitrary<FieldShape> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('once' as const), value: hostileValue, other: hostileString }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('twice' as const, 'array' as const, 'lookalike' as const), value: hostileValue, other: hostileString }) },
);

/** The string with lone surrogates replaced by U+FFFD, as a browser would send it. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Percent-encoded for a URL or form body. */
export function encode(s: string): string {
  return encodeURIComponent(wellFormed(s));
}

/** The url-encoded body for these field shapes, plus a token; raw pieces may add malformed escapes. */
export function formBody(fields: Record<string, FieldShape>, csrf: string | undefined, rawTail = ''): string {
  const pairs: string[] = [];
  for (const [name, shape] of Object.entries(fields)) {
    if (shape.kind === 'missing') continue;
    if (shape.kind === 'once') pairs.push(`${name}=${encode(shape.value)}`);
    if (shape.kind === 'twice') pairs.push(`${name}=${encode(shape.value)}`, `${name}=${encode(shape.other)}`);
    if (shape.kind === 'array') pairs.push(`${name}%5B%5D=${encode(shape.value)}`, `${name}%5B0%5D=${encode(shape.other)}`);
    if (shape.kind === 'lookalike') pairs.push(`${encode(name.toUpperCase() + shape.other)}=${encode(shape.value)}`);
  }
  if (csrf !== undefined) pairs.push(`_csrf=${encode(csrf)}`);
  return pairs.join('&') + rawTail;
}

/** The content types a form post may come with. */
export const formContentType = fc.oneof(
  { weight: 8, arbitrary: fc.constant('application/x-www-form-urlencoded') },
  { weight: 1, arbitrary: fc.constantFrom('application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded; charset=gbk', 'application/xml') },
);

/** Waits for what the portal finishes after it starts (the first console admin is hashed, then stored). */
export async function settled(portal: Portal): Promise<void> {
  await portal.firstAdmin.ready;
}

/** Rows of every table except the ones that change on any request (named), hashed. */
export function tablesChecksum(db: Db, volatile: readonly string[]): string {
  const hash = createHash('sha256');
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  for (const table of tables.filter((t) => !volatile.includes(t))) {
    const rows = db.prepare(`SELECT * FROM "${table}"`).raw().all().map((r) => JSON.stringify(r)).sort();
    hash.update(`${table}\n${rows.join('\n')}\n`);
  }
  return hash.digest('hex');
}

/**
 * Tables a refused request may legitimately write: the session store (every visit), the audit log (every
 * attempt is recorded) and the guessing counters and locks (every failed identity check counts).
 */
export const VOLATILE_TABLES = ['sessions', 'audit', 'attempts', 'attempt_locks'] as const;

interface Answer { status: number; headers: Record<string, string>; text: string }

/** Nothing in the answer is a payload echoed raw. */
export function expectNoRawEcho(res: Answer): void {
  for (const payload of MARKUP_PAYLOADS) expect(res.text.includes(payload), `raw ${payload} in the answer`).toBe(false);
}

/** The text of the error, info and field-error notices of a portal or console page. */
function messagesIn(html: string): string[] {
  return [...html.matchAll(/class="[^"]*\b(?:notice-error|notice-info|field-error)\b[^"]*"[^>]*>([^<]*)</g)].map((m) => m[1]!);
}

/** A refused form post: below 500, an HTML page with a Chinese message saying what is wrong. */
export function expectClearPageError(res: Answer): void {
  expect(res.status, res.text.slice(0, 500)).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/^text\/html/);
  expect(messagesIn(res.text).some((m) => /[\u4e00-\u9fff]/.test(m)), `a Chinese message in ${res.text.slice(0, 300)}`).toBe(true);
  expectNoRawEcho(res);
}

/** A refused API call: below 500, JSON with a code and a message, and field errors when the fields were wrong. */
export function expectClearApiError(res: Answer & { body: unknown }): void {
  expect(res.status, res.text.slice(0, 500)).toBeGreaterThanOrEqual(400);
  expect(res.status, res.text.slice(0, 500)).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.body as { code?: unknown; message?: unknown; fields?: Record<string, { code: string; message: string }> };
  expect(typeof body.code).toBe('string');
  expect(typeof body.message).toBe('string');
  if (body.code === 'VALIDATION_FAILED') {
    expect(Object.keys(body.fields ?? {}).length).toBeGreaterThan(0);
    for (const f of Object.values(body.fields!)) expect(typeof f.code === 'string' && typeof f.message === 'string').toBe(true);
  }
  expectNoRawEcho(res);
}
