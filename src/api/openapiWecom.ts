import { WECOM_STATUSES } from '../wecom/status.ts';

// The OpenAPI description of the WeCom routes and of the direct activation; spread into openapi.ts.

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const common = { 401: error('missing or wrong bearer token') };
const uid = { name: 'uid', in: 'path', required: true, description: 'the member’s CAS uid (the 考生号 for candidates)', schema: { type: 'string', pattern: '^[\\w.@-]{1,64}$' } };
const candidateNo = { name: 'candidateNo', in: 'path', required: true, description: '15-digit 考生号', schema: { type: 'string', pattern: '^\\d{15}$' } };
const memberStatus = { 200: { description: 'the member’s WeCom status afterwards', ...json(ref('WecomMember')) } };
const time = { type: ['string', 'null'], format: 'date-time' };

export const wecomPaths = {
  '/candidates/{candidateNo}/activate': {
    parameters: [candidateNo],
    post: {
      summary: 'Put a roster candidate straight into active, under the wizard’s rules (password policy, phone and email formats and uniqueness); audited as ACTIVATED with actor "api"',
      requestBody: { required: true, ...json(ref('Activation')) },
      responses: {
        200: { description: 'the active candidate', ...json(ref('Candidate')) },
        400: error('VALIDATION_FAILED with fields password / phone / email'), 404: error('no such 考生号'),
        409: error('ALREADY_ACTIVATED, NOT_A_CANDIDATE, PHONE_TAKEN or EMAIL_TAKEN'), 415: error('not JSON'), ...common,
      },
    },
  },
  '/wecom/members/{uid}': {
    parameters: [uid],
    get: { summary: 'The member’s WeCom status (none for a uid the app has never seen)', responses: { ...memberStatus, 404: error('malformed uid'), ...common } },
  },
  '/wecom/members/{uid}/events': {
    parameters: [uid],
    get: { summary: 'The member’s WeCom timeline, oldest first, in Chinese as the member saw it', responses: { 200: { description: 'events', ...json({ type: 'array', items: ref('WecomEvent') }) }, 404: error('malformed uid'), ...common } },
  },
  '/wecom/members/{uid}/second-auth': {
    parameters: [uid],
    put: {
      summary: 'Whether the member gets the 身份验证 notice (二次认证) after following; switching it on for a follower sends the notice',
      requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, required: ['required'], properties: { required: { type: 'boolean' }, reason: { type: 'string', maxLength: 200, default: 'api' } } }) },
      responses: { ...memberStatus, 400: error('bad body'), 404: error('WECOM_MEMBER_UNKNOWN: never signed in to the app'), ...common },
    },
  },
  '/wecom/members/{uid}/phone': {
    parameters: [uid],
    post: {
      summary: '更换手机号 情况三 (the old number is unusable): only the help desk, with a reason',
      requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, required: ['phone', 'reason'], properties: { phone: { type: 'string' }, reason: { type: 'string', minLength: 1, maxLength: 200 } } }) },
      responses: { ...memberStatus, 400: error('PHONE_FORMAT or bad body'), 404: error('WECOM_MEMBER_UNKNOWN'), 409: error('WECOM_PHONE_TAKEN or WECOM_NOT_ACTIVATED'), ...common },
    },
  },
  '/wecom/members/{uid}/faults/auth_notice_lost': {
    parameters: [uid],
    put: { summary: 'Training fault on: the next follow brings no 身份验证 notice (until the member 取消关注 and follows again)', responses: { ...memberStatus, 404: error('malformed uid'), ...common } },
    delete: { summary: 'Training fault off', responses: { ...memberStatus, 404: error('malformed uid'), ...common } },
  },
  '/wecom/groups': {
    get: { summary: 'The groups the 学院 teachers created', responses: { 200: { description: 'groups', ...json({ type: 'array', items: ref('WecomGroup') }) }, ...common } },
    post: {
      summary: '建群 for a 学院: its activated members get the group notice in their WeChat (步骤三)',
      requestBody: { required: true, ...json({ type: 'object', additionalProperties: false, required: ['department'], properties: { department: { type: 'string', maxLength: 100 }, name: { type: 'string', maxLength: 100, description: 'default: <学院>研究生复试考生群' } } }) },
      responses: { 201: { description: 'the group', ...json(ref('WecomGroup')) }, 400: error('bad body'), 409: error('WECOM_GROUP_EXISTS'), ...common },
    },
  },
} as const;

export const wecomSchemas = {
  Activation: {
    type: 'object', additionalProperties: false, required: ['password', 'phone', 'email'],
    properties: { password: { type: 'string', maxLength: 200 }, phone: { type: 'string' }, email: { type: 'string', format: 'email' } },
  },
  CandidateWecom: {
    type: 'object', description: 'only on GET /candidates/{candidateNo}',
    properties: { status: { type: 'string', enum: WECOM_STATUSES }, phone: { type: ['string', 'null'] }, followedAt: time, verifiedAt: time, groupedAt: time },
  },
  WecomMember: {
    type: 'object',
    properties: {
      uid: { type: 'string' }, status: { type: 'string', enum: WECOM_STATUSES }, statusText: { type: 'string', description: '未激活 / 已验证手机 / 已关注 / 已二次认证 / 已入群' },
      phone: { type: ['string', 'null'] }, needsSecondAuth: { type: ['boolean', 'null'] }, authNoticeLost: { type: 'boolean' },
      phoneVerifiedAt: time, followedAt: time, verifiedAt: time, groupedAt: time, appSignedInAt: time, group: { type: ['string', 'null'] },
    },
  },
  WecomEvent: {
    type: 'object',
    properties: {
      at: { type: 'string', format: 'date-time' }, event: { type: 'string' }, label: { type: 'string' }, outcome: { type: 'string', enum: ['ok', 'error'] },
      code: { type: ['string', 'null'] }, shown: { type: ['string', 'null'] }, actor: { type: ['string', 'null'] }, reason: { type: ['string', 'null'] },
    },
  },
  WecomGroup: { type: 'object', properties: { department: { type: 'string' }, name: { type: 'string' }, createdBy: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } } },
} as const;
