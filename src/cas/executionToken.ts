import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { newRandomId } from '../web/randomId.ts';
import { SALT_ALPHABET } from './passwordCrypto.ts';
import { cookieOf } from '../web/cookies.ts';

// The login form's execution token: issued time, password salt and a nonce, signed with a server secret
// and bound to a random browser cookie. Showing the form stores nothing; the one use is recorded on POST.

export const LOGIN_BINDING_COOKIE = 'IDAS_LOGIN';
const BINDING_PATH = '/authserver';
const BINDING = /^[A-Za-z0-9]{24}$/;
const TOKEN = new RegExp(`^([0-9a-z]{1,11})\\.([${SALT_ALPHABET}]{16})\\.([A-Za-z0-9]{16})\\.([A-Za-z0-9_-]{32})$`);

export interface IssuedForm {
  execution: string;
  salt: string;
  nonce: string;
  expiresAt: number;
}

export function createExecutionTokens(secret: string, ttlMs: number, cookieSecure: boolean) {
  const mac = (payload: string, binding: string) =>
    createHmac('sha256', secret).update(`${payload}|${binding}`).digest('base64url').slice(0, 32);

  return {
    /** A new token for this browser; sets the binding cookie when the browser has none yet. */
    issue(req: Request, res: Response, now: number, salt: string): string {
      // The page carries two forms (账号登录, 短信登录): both tokens are bound to the one cookie this response sets.
      let binding = (res.locals.loginBinding as string | undefined) ?? cookieOf(req, LOGIN_BINDING_COOKIE);
      if (!binding || !BINDING.test(binding)) {
        binding = newRandomId(24);
        // HttpOnly and Lax like the session cookie: another site can neither read it nor post with it.
        res.cookie(LOGIN_BINDING_COOKIE, binding, { path: BINDING_PATH, httpOnly: true, secure: cookieSecure, sameSite: 'lax' });
      }
      res.locals.loginBinding = binding;
      const payload = `${now.toString(36)}.${salt}.${newRandomId(16)}`;
      return `${payload}.${mac(payload, binding)}`;
    },

    /** The form a posted token stands for, if it is well-formed, signed for this browser and not expired. */
    read(req: Request, execution: string, now: number): IssuedForm | undefined {
      const parts = TOKEN.exec(execution);
      const binding = cookieOf(req, LOGIN_BINDING_COOKIE);
      if (!parts || !binding || !BINDING.test(binding)) return undefined;
      const [, issued, salt, nonce, signature] = parts as unknown as [string, string, string, string, string];
      const expected = Buffer.from(mac(`${issued}.${salt}.${nonce}`, binding));
      if (!timingSafeEqual(expected, Buffer.from(signature))) return undefined;
      const expiresAt = parseInt(issued, 36) + ttlMs;
      if (expiresAt <= now) return undefined;
      return { execution, salt, nonce, expiresAt };
    },
  };
}

export type ExecutionTokens = ReturnType<typeof createExecutionTokens>;
