import type { TextEntry } from '../texts.zh-CN.ts';

/** The console's candidate timeline: who saw what, and what staff learn beyond it. */
export const consoleTimelineTexts = {
  TIMELINE_SHOWN: { kind: 'label', text: () => '考生看到：' },
  TIMELINE_SHOWN_TO_APPLICATION: { kind: 'label', text: () => '应用收到：' },
  TIMELINE_SHOWN_TO_STAFF: { kind: 'label', text: () => '操作结果：' },
  TIMELINE_UNDELIVERED: { kind: 'label', text: () => '未送达' },
  TIMELINE_CONTENT_UNDELIVERED: { kind: 'label', text: () => '消息内容（考生未收到）：' },
  TIMELINE_NEWEST_FIRST: { kind: 'label', text: () => '最新的事件在最上面' },
  EVENT_UNKNOWN: { kind: 'label', text: () => '其他事件' },
  PARAM_NOT_RECORDED: { kind: 'label', text: () => '（未记录）' },
  DETAIL_SERVICE: { kind: 'label', text: (p) => `应用：${p.service}` },
  DETAIL_MISMATCH: { kind: 'label', text: (p) => `与名单不一致的字段：${p.fields}（考生只看到通用提示）` },
  DETAIL_CANDIDATE_NO_UNKNOWN: { kind: 'label', text: () => '名单中没有该考生号（考生只看到通用提示）' },
  DETAIL_SLO: { kind: 'label', text: (p) => `通知地址：${p.url}，应答：${p.status}` },
  DETAIL_FIELDS: { kind: 'label', text: (p) => `修改的字段：${p.fields}` },
  DETAIL_TARGET: { kind: 'label', text: (p) => `号码或邮箱：${p.target}` },
  DETAIL_FAULT_TARGET: { kind: 'label', text: (p) => `对象：${p.target}` },
  DETAIL_ROLE: { kind: 'label', text: (p) => `角色：${p.role}` },
  DETAIL_NOT_DELIVERED: { kind: 'label', text: () => '发送失败，考生没有收到这条消息' },
  DETAIL_NOT_DELIVERED_FAULT: { kind: 'label', text: () => '训练故障：发送失败，考生没有收到这条消息' },
  DETAIL_ARRIVES_AT: { kind: 'label', text: (p) => `尚未送达（短信延迟），预计${p.time}送达` },
} satisfies Record<string, TextEntry>;
