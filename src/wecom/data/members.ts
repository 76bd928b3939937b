import type { Db } from './db.ts';

export interface MemberRow {
  uid: string;
  name: string;
  department: string;
  account_type: string;
  phone: string | null;
  wechat_id: string | null;
  needs_second_auth: 0 | 1;
  first_seen_at: number;
  phone_verified_at: number | null;
  followed_at: number | null;
  auth_notice_at: number | null;
  verified_at: number | null;
  app_login_at: number | null;
  updated_at: number;
}

/** What the CAS server said about the person; the app reads nothing else. */
export interface Identity {
  uid: string;
  name: string;
  department: string;
  accountType: string;
}

/** The WeCom directory: one member per uid, with the progress of their activation. */
export function createMembers(db: Db) {
  const byUid = db.prepare('SELECT * FROM wecom_members WHERE uid = ?');
  const byPhone = db.prepare('SELECT * FROM wecom_members WHERE phone = ?');
  const byWechat = db.prepare('SELECT * FROM wecom_members WHERE wechat_id = ?');
  // The attributes follow the CAS server on every sign-in; the 二次认证 default is decided once.
  const upsert = db.prepare(`INSERT INTO wecom_members
      (uid, name, department, account_type, needs_second_auth, first_seen_at, updated_at)
    VALUES (@uid, @name, @department, @accountType, @needsSecondAuth, @now, @now)
    ON CONFLICT (uid) DO UPDATE SET name = excluded.name, department = excluded.department,
      account_type = excluded.account_type, updated_at = excluded.updated_at`);
  const unbindWechat = db.prepare('UPDATE wecom_members SET wechat_id = NULL, updated_at = @now WHERE wechat_id = @wechatId AND uid <> @uid');
  const verifyPhone = db.prepare(`UPDATE wecom_members SET phone = @phone, wechat_id = @wechatId,
      phone_verified_at = @now, updated_at = @now WHERE uid = @uid`);
  const setPhone = db.prepare('UPDATE wecom_members SET phone = @phone, updated_at = @now WHERE uid = @uid AND phone_verified_at IS NOT NULL');
  const setWechat = db.prepare('UPDATE wecom_members SET wechat_id = @wechatId, updated_at = @now WHERE uid = @uid');
  const follow = db.prepare(`UPDATE wecom_members SET followed_at = @now, auth_notice_at = @noticeAt, updated_at = @now
    WHERE uid = @uid AND phone_verified_at IS NOT NULL AND followed_at IS NULL`);
  const unfollow = db.prepare(`UPDATE wecom_members SET followed_at = NULL, auth_notice_at = NULL, updated_at = @now
    WHERE uid = @uid AND followed_at IS NOT NULL`);
  const deliverNotice = db.prepare(`UPDATE wecom_members SET auth_notice_at = @now, updated_at = @now
    WHERE uid = @uid AND followed_at IS NOT NULL AND verified_at IS NULL AND auth_notice_at IS NULL`);
  const markVerified = db.prepare('UPDATE wecom_members SET verified_at = @now, updated_at = @now WHERE uid = @uid AND followed_at IS NOT NULL');
  const setSecondAuth = db.prepare('UPDATE wecom_members SET needs_second_auth = @needs, updated_at = @now WHERE uid = @uid');
  const markAppLogin = db.prepare('UPDATE wecom_members SET app_login_at = coalesce(app_login_at, @now), updated_at = @now WHERE uid = @uid');
  const inDepartment = db.prepare('SELECT * FROM wecom_members WHERE department = ? ORDER BY uid');
  const all = db.prepare('SELECT * FROM wecom_members ORDER BY uid');

  return {
    findByUid: (uid: string) => byUid.get(uid) as MemberRow | undefined,
    findByPhone: (phone: string) => byPhone.get(phone) as MemberRow | undefined,
    findByWechat: (wechatId: string) => byWechat.get(wechatId) as MemberRow | undefined,
    /** Creates the member on first sign-in (二次认证 demanded of candidates) or refreshes the attributes. */
    recordSignIn(identity: Identity, now: number): MemberRow {
      upsert.run({ ...identity, needsSecondAuth: identity.accountType === 'candidate' ? 1 : 0, now });
      return byUid.get(identity.uid) as MemberRow;
    },
    /** Binds the proved phone and this WeChat; the WeChat leaves any member it was bound to before. Throws on a taken phone. */
    verifyPhone(a: { uid: string; phone: string; wechatId: string; now: number }): boolean {
      unbindWechat.run(a);
      return verifyPhone.run(a).changes === 1;
    },
    /** A new number for an activated member (in the APP, or by the help desk). Throws on a taken phone. */
    changePhone: (uid: string, phone: string, now: number) => setPhone.run({ uid, phone, now }).changes === 1,
    /** Binds the member to another WeChat; that WeChat leaves any member it was bound to. */
    rebindWechat(uid: string, wechatId: string, now: number): void {
      unbindWechat.run({ uid, wechatId, now });
      setWechat.run({ uid, wechatId, now });
    },
    /** false when not activated or already following; noticeAt is when the 身份验证 notice arrives, if it does. */
    follow: (uid: string, now: number, noticeAt: number | null) => follow.run({ uid, now, noticeAt }).changes === 1,
    unfollow: (uid: string, now: number) => unfollow.run({ uid, now }).changes === 1,
    /** Sends the 身份验证 notice to a follower who still needs it and has not got it. */
    deliverAuthNotice: (uid: string, now: number) => deliverNotice.run({ uid, now }).changes === 1,
    markVerified: (uid: string, now: number) => markVerified.run({ uid, now }).changes === 1,
    setSecondAuth: (uid: string, needs: boolean, now: number) => setSecondAuth.run({ uid, needs: needs ? 1 : 0, now }).changes === 1,
    markAppLogin: (uid: string, now: number) => void markAppLogin.run({ uid, now }),
    inDepartment: (department: string) => inDepartment.all(department) as MemberRow[],
    all: () => all.all() as MemberRow[],
  };
}
