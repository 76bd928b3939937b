// Reads the environment once into a frozen, typed object. One clear line per bad variable.
import { parseTrustProxy, type TrustProxy } from './rules/trustProxy.ts';

export interface University {
  /** 电子科技大学 */
  name: string;
  /** The 5-digit institution code every 考生号 starts with. */
  institutionCode: string;
  /** The 【…】 signature of SMS messages. */
  smsSignature: string;
  /** Service-desk contacts shown on pages and in emails. */
  helpdeskPhone: string;
  helpdeskEmail: string;
  /** The From of every email the portal sends. */
  mailFrom: string;
}

export interface Limits {
  codeTtlMs: number;
  codeMaxAttempts: number;
  codeResendCooldownMs: number;
  /** Codes one candidate may have sent to one number or address per hour and per day. */
  codeMaxPerHour: number;
  codeMaxPerDay: number;
  /** Codes every candidate together may have sent to one number or address per day; more than one candidate's cap. */
  codeMaxPerDayPerNumber: number;
  /** "Bound to another account" answers one candidate may get within the identity window before the lock. */
  contactTakenMaxAnswers: number;
  /** Identity (and 忘记密码 contact) failures of one 考生号 from one address before that address is locked out of it. */
  identityMaxFailuresPerCandidate: number;
  /** … of one 考生号 from every address together before it is locked everywhere. */
  identityMaxFailuresAllAddresses: number;
  identityMaxFailuresPerSession: number;
  /** Identity failures from one address after which every check from it needs an image captcha. */
  identityMaxFailuresPerIp: number;
  identityFailureWindowMs: number;
  identityLockMs: number;
  activationSessionTtlMs: number;
  /** Failed form POSTs per IP and minute before RATE_LIMITED; successes never count. */
  failedPostsPerIpPerMinute: number;
  /** Failures of one user name from one address before the lock (for that address). */
  loginMaxFailures: number;
  /** Failures of one user name from every address together before it is locked everywhere. */
  loginMaxFailuresAllAddresses: number;
  loginFailureWindowMs: number;
  loginLockMs: number;
  /** Failures of one user name after which the login form demands an image captcha. */
  loginCaptchaAfterFailures: number;
  /** Failed logins from one address inside the window after which every login from it needs the captcha. */
  loginMaxFailuresPerIp: number;
  recoverySessionTtlMs: number;
}

export interface CasSettings {
  serviceTicketTtlMs: number;
  ssoSessionTtlMs: number;
  ssoSessionIdleMs: number;
  /** How long single logout waits for each back-channel logoutRequest. */
  sloTimeoutMs: number;
  /** How many logoutRequests one end of an SSO session sends at once. */
  sloConcurrency: number;
  /** How long one end of an SSO session may spend on all its logoutRequests together. */
  sloTotalMs: number;
  /** Image captchas on the login and 忘记密码 forms; the API can switch them off at run time. */
  captchaEnabled: boolean;
  /** How far (in picture pixels) a dropped slider piece may be from the hole and still pass. */
  sliderTolerancePx: number;
  /** How long a login form's execution token stays usable (it was the form session's 2 hours). */
  loginFormTtlMs: number;
  /** Lifetime of an SSO session started with 记住我 (7天免登录); it has no idle timeout. */
  rememberMeTtlMs: number;
}

export interface ConsoleConfig {
  /** The first admin's password on an empty database; generated and printed once when unset. */
  adminPassword?: string;
  idleTimeoutMs: number;
  /** Failures of one staff user name from one address before the lock (for that address). */
  maxLoginFailures: number;
  /** … from every address together before the user name is locked everywhere. */
  maxLoginFailuresAllAddresses: number;
  loginLockMs: number;
  uploadMaxBytes: number;
}

export const STAFF_PASSWORD_MIN_LENGTH = 10;

/** The downstream WeCom activation app at /wecom/ (src/wecom/), a CAS client of a portal. */
export interface WecomConfig {
  /** The CAS server it uses, e.g. http://127.0.0.1:3000/authserver; unset: this server's own. */
  casBaseUrl?: string;
  /** How long the app waits for p3/serviceValidate. */
  casTimeoutMs: number;
  /** How long one sign-in to the app (its activation pages) lasts. */
  sessionTtlMs: number;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databasePath: string;
  sessionSecret?: string;
  apiToken?: string;
  smtpUrl?: string;
  cookieSecure: boolean;
  /** Which peers may set the client address through X-Forwarded-For (express's 'trust proxy'). */
  trustProxy: TrustProxy;
  university: University;
  limits: Limits;
  cas: CasSettings;
  console: ConsoleConfig;
  wecom: WecomConfig;
  passwordMinScore: 0 | 1 | 2 | 3 | 4;
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function intVar(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return Number(raw);
}

function boolVar(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function stringVar(env: Env, name: string, fallback: string, pattern?: RegExp, hint?: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (pattern && !pattern.test(raw)) throw new ConfigError(`${name} must be ${hint}, got "${raw}"`);
  return raw;
}

function optionalSecret(env: Env, name: string, minLength: number): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < minLength) throw new ConfigError(`${name} must be at least ${minLength} characters long`);
  return raw;
}

