// Input normalisation shared by every rule: what a user types on a Chinese IME
// (full-width digits, ideographic spaces, pasted invisible marks) becomes plain text.

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0;
// Zero-width and bidi controls survive copy-paste from chat apps and PDFs and are never meaningful here.
const INVISIBLE_CONTROLS = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// Every look-alike of the middle dot used in transliterated minority and foreign names (阿卜杜·热合曼).
// ASCII '.' is included because NFKC turns the full-width '．' into it.
const MIDDLE_DOTS = /[.\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF0E\uFF65]/g;
const CANONICAL_MIDDLE_DOT = '\u00B7';
const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Nd}]/u;

export function toHalfWidth(s: string): string {
  return s
    .replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');
}

export function normalizeInput(s: string): string {
  return toHalfWidth(s.normalize('NFKC')).replace(INVISIBLE_CONTROLS, '').trim();
}

export function normalizeName(s: string): string {
  const dotted = normalizeInput(s).replace(MIDDLE_DOTS, CANONICAL_MIDDLE_DOT);
  // A space survives only between two Latin words ("JOHN SMITH"); CJK names are written without spaces.
  const spaced = dotted.replace(/\s+/g, (run, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + run.length] ?? '';
    return LATIN_OR_DIGIT.test(before) && LATIN_OR_DIGIT.test(after) ? ' ' : '';
  });
  return spaced.toUpperCase();
}

export function namesMatch(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}
