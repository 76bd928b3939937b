import { maskEmail } from '../rules/email.ts';
import { maskIdNumber } from '../rules/idDocuments.ts';
import { maskPhone } from '../rules/phone.ts';
import type { Fault } from '../data/faults.ts';
import type { OutboxRow } from '../data/outbox.ts';
import { codeInMessage, maskMessageCode } from '../rules/messageCode.ts';
import { textOf, textOfStored } from '../web/texts.ts';

// Staff work in Beijing time; UTC+8 has no DST.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 2026-03-10 10:00:00 in Beijing time. */
export function beijingTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return textOf('EMPTY_VALUE');
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The values a candidate page shows: masked unless the agent asked to see them (which is audited). */
export function personalData(c: { id_number: string; phone: string | null; email: string | null }, revealed: boolean) {
  const none = textOf('EMPTY_VALUE');
  return {
    idNumber: revealed ? c.id_number : maskIdNumber(c.id_number),
    phone: c.phone ? (revealed ? c.phone : maskPhone(c.phone)) : none,
    email: c.email ? (revealed ? c.email : maskEmail(c.email)) : none,
  };
}

/** A message as staff see it: recipient and code masked until they asked to see them (which is audited). */
export function shownMessage(m: OutboxRow, revealed: boolean) {
  if (revealed) return { recipient: m.recipient, text: m.text, html: m.html };
  const code = codeInMessage(m.text);
  return {
    recipient: m.channel === 'sms' ? maskPhone(m.recipient) : maskEmail(m.recipient),
    text: maskMessageCode(m.text, code),
    html: m.html === null ? null : maskMessageCode(m.html, code),
  };
}

/** One line per active fault, for the banner and the faults page. */
export function describeFault(f: Fault): string {
  const accountType = f.params.accountType ? textOfStored(`ACCOUNT_TYPE_${f.params.accountType}`) : undefined;
  return textOf(`FAULT_${f.kind}`, { seconds: f.params.seconds, target: f.target, accountType });
}
