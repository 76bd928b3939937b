// npm run import -- roster.csv [--dry-run]: the console's roster import from the command line, same rules and report.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { openDatabase } from '../src/data/db.ts';
import { createStore } from '../src/data/store.ts';
import { importCsv, type ImportReport } from '../src/roster/importRoster.ts';
import { FIELD_LABEL } from '../src/roster/rosterRow.ts';
import { textOf } from '../src/web/texts.ts';
import { configOrExit } from './cli.ts';

const BAR_WIDTH = 30;

function usage(): never {
  console.error('usage: npm run import -- <roster.csv> [--dry-run]');
  process.exit(2);
}

/** The file's chunks, counting bytes for the progress bar on stderr. */
async function* withProgress(path: string, total: number): AsyncGenerator<Buffer> {
  let read = 0;
  let shown = -1;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    read += (chunk as Buffer).length;
    const percent = total ? Math.floor((read / total) * 100) : 100;
    if (process.stderr.isTTY && percent !== shown) {
      shown = percent;
      const filled = Math.round((percent / 100) * BAR_WIDTH);
      process.stderr.write(`\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}%`);
    }
    yield chunk as Buffer;
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
}

function printReport(file: string, r: ImportReport, dryRun: boolean): void {
  console.log(textOf('IMPORT_ENCODING', { file, encoding: r.encoding ?? textOf('EMPTY_VALUE') }));
  if (r.errorCount > 0) {
    console.log(textOf('IMPORT_PREVIEW_BAD', { errorCount: r.errorCount }));
    for (const e of r.errors) {
      const field = e.field ? textOf(FIELD_LABEL[e.field]) : textOf('EMPTY_VALUE');
      console.log(`${textOf('IMPORT_COL_LINE')} ${e.line}\t${field}\t${e.message}`);
    }
    if (r.errors.length < r.errorCount) console.log(textOf('IMPORT_ERRORS_TRUNCATED', { shown: r.errors.length }));
    return;
  }
  const { rows, inserted, updated, unchanged } = r;
  console.log(textOf(dryRun ? 'IMPORT_PREVIEW_OK' : 'IMPORT_DONE', { rows, inserted, updated, unchanged }));
}

async function main() {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const files = args.filter((a) => a !== '--dry-run');
  if (files.length !== 1) usage();
  const path = files[0]!;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    console.error(`cannot read ${path}`);
    process.exit(2);
  }
  const config = configOrExit();
  const db = openDatabase(config.databasePath);
  const store = createStore(db);
  const report = await importCsv(withProgress(path, size), {
    store, institutionCode: config.university.institutionCode, now: Date.now(), actor: 'cli', apply: !dryRun,
  });
  db.close();
  printReport(basename(path), report, dryRun);
  process.exit(report.errorCount > 0 ? 1 : 0);
}

await main();
