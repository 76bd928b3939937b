import type { TextEntry } from '../texts.zh-CN.ts';

/** The safety checks of the service registry. */
export const serviceRegistryTexts = {
  PATTERN_UNSAFE: { kind: 'error', text: () => '服务地址规则含有嵌套或重叠的重复（如 (a+)+），匹配时间可能随地址长度成倍增长，请改写' },
} satisfies Record<string, TextEntry>;
