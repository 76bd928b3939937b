import { checkPhone } from '../rules/phone.ts';
import { textOf, textOfStored } from '../web/texts.ts';
import { storedEventLabel } from './events.ts';
import type { WecomStore } from './data/store.ts';
import type { Actor, Journey, Outcome } from './journey.ts';
import { progressOf, type WecomStatus } from './status.ts';

const iso = (t: number | null | undefined) => (t == null ? null : new Date(t).toISOString());

/** A member's WeCom status as the help desk and the API show it (times as ISO strings). */
export interface WecomMemberStatus {
  status: WecomStatus;
  /** 未激活 / 已验证手机 / 已关注 / 已二次认证 / 已入群 */
  statusText: string;
  phone: string | null;
  needsSecondAuth: boolean | null;
  authNoticeLost: boolean;
  phoneVerifiedAt: string | null;
  followedAt: string | null;
  verifiedAt: string | null;
  groupedAt: string | null;
  appSignedInAt: string | null;
  group: string | null;
}

/** One entry of the member's WeCom timeline, in Chinese as the member saw it. */
export interface WecomTimelineEntry {
  at: string;
  event: string;
  /** What happened, e.g. 企业微信：关注企业号. */
  label: string;
  outcome: 'ok' | 'error';
  code: string | null;
  /** The text the member saw (or the refusal), when there was one. */
  shown: string | null;
  /** 'api', a staff user name, or null when the member did it. */
  actor: string | null;
  reason: string | null;
}

/**
 * The help desk's view of and actions on the WeCom app, for the console and the API. Members are keyed by
 * the uid the CAS server released (the 考生号 for candidates). Each action takes the acting staff member
 * (or 'api') and, where the guide asks for one, a reason; both land in the member's timeline.
 */
export function createHelpdesk(deps: { store: WecomStore; journey: Journey; now(): number }) {
  const { store, journey } = deps;

  return {
    /** The member's status; a uid the app has never seen is 未激活 with nothing else known. */
    statusOf(uid: string): WecomMemberStatus {
      const member = store.members.findByUid(uid);
      const group = member ? store.groups.findByDepartment(member.department) : undefined;
      const progress = progressOf(member, group);
      return {
        status: progress.status,
        statusText: textOf(`WECOM_STATUS_${progress.status}`),
        phone: member?.phone ?? null,
        needsSecondAuth: member ? member.needs_second_auth === 1 : null,
        authNoticeLost: store.faults.isOn(uid, 'auth_notice_lost'),
        phoneVerifiedAt: iso(member?.phone_verified_at),
        followedAt: iso(member?.followed_at),
        verifiedAt: iso(member?.verified_at),
        groupedAt: iso(progress.groupedAt),
        appSignedInAt: iso(member?.app_login_at),
        group: group?.name ?? null,
      };
    },

    /** Everything that happened to the member in the app, oldest first. */
    timelineOf(uid: string): WecomTimelineEntry[] {
      return store.events.ofUid(uid).map((e) => {
        const params = e.params ? (JSON.parse(e.params) as Record<string, string | number | undefined>) : {};
        return {
          at: new Date(e.at).toISOString(),
          event: e.event,
          label: storedEventLabel(e.event),
          outcome: e.outcome,
          code: e.code,
          shown: e.code ? textOfStored(e.code, params) : null,
          actor: e.actor,
          reason: typeof params.reason === 'string' ? params.reason : null,
        };
      });
    },

    /** Whether the member gets the 身份验证 notice after following (on by default for candidates). */
    setSecondAuth: (uid: string, required: boolean, actor: Actor): Outcome => journey.setSecondAuth(uid, required, actor),

    /** 情况三: the old number is unusable, only the help desk may change it; the reason is required. */
    changePhone(uid: string, rawPhone: string, actor: Actor & { reason: string }): Outcome {
      const phone = checkPhone(rawPhone);
      if (!phone.ok) return { ok: false, code: phone.code };
      if (!store.members.findByUid(uid)) return { ok: false, code: 'WECOM_MEMBER_UNKNOWN' };
      return journey.changePhone(uid, phone.value, actor);
    },

    /** 建群 for a 学院: its activated members get the group notice; the name defaults to the 学院's. */
    createGroup: (department: string, name: string | undefined, actor: Actor): Outcome =>
      journey.createGroup(department, name?.trim() || textOf('WECOM_GROUP_DEFAULT_NAME', { department }), actor),

    groups: () => store.groups.all().map((g) => ({ department: g.department, name: g.name, createdBy: g.created_by, createdAt: iso(g.created_at)! })),

    /** The training fault "关注后收不到身份验证消息": on until the member 取消关注 (the FAQ's remedy) or staff switch it off. */
    setAuthNoticeLost(uid: string, on: boolean, actor: Actor): void {
      if (on) store.faults.switchOn(uid, 'auth_notice_lost', actor.name, deps.now());
      else store.faults.switchOff(uid, 'auth_notice_lost');
      journey.record(uid, 'WECOM_FAULT', { params: { on }, actor });
    },

    /** Every member's status, for the console's funnel (with 学院 for its filter). */
    members: () => store.members.all().map((m) => ({ uid: m.uid, name: m.name, department: m.department, accountType: m.account_type, ...progressOf(m, store.groups.findByDepartment(m.department)) })),
  };
}

export type WecomHelpdesk = ReturnType<typeof createHelpdesk>;
