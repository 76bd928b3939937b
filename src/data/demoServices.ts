import type { ServiceInput } from './services.ts';
import type { Store } from './store.ts';

/** The services a trainee can walk: 企业微信激活 (the one a candidate's account is for) and 网上办事服务大厅, the campus portal. */
export const demoServices: readonly ServiceInput[] = [
  {
    name: '企业微信激活',
    description: '企业微信激活（演示）：登录后显示学号/工号、姓名、学院/部门',
    urlPattern: '^http://(?:127\\.0\\.0\\.1|localhost)(?::[0-9]{1,5})?/wecom/.*$',
    enabled: true,
    allowedAccountTypes: ['candidate', 'student', 'staff'],
    releasedAttributes: { uid: 'uid', cn: 'cn', accountType: 'accountType', department: 'department', mobile: 'mobile', mail: 'mail' },
    logoutUrl: null,
    evaluationOrder: 10,
  },
  {
    name: '网上办事服务大厅',
    description: '网上办事服务大厅（演示）：考生无权访问',
    urlPattern: '^https?://(?:127\\.0\\.0\\.1|localhost|eportal\\.uestc\\.edu\\.cn)(?::[0-9]{1,5})?/new/.*$',
    enabled: true,
    allowedAccountTypes: ['student', 'staff'],
    releasedAttributes: { uid: 'uid', cn: 'cn', accountType: 'accountType', department: 'department' },
    logoutUrl: null,
    evaluationOrder: 20,
  },
];

/**
 * Registers the demo services where missing; running it twice changes nothing. Their patterns pass the
 * same check as the API's (`isSafePattern`, given by the caller: data/ holds no rules), or nothing is seeded.
 */
export function seedDemoServices(store: Store, now: number, isSafePattern: (urlPattern: string) => boolean): number {
  const unsafe = demoServices.find((s) => !isSafePattern(s.urlPattern));
  if (unsafe) throw new Error(`demo service "${unsafe.name}" has an unsafe urlPattern`);
  return store.transaction(() => {
    let inserted = 0;
    for (const s of demoServices) {
      if (store.services.findByName(s.name)) continue;
      store.services.create(s, now);
      inserted++;
    }
    return inserted;
  });
}
