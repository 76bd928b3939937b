import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paths } from '../../../src/web/paths.ts';

const SRC = join(paths.root, 'src');
const ROOM = join(SRC, 'wecom');
/** The portal's internals the downstream app must never reach into: it knows the portal only through CAS over HTTP. */
const FORBIDDEN = ['cas', 'flows', 'data'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(source: string): string[] {
  const specifiers = [
    ...source.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return specifiers.map((m) => m[1]!);
}

describe('the WeCom room (src/wecom/)', () => {
  it('imports nothing from the portal’s cas/, flows/ or data/', () => {
    const files = sourceFiles(ROOM);
    expect(files.length).toBeGreaterThan(10);
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue;
        const target = relative(SRC, resolve(dirname(file), specifier));
        if (FORBIDDEN.includes(target.split(/[\\/]/)[0]!)) offending.push(`${relative(SRC, file)} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('would notice such an import', () => {
    const specifiers = importsOf("import type { Store } from '../data/store.ts';\nimport { x } from './data/members.ts';\nconst m = await import('../cas/tgc.ts');");
    const targets = specifiers.map((s) => relative(SRC, resolve(ROOM, s)).split(/[\\/]/)[0]);
    expect(targets).toEqual(['data', 'wecom', 'cas']);
  });
});
