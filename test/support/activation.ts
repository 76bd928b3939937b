import request from 'supertest';
import { ACTIVATION_PATH } from '../../src/flows/activation/router.ts';
import { demoRoster } from '../../src/data/demoRoster.ts';
import { csrfFrom, latestCodeTo, solvedCaptchaOf, type Agent, type TestPortal } from './portal.ts';

export const A = ACTIVATION_PATH;

export const demo = {
  zhang: demoRoster[0]!, // pending, resident ID
  li: demoRoster[1]!,
  chen: demoRoster[3]!, // HK/Macao permit
  zhao: demoRoster[8]!, // already activated
  liu: demoRoster[9]!, // a current student, not a candidate
  zhou: demoRoster[10]!,
  wu: demoRoster[11]!,
};

export const GOOD_PASSWORD = 'Chengdu#Spring2026!';

export type StepId = 'agreement' | 'identity' | 'phone' | 'email' | 'password' | 'done';

/** Posts a form as the page at csrfPath would: its CSRF token, and its graphic captcha solved unless the form says otherwise. */
export async function postForm(agent: Agent, path: string, form: Record<string, string>, csrfPath = path) {
  const page = await agent.get(csrfPath);
  const captcha = await solvedCaptchaOf(agent, page.text);
  return agent.post(path).type('form').send({ ...captcha, ...form, _csrf: csrfFrom(page.text) });
}

export interface WalkOptions {
  candidate?: (typeof demoRoster)[number];
  phone?: string;
  email?: string;
  agent?: Agent;
}

/** Walks a fresh session through every step before `target`, as a candidate would, and returns the agent. */
export async function walkTo(portal: TestPortal, target: StepId, options: WalkOptions = {}) {
  const agent = options.agent ?? request.agent(portal.app);
  const c = options.candidate ?? demo.zhang;
  const phone = options.phone ?? '13800138001';
  const email = options.email ?? 'candidate@example.com';
  const order: StepId[] = ['agreement', 'identity', 'phone', 'email', 'password', 'done'];
  const upTo = order.indexOf(target);
  const expectRedirect = (res: { status: number; text: string }, step: string) => {
    if (res.status !== 303) throw new Error(`walkTo: ${step} did not advance (${res.status}): ${res.text.slice(0, 2000)}`);
  };
  if (upTo > 0) expectRedirect(await postForm(agent, A, { agree: 'on' }), 'agreement');
  if (upTo > 1) {
    expectRedirect(await postForm(agent, `${A}/identity`, {
      candidateNo: c.candidateNo, name: c.name, idType: c.idType, idNumber: c.idNumber,
    }), 'identity');
  }
  if (upTo > 2) {
    await postForm(agent, `${A}/phone/code`, { phone }, `${A}/phone`);
    expectRedirect(await postForm(agent, `${A}/phone`, { phone, code: latestCodeTo(portal, phone) }), 'phone');
  }
  if (upTo > 3) {
    await postForm(agent, `${A}/email/code`, { email }, `${A}/email`);
    expectRedirect(await postForm(agent, `${A}/email`, { email, code: latestCodeTo(portal, email) }), 'email');
  }
  if (upTo > 4) {
    expectRedirect(await postForm(agent, `${A}/password`, { password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }), 'password');
  }
  return agent;
}
