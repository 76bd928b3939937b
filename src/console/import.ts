import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { join } from 'node:path';
import { paths } from '../web/paths.ts';
import { importCsv, type ImportReport } from '../roster/importRoster.ts';
import { FIELD_LABEL } from '../roster/rosterRow.ts';
import { textOf } from '../web/texts.ts';
import { PortalError } from '../web/errors.ts';
import { formString } from '../web/forms.ts';
import type { ConsoleDeps } from './deps.ts';
import { staffOf } from './session.ts';

export const IMPORT_UPLOAD_PATH = '/import/preview';

/** 名单导入: upload → preview of every row → all-or-nothing import of exactly the previewed file. */
export function importRoutes(deps: ConsoleDeps, csrfCheck: RequestHandler) {
  const { store, clock, config } = deps;
  const router = Router();
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: config.console.uploadMaxBytes, files: 1, fields: 5, parts: 6 } });
  const institutionCode = config.university.institutionCode;

  const run = (content: Buffer, actor: string, apply: boolean): Promise<ImportReport> =>
    importCsv([content], { store, institutionCode, now: clock.now(), actor, apply });

  const view = (report: ImportReport) => ({
    ...report,
    errors: report.errors.map((e) => ({ ...e, fieldLabel: e.field ? textOf(FIELD_LABEL[e.field]) : '' })),
  });

  router.get('/import', (_req, res) => res.render('console/import', {}));
  router.get('/import/sample.csv', (_req, res) => {
    res.type('text/csv; charset=utf-8').attachment('roster-sample.csv').sendFile(join(paths.root, 'docs/roster-sample.csv'));
  });

  router.post(IMPORT_UPLOAD_PATH, upload.single('file'), csrfCheck, async (req, res) => {
    const file = req.file;
    if (!file || file.size === 0) return res.status(400).render('console/import', { error: 'IMPORT_FILE_REQUIRED' });
    const staff = staffOf(req);
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 200);
    const report = await run(file.buffer, staff.username, false);
    const uploadId = report.errorCount === 0 ? store.rosterUploads.replace(staff.id, fileName, file.buffer, clock.now()) : undefined;
    res.status(report.errorCount === 0 ? 200 : 422).render('console/import', { report: view(report), fileName, uploadId });
  });

  router.post('/import/commit', async (req, res) => {
    const staff = staffOf(req);
    const uploadId = Number(formString(req.body as Record<string, unknown>, 'uploadId', 20));
    const stored = store.rosterUploads.find(uploadId, staff.id);
    if (!stored) throw new PortalError('IMPORT_UPLOAD_GONE', { status: 409 });
    const report = await run(stored.content, staff.username, true);
    if (report.imported) {
      store.rosterUploads.removeFor(staff.id);
      const { rows, inserted, updated, unchanged } = report;
      store.audit.record({ at: clock.now(), event: 'STAFF_IMPORT', outcome: 'ok', actor: staff.username, params: { staffName: staff.displayName, file: stored.file_name, rows, inserted, updated, unchanged }, ip: req.ip ?? null });
    }
    res.status(report.imported ? 200 : 422).render('console/import', { report: view(report), fileName: stored.file_name, done: report.imported });
  });

  return router;
}
