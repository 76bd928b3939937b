import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { DuplicateServiceName, RELEASABLE_ATTRIBUTES, type Service, type ServiceInput } from '../data/services.ts';
import type { AuditEvent } from '../data/auditEvents.ts';
import type { Store } from '../data/store.ts';
import { compileServicePattern } from '../rules/serviceUrl.ts';
import { PortalError } from '../web/errors.ts';
import { parseBody } from './schemas.ts';

// Released names become XML element names (<cas:NAME>), so they must be simple XML names.
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

const serviceSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: z.string().max(500).nullish().transform((d) => d ?? null),
    urlPattern: z.string().min(2).max(500),
    enabled: z.boolean().default(true),
    allowedAccountTypes: z.array(z.enum(['candidate', 'student', 'staff'])).min(1).max(3)
      .transform((types) => [...new Set(types)]),
    releasedAttributes: z.partialRecord(z.enum(RELEASABLE_ATTRIBUTES), z.string().regex(XML_NAME)).default({}),
    logoutUrl: z.url({ protocol: /^https?$/ }).max(2048).nullish().transform((u) => u ?? null),
    evaluationOrder: z.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .superRefine((s, ctx) => {
    const compiled = compileServicePattern(s.urlPattern);
    if (!compiled.ok) ctx.addIssue({ code: 'custom', path: ['urlPattern'], message: compiled.code });
  });

export function serviceJson(s: Service) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    urlPattern: s.urlPattern,
    enabled: s.enabled,
    allowedAccountTypes: s.allowedAccountTypes,
    releasedAttributes: s.releasedAttributes,
    logoutUrl: s.logoutUrl,
    evaluationOrder: s.evaluationOrder,
    createdAt: new Date(s.createdAt).toISOString(),
    updatedAt: new Date(s.updatedAt).toISOString(),
  };
}

function idOf(raw: string): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new PortalError('NOT_FOUND', { status: 404 });
  return Number(raw);
}

/** /api/v1/services: the CAS service registry (which systems may log users in, and what they learn). */
export function servicesApi(deps: { store: Store; clock: Clock }) {
  const { store, clock } = deps;
  const router = Router();

  function write<T>(event: AuditEvent, serviceName: string, run: () => T): T {
    try {
      return store.transaction(() => {
        const result = run();
        store.audit.record({ at: clock.now(), event, outcome: 'ok', actor: 'api', params: { service: serviceName } });
        return result;
      });
    } catch (err) {
      if (err instanceof DuplicateServiceName) throw new PortalError('ALREADY_EXISTS', { status: 409 });
      throw err;
    }
  }

  const parse = (body: unknown): ServiceInput => {
    if (body === undefined) throw new PortalError('BAD_REQUEST', { status: 415 });
    return parseBody(serviceSchema, body) as ServiceInput;
  };

  router.get('/services', (_req, res) => {
    res.json(store.services.list().map(serviceJson));
  });

  router.post('/services', (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const input = parse(req.body);
    const created = write('SERVICE_CREATED', input.name, () => store.services.create(input, clock.now()));
    res.status(201).location(`/api/v1/services/${created.id}`).json(serviceJson(created));
  });

  router.get('/services/:id', (req, res) => {
    const service = store.services.findById(idOf(req.params.id));
    if (!service) throw new PortalError('NOT_FOUND', { status: 404 });
    res.json(serviceJson(service));
  });

  router.put('/services/:id', (req, res) => {
    if (!req.is('application/json')) throw new PortalError('BAD_REQUEST', { status: 415 });
    const id = idOf(req.params.id);
    const input = parse(req.body);
    const updated = write('SERVICE_UPDATED', input.name, () => store.services.update(id, input, clock.now()));
    if (!updated) throw new PortalError('NOT_FOUND', { status: 404 });
    res.json(serviceJson(updated));
  });

  router.delete('/services/:id', (req, res) => {
    const service = store.services.findById(idOf(req.params.id));
    if (!service) throw new PortalError('NOT_FOUND', { status: 404 });
    write('SERVICE_DELETED', service.name, () => store.services.remove(service.id));
    res.status(204).end();
  });

  return router;
}
