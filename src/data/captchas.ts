import type { Db } from './db.ts';

/** Captcha answers by id; taking one deletes it, so each image allows a single try. */
export function createCaptchaAnswers(db: Db) {
  const put = db.prepare(`INSERT INTO captchas (id, answer, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET answer = excluded.answer, expires_at = excluded.expires_at`);
  const take = db.prepare('DELETE FROM captchas WHERE id = ? RETURNING answer, expires_at');
  const takeIf = db.prepare('DELETE FROM captchas WHERE id = ? AND answer = ? AND expires_at > ? RETURNING id');
  const prune = db.prepare('DELETE FROM captchas WHERE expires_at <= ?');
  const peek = db.prepare('SELECT answer FROM captchas WHERE id = ?').pluck();
  return {
    put(id: string, answer: string, expiresAt: number, now: number): void {
      prune.run(now);
      put.run(id, answer, expiresAt);
    },
    take: (id: string) => take.get(id) as { answer: string; expires_at: number } | undefined,
    /** Takes the answer only if it is this one and still valid: whether it was. */
    takeIf: (id: string, answer: string, now: number) => takeIf.get(id, answer, now) !== undefined,
    /** For the trainer's tools and tests: what the image shows. */
    peek: (id: string) => peek.get(id) as string | undefined,
  };
}
