import { z } from 'zod';
import { HttpError } from '../httpError.ts';

// A pull cursor: the last change number a client has seen, bound to its org. Opaque on the wire
// ("c1." + base64url JSON) so the format may change; anything else is refused with 400.

const cursorPayload = z.strictObject({ o: z.uuid(), s: z.string().regex(/^\d{1,19}$/) });

export function encodeCursor(orgId: string, seq: string): string {
  return 'c1.' + Buffer.from(JSON.stringify({ o: orgId, s: seq }), 'utf8').toString('base64url');
}

/** The change number after which a pull starts; undefined cursor = from the beginning. */
export function decodeCursor(cursor: string | undefined, orgId: string): string {
  if (cursor === undefined) return '0';
  const invalid = (why: string) => new HttpError(400, 'invalid_cursor', `The sync cursor is not valid (${why}); pull without a cursor to start over.`);
  if (!cursor.startsWith('c1.')) throw invalid('unknown format');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor.slice(3), 'base64url').toString('utf8'));
  } catch {
    throw invalid('not readable');
  }
  const payload = cursorPayload.safeParse(parsed);
  if (!payload.success) throw invalid('not readable');
  if (payload.data.o !== orgId) throw invalid('it belongs to another org');
  if (BigInt(payload.data.s) > 9223372036854775807n) throw invalid('out of range');
  return payload.data.s;
}
