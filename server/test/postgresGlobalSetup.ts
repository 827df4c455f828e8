import type { TestProject } from 'vitest/node';
import { startPostgres, type PostgresInfo } from './startPostgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresInfo;
  }
}

/** Starts one PostgreSQL cluster for the server suites; each suite makes its own database in it. */
export default async function setup(project: TestProject) {
  const postgres = await startPostgres();
  project.provide('postgres', postgres.info);
  return () => postgres.stop();
}
