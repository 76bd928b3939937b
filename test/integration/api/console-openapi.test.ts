import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { apiRouter } from '../../../src/api/router.ts';
import { makePortal } from '../../support/portal.ts';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
}

/** Every "METHOD /path" registered on the router, walking nested routers (all mounted at the root). */
function registeredRoutes(stack: Layer[], out = new Set<string>()): Set<string> {
  for (const layer of stack) {
    if (layer.route) {
      for (const method of Object.keys(layer.route.methods)) out.add(`${method.toUpperCase()} ${layer.route.path}`);
    } else if (layer.handle?.stack) {
      expect(layer.slash, 'nested API routers are mounted at the root').toBe(true);
      registeredRoutes(layer.handle.stack, out);
    }
  }
  return out;
}

describe('/api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose paths and methods are exactly the routes the API registers', async () => {
    const portal = makePortal();
    const res = await request(portal.app).get('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
        if (item[method]) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
      }
    }
    const router = apiRouter({ store: portal.store, clock: portal.clock, singleLogout: portal.singleLogout, apiToken: 'x'.repeat(20), institutionCode: '10614', settingsDefaults: { captcha: true }, config: portal.config, hashPassword: portal.passwords.hash, wecom: portal.wecom.helpdesk }) as unknown as { stack: Layer[] };
    const registered = registeredRoutes(router.stack);
    expect([...registered].sort()).toEqual([...documented].sort());
    expect(registered.size).toBeGreaterThan(15);
  });

  it('declares the bearer scheme and resolves every schema reference', async () => {
    const portal = makePortal();
    const doc = (await request(portal.app).get('/api/v1/openapi.json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    for (const name of refs) expect(doc.components.schemas[name], name).toBeDefined();
  });

  it('has a human page listing every operation, readable without a token', async () => {
    const portal = makePortal();
    const page = await request(portal.app).get('/api/v1/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('测试自动化 API');
    for (const path of ['/api/v1/candidates/{candidateNo}/reset', '/api/v1/messages/latest', '/api/v1/roster/import', '/api/v1/reset', '/api/v1/services/{id}', '/api/v1/settings']) {
      expect(page.text).toContain(path);
    }
  });
});
