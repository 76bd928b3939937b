import { Router, type Request, type Response } from 'express';
import type { SessionData } from 'express-session';
import { keptValues, type FieldErrors, type Form, type Parsed } from './forms.ts';
import { textOf, type TextCode, type TextParams } from './texts.ts';

export interface Notice {
  code: TextCode;
  params?: TextParams;
}

export interface StepContext<S, Svc> {
  state: Readonly<S>;
  now: number;
  ip: string;
  sessionId: string;
  services: Svc;
}

export type StepResult<S> =
  /** Re-render the step with these errors and the typed values; the patch still applies (e.g. counters). */
  | { kind: 'invalid'; errors: FieldErrors; status?: number; patch?: Partial<S> }
  /** Apply the patch and go on to the next open step (POST-redirect-GET). */
  | { kind: 'next'; patch: Partial<S>; regenerateSession?: boolean }
  /** Apply the patch and show the same step again with a notice (side actions such as sending a code). */
  | { kind: 'stay'; patch?: Partial<S>; notice?: Notice };

export interface StepAction<S, Svc, I = any> {
  parse(form: Form, ctx: StepContext<S, Svc>): Parsed<I>;
  run(ctx: StepContext<S, Svc>, input: I): StepResult<S> | Promise<StepResult<S>>;
}

export interface Step<S, Svc, I = any> {
  /** The URL segment after the flow's base path; '' for the first page. */
  id: string;
  view: string;
  /** 1-based position in the step indicator; none for pages outside it. */
  indicator?: number;
  /** Only this step's own part of the state. */
  isDone(state: S): boolean;
  viewData?(ctx: StepContext<S, Svc>): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** A step without parse has no form of its own. */
  parse?(form: Form, ctx: StepContext<S, Svc>): Parsed<I>;
  submit?(ctx: StepContext<S, Svc>, input: I): StepResult<S> | Promise<StepResult<S>>;
  /** Named side actions: POST <step>/<name>, answered with the re-rendered page. */
  actions?: Record<string, StepAction<S, Svc>>;
  /** Named read-only checks for page scripts: POST <step>/<name>, answered with JSON; they change no state. */
  jsonActions?: Record<string, (ctx: StepContext<S, Svc>, form: Form) => unknown>;
  /** Fields never echoed back into the page. */
  secretFields?: readonly string[];
}

export interface Flow<S extends { startedAt: number }, Svc> {
  basePath: string;
  sessionKey: keyof SessionData;
  /** Labels of the step indicator, in order. */
  indicatorLabels: readonly string[];
  steps: readonly Step<S, Svc>[];
  /** A fresh state, made when the first step is submitted. */
  start(now: number): S;
  ttlMs: number;
  /** Shown when a state older than ttlMs is dropped; it gets the ttl in minutes as `minutes`. */
  expiredCode: TextCode;
  services: Svc;
  now(): number;
  csrfToken(req: Request): string;
  /** Called when a form fails to parse, so format errors are recorded like every other attempt. */
  onInvalidForm?(ctx: StepContext<S, Svc>, attempt: { stepId: string; action?: string; code: string }): void;
}

export function firstOpenStep<S, Svc>(steps: readonly Step<S, Svc>[], state: S): Step<S, Svc> {
  return steps.find((step) => !step.isDone(state)) ?? steps[steps.length - 1]!;
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}

/**
 * Turns a list of steps into routes. The list alone decides the order: a request for a step that is
 * not the first open one is redirected there, so no step can be reached or skipped by a crafted request.
 */
