import type { TextEntry } from '../texts.zh-CN.ts';

/** The console's 操作日志: every staff action, and the candidate list's CSV export. */
export const consoleStaffLogTexts = {
  NAV_STAFF_LOG: { kind: 'label', text: () => '操作日志' },
  NAV_SCRIPTS: { kind: 'label', text: () => '话术' },
  STAFF_LOG_TITLE: { kind: 'label', text: () => '服务台操作日志' },
  STAFF_LOG_HELP: { kind: 'label', text: () => '控制台中每一次员工操作：谁、何时、做了什么、对象和原因。测试自动化 API 和命令行的操作不在此列。' },
  STAFF_LOG_STAFF: { kind: 'label', text: () => '操作人' },
  STAFF_LOG_ALL_STAFF: { kind: 'label', text: () => '全部员工' },
  STAFF_LOG_FROM: { kind: 'label', text: () => '开始日期' },
  STAFF_LOG_TO: { kind: 'label', text: () => '结束日期' },
  STAFF_LOG_COL_ACTION: { kind: 'label', text: () => '操作' },
  STAFF_LOG_COL_SUBJECT: { kind: 'label', text: () => '对象' },
  STAFF_LOG_COL_REASON: { kind: 'label', text: () => '原因' },
  STAFF_LOG_DATE_INVALID: { kind: 'error', text: () => '日期格式应为 YYYY-MM-DD，例如 2026-03-10' },
  STAFF_LOG_RANGE_INVALID: { kind: 'error', text: () => '结束日期不能早于开始日期' },
  STAFF_LOG_ACCOUNT: { kind: 'label', text: (p) => `员工账号 ${p.username}` },
  STAFF_LOG_SCRIPT: { kind: 'label', text: (p) => `话术：${p.situation}` },
  STAFF_LOG_STAFF_EXPORT: { kind: 'label', text: (p) => `导出${p.count}名考生` },
  STAFF_LOG_STAFF_OUTBOX_DELETE: { kind: 'label', text: (p) => `${p.to ? `收件人 ${p.to}` : '全部收件人'}：删除${p.count}条消息` },
  STAFF_LOG_STAFF_OUTBOX_REVEAL: { kind: 'label', text: (p) => `${p.to ? `收件人 ${p.to}` : '全部收件人'}：显示${p.count}条消息` },
  STAFF_LOG_STAFF_IMPORT: { kind: 'label', text: (p) => `文件 ${p.file}：新增${p.inserted}人、更新${p.updated}人` },
} satisfies Record<string, TextEntry>;
