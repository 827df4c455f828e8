import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { authenticate, type Auth } from './auth/authenticate.ts';
import type { Database } from './db/schema.ts';
import { HttpError } from './httpError.ts';
import { memberRoutes } from './routes/memberRoutes.ts';
import { meRoutes } from './routes/meRoutes.ts';
import { orgRoutes } from './routes/orgRoutes.ts';
import { runRoutes } from './routes/runRoutes.ts';
import { syncRoutes } from './routes/syncRoutes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    auth: Auth;
  }
}

export interface AppOptions {
  /** the request connection (openDatabase().app) */
  db: Kysely<Database>;
  /** the largest request body in bytes (default 2 MiB) */
  bodyLimit?: number;
  logger?: boolean;
}

export const defaultBodyLimit = 2 * 1024 * 1024;

/** The team server's HTTP API. The tests call it with app.inject; main.ts listens on a port. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: options.bodyLimit ?? defaultBodyLimit, logger: options.logger ?? false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => {
    const { status, body, headers } = describeError(error);
    if (status >= 500) request.log.error(error);
    return reply.code(status).headers(headers).send(body);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` }));

  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Flowbar team server',
        description: 'Shared prompts, flows, org and project variables, and one log of runs. See docs/team-server.md.',
        version: '1.0.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token (fbt_…)' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/health', { schema: { security: [], response: { 200: z.strictObject({ ok: z.literal(true) }) } } }, async () => ({ ok: true as const }));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(async (api) => {
    api.decorateRequest('auth', null as unknown as Auth);
    api.addHook('onRequest', async (request) => {
      request.auth = await authenticate(options.db, request.headers.authorization);
    });
    await api.register(meRoutes, { db: options.db });
    await api.register(orgRoutes, { db: options.db });
    await api.register(memberRoutes, { db: options.db });
    await api.register(syncRoutes, { db: options.db });
    await api.register(runRoutes, { db: options.db });
  });
  return app;
}

interface DescribedError {
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Every refusal as { error, message } (errorResponse); database refusals are mapped, never echoed raw. */
export function describeError(error: unknown): DescribedError {
  const plain = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): DescribedError => ({
    status,
    body: { error: code, message, ...extra },
    headers: status === 401 ? { 'www-authenticate': 'Bearer' } : {},
  });
  if (error instanceof HttpError) return plain(error.statusCode, error.code, error.message, error.extra);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: `${error.validationContext ?? ''}${issue.instancePath || ''}`,
      message: issue.message ?? 'invalid',
    }));
    return plain(400, 'invalid_request', `The request is not valid: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
  }
  const e = error as { code?: string; statusCode?: number; message?: string };
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return plain(413, 'body_too_large', `The request body is larger than the server accepts (${e.message ?? ''}).`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return plain(415, 'unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return plain(400, 'invalid_json', 'The request body is not valid JSON.');
    // PostgreSQL: row-level security or a missing grant refused the statement.
    case '42501':
      return plain(403, 'forbidden', 'The database refused this change for your role.');
    case '23503':
      return plain(400, 'unknown_reference', 'The request refers to something that does not exist in this org.');
    case '23505':
      return plain(409, 'already_exists', 'That already exists.');
    // server/migrations/0003_member_roles.ts: the keep-an-owner trigger
    case 'FB001':
      return plain(409, 'last_owner', 'An org keeps at least one owner: make someone else an owner first.');
  }
  if (e.code?.startsWith('FST_ERR') && e.statusCode && e.statusCode < 500) return plain(e.statusCode, 'invalid_request', e.message ?? 'invalid request');
  return plain(500, 'internal', 'The server failed; nothing was changed.');
}
