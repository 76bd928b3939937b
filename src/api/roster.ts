import express, { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Store } from '../data/store.ts';
import { importRecords } from '../roster/importRoster.ts';
import { ROSTER_FIELDS, type RosterField } from '../roster/rosterRow.ts';
import { PortalError } from '../web/errors.ts';
import { parseBody } from './schemas.ts';

const MAX_ROWS = 50_000;
const cell = z.union([z.string().max(200), z.null()]).optional();
const rowSchema = z.object(Object.fromEntries(ROSTER_FIELDS.map((f) => [f, cell])) as Record<RosterField, typeof cell>).strict();
const bodySchema = z.array(rowSchema).max(MAX_ROWS);
const querySchema = z.object({ dryRun: z.enum(['true', 'false']).default('false') });

/** POST /api/v1/roster/import: a JSON array of roster rows, validated and imported all or nothing. */
export function rosterApi(deps: { store: Store; clock: Clock; institutionCode: string }) {
  const router = Router();
  // A 10,000-row roster is a few MB of JSON: this route has its own, larger body limit.
  router.post('/roster/import', express.json({ limit: '20mb', strict: true }), async (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const rows = parseBody(bodySchema, req.body);
    const { dryRun } = parseBody(querySchema, req.query);
    const records = rows.map((row, i) => ({
      line: i + 1,
      record: Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v ?? ''])) as Partial<Record<RosterField, string>>,
    }));
    const report = await importRecords(records, {
      store: deps.store, institutionCode: deps.institutionCode, now: deps.clock.now(), actor: 'api', apply: dryRun === 'false',
    });
    const { encoding: _encoding, ...json } = report;
    res.status(report.errorCount > 0 ? 422 : 200).json(json);
  });
  return router;
}
