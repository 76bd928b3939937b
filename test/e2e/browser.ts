// Debian's Chromium driven by playwright-core, axe-core checks and step screenshots for the e2e suite.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumMissing = !existsSync(CHROMIUM_PATH);
if (chromiumMissing) {
  console.warn(`e2e SKIPPED: no Chromium at ${CHROMIUM_PATH}. Install Debian's (apt-get install chromium fonts-noto-cjk; .ci/run does) or set CHROMIUM_PATH.`);
}

export const ARTIFACTS = join(process.cwd(), 'artifacts', 'e2e');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** A candidate's phone: 390×844, touch. */
export const PHONE_CONTEXT = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2, locale: 'zh-CN' } as const;

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }

/**
 * Runs axe-core on the page and returns the serious and critical violations, one line each. A page
 * without JavaScript cannot run axe itself, so its markup is checked in `checker`, a scripted page on the same origin.
 */
export async function seriousViolations(page: Page, checker?: Page): Promise<string[]> {
  if (checker) {
    await checker.goto(new URL('/public/css/portal.css', page.url()).href);
    await checker.setContent(await page.content(), { waitUntil: 'load' });
    page = checker;
  }
  // Evaluated over the DevTools protocol, so the page's CSP (scripts from 'self' only) does not block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves a full-page screenshot under artifacts/e2e/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
