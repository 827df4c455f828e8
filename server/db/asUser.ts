import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The role every request runs as (server/migrations/0002_row_level_security.ts). */
export const appRole = 'flowbar_app';

export type Tx = Transaction<Database>;

/**
 * Runs work in one transaction as flowbar_app with app.user_id = userId (both transaction-local, so a
 * pooled connection never carries them into the next request). Row-level security does the rest.
 * userId null: no user yet (the token lookup).
 */
export function asUser<T>(db: Kysely<Database>, userId: string | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (tx) => {
    try {
      // One round trip: set_config('role', …, true) is SET LOCAL ROLE (with the same membership check).
      await sql`select set_config('role', ${appRole}, true), set_config('app.user_id', ${userId ?? ''}, true)`.execute(tx);
    } catch (error) {
      // A setup fault, not the caller's: a 500 with this in the log.
      throw new Error(`The database user may not SET ROLE ${appRole}: grant ${appRole} to it (docs/team-server.md).`, { cause: error });
    }
    return work(tx);
  });
}
