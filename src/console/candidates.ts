import { Router, type Request, type Response } from 'express';
import { once } from 'node:events';
import type { StatusFilter } from '../data/roster.ts';
import { csvLine, UTF8_BOM } from '../rules/csv.ts';
import { textOf } from '../web/texts.ts';
import { departmentFilter } from './departmentFilter.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime, personalData } from './format.ts';
import { staffOf } from './session.ts';

const PAGE_SIZE = 20;
const EXPORT_BATCH = 1000;
const STATUSES: StatusFilter[] = ['', 'pending', 'active', 'locked'];

const EXPORT_COLUMNS = [
  'LABEL_CANDIDATE_NO', 'LABEL_NAME', 'LABEL_ID_TYPE', 'LABEL_ID_NUMBER', 'CSV_COL_DEPARTMENT', 'CSV_COL_MAJOR',
  'CSV_COL_ACCOUNT_TYPE', 'LABEL_STATUS', 'STATUS_locked', 'LABEL_PHONE', 'LABEL_EMAIL', 'ACTIVATED_AT',
] as const;

/** The list's filters from the query string: search text, status, 学院. */
function filtersOf(req: Request, deps: ConsoleDeps) {
  // Cut by code points: halving an emoji's surrogate pair made the pager's encodeURIComponent throw (a 500).
  const q = typeof req.query.q === 'string' ? [...req.query.q.trim()].slice(0, 100).join('') : '';
  const status = STATUSES.find((s) => s === req.query.status) ?? '';
  return { q, status, ...departmentFilter(req, deps.store) };
}

/** 考生查询 with its filters, and the same list as CSV. */
export function candidateRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  router.get('/candidates', (req, res) => {
    const { q, status, department, departments } = filtersOf(req, deps);
    const page = Math.max(1, Math.min(10_000, Number.parseInt(String(req.query.page ?? '1'), 10) || 1));
    const { rows, total } = store.roster.search({ q, status, department, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, now: clock.now() });
    const query = new URLSearchParams({ q, status, department }).toString();
    res.render('console/candidates', {
      q, status, department, departments, query, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), total, statuses: STATUSES,
      rows: rows.map((r) => ({ ...r, shown: personalData(r, false) })),
    });
  });

  // Registered before /candidates/:candidateNo would be, and under its own name, so it is never read as a 考生号.
  router.get('/candidates.csv', async (req, res) => {
    const { q, status, department } = filtersOf(req, deps);
    const now = clock.now();
    const staff = staffOf(req);
    const total = store.roster.search({ q, status, department, limit: 0, offset: 0, now }).total;
    store.audit.record({ at: now, event: 'STAFF_EXPORT', outcome: 'ok', actor: staff.username, params: { staffName: staff.displayName, q, status, department, count: total }, ip: req.ip ?? null });
    res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Cache-Control': 'no-store' });
    res.attachment(`candidates-${beijingTime(now).slice(0, 10)}.csv`);
    res.write(UTF8_BOM + csvLine(EXPORT_COLUMNS.map((code) => textOf(code))));
    await writeRows(res, (after) => store.roster.batchAfter({ q, status, department, limit: EXPORT_BATCH, now }, after));
    res.end();
  });

  return router;
}

/** Writes the list batch by batch, waiting for the client between batches (no statement stays open meanwhile). */
async function writeRows(res: Response, batchAfter: (after: string) => ReturnType<ConsoleDeps['store']['roster']['batchAfter']>) {
  let after = '';
  for (;;) {
    const batch = batchAfter(after);
    if (batch.length === 0) return;
    const lines = batch.map((r) => {
      const shown = personalData(r, false);
      return csvLine([
        r.candidate_no, r.name, textOf(`ID_TYPE_${r.id_type}`), shown.idNumber, r.department, r.major,
        textOf(`ACCOUNT_TYPE_${r.account_type}`), textOf(`STATUS_${r.status}`), r.locked ? textOf('STATUS_locked') : '',
        r.phone ? shown.phone : '', r.email ? shown.email : '', r.activated_at ? beijingTime(r.activated_at) : '',
      ]);
    });
    after = batch.at(-1)!.candidate_no;
    if (!res.write(lines.join('')) && !res.destroyed) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    if (res.destroyed) return;
  }
}
