import request from 'supertest';
import argon2 from 'argon2';
import { csrfFrom, makePortal, type Agent, type TestPortal } from '../../support/portal.ts';

export const ADMIN_PASSWORD = 'Admin-pass-2026';
export const AGENT = { username: 'wang', displayName: '王老师', password: 'Agent-pass-2026' } as const;

/** The portal with the first admin (password from CONSOLE_ADMIN_PASSWORD) and one agent. */
export async function makeConsolePortal(env: Record<string, string> = {}) {
  const portal = makePortal({ CONSOLE_ADMIN_PASSWORD: ADMIN_PASSWORD, ...env });
  await addStaff(portal);
  return portal;
}

/** Waits for the first admin (CONSOLE_ADMIN_PASSWORD must be ADMIN_PASSWORD) and adds the agent. */
export async function addStaff(portal: TestPortal) {
  await portal.firstAdmin.ready;
  const passwordHash = await argon2.hash(AGENT.password, { type: argon2.argon2id, ...portal.config.argon2 });
  portal.store.staff.insert({ username: AGENT.username, displayName: AGENT.displayName, role: 'agent', passwordHash }, portal.clock.now());
}

/** Signs in through the login page and returns the agent holding the console cookie. */
export async function signIn(portal: TestPortal, username: string, password: string): Promise<Agent> {
  const agent = request.agent(portal.app);
  const page = await agent.get('/console/login');
  const res = await agent.post('/console/login').type('form').send({ username, password, _csrf: csrfFrom(page.text) });
  if (res.status !== 303) throw new Error(`sign-in as ${username} failed with ${res.status}`);
  return agent;
}

export const signInAdmin = (portal: TestPortal) => signIn(portal, 'admin', ADMIN_PASSWORD);
export const signInAgent = (portal: TestPortal) => signIn(portal, AGENT.username, AGENT.password);

/** GETs a console page and returns its CSRF token (from any form on it). */
export async function consoleCsrf(agent: Agent, path = '/console'): Promise<string> {
  return csrfFrom((await agent.get(path)).text);
}
