// Layout checks for a phone screen: nothing wider than the viewport, every link and button a 44-px tap target.
import type { Page } from 'playwright-core';

/** How far the page is wider than its viewport, in CSS pixels (0 when it fits). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth));
}

/** Visible links and buttons shorter than 44 px (WCAG 2.5.5), as "text: height". */
export function smallTapTargets(page: Page, minimum = 44): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll('a[href], button, input[type="submit"], [role="button"]'))) {
      if (el.closest('[aria-hidden="true"]')) continue;
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      if (box.height < min) small.push(`${(el.textContent ?? '').trim() || el.id || el.tagName}: ${Math.round(box.height)}px`);
    }
    return small;
  }, minimum);
}

/** Elements that scroll inside themselves (their content is taller than the box and overflow lets it scroll). */
export function innerScrollers(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => Array.from(document.querySelectorAll(sel))
    .filter((el) => el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))
    .map((el) => `${el.tagName}.${el.className}: ${el.scrollHeight} > ${el.clientHeight}`), selector);
}
