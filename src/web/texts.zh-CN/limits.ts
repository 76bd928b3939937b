import type { TextEntry } from '../texts.zh-CN.ts';

/** The attempt limiter's answers and the help desk's view of its locks. */
export const limitsTexts = {
  IDENTITY_LOCKED: {
    kind: 'error',
    text: (p) => `该考生号校验失败次数过多，已被锁定，预计解锁时间：${p.until}。如需帮助，请联系服务台：${p.helpdeskPhone}`,
  },
  CONTACT_TAKEN_LOCKED: { kind: 'error', text: (p) => `绑定校验失败次数过多，请${p.minutes}分钟后再试` },
  LOCK_recoveryContact: { kind: 'label', text: () => '忘记密码验证' },
  LOCK_FROM_ADDRESS: { kind: 'label', text: (p) => `（仅限来自 ${p.address} 的尝试）` },
} satisfies Record<string, TextEntry>;
