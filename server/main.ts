import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { buildApp } from './app.ts';
import { connectInstructions, initFirstOrg } from './cli/initFirstOrg.ts';
import { readConfig, usage } from './config.ts';
import { migrateToLatest } from './db/migrate.ts';
import { openDatabase } from './db/openDatabase.ts';
import type { Database } from './db/schema.ts';

// `npm run server [-- start|init|openapi …]`: see usage in config.ts and docs/team-server.md.

async function main(): Promise<void> {
  if (process.argv.includes('--help')) return void console.log(usage);
  const config = readConfig(process.argv.slice(2), process.env);
  if (config.command === 'openapi') {
    // The description needs no database: a pool that is never used (it connects on the first query).
    const app = await buildApp({ db: new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) }) });
    await app.ready();
    console.log(JSON.stringify(app.swagger(), null, 2));
    await app.close();
    return;
  }
  const database = await openDatabase(config.database);
  try {
    await migrateToLatest(database.owner);
    if (config.command === 'init') {
      const first = await initFirstOrg(database.owner, config.init);
      console.log(connectInstructions(first, config.init, config.publicUrl));
      return;
    }
    const app = await buildApp({ db: database.app, bodyLimit: config.bodyLimit, logger: true });
    const close = async () => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void close());
    process.once('SIGTERM', () => void close());
    const address = await app.listen({ host: config.host, port: config.port });
    const url = config.port === 0 ? address : config.publicUrl;
    console.log(`Flowbar team server on ${url} (${database.description}). OpenAPI: ${url}/openapi.json`);
    return new Promise(() => {});
  } finally {
    if (config.command !== 'start') await database.close();
  }
}

main().catch((error) => {
  console.error(`flowbar server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
