import type { AccountType, NewCandidate } from '../data/candidates.ts';
import { checkCandidateNo } from '../rules/candidateNo.ts';
import { checkIdNumber, ID_TYPES, type IdType } from '../rules/idDocuments.ts';
import { normalizeInput, normalizeName } from '../rules/text.ts';
import { textOf, type TextCode, type TextParams } from '../web/texts.ts';

/** The roster fields, in the order of the sample CSV; the key is also the JSON field of the API import. */
export const ROSTER_FIELDS = ['candidateNo', 'name', 'idType', 'idNumber', 'department', 'major', 'accountType'] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
export const REQUIRED_FIELDS: readonly RosterField[] = ['candidateNo', 'name', 'idType', 'idNumber'];
export const ACCOUNT_TYPES: readonly AccountType[] = ['candidate', 'student', 'staff'];

export const FIELD_LABEL: Record<RosterField, TextCode> = {
  candidateNo: 'LABEL_CANDIDATE_NO',
  name: 'LABEL_NAME',
  idType: 'LABEL_ID_TYPE',
  idNumber: 'LABEL_ID_NUMBER',
  department: 'CSV_COL_DEPARTMENT',
  major: 'CSV_COL_MAJOR',
  accountType: 'CSV_COL_ACCOUNT_TYPE',
};

export interface RowError {
  /** The 1-based line in the file (or the 1-based position in a JSON array). */
  line: number;
  field: RosterField | null;
  code: TextCode;
  message: string;
}

const NAME_MAX_LENGTH = 50;
const TEXT_MAX_LENGTH = 100;

/** A header cell or a JSON key → the field: the Chinese column title or the English field name. */
export function fieldOfHeader(header: string): RosterField | undefined {
  const h = normalizeInput(header).replace(/\s+/g, '');
  return ROSTER_FIELDS.find((f) => f.toLowerCase() === h.toLowerCase() || textOf(FIELD_LABEL[f]) === h);
}

/** 证件类型 as written in an admissions export (居民身份证) or as the API code (resident_id). */
export function idTypeOf(raw: string): IdType | undefined {
  const v = normalizeInput(raw);
  return ID_TYPES.find((t) => t === v || textOf(`ID_TYPE_${t}`) === v);
}

function accountTypeOf(raw: string): AccountType | undefined {
  const v = normalizeInput(raw);
  if (v === '') return 'candidate';
  return ACCOUNT_TYPES.find((t) => t === v || textOf(`ACCOUNT_TYPE_${t}`) === v);
}

function optionalText(raw: string | undefined): string | null {
  const v = normalizeInput(raw ?? '');
  return v === '' ? null : v;
}

/** Validates one row with the same rules as the identity page; every bad field is reported. */
export function checkRosterRow(
  line: number,
  record: Partial<Record<RosterField, string>>,
  ctx: { institutionCode: string; today: Date },
): { ok: true; value: NewCandidate } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: RosterField, code: TextCode, params: TextParams = {}) =>
    errors.push({ line, field, code, message: `${textOf(FIELD_LABEL[field])}：${textOf(code, params)}` });

  const no = checkCandidateNo(record.candidateNo ?? '', ctx.institutionCode);
  if (!no.ok) fail('candidateNo', no.code, { institutionCode: ctx.institutionCode });
  const name = normalizeName(record.name ?? '');
  if (name === '') fail('name', 'NAME_REQUIRED');
  else if ([...name].length > NAME_MAX_LENGTH) fail('name', 'NAME_TOO_LONG');
  const idType = idTypeOf(record.idType ?? '');
  let idNumber = '';
  if (!idType) fail('idType', 'IMPORT_ID_TYPE_UNKNOWN');
  else {
    const id = checkIdNumber(idType, record.idNumber ?? '', ctx.today);
    if (id.ok) idNumber = id.value;
    else fail('idNumber', id.code, { idTypeHint: textOf(`ID_HINT_${idType}`) });
  }
  const department = optionalText(record.department);
  const major = optionalText(record.major);
  for (const [field, value] of [['department', department], ['major', major]] as const) {
    if (value && [...value].length > TEXT_MAX_LENGTH) fail(field, 'IMPORT_TEXT_TOO_LONG', { max: TEXT_MAX_LENGTH });
  }
  const accountType = accountTypeOf(record.accountType ?? '');
  if (!accountType) fail('accountType', 'IMPORT_ACCOUNT_TYPE_UNKNOWN');

  if (errors.length > 0 || !no.ok || !idType || !accountType) return { ok: false, errors };
  return { ok: true, value: { candidateNo: no.value, name, idType, idNumber, department, major, accountType } };
}
