import type { WecomStep } from './state.ts';

/**
 * 第二步 身份验证. GET /wecom/activate itself is answered by the CAS client (../signInRoutes.ts), which sends the
 * browser to the CAS server and accepts the ticket it comes back with; the wizard shows this page only
 * when a sign-in has expired, with the way back to 统一身份认证.
 */
export const signIn: WecomStep = {
  id: '',
  view: 'wecom/signIn',
  isDone: (s) => s.uid !== undefined,
};
