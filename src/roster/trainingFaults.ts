import type { Fault, FaultKind } from '../data/faults.ts';
import { FAULT_KINDS } from '../data/faults.ts';
import type { Store } from '../data/store.ts';
import { checkCandidateNo } from '../rules/candidateNo.ts';
import { checkPhone } from '../rules/phone.ts';
import type { TextCode } from '../web/texts.ts';

export { FAULT_KINDS, type FaultKind };

const MAX_SMS_DELAY_SECONDS = 3600;

export interface FaultRequest {
  kind: string;
  target?: string;
  seconds?: number | string;
  accountType?: string;
}

export type FaultVerdict = { ok: true; fault: Fault } | { ok: false; field: string; code: TextCode };

/** Checks a request to switch a fault on; a targeted fault gets its normalised target. */
function parseFault(r: FaultRequest, institutionCode: string): { ok: true; kind: FaultKind; target: string; params?: Record<string, string | number> } | { ok: false; field: string; code: TextCode } {
  if (!(FAULT_KINDS as readonly string[]).includes(r.kind)) return { ok: false, field: 'kind', code: 'FAULT_KIND_UNKNOWN' };
  const kind = r.kind as FaultKind;
  if (kind === 'sms_delay') {
    const seconds = Number(r.seconds);
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SMS_DELAY_SECONDS) {
      return { ok: false, field: 'seconds', code: 'FAULT_SECONDS_RANGE' };
    }
    return { ok: true, kind, target: '', params: { seconds } };
  }
  if (kind === 'phone_daily_cap') {
    const phone = checkPhone(r.target ?? '');
    return phone.ok ? { ok: true, kind, target: phone.value } : { ok: false, field: 'target', code: phone.code };
  }
  if (kind === 'not_a_candidate') {
    const no = checkCandidateNo(r.target ?? '', institutionCode);
    if (!no.ok) return { ok: false, field: 'target', code: no.code };
    const accountType = r.accountType ?? 'student';
    if (accountType !== 'student' && accountType !== 'staff') return { ok: false, field: 'accountType', code: 'IMPORT_ACCOUNT_TYPE_UNKNOWN' };
    return { ok: true, kind, target: no.value, params: { accountType } };
  }
  return { ok: true, kind, target: '' };
}

/** Switches a training fault on and records who did it; marking a 考生 as student/staff changes the roster row until it is switched off. */
export function switchFaultOn(store: Store, r: FaultRequest, by: string, now: number, institutionCode: string): FaultVerdict {
  const parsed = parseFault(r, institutionCode);
  if (!parsed.ok) return parsed;
  return store.transaction(() => {
    let params = parsed.params;
    let candidateId: number | null = null;
    if (parsed.kind === 'not_a_candidate') {
      const c = store.candidates.findByCandidateNo(parsed.target);
      if (!c) return { ok: false as const, field: 'target', code: 'FAULT_CANDIDATE_UNKNOWN' as const };
      candidateId = c.id;
      const earlier = store.faults.find('not_a_candidate', c.candidate_no);
      params = { ...params, previous: earlier ? String(earlier.params.previous) : c.account_type };
      store.roster.setAccountType(c.id, params.accountType as 'student' | 'staff', now);
    }
    store.faults.switchOn({ kind: parsed.kind, target: parsed.target, params, createdBy: by }, now);
    store.audit.record({ at: now, event: 'FAULT_ON', outcome: 'ok', actor: by, candidateId, candidateNo: candidateId ? parsed.target : null, params: { kind: parsed.kind, target: parsed.target, ...params } });
    return { ok: true as const, fault: store.faults.find(parsed.kind, parsed.target)! };
  });
}

/** Switches a fault off; false when it was not on. */
export function switchFaultOff(store: Store, kind: FaultKind, target: string, by: string, now: number): boolean {
  return store.transaction(() => {
    const fault = store.faults.find(kind, target);
    if (!fault) return false;
    let candidateId: number | null = null;
    if (kind === 'not_a_candidate') {
      const c = store.candidates.findByCandidateNo(target);
      if (c) {
        candidateId = c.id;
        store.roster.setAccountType(c.id, fault.params.previous as 'candidate', now);
      }
    }
    store.faults.switchOff(kind, target);
    store.audit.record({ at: now, event: 'FAULT_OFF', outcome: 'ok', actor: by, candidateId, candidateNo: candidateId ? target : null, params: { kind, target } });
    return true;
  });
}

/** Switches every fault off (the API's reset and the console's "all off"). */
export function switchAllFaultsOff(store: Store, by: string, now: number): number {
  const faults = store.faults.active();
  for (const f of faults) switchFaultOff(store, f.kind, f.target, by, now);
  return faults.length;
}
