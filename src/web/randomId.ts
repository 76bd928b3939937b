import { randomFillSync } from 'node:crypto';

const LETTERS_AND_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// CSPRNG bytes are drawn a batch at a time (as randomInt keeps its own cache) and each is handed out once.
const BATCH_BYTES = 1024;
const batch = Buffer.allocUnsafeSlow(BATCH_BYTES);
let nextByte = BATCH_BYTES;

/** `length` characters of `alphabet` (2 to 256 of them), each uniform and independent, from the CSPRNG. */
export function randomString(alphabet: string, length: number): string {
  if (alphabet.length < 2 || alphabet.length > 256) throw new RangeError(`an alphabet of 2 to 256 characters: ${alphabet.length}`);
  // Rejection sampling: a byte at or above the largest multiple of the alphabet's size is dropped, so every
  // character is equally likely (byte % size alone would favour the first 256 % size characters).
  const limit = 256 - (256 % alphabet.length);
  let text = '';
  while (text.length < length) {
    if (nextByte === BATCH_BYTES) {
      randomFillSync(batch);
      nextByte = 0;
    }
    const byte = batch[nextByte++]!;
    if (byte < limit) text += alphabet[byte % alphabet.length];
  }
  return text;
}

/** Random letters and digits from the CSPRNG: safe in URLs, form fields and CAS tickets alike. */
export function newRandomId(length: number): string {
  return randomString(LETTERS_AND_DIGITS, length);
}
