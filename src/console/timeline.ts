import type { AuditRow } from '../data/audit.ts';
import type { OutboxRow } from '../data/outbox.ts';
import { maskEmail } from '../rules/email.ts';
import { maskPhone } from '../rules/phone.ts';
import { isTextCode, textOf, textOfStored, type TextParams } from '../web/texts.ts';
import { beijingTime } from './format.ts';

export interface TimelineEntry {
  at: number;
  time: string;
  title: string;
  outcome: 'ok' | 'error' | 'message';
  /** The exact text the candidate saw (an error or a notice), or the message sent. */
  shown?: string;
  actor?: string;
  reason?: string;
  ip?: string | null;
}

function paramsOf(row: AuditRow): TextParams {
  if (!row.params) return {};
  const parsed = JSON.parse(row.params) as Record<string, unknown>;
  const params: TextParams = {};
  for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  return params;
}

function actorName(username: string | null, staffName: unknown): string | undefined {
  if (!username) return undefined;
  return typeof staffName === 'string' ? `${staffName}（${username}）` : username;
}

function fromAudit(row: AuditRow): TimelineEntry {
  const params = paramsOf(row);
  const label = `EVENT_${row.event}`;
  let shown = row.code ? textOfStored(row.code, params) : undefined;
  // A refused password lists the rules it broke, as the page did.
  if (row.code === 'PASSWORD_WEAK' && typeof params.failed === 'string' && params.failed) {
    shown += params.failed.split(',').map((id) => textOfStored(id, params)).join('；');
  }
  const staffAction = row.event.startsWith('STAFF_') || row.event.startsWith('FAULT_') || row.event.startsWith('ROSTER_');
  return {
    at: row.at,
    time: beijingTime(row.at),
    title: isTextCode(label) ? textOf(label) : row.event,
    outcome: row.outcome,
    shown,
    actor: staffAction || row.actor === 'api' ? actorName(row.actor, params.staffName) : undefined,
    reason: typeof params.reason === 'string' ? params.reason : undefined,
    ip: row.ip,
  };
}

function fromMessage(m: OutboxRow, revealed: boolean): TimelineEntry {
  const to = revealed ? m.recipient : m.channel === 'sms' ? maskPhone(m.recipient) : maskEmail(m.recipient);
  return {
    at: m.created_at,
    time: beijingTime(m.created_at),
    title: textOf('TIMELINE_MESSAGE', { channel: textOf(`CHANNEL_${m.channel}`), to }),
    outcome: m.delivery === 'failed' ? 'error' : 'message',
    shown: m.channel === 'sms' ? m.text : `${m.subject ?? ''}\n${m.text}`,
  };
}

/** Every attempt, error, message and staff action for one candidate, oldest first. */
export function timelineOf(audit: AuditRow[], messages: OutboxRow[], revealed: boolean): TimelineEntry[] {
  return [...audit.map(fromAudit), ...messages.map((m) => fromMessage(m, revealed))].sort((a, b) => a.at - b.at);
}
