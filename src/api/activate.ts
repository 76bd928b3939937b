import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { CandidateRow } from '../data/candidates.ts';
import type { Store } from '../data/store.ts';
import { commitActivation } from '../roster/activateAccount.ts';
import { checkEmail } from '../rules/email.ts';
import { checkPassword } from '../rules/passwordPolicy.ts';
import { checkPhone } from '../rules/phone.ts';
import { PortalError } from '../web/errors.ts';
import { passwordContextOf, policyOf, refusedPasswordAudit } from '../web/passwordForm.ts';
import { textOf, type TextCode } from '../web/texts.ts';
import { candidateJson } from './candidates.ts';
import { parseBody } from './schemas.ts';

const activateBody = z.object({ password: z.string().max(200), phone: z.string().max(50), email: z.string().max(254) }).strict();

const field = (code: TextCode, message = textOf(code)) => ({ code, message });

/**
 * POST /api/v1/candidates/:candidateNo/activate: a roster candidate straight to active, under the wizard's
 * rules (password policy, phone and email formats, one account per phone and address), so an integrator's
 * tests need not walk the wizard. Audited as ACTIVATED with actor "api".
 */
export function activateApi(deps: { store: Store; clock: Clock; config: Config; hashPassword(password: string): Promise<string> }) {
  const { store, clock, config } = deps;
  const router = Router();

  function refuseTaken(c: CandidateRow, phone: string, email: string): void {
    const fields: Record<string, { code: string; message: string }> = {};
    const phoneHolder = store.candidates.findByPhone(phone);
    const emailHolder = store.candidates.findByEmail(email);
    if (phoneHolder && phoneHolder.id !== c.id) fields.phone = field('PHONE_TAKEN');
    if (emailHolder && emailHolder.id !== c.id) fields.email = field('EMAIL_TAKEN');
    if (fields.phone || fields.email) throw new PortalError(fields.phone ? 'PHONE_TAKEN' : 'EMAIL_TAKEN', { status: 409, fields });
  }

  router.post('/candidates/:candidateNo/activate', async (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const c = store.candidates.findByCandidateNo(req.params.candidateNo);
    if (!c) throw new PortalError('NOT_FOUND', { status: 404 });
    const body = parseBody(activateBody, req.body);
    if (c.account_type !== 'candidate') throw new PortalError('NOT_A_CANDIDATE', { status: 409 });
    if (c.status === 'active') throw new PortalError('ALREADY_ACTIVATED', { status: 409 });

    const phone = checkPhone(body.phone);
    const email = checkEmail(body.email);
    const policy = policyOf(config);
    const password = checkPassword(body.password, body.password, passwordContextOf(c, clock.now()), policy);
    const fields: Record<string, { code: string; message: string }> = {};
    if (!phone.ok) fields.phone = field(phone.code);
    if (!email.ok) fields.email = field(email.code);
    if (!password.ok) fields.password = { code: 'PASSWORD_WEAK', message: password.failed.map((id) => textOf(id, { ...policy })).join('；') };
    if (!phone.ok || !email.ok || !password.ok) {
      if (!password.ok) store.audit.record({ at: clock.now(), event: 'PASSWORD_SET', outcome: 'error', candidateId: c.id, candidateNo: c.candidate_no, actor: 'api', ...refusedPasswordAudit(password) });
      throw new PortalError('VALIDATION_FAILED', { status: 400, fields });
    }
    refuseTaken(c, phone.value, email.value);

    // Hash first (slow, async), then one short transaction guarded by status = 'pending'.
    const hash = await deps.hashPassword(body.password);
    const now = clock.now();
    const outcome = commitActivation(store, { id: c.id, phone: phone.value, email: email.value, passwordHash: hash, now }, { candidateNo: c.candidate_no, actor: 'api' });
    if (!outcome.ok && outcome.code === 'ALREADY_ACTIVATED') throw new PortalError(outcome.code, { status: 409 });
    if (!outcome.ok) throw new PortalError(outcome.code, { status: 409, fields: { [outcome.column]: field(outcome.code) } });
    res.json(candidateJson(store.candidates.findById(c.id)!, store, now));
  });

  return router;
}