function smtpUrlVar(env: Env): string | undefined {
  const raw = env.SMTP_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // The value is not echoed: it may hold a password.
    throw new ConfigError('SMTP_URL must be a URL such as smtp://user:pass@host:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError(`SMTP_URL must start with smtp:// or smtps://, got "${url.protocol}//…"`);
  }
  return raw;
}

function casBaseUrlVar(env: Env): string | undefined {
  const raw = env.WECOM_CAS_BASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(`WECOM_CAS_BASE_URL must be an http(s) URL without query, such as http://127.0.0.1:3000/authserver, got "${raw}"`);
  }
  return url.href.replace(/\/+$/, '');
}

function trustProxyVar(env: Env): TrustProxy {
  const parsed = parseTrustProxy(env.TRUST_PROXY);
  if (parsed === undefined) {
    throw new ConfigError(`TRUST_PROXY must be false, a number of hops, or a comma-separated list of loopback, linklocal, uniquelocal, addresses and CIDR subnets, got "${env.TRUST_PROXY}"`);
  }
  return parsed;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const nodeEnv = stringVar(env, 'NODE_ENV', 'development', /^(development|production|test)$/, 'development, production or test');
  const codeMaxPerDay = intVar(env, 'CODE_MAX_PER_DAY', 10, 1, 10000);
  // A lock lasts at least the window its failures count in, so the failures behind it have aged out when it ends.
  const loginWindowMinutes = intVar(env, 'LOGIN_FAILURE_WINDOW_MINUTES', 15, 1, 1440);
  const identityWindowMinutes = intVar(env, 'IDENTITY_FAILURE_WINDOW_MINUTES', 15, 1, 1440);
  const config: Config = {
    env: nodeEnv as Config['env'],
    port: intVar(env, 'PORT', 3000, 0, 65535),
    host: stringVar(env, 'HOST', '127.0.0.1', /^[\w.:-]+$/, 'a host name or IP address'),
    databasePath: stringVar(env, 'DATABASE_PATH', 'db/idas.sqlite'),
    sessionSecret: optionalSecret(env, 'SESSION_SECRET', 16),
    apiToken: optionalSecret(env, 'API_TOKEN', 16),
    smtpUrl: smtpUrlVar(env),
    cookieSecure: boolVar(env, 'COOKIE_SECURE', false),
    trustProxy: trustProxyVar(env),
    university: {
      name: stringVar(env, 'UNIVERSITY_NAME', '电子科技大学'),
      institutionCode: stringVar(env, 'UNIVERSITY_CODE', '10614', /^\d{5}$/, 'five digits'),
      smsSignature: stringVar(env, 'SMS_SIGNATURE', env.UNIVERSITY_NAME || '电子科技大学'),
      helpdeskPhone: stringVar(env, 'HELPDESK_PHONE', '028-61831184'),
      helpdeskEmail: stringVar(env, 'HELPDESK_EMAIL', 'iservice@uestc.edu.cn'),
      mailFrom: stringVar(env, 'MAIL_FROM', '"统一身份认证" <noreply@idas.uestc.edu.cn>'),
    },
    limits: {
      codeTtlMs: intVar(env, 'CODE_TTL_SECONDS', 300, 30, 86400) * SECOND,
      codeMaxAttempts: intVar(env, 'CODE_MAX_ATTEMPTS', 5, 1, 100),
      codeResendCooldownMs: intVar(env, 'CODE_RESEND_COOLDOWN_SECONDS', 120, 0, 3600) * SECOND,
      codeMaxPerHour: intVar(env, 'CODE_MAX_PER_HOUR', 5, 1, 1000),
      codeMaxPerDay,
      codeMaxPerDayPerNumber: intVar(env, 'CODE_MAX_PER_DAY_PER_NUMBER', 2 * codeMaxPerDay, codeMaxPerDay + 1, 100000),
      contactTakenMaxAnswers: intVar(env, 'CONTACT_TAKEN_MAX_ANSWERS', 5, 1, 1000),
      identityMaxFailuresPerCandidate: intVar(env, 'IDENTITY_MAX_FAILURES', 5, 1, 1000),
      identityMaxFailuresAllAddresses: intVar(env, 'IDENTITY_MAX_FAILURES_ALL_ADDRESSES', 20, 1, 100000),
      identityMaxFailuresPerSession: intVar(env, 'IDENTITY_MAX_FAILURES_PER_SESSION', 10, 1, 1000),
      identityMaxFailuresPerIp: intVar(env, 'IDENTITY_MAX_FAILURES_PER_IP', 100, 1, 100000),
      identityFailureWindowMs: identityWindowMinutes * MINUTE,
      identityLockMs: intVar(env, 'IDENTITY_LOCK_MINUTES', 30, identityWindowMinutes, 10080) * MINUTE,
      activationSessionTtlMs: intVar(env, 'ACTIVATION_SESSION_MINUTES', 30, 1, 1440) * MINUTE,
      failedPostsPerIpPerMinute: intVar(env, 'FAILED_POSTS_PER_IP_PER_MINUTE', 300, 1, 1000000),
      loginMaxFailures: intVar(env, 'LOGIN_MAX_FAILURES', 5, 1, 1000),
      loginMaxFailuresAllAddresses: intVar(env, 'LOGIN_MAX_FAILURES_ALL_ADDRESSES', 100, 1, 100000),
      loginFailureWindowMs: loginWindowMinutes * MINUTE,
      loginLockMs: intVar(env, 'LOGIN_LOCK_MINUTES', 15, loginWindowMinutes, 10080) * MINUTE,
      loginCaptchaAfterFailures: intVar(env, 'LOGIN_CAPTCHA_AFTER_FAILURES', 3, 1, 1000),
      loginMaxFailuresPerIp: intVar(env, 'LOGIN_MAX_FAILURES_PER_IP', 100, 1, 100000),
      recoverySessionTtlMs: intVar(env, 'RECOVERY_SESSION_MINUTES', 30, 1, 1440) * MINUTE,
    },
    cas: {
      serviceTicketTtlMs: intVar(env, 'CAS_ST_TTL_SECONDS', 10, 1, 300) * SECOND,
      ssoSessionTtlMs: intVar(env, 'CAS_TGT_TTL_MINUTES', 480, 1, 43200) * MINUTE,
      ssoSessionIdleMs: intVar(env, 'CAS_TGT_IDLE_MINUTES', 120, 1, 43200) * MINUTE,
      sloTimeoutMs: intVar(env, 'CAS_SLO_TIMEOUT_MS', 3000, 100, 60000),
      sloConcurrency: intVar(env, 'CAS_SLO_CONCURRENCY', 4, 1, 64),
      sloTotalMs: intVar(env, 'CAS_SLO_TOTAL_MS', 5000, 100, 120000),
      captchaEnabled: boolVar(env, 'CAPTCHA_ENABLED', true),
      sliderTolerancePx: intVar(env, 'CAPTCHA_SLIDER_TOLERANCE_PX', 6, 1, 40),
      loginFormTtlMs: intVar(env, 'CAS_LOGIN_FORM_TTL_MINUTES', 120, 1, 1440) * MINUTE,
      rememberMeTtlMs: intVar(env, 'CAS_REMEMBER_ME_DAYS', 7, 1, 90) * 24 * 60 * MINUTE,
    },
    console: {
      adminPassword: optionalSecret(env, 'CONSOLE_ADMIN_PASSWORD', STAFF_PASSWORD_MIN_LENGTH),
      idleTimeoutMs: intVar(env, 'CONSOLE_IDLE_MINUTES', 30, 1, 1440) * MINUTE,
      maxLoginFailures: intVar(env, 'CONSOLE_MAX_LOGIN_FAILURES', 5, 1, 100),
      maxLoginFailuresAllAddresses: intVar(env, 'CONSOLE_MAX_LOGIN_FAILURES_ALL_ADDRESSES', 50, 1, 100000),
      loginLockMs: intVar(env, 'CONSOLE_LOCK_MINUTES', 15, 1, 1440) * MINUTE,
      uploadMaxBytes: intVar(env, 'ROSTER_UPLOAD_MAX_MB', 20, 1, 200) * 1024 * 1024,
    },
    wecom: {
      casBaseUrl: casBaseUrlVar(env),
      casTimeoutMs: intVar(env, 'WECOM_CAS_TIMEOUT_MS', 5000, 100, 60000),
      sessionTtlMs: intVar(env, 'WECOM_SESSION_MINUTES', 30, 1, 1440) * MINUTE,
    },
    passwordMinScore: intVar(env, 'PASSWORD_MIN_SCORE', 3, 0, 4) as Config['passwordMinScore'],
    // OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane.
    argon2: {
      memoryCost: intVar(env, 'ARGON2_MEMORY_KIB', 19456, 1024, 1048576),
      timeCost: intVar(env, 'ARGON2_TIME_COST', 2, 1, 20),
      parallelism: intVar(env, 'ARGON2_PARALLELISM', 1, 1, 16),
    },
  };
  return Object.freeze(config);
}
