import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTextCode } from '../../src/web/texts.ts';
import { paths } from '../../src/web/paths.ts';

/** Every view file under views/, recursively. */
function viewFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? viewFiles(join(dir, e.name)) : e.name.endsWith('.ejs') ? [join(dir, e.name)] : []));
}

describe('texts', () => {
  // The type check covers the sources; views are not type-checked, so their literal keys are checked here.
  it('has an entry for every literal key a view asks for', () => {
    const missing: string[] = [];
    for (const file of viewFiles(paths.views)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_\-]+)'\s*[,)]/g)) {
        if (!isTextCode(m[1]!)) missing.push(`${file.slice(paths.views.length)}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
