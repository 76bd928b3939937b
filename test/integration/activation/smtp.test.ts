import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { latestCodeTo, latestMessageTo, makePortal, messagesOf } from '../../support/portal.ts';
import { A, postForm, walkTo } from '../../support/activation.ts';
import { auditTrail } from '../../support/activationChecks.ts';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const REFUSED = 'nobody@example.com';

/** The text/plain part of a MIME message, decoded. */
function plainTextOf(raw: string): string {
  const part = /Content-Type: text\/plain; charset=utf-8\r?\nContent-Transfer-Encoding: base64\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(raw);
  if (!part) throw new Error(`no base64 text/plain part in:\n${raw}`);
  return Buffer.from(part[1]!.replace(/\s/g, ''), 'base64').toString('utf8');
}

describe('email codes over real SMTP (SMTP_URL)', () => {
  const received: Received[] = [];
  let server: SMTPServer;
  let smtpUrl: string;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address === REFUSED) {
          const err = Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 });
          return callback(err);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('delivers the same code the outbox holds and marks the message sent', async () => {
    const portal = makePortal({ SMTP_URL: smtpUrl });
    const agent = await walkTo(portal, 'email');
    const res = await postForm(agent, `${A}/email/code`, { email: 'zhangwei@example.com' }, `${A}/email`);
    expect(res.status).toBe(200);
    expect(messagesOf(res.text)).toEqual(['验证码已发送至zha***@example.com，请查收邮件']);
    const code = latestCodeTo(portal, 'zhangwei@example.com');
    const mail = received.find((m) => m.to.includes('zhangwei@example.com'));
    expect(mail).toBeDefined();
    expect(mail!.from).toBe('noreply@idas.uestc.edu.cn');
    expect(plainTextOf(mail!.raw)).toContain(`邮箱验证码为：${code}`);
    expect(latestMessageTo(portal, 'zhangwei@example.com')!.delivery).toBe('sent');
    // The code works for binding.
    const bind = await postForm(agent, `${A}/email`, { email: 'zhangwei@example.com', code });
    expect(bind.status).toBe(303);
  });

  it('says 验证码发送失败 when the server refuses the recipient, and records the failure', async () => {
    const portal = makePortal({ SMTP_URL: smtpUrl });
    const agent = await walkTo(portal, 'email');
    const res = await postForm(agent, `${A}/email/code`, { email: REFUSED }, `${A}/email`);
    expect(res.status).toBe(502);
    expect(messagesOf(res.text)).toEqual(['验证码发送失败，请稍后重试']);
    const row = latestMessageTo(portal, REFUSED)!;
    expect(row.delivery).toBe('failed');
    expect(row.delivery_error).toContain('550');
    expect(received.some((m) => m.to.includes(REFUSED))).toBe(false);
    // The undelivered code can never be used.
    const bind = await postForm(agent, `${A}/email`, { email: REFUSED, code: latestCodeTo(portal, REFUSED) });
    expect(messagesOf(bind.text)).toEqual(['请先获取验证码']);
    expect(auditTrail(portal)).toContain('EMAIL_CODE_SENT:error:CODE_DELIVERY_FAILED');
  });
});
