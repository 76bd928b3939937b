import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConfigError, loadConfig } from '../../../src/config.ts';
import { paths } from '../../../src/web/paths.ts';

const run = promisify(execFile);

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      env: 'development', port: 3000, host: '127.0.0.1', databasePath: 'db/idas.sqlite', cookieSecure: false,
      sessionSecret: undefined, apiToken: undefined, smtpUrl: undefined, passwordMinScore: 3,
      argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
      university: { name: '电子科技大学', institutionCode: '10614', smsSignature: '电子科技大学' },
      limits: {
        codeTtlMs: 300_000, codeMaxAttempts: 5, codeResendCooldownMs: 120_000, codeMaxPerHour: 5, codeMaxPerDay: 10,
        identityMaxFailuresPerCandidate: 5, identityMaxFailuresPerSession: 10, identityMaxFailuresPerIp: 100,
        identityFailureWindowMs: 15 * 60_000, identityLockMs: 30 * 60_000, activationSessionTtlMs: 30 * 60_000,
      },
    });
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('points the WeCom app at its own CAS server unless WECOM_CAS_BASE_URL names another', () => {
    expect(loadConfig({}).wecom).toEqual({ casBaseUrl: undefined, casTimeoutMs: 5000, sessionTtlMs: 30 * 60_000 });
    expect(loadConfig({ WECOM_CAS_BASE_URL: 'https://idas.example.edu/authserver/' }).wecom.casBaseUrl).toBe('https://idas.example.edu/authserver');
    for (const bad of ['idas.example.edu/authserver', 'ftp://x/authserver', 'http://x/authserver?a=1', 'http://u:p@x/authserver']) {
      expect(() => loadConfig({ WECOM_CAS_BASE_URL: bad }), bad).toThrow(/^WECOM_CAS_BASE_URL must be an http\(s\) URL/);
    }
  });

  it('reads good values and rebrands the university in one place', () => {
    const c = loadConfig({ PORT: '8080', HOST: '0.0.0.0', COOKIE_SECURE: 'true', UNIVERSITY_NAME: '四川大学', UNIVERSITY_CODE: '10610', DATABASE_PATH: ':memory:', SMTP_URL: 'smtp://u:p@127.0.0.1:2525' });
    expect(c).toMatchObject({ port: 8080, host: '0.0.0.0', cookieSecure: true, databasePath: ':memory:', smtpUrl: 'smtp://u:p@127.0.0.1:2525' });
    expect(c.university).toMatchObject({ name: '四川大学', institutionCode: '10610', smsSignature: '四川大学' });
  });

  it.each([
    ['PORT', 'abc'], ['PORT', '70000'], ['PORT', '-1'], ['HOST', 'bad host'], ['NODE_ENV', 'staging'],
    ['SESSION_SECRET', 'short'], ['API_TOKEN', 'short'], ['SMTP_URL', 'not a url'], ['SMTP_URL', 'http://mail.example.com'],
    ['WECOM_CAS_TIMEOUT_MS', '10'], ['WECOM_SESSION_MINUTES', '0'], ['COOKIE_SECURE', 'maybe'], ['UNIVERSITY_CODE', '1061'], ['CODE_TTL_SECONDS', '5'], ['CODE_MAX_ATTEMPTS', '0'],
    ['CODE_RESEND_COOLDOWN_SECONDS', '1.5'], ['CODE_MAX_PER_HOUR', 'x'], ['CODE_MAX_PER_DAY', '0'],
    ['IDENTITY_MAX_FAILURES', '0'], ['IDENTITY_MAX_FAILURES_PER_SESSION', '0'], ['IDENTITY_MAX_FAILURES_PER_IP', 'lots'],
    ['IDENTITY_FAILURE_WINDOW_MINUTES', '0'], ['IDENTITY_LOCK_MINUTES', '99999'], ['ACTIVATION_SESSION_MINUTES', '0'],
    ['FAILED_POSTS_PER_IP_PER_MINUTE', '0'], ['PASSWORD_MIN_SCORE', '5'], ['ARGON2_MEMORY_KIB', '100'],
    ['ARGON2_TIME_COST', '0'], ['ARGON2_PARALLELISM', '17'],
    // A lock shorter than its counting window would outlive itself: the failures behind it would still count.
    ['LOGIN_LOCK_MINUTES', '10'], ['IDENTITY_LOCK_MINUTES', '14'], ['LOGIN_MAX_FAILURES_ALL_ADDRESSES', '0'],
    ['IDENTITY_MAX_FAILURES_ALL_ADDRESSES', '0'], ['CONSOLE_MAX_LOGIN_FAILURES_ALL_ADDRESSES', 'many'], ['CONTACT_TAKEN_MAX_ANSWERS', '0'],
    ['TRUST_PROXY', 'true'], ['TRUST_PROXY', 'everyone'], ['TRUST_PROXY', '10.0.0.0/33'], ['TRUST_PROXY', 'loopback,'],
    ['CAS_SLO_CONCURRENCY', '0'], ['CAS_SLO_TOTAL_MS', '50'],
  ])('%s=%j stops with one line naming the variable', (name, value) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.startsWith(name)).toBe(true);
    expect(message).not.toContain('\n');
  });

  it('never echoes a secret it refuses', () => {
    for (const [name, value] of [['SESSION_SECRET', 'tooshort1'], ['API_TOKEN', 'tooshort2'], ['SMTP_URL', 'http://user:hunter2@mail.example.com']]) {
      expect(() => loadConfig({ [name!]: value! })).toThrow(ConfigError);
      try {
        loadConfig({ [name!]: value! });
      } catch (err) {
        expect((err as Error).message).not.toContain(name === 'SMTP_URL' ? 'hunter2' : value);
      }
    }
  });

  it('the server started with PORT=abc exits non-zero with one line naming PORT and no stack', async () => {
    const failure = await run('npx', ['tsx', 'src/server.ts'], {
      cwd: paths.root, env: { ...process.env, PORT: 'abc', DATABASE_PATH: ':memory:' },
    }).then(() => undefined, (err: { code: number; stdout: string; stderr: string }) => err);
    expect(failure).toBeDefined();
    expect(failure!.code).not.toBe(0);
    const lines = failure!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
    expect(failure!.stderr).not.toMatch(/\n\s+at /);
    expect(failure!.stdout).toBe('');
  });
});
