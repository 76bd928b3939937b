import type { GroupRow } from '../data/groups.ts';
import type { MemberRow } from '../data/members.ts';
import { progressOf } from '../status.ts';

export type CorpMessageKind = 'welcome' | 'auth' | 'verified' | 'group';

export interface CorpMessage {
  kind: CorpMessageKind;
  at: number;
  group?: string;
}

/** What the member's WeChat shows of the 企业号: its messages, and whether 消息中心 is there (activation done). */
export function corpViewOf(member: MemberRow | undefined, group: GroupRow | undefined) {
  const progress = progressOf(member, group);
  const messages: CorpMessage[] = [];
  if (member?.followed_at) {
    messages.push({ kind: 'welcome', at: member.followed_at });
    if (member.auth_notice_at && member.needs_second_auth && !member.verified_at) messages.push({ kind: 'auth', at: member.auth_notice_at });
    if (member.verified_at && member.needs_second_auth) messages.push({ kind: 'verified', at: member.verified_at });
    if (progress.groupedAt) messages.push({ kind: 'group', at: progress.groupedAt, group: group!.name });
  }
  messages.sort((a, b) => a.at - b.at);
  return {
    following: member?.followed_at != null,
    activated: progress.activatedAt !== null,
    progress,
    messages,
    latest: messages[messages.length - 1],
  };
}
