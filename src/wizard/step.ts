import type { SessionData } from 'express-session';
import type { AuditEvent } from '../data/auditEvents.ts';
import type { Request } from 'express';
import type { FieldErrors, Form, Parsed } from '../web/forms.ts';
import type { TextCode, TextParams } from '../web/texts.ts';

export interface Notice {
  code: TextCode;
  params?: TextParams;
}

/** E: the events a flow records; the portal's flows record audit events, the WeCom app its own. */
export interface StepContext<S, Svc, E extends string = AuditEvent> {
  state: Readonly<S>;
  now: number;
  ip: string;
  sessionId: string;
  /** The audit event of the form being handled, as the flow's step list names it. */
  event: E;
  services: Svc;
}

export type StepResult<S> =
  /** Re-render the step with these errors and the typed values; the patch still applies (e.g. counters). */
  | { kind: 'invalid'; errors: FieldErrors; status?: number; patch?: Partial<S> }
  /** Apply the patch and go on to the next open step (POST-redirect-GET). */
  | { kind: 'next'; patch: Partial<S>; regenerateSession?: boolean }
  /** Apply the patch and show the same step again with a notice (side actions such as sending a code). */
  | { kind: 'stay'; patch?: Partial<S>; notice?: Notice };

export interface StepAction<S, Svc, I = any, E extends string = AuditEvent> {
  parse(form: Form, ctx: StepContext<S, Svc, E>): Parsed<I>;
  run(ctx: StepContext<S, Svc, E>, input: I): StepResult<S> | Promise<StepResult<S>>;
}

/** What a step does: its own form and its own part of the state, nothing about its place in a flow. */
export interface Step<S, Svc, I = any, E extends string = AuditEvent> {
  /** The URL segment after the flow's base path; '' for the first page. */
  id: string;
  view: string;
  /** Only this step's own part of the state. */
  isDone(state: S): boolean;
  viewData?(ctx: StepContext<S, Svc, E>): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** A step without parse has no form of its own. */
  parse?(form: Form, ctx: StepContext<S, Svc, E>): Parsed<I>;
  submit?(ctx: StepContext<S, Svc, E>, input: I): StepResult<S> | Promise<StepResult<S>>;
  /** Named side actions: POST <step>/<name>, answered with the re-rendered page. */
  actions?: Record<string, StepAction<S, Svc, any, E>>;
  /** Named read-only checks for page scripts: POST <step>/<name>, answered with JSON; they change no state. */
  jsonActions?: Record<string, (ctx: StepContext<S, Svc, E>, form: Form) => unknown>;
  /** Fields never echoed back into the page. */
  secretFields?: readonly string[];
}

/** A point of a journey the help desk counts: the audit event (outcome ok) that marks it reached. */
export interface Milestone<E extends string = AuditEvent> {
  event: E;
  label: TextCode;
}

/**
 * A step as its flow's list places it. The list is the one place that says, for each step, its label in the
 * step indicator (its number is its place among the labelled steps), the audit events of its forms and
 * its position in the help desk's funnel.
 */
export interface PlacedStep<S, Svc, E extends string = AuditEvent> extends Step<S, Svc, any, E> {
  label?: TextCode;
  /** Audit event of the step's own form; actions name theirs in `actionEvents`. */
  event: E;
  actionEvents: Readonly<Record<string, E>>;
  milestone?: Milestone<E>;
}

export interface Placement<E extends string = AuditEvent> {
  label?: TextCode;
  event?: E;
  actionEvents?: Record<string, E>;
  milestone?: Milestone<E>;
}

/** Places a step in a flow's list (see PlacedStep). A flow with events of its own names each step's event. */
export function place<S, Svc, E extends string = AuditEvent>(step: Step<S, Svc, any, E>, placement: Placement<NoInfer<E>> = {}): PlacedStep<S, Svc, E> {
  return { ...step, event: placement.event ?? ('WIZARD_FORM' as E), actionEvents: placement.actionEvents ?? {}, label: placement.label, milestone: placement.milestone };
}

/** The milestones of a flow, in order, each with the label of its step: what the console's funnel counts. */
export function milestonesOf<S, Svc, E extends string = AuditEvent>(steps: readonly PlacedStep<S, Svc, E>[]): (Milestone<E> & { stepLabel?: TextCode })[] {
  return steps.flatMap((step) => (step.milestone ? [{ ...step.milestone, stepLabel: step.label }] : []));
}

export interface Flow<S extends { startedAt: number }, Svc, E extends string = AuditEvent> {
  basePath: string;
  sessionKey: keyof SessionData;
  steps: readonly PlacedStep<S, Svc, E>[];
  /** Label of the step indicator as a whole (its aria-label). */
  indicatorLabel: TextCode;
  /** A fresh state, made when the first step is submitted. */
  start(now: number): S;
  ttlMs: number;
  /** Shown when a state older than ttlMs is dropped; it gets the ttl in minutes as `minutes`. */
  expiredCode: TextCode;
  /** Shown on the step a request was sent back to because it asked for a later one. */
  orderCode: TextCode;
  /** True when what the state points at is gone (e.g. the candidate was deleted): the flow starts again. */
  isStale?(state: S, services: Svc): boolean;
  /** Shown when a stale state is dropped. */
  staleCode?: TextCode;
  services: Svc;
  now(): number;
  csrfToken(req: Request): string;
  /** Called when a form fails to parse, so format errors are recorded like every other attempt. */
  onInvalidForm?(ctx: StepContext<S, Svc, E>, attempt: { code: string }): void;
}

export function firstOpenStep<T extends { isDone(state: S): boolean }, S>(steps: readonly T[], state: S): T {
  return steps.find((step) => !step.isDone(state)) ?? steps[steps.length - 1]!;
}
