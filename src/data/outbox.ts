import type { Db } from './db.ts';
import type { Channel } from './challenges.ts';

export interface OutboxRow {
  id: number;
  channel: Channel;
  recipient: string;
  subject: string | null;
  text: string;
  html: string | null;
  raw: string | null;
  delivery: 'captured' | 'sent' | 'failed';
  delivery_error: string | null;
  created_at: number;
}

export interface NewMessage {
  channel: Channel;
  recipient: string;
  subject?: string | null;
  text: string;
  html?: string | null;
  raw?: string | null;
  now: number;
}

/** Every simulated SMS and composed email, as a mail catcher keeps them. */
export function createOutbox(db: Db) {
  const insert = db.prepare(`INSERT INTO outbox (channel, recipient, subject, text, html, raw, created_at)
    VALUES (@channel, @recipient, @subject, @text, @html, @raw, @now)`);
  const markDelivery = db.prepare('UPDATE outbox SET delivery = ?, delivery_error = ? WHERE id = ?');
  const byRecipient = db.prepare('SELECT * FROM outbox WHERE recipient = ? ORDER BY id DESC LIMIT ?');
  const byId = db.prepare('SELECT * FROM outbox WHERE id = ?');

  return {
    add: (m: NewMessage) =>
      Number(insert.run({ subject: null, html: null, raw: null, ...m }).lastInsertRowid),
    markDelivery: (id: number, delivery: 'sent' | 'failed', error: string | null = null) => {
      markDelivery.run(delivery, error, id);
    },
    findById: (id: number) => byId.get(id) as OutboxRow | undefined,
    /** Newest first. */
    listTo: (recipient: string, limit = 50) => byRecipient.all(recipient, limit) as OutboxRow[],
  };
}
