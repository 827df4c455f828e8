// The real PostgreSQL closing a pooled connection (a restart, an administrator, a fast shutdown)
// must not end the server: the pool drops it, says so without the password, and the next query runs.
import { sql } from 'kysely';
import pg from 'pg';
import { expect, inject, it, vi } from 'vitest';
import { openTestDatabase } from '../test/testDatabase.ts';

it('an idle connection the server closes is replaced: the process goes on, the next query runs, and the log names no password', async () => {
  const db = await openTestDatabase('postgres');
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  const info = inject('postgres');
  try {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.app);
    const admin = new pg.Client({ host: info.host, port: info.port, user: info.superuser.user, password: info.superuser.password, database: 'postgres' });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [rows[0].pid]);
    await admin.end();

    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(1), { timeout: 10_000 });
    const message = String(warn.mock.calls[0][0]);
    expect(message).toMatch(/idle connection to postgresql:\/\/.* was closed/);
    expect(message).not.toContain(info.api.password);
    const again = await sql<{ two: number }>`select 2 as two`.execute(db.app);
    expect(again.rows).toEqual([{ two: 2 }]);
  } finally {
    warn.mockRestore();
    await db.close();
  }
});
