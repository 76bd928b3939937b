import { describe, expect, it } from 'vitest';
import { checkCandidateNo, type CandidateNoCheck } from '../../../src/rules/candidateNo.ts';

const UESTC = '10614';
// Full-width form of ASCII text, as typed with a Chinese IME in full-width mode.
const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('checkCandidateNo', () => {
  it.each<[string, CandidateNoCheck]>([
    ['106145000000123', { ok: true, value: '106145000000123' }],
    [' 106145000000123 ', { ok: true, value: '106145000000123' }],
    [fullWidth('106145000000123'), { ok: true, value: '106145000000123' }], // full-width digits
    ['10614\u200B5000000123', { ok: true, value: '106145000000123' }], // pasted zero-width space
    ['', { ok: false, code: 'CANDIDATE_NO_REQUIRED' }],
    ['   ', { ok: false, code: 'CANDIDATE_NO_REQUIRED' }],
    ['\u3000', { ok: false, code: 'CANDIDATE_NO_REQUIRED' }],
    ['10614500000012', { ok: false, code: 'CANDIDATE_NO_FORMAT' }], // 14 digits
    ['1061450000001234', { ok: false, code: 'CANDIDATE_NO_FORMAT' }], // 16 digits
    ['10614500000012A', { ok: false, code: 'CANDIDATE_NO_FORMAT' }],
    ['106145 000000123', { ok: false, code: 'CANDIDATE_NO_FORMAT' }], // inner space
    ['2521061450', { ok: false, code: 'CANDIDATE_NO_FORMAT' }], // a 10-digit 网报报名号 is not a 考生编号
    ['١٠٦١٤٥٠٠٠٠٠٠١٢٣', { ok: false, code: 'CANDIDATE_NO_FORMAT' }], // Arabic-Indic digits are not ASCII
    ['100035000000123', { ok: false, code: 'CANDIDATE_NO_INSTITUTION' }], // Tsinghua's 10003
    ['106155000000123', { ok: false, code: 'CANDIDATE_NO_INSTITUTION' }],
  ])('%j → %j', (raw, expected) => expect(checkCandidateNo(raw, UESTC)).toEqual(expected));
});
