import type { TextEntry, TextParams } from '../texts.zh-CN.ts';

const schoolOf = (p: TextParams) => p.university ?? '本校';
const notCandidateIntro = '您是本校在职在校师生或延期毕业的本科生，无需进行考生账号激活，请按以下情况操作：';
const notCandidateUsedWecom = (p: TextParams) => `曾经激活并且使用过${schoolOf(p)}企业微信账号的，无需激活，可直接下载企业微信 APP 使用。`;
const notCandidateNeverActivated = (p: TextParams) =>
  `从未使用过也未激活过${schoolOf(p)}企业微信账号的，请按照《${schoolOf(p)}企业号&企业微信激活指南》操作激活。`;

/** The activation flow: its errors, notices, password rules and the messages sent to candidates. */
export const activationTexts = {
  // activation: agreement and session
  AGREEMENT_REQUIRED: { kind: 'error', text: () => '请先勾选“我已阅读激活须知”' },
  ACTIVATION_SESSION_EXPIRED: { kind: 'error', text: (p) => `激活操作已超过${p.minutes}分钟，为保证安全请重新开始激活` },
  ACTIVATION_STEP_ORDER: { kind: 'info', text: () => '请按顺序完成激活步骤' },
  ACTIVATION_RESTART: { kind: 'error', text: () => '您的考生信息已变更，请重新开始激活' },

  // identity check
  CANDIDATE_NO_REQUIRED: { kind: 'error', text: () => '请输入考生号' },
  CANDIDATE_NO_FORMAT: { kind: 'error', text: () => '考生号应为15位数字' },
  CANDIDATE_NO_INSTITUTION: { kind: 'error', text: (p) => `考生号应以本校代码${p.institutionCode}开头，请核对` },
  NAME_REQUIRED: { kind: 'error', text: () => '请输入姓名' },
  NAME_TOO_LONG: { kind: 'error', text: () => '姓名过长，请核对' },
  ID_TYPE_REQUIRED: { kind: 'error', text: () => '请选择证件类型' },
  ID_NUMBER_REQUIRED: { kind: 'error', text: () => '请输入证件号码' },
  ID_NUMBER_FORMAT: { kind: 'error', text: (p) => `证件号码格式不正确，${p.idTypeHint}` },
  ID_NUMBER_CHECKSUM: { kind: 'error', text: () => '证件号码校验位不正确，请核对最后一位（X 为大写字母）' },
  ID_NUMBER_BIRTHDATE: { kind: 'error', text: () => '证件号码中的出生日期不正确，请核对' },
  ID_NUMBER_REGION: { kind: 'error', text: () => '证件号码的地区码不正确，请核对' },
  IDENTITY_MISMATCH: { kind: 'error', text: () => '输入信息有误，请核对后重新输入' },
  IDENTITY_SESSION_LIMIT: { kind: 'error', text: () => '校验失败次数过多，请关闭浏览器后稍后再试' },
  ALREADY_ACTIVATED: { kind: 'error', text: () => '该账号已激活，请直接登录或使用忘记密码' },
  // The guide's own two cases for current students and staff (its 注意 at the top), in its words.
  NOT_A_CANDIDATE: { kind: 'error', text: (p) => `${notCandidateIntro}1. ${notCandidateUsedWecom(p)}2. ${notCandidateNeverActivated(p)}` },
  NOT_A_CANDIDATE_INTRO: { kind: 'label', text: () => notCandidateIntro },
  NOT_A_CANDIDATE_USED_WECOM: { kind: 'label', text: notCandidateUsedWecom },
  NOT_A_CANDIDATE_NEVER_ACTIVATED: { kind: 'label', text: notCandidateNeverActivated },

  // phone and email binding
  PHONE_REQUIRED: { kind: 'error', text: () => '请输入手机号' },
  PHONE_FORMAT: { kind: 'error', text: () => '请输入正确的手机号（11位中国大陆手机号）' },
  PHONE_TAKEN: { kind: 'error', text: () => '该手机号已绑定其他账号，请更换手机号或联系服务台' },
  EMAIL_REQUIRED: { kind: 'error', text: () => '请输入邮箱' },
  EMAIL_FORMAT: { kind: 'error', text: () => '请输入正确的邮箱地址' },
  EMAIL_TAKEN: { kind: 'error', text: () => '该邮箱已绑定其他账号，请更换邮箱或联系服务台' },
  CODE_REQUIRED: { kind: 'error', text: () => '请输入验证码' },
  // The retrieve-password app's graphic captcha (identity check, every code sent), in its own words.
  LABEL_GRAPHIC_CAPTCHA: { kind: 'label', text: () => '图形验证码' },
  LABEL_SMS_CODE: { kind: 'label', text: () => '短信验证码' },
  LABEL_EMAIL_CODE: { kind: 'label', text: () => '邮箱验证码' },
  GRAPHIC_CAPTCHA_REQUIRED: { kind: 'error', text: () => '请输入图形验证码' },
  GRAPHIC_CAPTCHA_INCORRECT: { kind: 'error', text: () => '验证码不正确' },
  CODE_FORMAT: { kind: 'error', text: () => '验证码应为6位数字' },
  CODE_NOT_SENT: { kind: 'error', text: () => '请先获取验证码' },
  CODE_MISMATCH: { kind: 'error', text: () => '验证码错误，请重新输入' },
  CODE_EXPIRED: { kind: 'error', text: () => '验证码已过期，请重新获取' },
  CODE_USED: { kind: 'error', text: () => '验证码已失效，请重新获取' },
  CODE_TOO_MANY_ATTEMPTS: { kind: 'error', text: () => '验证码错误次数过多，请重新获取' },
  CODE_COOLDOWN: { kind: 'error', text: (p) => `请${p.seconds}秒后再获取验证码` },
  CODE_HOURLY_LIMIT: { kind: 'error', text: () => '获取验证码过于频繁，请1小时后再试' },
  CODE_DAILY_LIMIT: { kind: 'error', text: () => '今日获取验证码次数已达上限，请明天再试' },
  CODE_DELIVERY_FAILED: { kind: 'error', text: () => '验证码发送失败，请稍后重试' },
  SMS_CODE_SENT: { kind: 'info', text: (p) => `验证码已发送至${p.masked}，${p.minutes}分钟内有效` },
  EMAIL_CODE_SENT: { kind: 'info', text: (p) => `验证码已发送至${p.masked}，请查收邮件` },
  CODE_SENT_TO: { kind: 'label', text: (p) => `验证码已发送至${p.masked}` },

  // password
  PASSWORD_REQUIRED: { kind: 'error', text: () => '请输入密码' },
  PASSWORD_CONFIRM_REQUIRED: { kind: 'error', text: () => '请再次输入密码' },
  PASSWORD_MISMATCH: { kind: 'error', text: () => '两次输入的密码不一致' },
  PASSWORD_WEAK: { kind: 'error', text: () => '密码不符合以下要求：' },
  PWD_LENGTH: { kind: 'label', text: (p) => `密码长度为${p.minLength}-${p.maxLength}位` },
  PWD_NO_SPACE: { kind: 'label', text: () => '不能包含空格' },
  PWD_CLASSES: { kind: 'label', text: (p) => `至少包含大写字母、小写字母、数字、特殊字符中的${p.minClasses}种` },
  PWD_NO_ACCOUNT: { kind: 'label', text: () => '不能包含考生号' },
  PWD_NO_NAME_PINYIN: { kind: 'label', text: () => '不能包含姓名全拼（不区分大小写）' },
  PWD_NO_ID_TAIL: { kind: 'label', text: () => '不能包含证件号码后6位' },
  PWD_NO_BIRTHDATE: { kind: 'label', text: () => '不能包含出生日期（如19990312）' },
  PWD_NO_SEQUENCE: { kind: 'label', text: () => '不能包含3位及以上连续的数字或字母（如123、654、abc）' },
  PWD_NO_REPEAT: { kind: 'label', text: () => '不能包含3个及以上连续相同的字符（如aaa、111）' },
  PWD_NOT_COMMON: { kind: 'label', text: () => '不能使用常见弱密码（如Aa123456、P@ssw0rd）' },
  PWD_STRENGTH: { kind: 'label', text: () => '密码强度需达到“强”' },
  STRENGTH_0: { kind: 'label', text: () => '非常弱' },
  STRENGTH_1: { kind: 'label', text: () => '弱' },
  STRENGTH_2: { kind: 'label', text: () => '中' },
  STRENGTH_3: { kind: 'label', text: () => '强' },
  STRENGTH_4: { kind: 'label', text: () => '非常强' },

  // messages sent to candidates
  SMS_CODE_MESSAGE: { kind: 'label', text: (p) => `【${p.signature}】您的验证码为${p.code}，${p.minutes}分钟内有效，请勿泄露。` },
  EMAIL_CODE_SUBJECT: { kind: 'label', text: (p) => `【${p.university}】统一身份认证邮箱验证码` },
  EMAIL_CODE_TEXT: {
    kind: 'label',
    text: (p) =>
      `${p.name}，您好：\n\n您正在${p.purpose}，邮箱验证码为：${p.code}\n验证码${p.minutes}分钟内有效，请勿泄露给他人。\n如非本人操作，请忽略本邮件。\n\n${p.university}信息中心\n服务台电话：${p.helpdeskPhone}`,
  },
  PURPOSE_activation: { kind: 'label', text: () => '激活统一身份认证账号并绑定邮箱' },
  PURPOSE_recovery: { kind: 'label', text: () => '找回统一身份认证账号密码' },
} satisfies Record<string, TextEntry>;
