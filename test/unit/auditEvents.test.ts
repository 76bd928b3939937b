import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS, isAuditEvent, type AuditEvent } from '../../src/data/auditEvents.ts';
import { SITUATIONS } from '../../src/console/situations.ts';
import { isTextCode, textOf } from '../../src/web/texts.ts';

const CJK = /[\u4e00-\u9fff]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('audit events', () => {
  it('each has a Chinese name, and no two share one', () => {
    const names = (Object.keys(AUDIT_EVENTS) as AuditEvent[]).map((e) => textOf(`EVENT_${e}`));
    for (const name of names) expect(name).toMatch(CJK);
    expect(new Set(names).size).toBe(names.length);
  });

  // The type already refuses an unknown event in audit.record; this also catches events written in SQL or built from strings.
  it('covers every event the code records', () => {
    const recorded = new Set<string>();
    const patterns = [
      /event: '([A-Z][A-Z_]+)'/g,
      /audit(?:Activation|Recovery)\(ctx, '([A-Z][A-Z_]+)'/g,
      /write\('([A-Z][A-Z_]+)'/g,
      /'([A-Z][A-Z_]+)', 'ok', @actor/g,
      /checkContact\(ctx, input, '([A-Z][A-Z_]+)'\)/g,
    ];
    // Tables from a form or an action to its event.
    const tables = /(?:FORM_EVENTS|ACTION_EVENT)\b[^{]*\{([^}]*)\}/g;
    for (const file of sourceFiles(join(import.meta.dirname, '../../src'))) {
      const source = readFileSync(file, 'utf8');
      if (!/audit/i.test(source)) continue;
      for (const pattern of patterns) for (const m of source.matchAll(pattern)) recorded.add(m[1]!);
      for (const table of source.matchAll(tables)) for (const m of table[1]!.matchAll(/: '([A-Z][A-Z_]+)'/g)) recorded.add(m[1]!);
    }
    for (const stem of ['PHONE', 'EMAIL']) for (const suffix of ['_BIND', '_CODE_SENT']) recorded.add(stem + suffix);
    expect(recorded.size).toBeGreaterThan(30);
    const unknown = [...recorded].filter((e) => !isAuditEvent(e));
    expect(unknown).toEqual([]);
  });
});

describe('help-desk situations', () => {
  it('each has a title and a default script in Chinese', () => {
    for (const s of SITUATIONS) {
      expect(isTextCode(`SITUATION_${s}`), s).toBe(true);
      expect(textOf(`SCRIPT_${s}`)).toMatch(CJK);
    }
  });
});
