import argon2 from 'argon2';
import { availableParallelism } from 'node:os';
import type { Config } from '../config.ts';
import { generateToken } from '../rules/codes.ts';

/**
 * argon2id hashing and verification, at most one per core at a time. The hashes run on libuv's thread pool
 * (4 threads); more at once than there are cores adds memoryCost (19 MiB) each to the resident set and no
 * speed, and starves the event loop that serves every other page (measured with npm run bench).
 */
export function createPasswordHashing(params: Config['argon2'], maxConcurrent = availableParallelism()) {
  let running = 0;
  const waiting: (() => void)[] = [];

  async function gated<T>(work: () => Promise<T>): Promise<T> {
    if (running >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  }

  return {
    hash: (password: string) => gated(() => argon2.hash(password, { type: argon2.argon2id, ...params })),
    verify: (hash: string, password: string) => gated(() => argon2.verify(hash, password)),
  };
}

export type PasswordHashing = ReturnType<typeof createPasswordHashing>;

/**
 * argon2 verification that takes as long for an unknown user as for a known one: without a hash
 * it verifies against a throwaway hash made with the same parameters, so timing reveals no account.
 */
export function createPasswordVerifier(passwords: PasswordHashing) {
  const throwaway = passwords.hash(generateToken(16));
  return async (hash: string | undefined, password: string): Promise<boolean> => {
    if (hash === undefined) {
      await passwords.verify(await throwaway, password);
      return false;
    }
    // A malformed stored hash is a failed login, not a crash.
    return passwords.verify(hash, password).catch(() => false);
  };
}

export type PasswordVerifier = ReturnType<typeof createPasswordVerifier>;
