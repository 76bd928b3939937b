import { maskPhone } from '../rules/phone.ts';
import type { TextCode } from '../web/texts.ts';
import { uniqueColumnOf } from './data/db.ts';
import type { Identity, MemberRow } from './data/members.ts';
import type { WecomStore } from './data/store.ts';
import type { WecomEvent } from './events.ts';
import { progressOf } from './status.ts';

export type Outcome = { ok: true } | { ok: false; code: TextCode };

/** Who did it: the member themself, or the help desk ('api' or a staff user name) with a reason. */
export interface Actor {
  name: string;
  reason?: string;
}

/**
 * What happens to a member, each change with its event in the same transaction: the pages of the app and
 * the help desk (helpdesk.ts) both go through here, so the timeline always tells what the member lived.
 */
export function createJourney(store: WecomStore, now: () => number, corpName: string) {
  const { members, events } = store;

  function record(uid: string, event: WecomEvent, extra: { outcome?: 'ok' | 'error'; code?: string; params?: Record<string, unknown>; actor?: Actor } = {}) {
    const params = extra.actor?.reason ? { ...extra.params, reason: extra.actor.reason } : extra.params;
    events.record({ uid, at: now(), event, outcome: extra.outcome ?? 'ok', code: extra.code, params, actor: extra.actor?.name });
  }

  /** Runs a write that binds a phone; a number another member took in the meantime is refused, not a crash. */
  function bindingPhone(write: () => boolean): Extract<Outcome, { ok: false }> | undefined {
    try {
      return write() ? undefined : { ok: false, code: 'WECOM_NOT_ACTIVATED' };
    } catch (err) {
      if (uniqueColumnOf(err) === 'phone') return { ok: false, code: 'WECOM_PHONE_TAKEN' };
      throw err;
    }
  }

  /** The group notice reaches a member when both the group and their activation exist; recorded once. */
  function noteGroupNotice(uid: string) {
    const member = members.findByUid(uid);
    const group = member ? store.groups.findByDepartment(member.department) : undefined;
    if (progressOf(member, group).status !== 'grouped' || events.latest(uid, 'WECOM_GROUP_NOTICE')) return;
    record(uid, 'WECOM_GROUP_NOTICE', { code: 'WECOM_GROUP_NOTICE_TEXT', params: { group: group!.name } });
  }

  /** The 身份验证 notice goes out unless the member's training fault swallows it. */
  function sendAuthNotice(member: MemberRow): void {
    if (store.faults.isOn(member.uid, 'auth_notice_lost')) {
      record(member.uid, 'WECOM_AUTH_NOTICE', { outcome: 'error', code: 'WECOM_FAULT_AUTH_NOTICE_LOST' });
      return;
    }
    if (members.deliverAuthNotice(member.uid, now())) record(member.uid, 'WECOM_AUTH_NOTICE', { code: 'WECOM_AUTH_NOTICE_TEXT' });
  }

  return {
    record,

    signIn: (identity: Identity, via: 'activate' | 'second_auth'): MemberRow => store.transaction(() => {
      const member = members.recordSignIn(identity, now());
      record(identity.uid, 'WECOM_SIGNED_IN', { params: { via } });
      return member;
    }),

    /** 第三步: binds the proved phone and this browser's WeChat. One phone, one member. */
    verifyPhone: (uid: string, phone: string, wechatId: string): Outcome => store.transaction(() => {
      const refused = bindingPhone(() => members.verifyPhone({ uid, phone, wechatId, now: now() }));
      if (refused) {
        record(uid, 'WECOM_PHONE_VERIFIED', { outcome: 'error', code: refused.code });
        return refused;
      }
      record(uid, 'WECOM_PHONE_VERIFIED', { code: 'WECOM_PHONE_VERIFIED_TEXT', params: { masked: maskPhone(phone) } });
      return { ok: true };
    }),

    /** 第四步 (and following again after 取消关注). */
    follow: (uid: string): Outcome => store.transaction(() => {
      const member = members.findByUid(uid);
      if (!member?.phone_verified_at) return { ok: false, code: 'WECOM_NOT_ACTIVATED' };
      if (member.followed_at) return { ok: true };
      members.follow(uid, now(), null);
      record(uid, 'WECOM_FOLLOWED', { code: 'WECOM_WELCOME', params: { university: corpName } });
      if (member.needs_second_auth && !member.verified_at) sendAuthNotice(member);
      noteGroupNotice(uid);
      return { ok: true };
    }),

    /** 不再关注: the follow ends, and with it a lost notice (the FAQ's remedy is to follow again). */
    unfollow: (uid: string): Outcome => store.transaction(() => {
      if (!members.unfollow(uid, now())) return { ok: false, code: 'WECOM_NOT_FOLLOWING' };
      store.faults.switchOff(uid, 'auth_notice_lost');
      record(uid, 'WECOM_UNFOLLOWED', { code: 'WECOM_UNFOLLOWED_TEXT' });
      return { ok: true };
    }),

    /** 第五步: 统一身份认证 again, for the member bound to this WeChat. */
    completeSecondAuth: (uid: string): Outcome => store.transaction(() => {
      if (!members.markVerified(uid, now())) return { ok: false, code: 'WECOM_NOT_FOLLOWING' };
      record(uid, 'WECOM_SECOND_AUTH', { code: 'WECOM_SECOND_AUTH_DONE' });
      noteGroupNotice(uid);
      return { ok: true };
    }),

    appSignIn: (uid: string): void => store.transaction(() => {
      members.markAppLogin(uid, now());
      record(uid, 'WECOM_APP_SIGNED_IN', { code: 'WECOM_APP_SIGNED_IN_TEXT' });
    }),

    /** 更换手机号 in the APP (情况二) or by the help desk (情况三). */
    changePhone: (uid: string, phone: string, actor?: Actor): Outcome => store.transaction(() => {
      const refused = bindingPhone(() => members.changePhone(uid, phone, now()));
      if (refused) return refused;
      record(uid, 'WECOM_PHONE_CHANGED', { code: 'WECOM_PHONE_CHANGED_TEXT', params: { masked: maskPhone(phone) }, actor });
      return { ok: true };
    }),

    /** 更换微信: the member moves to this browser's WeChat. */
    rebindWechat: (uid: string, wechatId: string): void => store.transaction(() => {
      members.rebindWechat(uid, wechatId, now());
      record(uid, 'WECOM_WECHAT_CHANGED', { code: 'WECOM_WECHAT_CHANGED_TEXT' });
    }),

    setSecondAuth: (uid: string, needs: boolean, actor: Actor): Outcome => store.transaction(() => {
      if (!members.setSecondAuth(uid, needs, now())) return { ok: false, code: 'WECOM_MEMBER_UNKNOWN' };
      record(uid, 'WECOM_SECOND_AUTH_FLAG', { params: { needs }, actor });
      const member = members.findByUid(uid)!;
      if (needs && member.followed_at && !member.verified_at && !member.auth_notice_at) sendAuthNotice(member);
      noteGroupNotice(uid);
      return { ok: true };
    }),

    /** 建群 for a 学院: every activated member of it gets the group notice now, later ones when they finish. */
    createGroup: (department: string, name: string, actor: Actor): Outcome => store.transaction(() => {
      if (!store.groups.create({ department, name, createdBy: actor.name, now: now() })) return { ok: false, code: 'WECOM_GROUP_EXISTS' };
      for (const member of members.inDepartment(department)) noteGroupNotice(member.uid);
      return { ok: true };
    }),
  };
}

export type Journey = ReturnType<typeof createJourney>;
