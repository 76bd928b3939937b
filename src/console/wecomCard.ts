import type { CandidateRow } from '../data/candidates.ts';
import { maskPhone } from '../rules/phone.ts';
import type { TextCode } from '../web/texts.ts';
import type { WecomMemberStatus } from '../wecom/helpdesk.ts';
import type { ConsoleDeps } from './deps.ts';
import { beijingTime } from './format.ts';
import type { SignedInStaff } from './session.ts';

/** The guide's FAQ situations the help desk settles in the WeCom app; the training fault is for admins. */
export const WECOM_ACTIONS = ['second-auth-on', 'second-auth-off', 'change-phone', 'notice-lost-on', 'notice-lost-off'] as const;
export type WecomAction = (typeof WECOM_ACTIONS)[number];

export const isWecomAction = (x: string): x is WecomAction => (WECOM_ACTIONS as readonly string[]).includes(x);

/** When each step of the WeCom journey happened, as the card lists them. */
const TIMES: readonly [TextCode, 'phoneVerifiedAt' | 'followedAt' | 'verifiedAt' | 'groupedAt'][] = [
  ['WECOM_CARD_PHONE_VERIFIED_AT', 'phoneVerifiedAt'],
  ['WECOM_CARD_FOLLOWED_AT', 'followedAt'],
  ['WECOM_CARD_VERIFIED_AT', 'verifiedAt'],
  ['WECOM_CARD_GROUPED_AT', 'groupedAt'],
];

/** The actions that would change something for this member now, as this staff member may take them. */
export function applicableWecomActions(status: WecomMemberStatus, staff: SignedInStaff): WecomAction[] {
  const known = status.needsSecondAuth !== null;
  const applies: Record<WecomAction, boolean> = {
    'second-auth-on': known && status.needsSecondAuth === false,
    'second-auth-off': known && status.needsSecondAuth === true,
    'change-phone': status.phone !== null,
    'notice-lost-on': staff.role === 'admin' && !status.authNoticeLost,
    'notice-lost-off': staff.role === 'admin' && status.authNoticeLost,
  };
  return WECOM_ACTIONS.filter((a) => applies[a]);
}

/** The WeCom card of a candidate page: the member's status in the app, masked like the rest until 显示. */
export function wecomCardOf(deps: ConsoleDeps, c: CandidateRow, staff: SignedInStaff, revealed: boolean) {
  const status = deps.wecom.statusOf(c.candidate_no);
  const when = (iso: string | null) => (iso ? beijingTime(Date.parse(iso)) : undefined);
  return {
    statusCode: status.status,
    statusText: status.statusText,
    phone: status.phone ? (revealed ? status.phone : maskPhone(status.phone)) : undefined,
    needsSecondAuth: status.needsSecondAuth,
    authNoticeLost: status.authNoticeLost,
    group: status.group,
    times: TIMES.filter(([, key]) => status[key] !== null).map(([label, key]) => ({ label, time: when(status[key]) })),
    actions: applicableWecomActions(status, staff),
  };
}
