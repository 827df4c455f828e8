import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  test: {
    testTimeout: 15_000,
    projects: [
      {
        plugins: [WxtVitest()],
        test: {
          name: 'extension',
          include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}'],
          setupFiles: ['fake-indexeddb/auto'],
          environment: 'node',
          testTimeout: 15_000,
        },
      },
      {
        // The team server: plain Node, each suite on PGlite and on a real PostgreSQL that the global
        // setup starts (and stops) on 127.0.0.1.
        test: {
          name: 'server',
          include: ['server/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/postgresGlobalSetup.ts'],
          // PGlite boots a WebAssembly PostgreSQL: slow on a loaded machine
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
