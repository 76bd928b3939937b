import type { TextEntry } from '../texts.zh-CN.ts';

/** SSO sessions, single logout and the safety checks of the service registry. */
export const ssoTexts = {
  PATTERN_UNSAFE: { kind: 'error', text: () => '服务地址规则含有嵌套或重叠的重复（如 (a+)+），匹配时间可能随地址长度成倍增长，请改写' },
  EVENT_SSO_ENDED: { kind: 'label', text: () => '统一认证会话结束' },
  EVENT_SLO_DELIVERY: { kind: 'label', text: () => '通知应用退出' },
} satisfies Record<string, TextEntry>;
