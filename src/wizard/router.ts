import { Router, type Request, type Response } from 'express';
import type { AuditEvent } from '../data/auditEvents.ts';
import { keptValues, type FieldErrors, type Form } from '../web/forms.ts';
import { textOf } from '../web/texts.ts';
import { firstOpenStep, type Flow, type Notice, type PlacedStep, type StepContext, type StepResult } from './step.ts';

declare module 'express-session' {
  interface SessionData {
    /** Set when a request for a later step was sent back, so the open step can say why the user is there. */
    wizardSentBack?: boolean;
  }
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

type RenderExtra = { errors?: FieldErrors; values?: Record<string, string>; notice?: Notice; status?: number };

/**
 * Turns a list of steps into routes. The list alone decides the order: a request for a step that is
 * not the first open one is redirected there, so no step can be reached or skipped by a crafted request.
 */
export function wizardRouter<S extends { startedAt: number }, Svc, E extends string = AuditEvent>(flow: Flow<S, Svc, E>): Router {
  type Placed = PlacedStep<S, Svc, E>;
  const router = Router();
  const [firstStep] = flow.steps;
  const labelled = flow.steps.filter((step) => step.label !== undefined);
  const expiredNotice: Notice = { code: flow.expiredCode, params: { minutes: Math.round(flow.ttlMs / 60000) } };
  const urlOf = (step: Placed) => (step.id ? `${flow.basePath}/${step.id}` : flow.basePath);
  const session = (req: Request) => req.session as unknown as Record<string, S | undefined>;

  /** The live state, or why there is none usable (too old, or pointing at something deleted: then it is dropped). */
  function liveState(req: Request): { state?: S; dropped?: Notice } {
    const key = flow.sessionKey as string;
    const state = session(req)[key];
    if (!state) return {};
    if (flow.now() - state.startedAt > flow.ttlMs) {
      delete session(req)[key];
      return { dropped: expiredNotice };
    }
    if (flow.isStale?.(state, flow.services)) {
      delete session(req)[key];
      return { dropped: { code: flow.staleCode ?? flow.expiredCode, params: expiredNotice.params } };
    }
    return { state };
  }

  function contextOf(req: Request, state: S, event: E): StepContext<S, Svc, E> {
    return { state, now: flow.now(), ip: req.ip ?? '', sessionId: req.sessionID, event, services: flow.services };
  }

  function stepperOf(step: Placed) {
    const current = labelled.indexOf(step);
    return labelled.map((s, i) => ({
      no: i + 1,
      label: textOf(s.label!),
      status: current === -1 ? 'todo' : i < current ? 'done' : i === current ? 'current' : 'todo',
    }));
  }

  async function render(req: Request, res: Response, step: Placed, state: S | undefined, extra: RenderExtra = {}) {
    const ctx = contextOf(req, state ?? flow.start(flow.now()), step.event);
    const data = step.viewData ? await step.viewData(ctx) : {};
    const errors: Record<string, string> = {};
    const errorCodes: Record<string, string> = {};
    for (const [field, e] of Object.entries(extra.errors ?? {})) {
      errors[field] = textOf(e.code, e.params);
      errorCodes[field] = e.code;
    }
    res.status(extra.status ?? 200).render(step.view, {
      ...data,
      stepper: stepperOf(step),
      stepperLabel: textOf(flow.indicatorLabel),
      actionUrl: urlOf(step),
      basePath: flow.basePath,
      errors,
      errorCodes,
      values: extra.values ?? {},
      notice: extra.notice ? { kind: 'info', text: textOf(extra.notice.code, extra.notice.params) } : undefined,
      csrfToken: flow.csrfToken(req),
    });
  }

  /** Where a request for `step` must go instead, if anywhere. */
  function redirectFor(step: Placed, state: S | undefined): string | undefined {
    if (step === firstStep) return undefined;
    if (!state) return urlOf(firstStep!);
    const open = firstOpenStep(flow.steps, state);
    return open === step ? undefined : urlOf(open);
  }

  async function apply(req: Request, res: Response, step: Placed, state: S, result: StepResult<S>, form: Form) {
    const next = { ...state, ...(result.patch ?? {}) } as S;
    if (result.kind === 'next' && result.regenerateSession) await regenerate(req);
    session(req)[flow.sessionKey as string] = next;
    if (result.kind === 'next') return res.redirect(303, urlOf(firstOpenStep(flow.steps, next)));
    const values = keptValues(form, step.secretFields);
    if (result.kind === 'invalid') return render(req, res, step, next, { errors: result.errors, values, status: result.status ?? 400 });
    return render(req, res, step, next, { values, notice: result.notice });
  }

  for (const step of flow.steps) {
    const url = urlOf(step);

    router.get(url, async (req, res) => {
      const { state, dropped } = liveState(req);
      if (dropped) return render(req, res, firstStep!, undefined, { errors: { _form: dropped }, status: 400 });
      const target = redirectFor(step, state);
      if (target) {
        // Only a wizard in progress is told (its session exists already); a browser without one just starts.
        if (state) req.session.wizardSentBack = true;
        return res.redirect(303, target);
      }
      const sentBack = req.session.wizardSentBack === true;
      if (sentBack) delete req.session.wizardSentBack;
      return render(req, res, step, state, sentBack ? { notice: { code: flow.orderCode } } : {});
    });

    const handlePost = (event: E, run: (ctx: StepContext<S, Svc, E>, form: Form) => Promise<StepResult<S>> | StepResult<S>) =>
      async (req: Request, res: Response) => {
        const form = (req.body ?? {}) as Form;
        const live = liveState(req);
        if (live.dropped && step !== firstStep) {
          return render(req, res, firstStep!, undefined, { errors: { _form: live.dropped }, status: 400 });
        }
        // Submitting the first page starts over, so any earlier progress in this session is dropped.
        const state = step === firstStep ? flow.start(flow.now()) : live.state;
        const target = redirectFor(step, state);
        if (target && state) req.session.wizardSentBack = true;
        if (target || !state) return res.redirect(303, target ?? urlOf(firstStep!));
        const result = await run(contextOf(req, state, event), form);
        return apply(req, res, step, state, result, form);
      };

    const refuseForm = (ctx: StepContext<S, Svc, E>, errors: FieldErrors): StepResult<S> => {
      const first = Object.values(errors)[0];
      flow.onInvalidForm?.(ctx, { code: first?.code ?? 'BAD_REQUEST' });
      return { kind: 'invalid', errors };
    };
    if (step.parse && step.submit) {
      const { parse, submit } = step;
      router.post(url, handlePost(step.event, (ctx, form) => {
        const parsed = parse(form, ctx);
        return parsed.ok ? submit(ctx, parsed.input) : refuseForm(ctx, parsed.errors);
      }));
    }
    for (const [name, action] of Object.entries(step.actions ?? {})) {
      router.post(`${url}/${name}`, handlePost(step.actionEvents[name] ?? step.event, (ctx, form) => {
        const parsed = action.parse(form, ctx);
        return parsed.ok ? action.run(ctx, parsed.input) : refuseForm(ctx, parsed.errors);
      }));
    }
    for (const [name, answer] of Object.entries(step.jsonActions ?? {})) {
      router.post(`${url}/${name}`, (req, res) => {
        const { state } = liveState(req);
        if (!state || redirectFor(step, state)) return res.status(409).json({ code: flow.orderCode });
        return res.json(answer(contextOf(req, state, step.event), (req.body ?? {}) as Form));
      });
    }
  }
  return router;
}