export function wizardRouter<S extends { startedAt: number }, Svc>(flow: Flow<S, Svc>): Router {
  const router = Router();
  const [firstStep] = flow.steps;
  const expiredNotice: Notice = { code: flow.expiredCode, params: { minutes: Math.round(flow.ttlMs / 60000) } };
  const urlOf = (step: Step<S, Svc>) => (step.id ? `${flow.basePath}/${step.id}` : flow.basePath);
  const session = (req: Request) => req.session as unknown as Record<string, S | undefined>;

  /** The live state, or undefined when there is none or it is too old (then it is dropped). */
  function liveState(req: Request): { state?: S; expired: boolean } {
    const state = session(req)[flow.sessionKey as string];
    if (!state) return { expired: false };
    if (flow.now() - state.startedAt > flow.ttlMs) {
      delete session(req)[flow.sessionKey as string];
      return { expired: true };
    }
    return { state, expired: false };
  }

  function contextOf(req: Request, state: S): StepContext<S, Svc> {
    return { state, now: flow.now(), ip: req.ip ?? '', sessionId: req.sessionID, services: flow.services };
  }

  async function render(
    req: Request,
    res: Response,
    step: Step<S, Svc>,
    state: S | undefined,
    extra: { errors?: FieldErrors; values?: Record<string, string>; notice?: Notice; status?: number } = {},
  ) {
    const ctx = contextOf(req, state ?? flow.start(flow.now()));
    const data = step.viewData ? await step.viewData(ctx) : {};
    const errors: Record<string, string> = {};
    const errorCodes: Record<string, string> = {};
    for (const [field, e] of Object.entries(extra.errors ?? {})) {
      errors[field] = textOf(e.code, e.params);
      errorCodes[field] = e.code;
    }
    const stepper = flow.indicatorLabels.map((label, i) => ({
      no: i + 1,
      label,
      status: step.indicator === undefined ? 'todo' : i + 1 < step.indicator ? 'done' : i + 1 === step.indicator ? 'current' : 'todo',
    }));
    res.status(extra.status ?? 200).render(step.view, {
      ...data,
      stepper,
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
  function redirectFor(step: Step<S, Svc>, state: S | undefined): string | undefined {
    if (step === firstStep) return undefined;
    if (!state) return urlOf(firstStep!);
    const open = firstOpenStep(flow.steps, state);
    return open === step ? undefined : urlOf(open);
  }

  async function apply(req: Request, res: Response, step: Step<S, Svc>, state: S, result: StepResult<S>, form: Form) {
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
      const { state, expired } = liveState(req);
      if (expired) return render(req, res, firstStep!, undefined, { errors: { _form: expiredNotice }, status: 400 });
      const target = redirectFor(step, state);
      if (target) return res.redirect(303, target);
      return render(req, res, step, state);
    });

    const handlePost = (run: (ctx: StepContext<S, Svc>, form: Form) => Promise<StepResult<S>> | StepResult<S>) =>
      async (req: Request, res: Response) => {
        const form = (req.body ?? {}) as Form;
        const live = liveState(req);
        if (live.expired && step !== firstStep) {
          return render(req, res, firstStep!, undefined, { errors: { _form: expiredNotice }, status: 400 });
        }
        // Submitting the first page starts over, so any earlier progress in this session is dropped.
        const state = step === firstStep ? flow.start(flow.now()) : live.state;
        const target = redirectFor(step, state);
        if (target || !state) return res.redirect(303, target ?? urlOf(firstStep!));
        const result = await run(contextOf(req, state), form);
        return apply(req, res, step, state, result, form);
      };

    const refuseForm = (ctx: StepContext<S, Svc>, errors: FieldErrors, action?: string): StepResult<S> => {
      const first = Object.values(errors)[0];
      flow.onInvalidForm?.(ctx, { stepId: step.id, action, code: first?.code ?? 'BAD_REQUEST' });
      return { kind: 'invalid', errors };
    };
    if (step.parse && step.submit) {
      const { parse, submit } = step;
      router.post(url, handlePost((ctx, form) => {
        const parsed = parse(form, ctx);
        return parsed.ok ? submit(ctx, parsed.input) : refuseForm(ctx, parsed.errors);
      }));
    }
    for (const [name, action] of Object.entries(step.actions ?? {})) {
      router.post(`${url}/${name}`, handlePost((ctx, form) => {
        const parsed = action.parse(form, ctx);
        return parsed.ok ? action.run(ctx, parsed.input) : refuseForm(ctx, parsed.errors, name);
      }));
    }
    for (const [name, answer] of Object.entries(step.jsonActions ?? {})) {
      router.post(`${url}/${name}`, (req, res) => {
        const { state } = liveState(req);
        if (!state || redirectFor(step, state)) return res.status(409).json({ code: 'ACTIVATION_STEP_ORDER' });
        return res.json(answer(contextOf(req, state), (req.body ?? {}) as Form));
      });
    }
  }
  return router;
}
