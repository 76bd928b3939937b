import { Router } from 'express';
import { ACCOUNT_ACTIONS } from '../roster/accountActions.ts';
import { FAULT_KINDS } from '../data/faults.ts';
import { RELEASABLE_ATTRIBUTES } from '../data/services.ts';
import { ROSTER_FIELDS } from '../roster/rosterRow.ts';
import { ID_TYPES } from '../rules/idDocuments.ts';
import { wecomPaths, wecomSchemas } from './openapiWecom.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const error = (description: string) => ({ description, ...json(ref('Error')) });
const pathParam = (name: string, description: string, schema: object = { type: 'string' }) => ({ name, in: 'path', required: true, description, schema });
const queryParam = (name: string, description: string, schema: object, required = false) => ({ name, in: 'query', required, description, schema });
const candidateNo = pathParam('candidateNo', '15-digit 考生号', { type: 'string', pattern: '^\\d{15}$' });
const reasonBody = { required: false, ...json({ type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 200, default: 'api' } } }) };
const common = { 401: error('missing or wrong bearer token') };

const nullableString = { type: ['string', 'null'] };

/** The OpenAPI 3.1 description of /api/v1. A test walks the express router and compares. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'IDAS activation portal simulator — test-automation API',
    version: '1',
    description: 'Lets integration tests prepare and inspect the simulator without the UI. Every operation except this document and its HTML page needs `Authorization: Bearer <API_TOKEN>`. Errors are `{code, message, fields?}` with the codes the pages use; `message` is the Chinese text a user would see.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  paths: {
    '/candidates': {
      get: {
        summary: 'Search the roster',
        parameters: [
          queryParam('q', '考生号, 姓名, last 4 of the 证件号码, phone or email', { type: 'string', maxLength: 100 }),
          queryParam('status', 'only candidates in this state', { type: 'string', enum: ['pending', 'active', 'locked'] }),
          queryParam('limit', 'page size', { type: 'integer', minimum: 1, maximum: 1000, default: 100 }),
          queryParam('offset', 'rows to skip', { type: 'integer', minimum: 0, default: 0 }),
        ],
        responses: { 200: { description: 'matching candidates by 考生号', ...json({ type: 'object', required: ['total', 'items'], properties: { total: { type: 'integer' }, items: { type: 'array', items: ref('Candidate') } } }) }, 400: error('bad query'), ...common },
      },
      post: {
        summary: 'Add one candidate',
        requestBody: { required: true, ...json(ref('NewCandidate')) },
        responses: { 201: { description: 'created', ...json(ref('Candidate')) }, 400: error('field errors'), 409: error('考生号 exists'), 415: error('not JSON'), ...common },
      },
    },
    '/candidates/{candidateNo}': {
      parameters: [candidateNo],
      get: { summary: 'Read one candidate', responses: { 200: { description: 'the candidate', ...json(ref('Candidate')) }, 404: error('no such 考生号'), ...common } },
      patch: {
        summary: 'Change roster fields (never phone, email or password)',
        requestBody: { required: true, ...json(ref('CandidatePatch')) },
        responses: { 200: { description: 'the changed candidate', ...json(ref('Candidate')) }, 400: error('field errors'), 404: error('no such 考生号'), 415: error('not JSON'), ...common },
      },
      delete: { summary: 'Remove a candidate with its codes and SSO sessions', responses: { 204: { description: 'deleted' }, 404: error('no such 考生号'), ...common } },
    },
    '/candidates/{candidateNo}/reset': {
      parameters: [candidateNo],
      post: {
        summary: 'Back to a fresh pending account: phone, email and password cleared, SSO sessions ended, locks lifted',
        requestBody: reasonBody,
        responses: { 200: { description: 'the candidate afterwards', ...json(ref('Candidate')) }, 400: error('bad body'), 404: error('no such 考生号'), ...common },
      },
    },
    '/candidates/{candidateNo}/actions/{action}': {
      parameters: [candidateNo, pathParam('action', 'the help-desk action', { type: 'string', enum: ACCOUNT_ACTIONS })],
      post: {
        summary: 'Run a help-desk action, recorded in the timeline with actor "api"',
        requestBody: reasonBody,
        responses: {
          200: { description: 'done', ...json(ref('ActionResult')) },
          409: { description: 'refused (e.g. ACTION_NOT_LOCKED, ACTION_NOTHING_BOUND)', ...json(ref('ActionResult')) },
          404: error('no such 考生号 or action'), 400: error('bad body'), ...common,
        },
      },
    },
    '/roster/import': {
      post: {
        summary: 'Bulk roster import: every row validated, then all imported in one transaction or none',
        parameters: [queryParam('dryRun', 'validate and count only', { type: 'string', enum: ['true', 'false'], default: 'false' })],
        requestBody: { required: true, ...json({ type: 'array', maxItems: 50000, items: ref('RosterRow') }) },
        responses: { 200: { description: 'imported (or would be, with dryRun)', ...json(ref('ImportReport')) }, 422: { description: 'some rows refused; nothing changed', ...json(ref('ImportReport')) }, 400: error('not an array of rows'), 413: error('body over 20 MB'), 415: error('not JSON'), ...common },
      },
    },
    '/messages': {
      get: {
        summary: 'Captured SMS and emails to one recipient, newest first (a delayed SMS appears once it has arrived)',
        parameters: [
          queryParam('to', 'phone number or email address', { type: 'string', maxLength: 254 }, true),
          queryParam('limit', 'page size', { type: 'integer', minimum: 1, maximum: 1000, default: 50 }),
          queryParam('offset', 'rows to skip', { type: 'integer', minimum: 0, default: 0 }),
        ],
        responses: { 200: { description: 'messages', ...json({ type: 'array', items: ref('Message') }) }, 400: error('to missing or bad paging'), ...common },
      },
      delete: {
        summary: 'Delete captured messages',
        parameters: [queryParam('to', 'only messages to this recipient; all when absent', { type: 'string', maxLength: 254 })],
        responses: { 200: { description: 'how many', ...json({ type: 'object', properties: { deleted: { type: 'integer' } } }) }, ...common },
      },
    },
    '/messages/latest': {
      get: {
        summary: 'The newest message to a recipient that carries a verification code',
        parameters: [queryParam('to', 'phone number or email address', { type: 'string', maxLength: 254 }, true)],
        responses: { 200: { description: 'the message; `code` holds the code', ...json(ref('Message')) }, 400: error('to missing'), 404: error('no code sent there'), ...common },
      },
    },
    '/faults': {
      get: { summary: 'Training faults now on', responses: { 200: { description: 'faults', ...json({ type: 'array', items: ref('Fault') }) }, ...common } },
      delete: { summary: 'Switch every fault off', responses: { 200: { description: 'how many were on', ...json({ type: 'object', properties: { switchedOff: { type: 'integer' } } }) }, ...common } },
    },
    '/faults/{kind}': {
      parameters: [pathParam('kind', 'sms_delay (seconds), sms_fail, email_fail, phone_daily_cap (target = phone), not_a_candidate (target = 考生号, accountType)', { type: 'string', enum: FAULT_KINDS })],
      put: {
        summary: 'Switch a fault on (again: replaces its parameters)',
        requestBody: { required: false, ...json({ type: 'object', additionalProperties: false, properties: { target: { type: 'string' }, seconds: { type: 'integer', minimum: 1, maximum: 3600 }, accountType: { type: 'string', enum: ['student', 'staff'] } } }) },
        responses: { 200: { description: 'the fault', ...json(ref('Fault')) }, 400: error('bad parameters'), 404: error('unknown kind or 考生号'), ...common },
      },
      delete: {
        summary: 'Switch a fault off',
        parameters: [queryParam('target', 'the phone or 考生号 of a targeted fault', { type: 'string' })],
        responses: { 204: { description: 'switched off' }, 404: error('not on'), ...common },
      },
    },
    '/reset': {
      post: {
        summary: 'Back to the demo data: roster reseeded; outbox, audit log, locks and faults emptied; candidate sessions ended; removed demo services registered again. Staff accounts, other services and settings stay.',
        responses: { 200: { description: 'demo candidates and services inserted', ...json({ type: 'object', properties: { candidates: { type: 'integer' }, services: { type: 'integer' } } }) }, ...common },
      },
    },
    '/services': {
      get: { summary: 'The CAS service registry (see docs/cas.md)', responses: { 200: { description: 'services in evaluation order', ...json({ type: 'array', items: ref('Service') }) }, ...common } },
      post: {
        summary: 'Register a service',
        requestBody: { required: true, ...json(ref('ServiceInput')) },
        responses: { 201: { description: 'created; Location names it', ...json(ref('Service')) }, 400: error('field errors'), 409: error('name exists'), 415: error('not JSON'), ...common },
      },
    },
    '/services/{id}': {
      parameters: [pathParam('id', 'service id', { type: 'integer', minimum: 1 })],
      get: { summary: 'Read one service', responses: { 200: { description: 'the service', ...json(ref('Service')) }, 404: error('no such service'), ...common } },
      put: {
        summary: 'Replace a service',
        requestBody: { required: true, ...json(ref('ServiceInput')) },
        responses: { 200: { description: 'the service', ...json(ref('Service')) }, 400: error('field errors'), 404: error('no such service'), 409: error('name exists'), 415: error('not JSON'), ...common },
      },
      delete: { summary: 'Remove a service', responses: { 204: { description: 'deleted' }, 404: error('no such service'), ...common } },
    },
    '/settings': {
      get: { summary: 'Run-time switches', responses: { 200: { description: 'the settings now', ...json(ref('Settings')) }, ...common } },
      put: {
        summary: 'Change run-time switches (e.g. login captchas off for automation)',
        requestBody: { required: true, ...json(ref('Settings')) },
        responses: { 200: { description: 'the settings now', ...json(ref('Settings')) }, 400: error('unknown or bad field'), 415: error('not JSON'), ...common },
      },
    },
    ...wecomPaths,
    '/openapi.json': { get: { summary: 'This document', security: [], responses: { 200: { description: 'OpenAPI 3.1', ...json({ type: 'object' }) } } } },
    '/docs': { get: { summary: 'This document as a web page', security: [], responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } } } } },
  },
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API_TOKEN (printed at start when not set)' } },
    schemas: {
      Error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } },
      Candidate: {
        type: 'object',
        properties: {
          candidateNo: { type: 'string' }, name: { type: 'string' }, idType: { type: 'string', enum: ID_TYPES }, idNumber: { type: 'string' },
          department: nullableString, major: nullableString, accountType: { type: 'string', enum: ['candidate', 'student', 'staff'] },
          status: { type: 'string', enum: ['pending', 'active', 'locked'] }, phone: nullableString, email: nullableString,
          activatedAt: { type: ['string', 'null'], format: 'date-time' }, wecom: ref('CandidateWecom'),
        },
      },
      NewCandidate: {
        type: 'object', additionalProperties: false, required: ['candidateNo', 'name', 'idType', 'idNumber'],
        properties: { candidateNo: { type: 'string' }, name: { type: 'string' }, idType: { type: 'string', enum: ID_TYPES }, idNumber: { type: 'string' }, department: nullableString, major: nullableString },
      },
      CandidatePatch: {
        type: 'object', additionalProperties: false,
        properties: { name: { type: 'string' }, idType: { type: 'string' }, idNumber: { type: 'string' }, department: nullableString, major: nullableString, accountType: { type: 'string', enum: ['candidate', 'student', 'staff'] } },
      },
      RosterRow: {
        type: 'object', additionalProperties: false, required: ['candidateNo', 'name', 'idType', 'idNumber'],
        description: 'idType as a code (resident_id) or as written in admissions exports (居民身份证); accountType candidate/student/staff or 考生/在校生/教职工',
        properties: Object.fromEntries(ROSTER_FIELDS.map((f) => [f, nullableString])),
      },
      ImportReport: {
        type: 'object',
        properties: {
          imported: { type: 'boolean' }, rows: { type: 'integer' }, inserted: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' },
          errorCount: { type: 'integer' },
          errors: { type: 'array', description: 'the first 500; line = 1-based position in the array', items: { type: 'object', properties: { line: { type: 'integer' }, field: nullableString, code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
      ActionResult: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, candidate: ref('Candidate') } },
      Message: {
        type: 'object',
        properties: {
          id: { type: 'integer' }, channel: { type: 'string', enum: ['sms', 'email'] }, to: { type: 'string' }, subject: nullableString, text: { type: 'string' },
          code: nullableString, delivery: { type: 'string', enum: ['captured', 'sent', 'failed'] }, createdAt: { type: 'string', format: 'date-time' },
        },
      },
      ServiceInput: {
        type: 'object', additionalProperties: false, required: ['name', 'urlPattern', 'allowedAccountTypes'],
        properties: {
          name: { type: 'string', maxLength: 100 }, description: nullableString,
          urlPattern: { type: 'string', description: 'anchored regular expression the whole service URL must match' },
          enabled: { type: 'boolean', default: true },
          allowedAccountTypes: { type: 'array', minItems: 1, items: { type: 'string', enum: ['candidate', 'student', 'staff'] } },
          releasedAttributes: { type: 'object', description: 'portal attribute → released name', propertyNames: { enum: RELEASABLE_ATTRIBUTES }, additionalProperties: { type: 'string' } },
          logoutUrl: { type: ['string', 'null'], format: 'uri' }, evaluationOrder: { type: 'integer', minimum: 0, default: 0 },
        },
      },
      Service: {
        allOf: [ref('ServiceInput'), { type: 'object', properties: { id: { type: 'integer' }, createdAt: { type: 'string', format: 'date-time' }, updatedAt: { type: 'string', format: 'date-time' } } }],
      },
      Settings: { type: 'object', additionalProperties: false, properties: { captcha: { type: 'boolean', description: 'image captchas on the login and 忘记密码 forms' } } },
      ...wecomSchemas,
      Fault: {
        type: 'object',
        properties: { kind: { type: 'string', enum: FAULT_KINDS }, target: nullableString, params: { type: 'object' }, createdBy: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' } },
      },
    },
  },
} as const;

const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;

/** The operations as a flat list, for the HTML page. */
export function operationsOf(doc: { paths: Record<string, Record<string, unknown>> }) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((method) => ({ method: method.toUpperCase(), path, op: item[method] as { summary: string; parameters?: { name: string; in: string; description: string; required?: boolean }[]; responses: Record<string, { description: string }> }, pathParameters: (item.parameters ?? []) as { name: string; in: string; description: string }[] })));
}

/** GET /openapi.json and GET /docs: public, so a developer can read them before having a token. */
export function docsApi() {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.get('/docs', (_req, res) => {
    res.render('api/docs', { doc: openApiDocument, operations: operationsOf(openApiDocument as never) });
  });
  return router;
}
