import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import type { OutboxRow } from '../data/outbox.ts';
import type { Store } from '../data/store.ts';
import { codeInMessage } from '../rules/messageCode.ts';
import { PortalError } from '../web/errors.ts';
import { parseBody } from './schemas.ts';

// How far back "latest" looks for a message that carries a code.
const LATEST_SCAN = 20;

export function messageJson(m: OutboxRow) {
  return {
    id: m.id,
    channel: m.channel,
    to: m.recipient,
    subject: m.subject,
    text: m.text,
    code: codeInMessage(m.text),
    delivery: m.delivery,
    createdAt: new Date(m.created_at).toISOString(),
  };
}

const listQuery = z.object({
  to: z.string().trim().min(1).max(254),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const toQuery = z.object({ to: z.string().trim().min(1).max(254) });
// Strict: without `to` every message goes, so a misspelt parameter (to[]=…, TO=…) must be refused, not ignored.
const deleteQuery = z.object({ to: z.string().trim().max(254).default('') }).strict();

/** /api/v1/messages: the captured SMS and emails, newest first. A delayed SMS is listed once it has arrived. */
export function messagesApi(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  const router = Router();

  router.get('/messages', (req, res) => {
    const q = parseBody(listQuery, req.query);
    res.json(store.mailbox.list({ ...q, now: clock.now() }).map(messageJson));
  });

  /** The newest message to an address that carries a code, and the code. */
  router.get('/messages/latest', (req, res) => {
    const { to } = parseBody(toQuery, req.query);
    const withCode = store.mailbox.list({ to, limit: LATEST_SCAN, offset: 0, now: clock.now() })
      .map(messageJson).find((m) => m.code !== null);
    if (!withCode) throw new PortalError('NOT_FOUND', { status: 404 });
    res.json(withCode);
  });

  router.delete('/messages', (req, res) => {
    const { to } = parseBody(deleteQuery, req.query);
    res.json({ deleted: store.mailbox.remove(to) });
  });

  return router;
}
