import type { Kysely } from 'kysely';
import { z } from 'zod';
import { errorResponse, serverId } from '../../lib/sync/syncSchemas.ts';
import type { Database } from '../db/schema.ts';

export interface RouteOptions {
  db: Kysely<Database>;
}

export const orgParams = z.strictObject({ orgId: serverId });

/** A route's responses: its success schema plus the common refusal shape. */
export function responses<T extends Record<number, z.ZodType>>(success: T) {
  return { ...success, '4xx': errorResponse };
}
