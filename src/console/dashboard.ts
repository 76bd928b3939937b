import { Router } from 'express';
import type { Store } from '../data/store.ts';
import { textOf, textOfStored } from '../web/texts.ts';
import type { WecomHelpdesk } from '../wecom/helpdesk.ts';
import { withPlaceholders } from './auditParams.ts';
import { columns, horizontalBars } from './charts.ts';
import type { ConsoleDeps } from './deps.ts';
import { departmentFilter } from './departmentFilter.ts';
import { ACTIVATION_EVENTS, ACTIVATION_MILESTONES, JOURNEY_STEPS, journeyOf, reachedCounts } from './journeyFunnel.ts';

const HOURS_SHOWN = 24;
const BEIJING_OFFSET_HOURS = 8;
const PENDING_SHOWN = 200;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);

/** The funnel from the roster to 已入群: counts, the share of the 学院's 考生 and of the step before. */
function funnelRows(store: Store, wecom: WecomHelpdesk, department: string) {
  const journey = journeyOf(store, wecom, department);
  const candidates = journey.length;
  const counts = [candidates, ...reachedCounts(journey, JOURNEY_STEPS.length)];
  const steps = [{ label: 'FUNNEL_ROSTER', name: 'FUNNEL_ROSTER' } as const, ...JOURNEY_STEPS];
  return steps.map((step, i) => ({
    label: textOf(step.label),
    name: textOf(step.name),
    count: counts[i]!,
    ofAll: percent(counts[i]!, candidates),
    ofPrevious: i === 0 ? 100 : percent(counts[i]!, counts[i - 1]!),
  }));
}

/** 激活概览: the funnel from the audit log, where candidates are stuck, the most frequent errors, activations per hour, per 学院. */
export function dashboardRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();

  router.get('/', (req, res) => {
    const { department, departments } = departmentFilter(req, store);
    const funnel = funnelRows(store, deps.wecom, department);
    const stuck = funnel.slice(0, -1).map((row, i) => ({
      label: i === 0 ? textOf('STUCK_NOT_STARTED', { next: funnel[1]!.name }) : textOf('STUCK_BETWEEN', { done: row.name, next: funnel[i + 1]!.name }),
      value: row.count - funnel[i + 1]!.count,
    }));
    const roster = store.stats.roster(department);
    const count = (where: (r: (typeof roster)[number]) => boolean) => roster.filter(where).reduce((sum, r) => sum + r.count, 0);
    const hours = store.stats.activationsPerHour(clock.now(), HOURS_SHOWN, department);
    const hourOf = (start: number) => (new Date(start).getUTCHours() + BEIJING_OFFSET_HOURS) % 24;
    // The same words the candidate saw; values that differ from one time to the next read as "…".
    const varying = withPlaceholders({}, textOf('PARAM_VARIES'));
    res.render('console/dashboard', {
      department,
      departments,
      totals: {
        candidates: count((r) => r.account_type === 'candidate'),
        active: count((r) => r.account_type === 'candidate' && r.status === 'active'),
        pending: count((r) => r.account_type === 'candidate' && r.status === 'pending'),
        others: count((r) => r.account_type !== 'candidate'),
      },
      funnel,
      funnelSvg: horizontalBars(
        funnel.map((f) => ({ label: f.label, value: f.count, caption: textOf('CHART_PEOPLE_PERCENT', { count: f.count, percent: f.ofAll }) })),
        { title: textOf('FUNNEL_TITLE'), labelWidth: 150, width: 460 },
      ),
      stuckSvg: horizontalBars(
        stuck.map((s) => ({ ...s, caption: textOf('CHART_PEOPLE', { count: s.value }) })),
        { title: textOf('STUCK_TITLE'), labelWidth: 250, width: 460 },
      ),
      errors: store.stats.topErrors(department).map((e) => ({ count: e.count, text: textOfStored(e.code, varying) })),
      hourSvg: columns(
        hours.map((h) => {
          const hour = hourOf(h.start);
          return { label: textOf('CHART_HOUR', { hour }), value: h.count, tip: textOf('CHART_ACTIVATIONS_AT', { hour, count: h.count }) };
        }),
        { title: textOf('PER_HOUR_TITLE') },
      ),
      pending: department ? pendingOf(store, department) : undefined,
    });
  });

  return router;
}

/** The 考生 of one 学院 who have not activated, each with where they stopped. */
function pendingOf(store: Store, department: string) {
  const { rows, total } = store.stats.pending(ACTIVATION_EVENTS, department, PENDING_SHOWN);
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      stoppedAt: r.furthest === null ? textOf('PENDING_NOT_STARTED') : textOf('PENDING_REACHED', { step: textOf(ACTIVATION_MILESTONES[r.furthest]!.label) }),
    })),
  };
}
