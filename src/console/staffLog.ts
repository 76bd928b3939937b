import { Router, type Request } from 'express';
import type { AuditRow } from '../data/audit.ts';
import { isAuditEvent } from '../data/auditEvents.ts';
import { isTextCode, textOf, textOfStored, type TextCode } from '../web/texts.ts';
import { detailsOf } from './auditDetails.ts';
import { messageParamsOf, rawParamsOf } from './auditParams.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime } from './format.ts';

const PAGE_SIZE = 50;
const DAY = 24 * 60 * 60 * 1000;
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight in Beijing of a YYYY-MM-DD date, in UTC ms; undefined for '' and NaN for a date that does not exist. */
function beijingMidnight(date: string): number | undefined {
  if (date === '') return undefined;
  const m = DATE.exec(date);
  if (!m) return Number.NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === date ? ms - BEIJING_OFFSET_MS : Number.NaN;
}

/** What the action was done to, in words: a staff account, a script, an export's filters, a recipient. */
function subjectOf(row: AuditRow, params: Record<string, unknown>): string | undefined {
  if (typeof params.username === 'string') return textOf('STAFF_LOG_ACCOUNT', { username: params.username });
  const situation = `SITUATION_${String(params.situation)}`;
  if (isTextCode(situation)) return textOf('STAFF_LOG_SCRIPT', { situation: textOf(situation) });
  const code = `STAFF_LOG_${row.event}`;
  return isTextCode(code) ? textOf(code, messageParamsOf(row)) : undefined;
}

/** 操作日志 (admins): every staff action in the console — who, when, what, to whom, why — by person and date. */
export function staffLogRoutes(deps: ConsoleDeps) {
  const { store } = deps;
  const router = Router();

  router.get('/audit', (req: Request, res) => {
    const query = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).trim().slice(0, 64) : '');
    const staffList = store.staff.list();
    const values = { actor: query('staff'), from: query('from'), to: query('to') };
    const actor = staffList.some((s) => s.username === values.actor) ? values.actor : '';
    const from = beijingMidnight(values.from);
    const to = beijingMidnight(values.to);
    let error: TextCode | undefined;
    if (Number.isNaN(from) || Number.isNaN(to)) error = 'STAFF_LOG_DATE_INVALID';
    else if (from !== undefined && to !== undefined && to < from) error = 'STAFF_LOG_RANGE_INVALID';
    const page = Math.max(1, Math.min(10_000, Number.parseInt(query('page') || '1', 10) || 1));
    const { rows, total } = error
      ? { rows: [], total: 0 }
      : store.audit.staffLog({ actor, from: from ?? 0, to: to === undefined ? Number.MAX_SAFE_INTEGER : to + DAY, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    const names = new Map(staffList.map((s) => [s.username.toLowerCase(), s.display_name]));
    res.status(error ? 400 : 200).render('console/staffLog', {
      staffList, values, error, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      base: `/console/audit?${new URLSearchParams({ staff: values.actor, from: values.from, to: values.to }).toString()}&`,
      rows: rows.map((row) => {
        const params = rawParamsOf(row);
        return {
          time: beijingTime(row.at),
          actor: names.has((row.actor ?? '').toLowerCase()) ? `${names.get(row.actor!.toLowerCase())}（${row.actor}）` : row.actor,
          action: isAuditEvent(row.event) ? textOf(`EVENT_${row.event}`) : textOf('EVENT_UNKNOWN'),
          outcome: row.outcome,
          result: row.code ? textOfStored(row.code, messageParamsOf(row)) : undefined,
          candidateNo: row.candidate_no,
          subject: subjectOf(row, params),
          details: detailsOf(row, params),
          reason: typeof params.reason === 'string' ? params.reason : undefined,
          ip: row.ip,
        };
      }),
    });
  });

  return router;
}
