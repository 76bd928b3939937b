import type { Db } from './db.ts';

/** Captcha answers by id; taking one deletes it, so each image allows a single try. */
export function createCaptchaAnswers(db: Db) {
  const put = db.prepare(`INSERT INTO captchas (id, answer, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET answer = excluded.answer, expires_at = excluded.expires_at`);
  const take = db.prepare('DELETE FROM captchas WHERE id = ? RETURNING answer, expires_at');
  const prune = db.prepare('DELETE FROM captchas WHERE expires_at <= ?');
  const peek = db.prepare('SELECT answer FROM captchas WHERE id = ?').pluck();
  return {
    put(id: string, answer: string, expiresAt: number, now: number): void {
      prune.run(now);
      put.run(id, answer, expiresAt);
    },
    take: (id: string) => take.get(id) as { answer: string; expires_at: number } | undefined,
    /** For the trainer's tools and tests: what the image shows. */
    peek: (id: string) => peek.get(id) as string | undefined,
  };
}
