import { createDecipheriv } from 'node:crypto';
import { randomString } from '../web/randomId.ts';

// The Wisedu login page's encryptPassword(): AES-128-CBC, PKCS#7, key = the 16-character pwdEncryptSalt,
// a random 16-character IV that is never sent, 64 random characters before the password, Base64.
// CBC decryption with a wrong IV garbles only the first block, which lies inside the random prefix,
// so the server decrypts with any IV and drops the first 64 characters, as the real server does.

export const SALT_ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZabcdefhijkmnprstwxyz2345678';
const SALT_LENGTH = 16;
const RANDOM_PREFIX_LENGTH = 64;
// The longest password the form accepts in clear; anything longer can only be the encrypted form.
const MAX_PLAIN_LENGTH = 64;

export function newPasswordSalt(): string {
  return randomString(SALT_ALPHABET, SALT_LENGTH);
}

/** The password as typed: decrypted when the page's script encrypted it, as posted when JavaScript was off. */
export function passwordFromForm(posted: string, salt: string): string | undefined {
  if (posted.length <= MAX_PLAIN_LENGTH) return posted;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(posted)) return undefined;
  try {
    const decipher = createDecipheriv('aes-128-cbc', Buffer.from(salt, 'utf8'), Buffer.alloc(16));
    const plain = Buffer.concat([decipher.update(Buffer.from(posted, 'base64')), decipher.final()]);
    if (plain.length <= RANDOM_PREFIX_LENGTH) return undefined;
    return plain.subarray(RANDOM_PREFIX_LENGTH).toString('utf8');
  } catch {
    return undefined;
  }
}
