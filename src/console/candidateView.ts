import type { Request, Response } from 'express';
import type { CandidateRow } from '../data/candidates.ts';
import { isAccountLock } from '../rules/attemptLimits.ts';
import type { TextCode } from '../web/texts.ts';
import { applicableActions } from './candidateActions.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime, personalData } from './format.ts';
import { fillScript, helpScripts, scriptContext } from './helpScripts.ts';
import { CONSOLE_PATH, staffOf } from './session.ts';
import { situationsOf } from './situations.ts';
import { timelineOf } from './timeline.ts';
import { wecomCardOf } from './wecomCard.ts';

export const candidatePath = (no: string) => `${CONSOLE_PATH}/candidates/${encodeURIComponent(no)}`;

export interface PageState {
  revealed?: boolean;
  status?: number;
  reasonError?: boolean;
  reason?: string;
  /** A refused WeCom action, with what was typed. */
  wecomError?: { code: TextCode; phone: string; reason: string };
}

/** One candidate: roster data, account, WeCom, the suggested answer for their situation, the actions that apply, the timeline. */
export function renderCandidate(deps: ConsoleDeps, req: Request, res: Response, c: CandidateRow, state: PageState = {}) {
  const { store, clock, config } = deps;
  const now = clock.now();
  const revealed = state.revealed ?? false;
  const locks = store.attempts.locksOf(c.candidate_no, now).filter((l) => isAccountLock(l.kind));
  const audit = store.audit.forCandidate(c.id, c.candidate_no);
  const messages = store.mailbox.forCandidate(c.id);
  const wecom = wecomCardOf(deps, c, staffOf(req), revealed);
  const situations = situationsOf({ candidate: c, locked: locks.length > 0, audit, messages, now, wecom: wecom.statusCode });
  const context = {
    ...scriptContext(config),
    name: c.name,
    candidateNo: c.candidate_no,
    unlockTime: locks.length ? beijingTime(Math.max(...locks.map((l) => l.until))) : undefined,
  };
  const staffNames = new Map(store.staff.list().map((s) => [s.username.toLowerCase(), s.display_name]));
  res.status(state.status ?? 200).render('console/candidate', {
    c,
    shown: personalData(c, revealed),
    revealed,
    locks: locks.map((l) => ({ kind: l.kind, address: l.address, until: beijingTime(l.until) })),
    activatedAt: beijingTime(c.activated_at),
    ssoOpen: store.ssoSessions.openForCandidate(c.id, now).length,
    wecom,
    scripts: helpScripts(store, situations).map((s) => ({ ...s, body: fillScript(s.body, context) })),
    timeline: timelineOf({ audit, messages, wecom: deps.wecom.timelineOf(c.candidate_no), staffNames }, revealed, now),
    actions: applicableActions(c, locks.length > 0),
    reasonError: state.reasonError ?? false,
    reason: state.reason ?? '',
    wecomError: state.wecomError,
  });
}
