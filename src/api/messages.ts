import { Router } from 'express';
import type { OutboxRow } from '../data/outbox.ts';
import type { Store } from '../data/store.ts';
import { PortalError } from '../web/errors.ts';

const CODE_IN_MESSAGE = /验证码为[：:]?\s*(\d{4,8})/;

export function messageJson(m: OutboxRow) {
  return {
    id: m.id,
    channel: m.channel,
    to: m.recipient,
    subject: m.subject,
    text: m.text,
    code: CODE_IN_MESSAGE.exec(m.text)?.[1] ?? null,
    delivery: m.delivery,
    createdAt: new Date(m.created_at).toISOString(),
  };
}

/** /api/v1/messages: the captured SMS and emails, newest first. */
export function messagesApi(deps: { store: Store }) {
  const router = Router();
  router.get('/messages', (req, res) => {
    const to = req.query.to;
    if (typeof to !== 'string' || to === '' || to.length > 254) {
      throw new PortalError('VALIDATION_FAILED', { status: 400, fields: { to: { code: 'REQUIRED', message: 'to is required' } } });
    }
    res.json(deps.store.outbox.listTo(to).map(messageJson));
  });
  return router;
}
