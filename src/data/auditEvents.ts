/** Who causes an event, and so who saw the message recorded with it. */
export type AuditSource = 'candidate' | 'application' | 'staff';

/**
 * Every event the audit log records, with who causes it (staff includes the test-automation API and the
 * command line). `audit.record` takes only these, and the text table (texts.zh-CN/auditEvents.ts) must
 * name each one in Chinese, so the console can never show a raw code.
 */
export const AUDIT_EVENTS = {
  // 激活与忘记密码向导：未归属步骤的表单
  WIZARD_FORM: 'candidate',
  // 账号激活
  ACTIVATION_STARTED: 'candidate',
  IDENTITY_CHECK: 'candidate',
  IDENTITY_LOCKED: 'candidate',
  PHONE_CODE_SENT: 'candidate',
  PHONE_BIND: 'candidate',
  EMAIL_CODE_SENT: 'candidate',
  EMAIL_BIND: 'candidate',
  PASSWORD_SET: 'candidate',
  ACTIVATION_COMMIT: 'candidate',
  ACTIVATED: 'candidate',
  // 忘记密码
  RECOVERY_ACCOUNT: 'candidate',
  RECOVERY_CODE_SENT: 'candidate',
  RECOVERY_VERIFY: 'candidate',
  PASSWORD_RESET: 'candidate',
  // 登录与单点登录
  LOGIN: 'candidate',
  LOGIN_LOCKED: 'candidate',
  LOGIN_CODE_SENT: 'candidate',
  LOGOUT: 'candidate',
  TICKET_ISSUED: 'candidate',
  SERVICE_ACCESS: 'candidate',
  SERVICE_REFUSED: 'candidate',
  TICKET_VALIDATE: 'application',
  SLO_DELIVERY: 'application',
  // An SSO session that expired, or that another person's login in the same browser ended.
  SSO_ENDED: 'candidate',
  // 名单、应用登记、设置与训练故障（控制台、API、命令行）
  CANDIDATE_CREATED: 'staff',
  CANDIDATE_UPDATED: 'staff',
  CANDIDATE_DELETED: 'staff',
  ROSTER_INSERTED: 'staff',
  ROSTER_UPDATED: 'staff',
  SERVICE_CREATED: 'staff',
  SERVICE_UPDATED: 'staff',
  SERVICE_DELETED: 'staff',
  SETTINGS_CHANGED: 'staff',
  FAULT_ON: 'staff',
  FAULT_OFF: 'staff',
  // 服务台
  STAFF_LOGIN: 'staff',
  STAFF_REVEAL: 'staff',
  STAFF_UNLOCK: 'staff',
  STAFF_UNBIND_PHONE: 'staff',
  STAFF_UNBIND_EMAIL: 'staff',
  STAFF_RESET_ACTIVATION: 'staff',
  STAFF_FORCE_PASSWORD_RESET: 'staff',
  STAFF_OUTBOX_DELETE: 'staff',
  STAFF_OUTBOX_REVEAL: 'staff',
  STAFF_EXPORT: 'staff',
  STAFF_IMPORT: 'staff',
  STAFF_SCRIPT_UPDATED: 'staff',
  STAFF_CREATED: 'staff',
  STAFF_ROLE_CHANGED: 'staff',
  STAFF_DISABLED: 'staff',
  STAFF_ENABLED: 'staff',
  STAFF_PASSWORD_SET: 'staff',
  STAFF_WECOM_SECOND_AUTH: 'staff',
  STAFF_WECOM_PHONE: 'staff',
  STAFF_WECOM_FAULT: 'staff',
  STAFF_WECOM_GROUP: 'staff',
} as const satisfies Record<string, AuditSource>;

export type AuditEvent = keyof typeof AUDIT_EVENTS;

export function isAuditEvent(x: string): x is AuditEvent {
  return Object.hasOwn(AUDIT_EVENTS, x);
}
