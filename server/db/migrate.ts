import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'migrations');

/**
 * Kysely's FileMigrationProvider, except that the import() is ours: Kysely's own runs natively and
 * cannot load .ts under Node 20, while ours goes through tsx (npm run server) or Vitest.
 */
class FolderMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(migrationFolder)).filter((file) => /^\d{4}_[a-z0-9_]+\.ts$/.test(file));
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(migrationFolder, file)).href)) as Migration;
    }
    return migrations;
  }
}

/** Brings the schema to the newest migration (server/migrations/, applied in name order, once each, in one transaction). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists (Kysely's documented Kysely<any>)
export async function migrateToLatest(owner: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db: owner, provider: new FolderMigrationProvider() });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String((result.error as Error).message ?? result.error)}`, { cause: result.error });
  }
  return result;
}
