import type { Response } from 'express';
import { keptValues, type FieldErrors, type Form } from '../web/forms.ts';
import { textOf, type TextCode, type TextParams } from '../web/texts.ts';

export interface PageExtra {
  errors?: FieldErrors;
  form?: Form;
  notice?: { code: TextCode; params?: TextParams };
  status?: number;
}

/** Renders a page of the app's own forms as the wizard does: errors as texts, typed values kept, a notice. */
export function renderPage(res: Response, view: string, data: Record<string, unknown>, extra: PageExtra = {}): void {
  const errors: Record<string, string> = {};
  for (const [field, e] of Object.entries(extra.errors ?? {})) errors[field] = textOf(e.code, e.params);
  res.status(extra.status ?? 200).render(view, {
    ...data,
    errors,
    values: extra.form ? keptValues(extra.form) : {},
    notice: extra.notice ? { kind: 'info', text: textOf(extra.notice.code, extra.notice.params) } : undefined,
  });
}
