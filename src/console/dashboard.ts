import { Router } from 'express';

import { activationSteps } from '../flows/activation/steps.ts';
import { textOf, textOfStored } from '../web/texts.ts';
import { milestonesOf } from '../wizard/step.ts';
import { columns, horizontalBars } from './charts.ts';
import type { ConsoleDeps } from './deps.ts';

const HOURS_SHOWN = 24;
const BEIJING_OFFSET_HOURS = 8;

/** 激活概览: the funnel from the audit log, where candidates are stuck, the most frequent errors, activations per hour. */
export function dashboardRoutes(deps: ConsoleDeps) {
  const { store, clock } = deps;
  const router = Router();
  // The funnel's steps and their order come from the activation flow's own step list.
  const milestones = milestonesOf(activationSteps);

  router.get('/', (_req, res) => {
    const counts = store.stats.funnel(milestones.map((m) => m.event));
    const funnel = milestones.map((m, i) => ({ label: textOf(m.label), stepLabel: m.stepLabel ? textOf(m.stepLabel) : '', count: counts[i]!.count }));
    const byStatus = Object.fromEntries(store.stats.candidatesByStatus().map((r) => [r.status, r.count]));
    const stuck = funnel.slice(0, -1).map((step, i) => ({
      label: textOf('STUCK_BETWEEN', { reached: step.label, next: funnel[i + 1]!.stepLabel }),
      value: Math.max(0, step.count - funnel[i + 1]!.count),
    }));
    const errors = store.stats.topErrors();
    const hours = store.stats.activationsPerHour(clock.now(), HOURS_SHOWN);
    const hourOf = (start: number) => new Date(start).getUTCHours() + BEIJING_OFFSET_HOURS;
    res.render('console/dashboard', {
      totals: { total: (byStatus.active ?? 0) + (byStatus.pending ?? 0), active: byStatus.active ?? 0, pending: byStatus.pending ?? 0 },
      funnelSvg: horizontalBars(
        funnel.map((f) => ({ label: f.label, value: f.count, caption: textOf('CHART_PEOPLE', { count: f.count }) })),
        { title: textOf('FUNNEL_TITLE'), labelWidth: 120, width: 460 },
      ),
      stuckSvg: horizontalBars(
        stuck.map((s) => ({ ...s, caption: textOf('CHART_PEOPLE', { count: s.value }) })),
        { title: textOf('STUCK_TITLE'), labelWidth: 220, width: 460 },
      ),
      errors: errors.map((e) => ({ code: e.code, count: e.count, text: textOfStored(e.code, { minutes: '…', seconds: '…', masked: '…', institutionCode: '…', idTypeHint: '…' }) })),
      errorsSvg: horizontalBars(
        errors.map((e) => ({ label: e.code, value: e.count, caption: textOf('CHART_TIMES', { count: e.count }) })),
        { title: textOf('TOP_ERRORS_TITLE'), labelWidth: 230 },
      ),
      hourSvg: columns(
        hours.map((h) => {
          const hour = hourOf(h.start) % 24;
          return { label: textOf('CHART_HOUR', { hour }), value: h.count, tip: textOf('CHART_ACTIVATIONS_AT', { hour, count: h.count }) };
        }),
        { title: textOf('PER_HOUR_TITLE') },
      ),
    });
  });

  return router;
}
