import { randomUUID } from 'node:crypto';
import type { ImportCounts } from '../data/rosterImport.ts';
import type { Store } from '../data/store.ts';
import { textOf, type TextCode, type TextParams } from '../web/texts.ts';
import { csvRecords, type ByteSource, type RosterEncoding } from './csvSource.ts';
import {
  checkRosterRow, fieldOfHeader, FIELD_LABEL, REQUIRED_FIELDS, type RosterField, type RowError,
} from './rosterRow.ts';

export interface ImportReport extends ImportCounts {
  /** True when the rows were written; false for a preview or when any row was refused. */
  imported: boolean;
  rows: number;
  encoding: RosterEncoding | null;
  errorCount: number;
  /** The first MAX_REPORTED_ERRORS errors, in file order. */
  errors: RowError[];
}

export interface ImportOptions {
  store: Store;
  institutionCode: string;
  now: number;
  /** Who imports: a staff user name, 'api' or 'cli'. */
  actor: string;
  /** false for a preview: everything is validated and counted, nothing is written. */
  apply: boolean;
}

export type RosterRecord = { line: number; record: Partial<Record<RosterField, string>> };

const MAX_REPORTED_ERRORS = 500;
const STAGE_BATCH = 500;

function fileError(code: TextCode, params: TextParams = {}, line = 1): RowError {
  return { line, field: null, code, message: textOf(code, params) };
}

/**
 * Validates every record and, when all are valid and apply is set, imports them all in one transaction:
 * new candidates are inserted, changed ones updated, activated accounts keep their credentials.
 */
export async function importRecords(records: AsyncIterable<RosterRecord> | Iterable<RosterRecord>, o: ImportOptions) {
  const importId = randomUUID();
  const report: ImportReport = { imported: false, rows: 0, encoding: null, errorCount: 0, errors: [], inserted: 0, updated: 0, unchanged: 0 };
  const ctx = { institutionCode: o.institutionCode, today: new Date(o.now) };
  const addError = (e: RowError) => {
    report.errorCount++;
    if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(e);
  };
  let batch: { line: number; value: Parameters<Store['rosterImport']['stage']>[2] }[] = [];
  // Each batch is its own short synchronous transaction; nothing awaits inside one.
  const flush = () => {
    const staged = batch;
    batch = [];
    o.store.transaction(() => {
      for (const row of staged) {
        const earlier = o.store.rosterImport.stage(importId, row.line, row.value);
        if (earlier !== undefined) addError({ ...fileError('IMPORT_DUPLICATE', { line: earlier }, row.line), field: 'candidateNo' });
      }
    });
  };
  try {
    for await (const { line, record } of records) {
      report.rows++;
      const checked = checkRosterRow(line, record, ctx);
      if (checked.ok) batch.push({ line, value: checked.value });
      else checked.errors.forEach(addError);
      if (batch.length >= STAGE_BATCH) flush();
    }
    flush();
    // Duplicates are found when a batch is staged, after later rows' errors: report in file order.
    report.errors.sort((a, b) => a.line - b.line);
    if (report.rows === 0 && report.errorCount === 0) addError(fileError('IMPORT_EMPTY'));
    if (report.errorCount > 0) return report;
    const counts = o.apply
      ? o.store.transaction(() => o.store.rosterImport.apply(importId, o.actor, o.now))
      : o.store.rosterImport.counts(importId);
    return { ...report, ...counts, imported: o.apply };
  } finally {
    o.store.rosterImport.discard(importId);
  }
}

/** The data rows of a CSV as roster records, after checking that the header names every required column. */
async function* rosterRecordsOf(source: ByteSource, report: { encoding: RosterEncoding | null; headerErrors: RowError[] }) {
  let columns: (RosterField | undefined)[] | undefined;
  for await (const { line, cells } of csvRecords(source, (e) => { report.encoding = e; })) {
    if (!columns) {
      columns = cells.map(fieldOfHeader);
      const missing = REQUIRED_FIELDS.filter((f) => !columns!.includes(f));
      for (const f of missing) report.headerErrors.push({ ...fileError('IMPORT_COLUMN_MISSING', { column: textOf(FIELD_LABEL[f]) }, line), field: f });
      if (missing.length) return;
      continue;
    }
    const record: Partial<Record<RosterField, string>> = {};
    columns.forEach((field, i) => { if (field) record[field] = cells[i] ?? ''; });
    yield { line, record };
  }
}

/** Reads a roster CSV (UTF-8 with or without BOM, or GBK) from a byte stream; see importRecords. */
export async function importCsv(source: ByteSource, o: ImportOptions): Promise<ImportReport> {
  const seen: { encoding: RosterEncoding | null; headerErrors: RowError[] } = { encoding: null, headerErrors: [] };
  let report: ImportReport;
  try {
    report = await importRecords(rosterRecordsOf(source, seen), o);
  } catch (err) {
    if (!String((err as { code?: unknown }).code ?? '').startsWith('CSV_')) throw err;
    const line = (err as { lines?: number }).lines ?? 1;
    const base: ImportReport = { imported: false, rows: 0, encoding: seen.encoding, errorCount: 1, errors: [], inserted: 0, updated: 0, unchanged: 0 };
    return { ...base, errors: [fileError('IMPORT_BAD_CSV', { line }, line)] };
  }
  if (seen.headerErrors.length) {
    return { ...report, imported: false, encoding: seen.encoding, errorCount: seen.headerErrors.length, errors: seen.headerErrors };
  }
  return { ...report, encoding: seen.encoding };
}
