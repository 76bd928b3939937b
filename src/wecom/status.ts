import type { GroupRow } from './data/groups.ts';
import type { MemberRow } from './data/members.ts';

/** 未激活 / 已验证手机 / 已关注 / 已二次认证 (or not needed) / 已入群: one step of the journey each, in order. */
export const WECOM_STATUSES = ['none', 'phone_verified', 'followed', 'verified', 'grouped'] as const;
export type WecomStatus = (typeof WECOM_STATUSES)[number];

export interface MemberProgress {
  status: WecomStatus;
  /** When the member could first see 消息中心: followed, and 二次认证 done or not needed. */
  activatedAt: number | null;
  /** When the 学院 group notice reached the member: the later of the group's creation and the activation. */
  groupedAt: number | null;
}

/** The member's place in the journey, derived from the rows alone, so it can never disagree with them. */
export function progressOf(member: MemberRow | undefined, group: GroupRow | undefined): MemberProgress {
  if (!member?.phone_verified_at) return { status: 'none', activatedAt: null, groupedAt: null };
  if (!member.followed_at) return { status: 'phone_verified', activatedAt: null, groupedAt: null };
  const activated = !member.needs_second_auth || member.verified_at !== null;
  if (!activated) return { status: 'followed', activatedAt: null, groupedAt: null };
  const activatedAt = Math.max(member.followed_at, member.verified_at ?? 0);
  if (!group) return { status: 'verified', activatedAt, groupedAt: null };
  return { status: 'grouped', activatedAt, groupedAt: Math.max(group.created_at, activatedAt) };
}

/** 在职在校师生 (not a candidate): told to simply use the app once activated. */
export function isStudentOrStaff(accountType: string): boolean {
  return accountType === 'student' || accountType === 'staff';
}
