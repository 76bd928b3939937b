import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../data/store.ts';

/** Why a message was not delivered while a training fault is on; kept in the outbox row. */
export const TRAINING_FAULT_REASON = 'training fault';

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * The simulated SMS gateway and the mailer. Both record every message in the outbox (the trainee's
 * phone and mailbox); emails are real MIME built by nodemailer and, with SMTP_URL, also sent.
 */
export function createOutbound(deps: { config: Config; store: Store; clock: Clock; log: Logger }) {
  const { config, store, clock, log } = deps;
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const smtp = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : undefined;

  return {
    /** Training faults: a failing gateway records the message as failed and throws; a slow one delivers it later. */
    sendSms(to: string, text: string): number {
      const delay = store.faults.find('sms_delay');
      const arrivesAt = clock.now() + (delay ? Number(delay.params.seconds) * 1000 : 0);
      const id = store.outbox.add({ channel: 'sms', recipient: to, text, now: arrivesAt });
      if (store.faults.find('sms_fail')) {
        store.outbox.markDelivery(id, 'failed', TRAINING_FAULT_REASON);
        throw new Error(TRAINING_FAULT_REASON);
      }
      return id;
    },

    /** Resolves with the outbox id; rejects when SMTP is configured and refuses the message. */
    async sendEmail(email: Email): Promise<number> {
      const message = { from: config.university.mailFrom, date: new Date(clock.now()), ...email };
      const composed = await composer.sendMail(message);
      const raw = (composed.message as Buffer).toString('utf8');
      const id = store.outbox.add({ channel: 'email', recipient: email.to, ...email, raw, now: clock.now() });
      if (store.faults.find('email_fail')) {
        store.outbox.markDelivery(id, 'failed', TRAINING_FAULT_REASON);
        throw new Error(TRAINING_FAULT_REASON);
      }
      if (!smtp) return id;
      try {
        await smtp.sendMail(message);
        store.outbox.markDelivery(id, 'sent');
        return id;
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        store.outbox.markDelivery(id, 'failed', reason.slice(0, 500));
        log.warn({ outboxId: id, reason }, 'SMTP delivery failed');
        throw err;
      }
    },
  };
}

export type Outbound = ReturnType<typeof createOutbound>;
