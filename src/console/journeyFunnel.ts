import type { Store } from '../data/store.ts';
import { activationSteps } from '../flows/activation/steps.ts';
import type { TextCode } from '../web/texts.ts';
import type { WecomHelpdesk } from '../wecom/helpdesk.ts';
import { WECOM_STATUSES, type WecomStatus } from '../wecom/status.ts';
import { milestonesOf } from '../wizard/step.ts';

// The candidate's journey as the guide tells it: the activation flow's milestones (its own step list says
// which and in what order), then the WeCom app's statuses after 未激活, up to 已入群.
export const ACTIVATION_MILESTONES = milestonesOf(activationSteps);
/** The activation flow's milestone events: what the per-candidate look-ups that stop at the portal count. */
export const ACTIVATION_EVENTS = ACTIVATION_MILESTONES.map((m) => m.event);
const WECOM_STEPS = WECOM_STATUSES.filter((s): s is Exclude<WecomStatus, 'none'> => s !== 'none');

/**
 * The funnel's steps, in order: the label of a step reached, and the step's name in the 已…，未… of where
 * candidates stop (a WeCom status reads 已关注, so its name is 关注: never 已已关注).
 */
export const JOURNEY_STEPS: readonly { label: TextCode; name: TextCode }[] = [
  ...ACTIVATION_MILESTONES.map((m) => ({ label: m.label, name: m.label })),
  ...WECOM_STEPS.map((s) => ({ label: `WECOM_STATUS_${s}` as const, name: `STUCK_STEP_${s}` as const })),
];

/**
 * Every 考生 (of a 学院, or all) with the furthest journey step reached, null before the first. A WeCom status
 * counts over the portal's steps: only an activated account can sign in to the WeCom app.
 */
export function journeyOf(store: Store, wecom: WecomHelpdesk, department: string): { candidateNo: string; furthest: number | null }[] {
  const wecomStep = new Map(wecom.members().map((m) => [m.uid, WECOM_STATUSES.indexOf(m.status)]));
  return store.stats.furthest(ACTIVATION_EVENTS, department).map((r) => {
    const w = wecomStep.get(r.candidate_no) ?? 0;
    return { candidateNo: r.candidate_no, furthest: w > 0 ? ACTIVATION_MILESTONES.length - 1 + w : r.furthest };
  });
}

/** How many reached each step: whoever reached a step counts for every step before it, so it never widens. */
export function reachedCounts(journey: { furthest: number | null }[], steps: number): number[] {
  const counts = Array.from({ length: steps }, () => 0);
  for (const { furthest } of journey) for (let i = 0; furthest !== null && i <= Math.min(furthest, steps - 1); i++) counts[i]!++;
  return counts;
}
