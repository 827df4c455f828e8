import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator, type Kysely, type MigrationResultSet } from 'kysely';

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/** Brings the schema to the newest migration (server/migrations/, applied in name order, once each). */
export async function migrateToLatest(owner: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db: owner, provider: new FileMigrationProvider({ fs, path, migrationFolder }) });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String((result.error as Error).message ?? result.error)}`, { cause: result.error });
  }
  return result;
}
