import { Router, type Response } from 'express';
import { formString } from '../web/forms.ts';
import type { TextCode } from '../web/texts.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime } from './format.ts';
import { CONSOLE_PATH, flash, staffOf } from './session.ts';

const GROUPS_PATH = `${CONSOLE_PATH}/wecom`;
const GROUP_NAME_MAX_LENGTH = 100;

/** 学院建群: staff play the 学院 teachers of the guide's 步骤三; each 学院's activated members get the notice. */
export function wecomGroupRoutes(deps: ConsoleDeps) {
  const { store, clock, wecom } = deps;
  const router = Router();

  function render(res: Response, status = 200, error?: TextCode, values: { department?: string; name?: string } = {}) {
    const groups = wecom.groups();
    const grouped = new Set(groups.map((g) => g.department));
    res.status(status).render('console/wecomGroups', {
      groups: groups.map((g) => ({ ...g, createdAt: beijingTime(Date.parse(g.createdAt)) })),
      departments: store.roster.departments().filter((d) => !grouped.has(d)),
      error,
      values,
    });
  }

  router.get('/wecom', (_req, res) => render(res));

  router.post('/wecom/groups', (req, res) => {
    const form = req.body as Record<string, unknown>;
    const values = { department: formString(form, 'department', 100).trim(), name: formString(form, 'name', GROUP_NAME_MAX_LENGTH).trim() };
    if (!store.roster.departments().includes(values.department)) return render(res, 400, 'WECOM_GROUP_DEPARTMENT_REQUIRED', values);
    const staff = staffOf(req);
    const outcome = wecom.createGroup(values.department, values.name || undefined, { name: staff.username });
    store.audit.record({
      at: clock.now(), event: 'STAFF_WECOM_GROUP', outcome: outcome.ok ? 'ok' : 'error', code: outcome.ok ? null : outcome.code,
      actor: staff.username, ip: req.ip ?? null, params: { staffName: staff.displayName, department: values.department, name: values.name },
    });
    if (!outcome.ok) return render(res, 409, outcome.code, values);
    flash(req, 'info', 'WECOM_GROUP_CREATED', { department: values.department });
    res.redirect(303, GROUPS_PATH);
  });

  return router;
}
