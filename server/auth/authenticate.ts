import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { HttpError } from '../httpError.ts';
import { hashApiToken } from './apiToken.ts';

export interface Auth {
  userId: string;
  tokenId: string;
}

const unauthorized = (message: string) => new HttpError(401, 'unauthorized', message);

/** The user behind `Authorization: Bearer <token>`; 401 for a missing, unknown, revoked or expired token. */
export async function authenticate(db: Kysely<Database>, header: string | undefined, now = new Date()): Promise<Auth> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) throw unauthorized('Send your API token as "Authorization: Bearer <token>".');
  const hash = hashApiToken(match[1]);
  // One statement, outside a transaction: flowbar_authenticate is a SECURITY DEFINER function that
  // only maps a hash to its token, so it reads the same whatever role calls it (flowbar_app or a
  // member of it may execute it); the request's own transaction then runs as flowbar_app.
  const { rows } = await sql<{
    token_id: string;
    token_user_id: string;
    expires_at: Date | null;
    revoked_at: Date | null;
  }>`select * from flowbar_authenticate(${hash})`.execute(db);
  const token = rows[0];
  if (!token) throw unauthorized('This API token is not known to the server.');
  if (token.revoked_at) throw unauthorized('This API token was revoked.');
  if (token.expires_at && new Date(token.expires_at).getTime() <= now.getTime()) {
    throw unauthorized(`This API token expired on ${new Date(token.expires_at).toISOString()}.`);
  }
  return { userId: token.token_user_id, tokenId: token.token_id };
}
