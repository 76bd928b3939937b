import { normalizeInput } from './text.ts';

export type EmailCheck = { ok: true; value: string } | { ok: false; code: 'EMAIL_REQUIRED' | 'EMAIL_FORMAT' };

const MAX_EMAIL_LENGTH = 254;
// RFC 5321 dot-atom local part; quoted local parts are deliberately not supported.
const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^[A-Za-z]{2,}$/;

function isLocalPart(local: string): boolean {
  return LOCAL_PART.test(local) && !local.startsWith('.') && !local.endsWith('.') && !local.includes('..');
}

function isDomain(domain: string): boolean {
  const labels = domain.split('.');
  const tld = labels[labels.length - 1] ?? '';
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL_DOMAIN.test(tld);
}

export function checkEmail(raw: string): EmailCheck {
  const trimmed = normalizeInput(raw);
  if (trimmed === '') return { ok: false, code: 'EMAIL_REQUIRED' };
  const parts = trimmed.split('@');
  if (trimmed.length > MAX_EMAIL_LENGTH || parts.length !== 2) return { ok: false, code: 'EMAIL_FORMAT' };
  const [local = '', domain = ''] = parts;
  if (!isLocalPart(local) || !isDomain(domain)) return { ok: false, code: 'EMAIL_FORMAT' };
  // Mailbox providers ignore case, so one address must not be bindable twice in two spellings.
  return { ok: true, value: `${local}@${domain}`.toLowerCase() };
}

const LONG_LOCAL_PART = 6;

export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return '***';
  const local = value.slice(0, at);
  const kept = local.length > LONG_LOCAL_PART ? 3 : 1;
  return `${local.slice(0, kept)}***${value.slice(at)}`;
}
