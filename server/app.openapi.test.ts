import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { openDatabase, type OpenDatabase } from './db/openDatabase.ts';

// The OpenAPI description is generated from the same zod schemas the routes validate with.

describe('OpenAPI', () => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await openDatabase({ kind: 'pglite' });
  });
  afterAll(() => database?.close());

  it('describes every route with its request and response schemas, strict where the route is', async () => {
    const app = await buildApp({ db: database.app });
    const reply = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(reply.statusCode).toBe(200);
    const spec = reply.json();
    expect(Object.keys(spec.paths).sort()).toEqual(
      [
        '/health',
        '/me',
        '/me/tokens',
        '/me/tokens/{tokenId}',
        '/orgs',
        '/orgs/{orgId}',
        '/orgs/{orgId}/audit',
        '/orgs/{orgId}/members',
        '/orgs/{orgId}/members/{userId}',
        '/orgs/{orgId}/projects',
        '/orgs/{orgId}/runs',
        '/orgs/{orgId}/sync',
        '/orgs/{orgId}/sync/push',
        '/orgs/{orgId}/variables',
      ].sort(),
    );
    const push = spec.paths['/orgs/{orgId}/sync/push'].post;
    const body = push.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toEqual(['changes']);
    expect(Object.keys(push.responses)).toEqual(expect.arrayContaining(['200', '409', '4XX']));
    expect(spec.paths['/orgs/{orgId}/sync'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['cursor', 'limit', 'orgId']));
    const member = spec.paths['/orgs/{orgId}/members/{userId}'];
    expect(Object.keys(member).sort()).toEqual(['delete', 'patch']);
    expect(member.patch.requestBody.content['application/json'].schema).toMatchObject({ additionalProperties: false, required: ['role'] });
    expect(member.patch.requestBody.content['application/json'].schema.properties.role.enum).toEqual(['owner', 'admin', 'member', 'viewer']);
    expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    await app.close();
  });
});
