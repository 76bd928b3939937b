import { textOf } from '../web/texts.ts';

/** Every event of a member's WeCom timeline (its own, not the portal's audit log). */
export const WECOM_EVENTS = [
  'WECOM_SIGNED_IN', 'WECOM_CODE_SENT', 'WECOM_PHONE_VERIFIED', 'WECOM_VERIFY_AGAIN', 'WECOM_FOLLOWED', 'WECOM_AUTH_NOTICE',
  'WECOM_SECOND_AUTH', 'WECOM_UNFOLLOWED', 'WECOM_GROUP_NOTICE', 'WECOM_PHONE_CHANGED', 'WECOM_WECHAT_CHANGED',
  'WECOM_APP_SIGNED_IN', 'WECOM_SECOND_AUTH_FLAG', 'WECOM_FAULT', 'WECOM_LOGGED_OUT', 'WECOM_TAKEN_LOCKED',
] as const;
export type WecomEvent = (typeof WECOM_EVENTS)[number];

const isWecomEvent = (event: string): event is WecomEvent => (WECOM_EVENTS as readonly string[]).includes(event);

/** The event's name in Chinese (texts.zh-CN/wecom.ts names each one; the type check says when one is missing). */
function eventLabel(event: WecomEvent): string {
  return textOf(`WECOM_EVENT_${event}`);
}

/** The name of an event read back from storage; one this version does not know is shown as stored. */
export function storedEventLabel(event: string): string {
  return isWecomEvent(event) ? eventLabel(event) : event;
}
