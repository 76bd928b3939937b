import type { Step, StepContext } from '../../wizard/step.ts';
import type { Identity } from '../data/members.ts';
import type { WecomDeps } from '../deps.ts';
import type { WecomEvent } from '../events.ts';

/** The one small object the app's session holds while a member goes through 第三步 and 第四步. */
export interface WecomActivationState extends Partial<Identity> {
  /** When the CAS server vouched for the member (the state lives as long as that sign-in). */
  startedAt: number;
  /** The simulated WeChat of the browser that signed in: the one the member gets bound to. */
  wechatId?: string;
  pendingPhone?: string;
  phoneVerified?: true;
  followed?: true;
}

declare module 'express-session' {
  interface SessionData {
    wecomActivation?: WecomActivationState;
  }
}

export type WecomStep<I = any> = Step<WecomActivationState, WecomDeps, I, WecomEvent>;
export type WecomContext = StepContext<WecomActivationState, WecomDeps, WecomEvent>;

/** The state a fresh sign-in starts with: what the app already knows about the member decides the first open step. */
export function stateAfterSignIn(identity: Identity, wechatId: string, progress: { phoneVerified: boolean; followed: boolean }, now: number): WecomActivationState {
  return {
    startedAt: now, ...identity, wechatId,
    ...(progress.phoneVerified ? { phoneVerified: true } : {}),
    ...(progress.followed ? { followed: true } : {}),
  };
}
