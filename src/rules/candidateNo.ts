import { normalizeInput } from './text.ts';

export type CandidateNoCheck =
  | { ok: true; value: string }
  | { ok: false; code: 'CANDIDATE_NO_REQUIRED' | 'CANDIDATE_NO_FORMAT' | 'CANDIDATE_NO_INSTITUTION' };

const CANDIDATE_NO = /^[0-9]{15}$/;

// Only the 5-digit 招生单位代码 prefix is checked: the meaning of digits 6–15 is not officially documented.
export function checkCandidateNo(raw: string, institutionCode: string): CandidateNoCheck {
  const value = normalizeInput(raw);
  if (value === '') return { ok: false, code: 'CANDIDATE_NO_REQUIRED' };
  if (!CANDIDATE_NO.test(value)) return { ok: false, code: 'CANDIDATE_NO_FORMAT' };
  if (!value.startsWith(institutionCode)) return { ok: false, code: 'CANDIDATE_NO_INSTITUTION' };
  return { ok: true, value };
}
