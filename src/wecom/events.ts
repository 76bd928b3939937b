import { isTextCode, textOf } from '../web/texts.ts';

/** Every event of a member's WeCom timeline (its own, not the portal's audit log). */
export const WECOM_EVENTS = [
  'WECOM_SIGNED_IN', 'WECOM_CODE_SENT', 'WECOM_PHONE_VERIFIED', 'WECOM_VERIFY_AGAIN', 'WECOM_FOLLOWED', 'WECOM_AUTH_NOTICE',
  'WECOM_SECOND_AUTH', 'WECOM_UNFOLLOWED', 'WECOM_GROUP_NOTICE', 'WECOM_PHONE_CHANGED', 'WECOM_WECHAT_CHANGED',
  'WECOM_APP_SIGNED_IN', 'WECOM_SECOND_AUTH_FLAG', 'WECOM_FAULT', 'WECOM_LOGGED_OUT',
] as const;
export type WecomEvent = (typeof WECOM_EVENTS)[number];

/** The event's name in Chinese (texts.zh-CN/wecom.ts names each one; the type check says when one is missing). */
export function eventLabel(event: WecomEvent): string {
  return textOf(`WECOM_EVENT_${event}`);
}

/** The same for an event read back from storage. */
export function storedEventLabel(event: string): string {
  const code = `WECOM_EVENT_${event}`;
  return isTextCode(code) ? textOf(code) : event;
}
