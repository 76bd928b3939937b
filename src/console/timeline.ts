import type { AuditRow } from '../data/audit.ts';
import { AUDIT_EVENTS, isAuditEvent } from '../data/auditEvents.ts';
import type { OutboxRow } from '../data/outbox.ts';
import { TRAINING_FAULT_REASON } from '../messaging/outbound.ts';
import type { WecomTimelineEntry } from '../wecom/helpdesk.ts';
import { textOf, textOfStored, type TextCode } from '../web/texts.ts';
import { detailsOf } from './auditDetails.ts';
import { messageParamsOf, rawParamsOf } from './auditParams.ts';
import { beijingTime, shownMessage } from './format.ts';

export interface TimelineEntry {
  at: number;
  time: string;
  title: string;
  /** message: an SMS or email that reached the candidate; undelivered: one that failed or has not arrived yet. */
  outcome: 'ok' | 'error' | 'message' | 'undelivered';
  /** The text shown with the event, and who saw it (考生看到 / 应用收到 / 服务台看到), or a message's content. */
  shown?: string;
  shownBy?: TextCode;
  /** What staff learn beyond what the candidate saw: the application, the field that differed, a message's fate. */
  details: string[];
  actor?: string;
  reason?: string;
  ip?: string | null;
}

const SHOWN_BY: Record<(typeof AUDIT_EVENTS)[keyof typeof AUDIT_EVENTS], TextCode> = {
  candidate: 'TIMELINE_SHOWN',
  application: 'TIMELINE_SHOWN_TO_APPLICATION',
  staff: 'TIMELINE_SHOWN_TO_STAFF',
};

function actorName(username: string | null, staffName: unknown): string | undefined {
  if (!username) return undefined;
  return typeof staffName === 'string' ? `${staffName}（${username}）` : username;
}

// A staff action in the WeCom app is shown once: as the WeCom event the member lived, with who did it and why.
const SHOWN_AS_WECOM_EVENT: ReadonlySet<string> = new Set(['STAFF_WECOM_SECOND_AUTH', 'STAFF_WECOM_PHONE', 'STAFF_WECOM_FAULT']);

function fromWecom(e: WecomTimelineEntry, staffNames: ReadonlyMap<string, string>): TimelineEntry {
  const at = Date.parse(e.at);
  return {
    at,
    time: beijingTime(at),
    title: e.label,
    outcome: e.outcome,
    shown: e.shown ?? undefined,
    shownBy: 'TIMELINE_SHOWN',
    details: [],
    actor: e.actor ? actorName(e.actor, staffNames.get(e.actor.toLowerCase())) : undefined,
    reason: e.reason ?? undefined,
  };
}

function fromAudit(row: AuditRow): TimelineEntry {
  const raw = rawParamsOf(row);
  const params = messageParamsOf(row);
  let shown = row.code ? textOfStored(row.code, params) : undefined;
  // A refused password lists the rules it broke, as the page did.
  if (row.code === 'PASSWORD_WEAK' && typeof raw.failed === 'string' && raw.failed) {
    shown += raw.failed.split(',').map((id) => textOfStored(id, params)).join('；');
  }
  const source = isAuditEvent(row.event) ? AUDIT_EVENTS[row.event] : 'candidate';
  return {
    at: row.at,
    time: beijingTime(row.at),
    title: isAuditEvent(row.event) ? textOf(`EVENT_${row.event}`) : textOf('EVENT_UNKNOWN'),
    outcome: row.outcome,
    shown,
    shownBy: SHOWN_BY[source],
    details: detailsOf(row, raw),
    actor: source === 'staff' ? actorName(row.actor, raw.staffName) : undefined,
    reason: typeof raw.reason === 'string' ? raw.reason : undefined,
    ip: row.ip,
  };
}

function fromMessage(m: OutboxRow, revealed: boolean, now: number): TimelineEntry {
  // Codes are read out only after 显示, which is audited, like the full phone number.
  const shown = shownMessage(m, revealed);
  const failed = m.delivery === 'failed';
  const onItsWay = !failed && m.created_at > now;
  const details = failed
    ? [textOf(m.delivery_error === TRAINING_FAULT_REASON ? 'DETAIL_NOT_DELIVERED_FAULT' : 'DETAIL_NOT_DELIVERED')]
    : onItsWay ? [textOf('DETAIL_ARRIVES_AT', { time: beijingTime(m.created_at) })] : [];
  return {
    at: m.created_at,
    time: beijingTime(m.created_at),
    title: textOf('TIMELINE_MESSAGE', { channel: textOf(`CHANNEL_${m.channel}`), to: shown.recipient }),
    outcome: failed || onItsWay ? 'undelivered' : 'message',
    shown: m.channel === 'sms' ? shown.text : `${m.subject ?? ''}\n${shown.text}`,
    details,
  };
}

export interface TimelineSources {
  audit: AuditRow[];
  messages: OutboxRow[];
  /** The member's events in the WeCom app, as its help-desk module tells them. */
  wecom: WecomTimelineEntry[];
  /** Staff display names by lower-case user name. */
  staffNames: ReadonlyMap<string, string>;
}

/** Every attempt, error, message and staff action for one candidate, in the portal and in WeCom, newest first. */
export function timelineOf(sources: TimelineSources, revealed: boolean, now: number): TimelineEntry[] {
  const { messages, staffNames } = sources;
  const audit = sources.audit.filter((row) => !(row.outcome === 'ok' && SHOWN_AS_WECOM_EVENT.has(row.event)));
  // Oldest first in the store's order, then reversed. At equal times a message goes before the audit rows:
  // it is stored before the attempt that sent it is recorded.
  const oldestFirst = [
    ...messages.map((m) => fromMessage(m, revealed, now)),
    ...audit.map(fromAudit),
    ...sources.wecom.map((e) => fromWecom(e, staffNames)),
  ].sort((a, b) => a.at - b.at);
  return oldestFirst.reverse();
}
