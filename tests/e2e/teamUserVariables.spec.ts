import { expect, test, type Page } from '@playwright/test';
import { launchExtensionProfile, type ExtensionProfile } from './support/extensionProfile';
import { startTeamServer, type Member, type TeamServer } from './support/teamServer';

// The opt-in to sync one's user variables (options → Team), with two browser profiles of the same
// member against the real team server (PGlite): off, nothing of them reaches the server; on, they do,
// as that member's own, and reach their other browser; off again, later changes stay in the browser.

let server: TeamServer;
let member: Member;
const profiles: ExtensionProfile[] = [];

test.beforeAll(async () => {
  server = await startTeamServer();
  member = await server.addMember('member', 'max@a.test');
});
test.afterEach(async () => {
  await Promise.all(profiles.splice(0).map((p) => p.close()));
});
test.afterAll(async () => {
  await server?.close();
});

async function signedIn(who: Member): Promise<{ profile: ExtensionProfile; options: Page }> {
  const profile = await launchExtensionProfile();
  profiles.push(profile);
  const options = await profile.openOptions();
  const team = options.getByRole('region', { name: 'Team' });
  await team.getByLabel('Server URL').fill(server.url);
  await team.getByLabel('Token').fill(who.token);
  await team.getByRole('button', { name: 'Connect' }).click();
  await expect(team.getByText('Signed in as')).toBeVisible();
  return { profile, options };
}

const userRows = () => server.db.owner.selectFrom('variables').select(['user_id', 'body']).where('user_id', 'is not', null).execute();
const userValues = (profile: ExtensionProfile) =>
  profile.worker.evaluate(
    () =>
      (globalThis as unknown as { flowbar: { store: { getState(): { scopedVariables: { user: Record<string, string> | null } } } } }).flowbar.store.getState()
        .scopedVariables.user,
  );
const lastSyncAt = (profile: ExtensionProfile) =>
  profile.worker.evaluate(
    () => (globalThis as unknown as { flowbar: { store: { getState(): { team: { lastSyncAt: number | null } } } } }).flowbar.store.getState().team.lastSyncAt,
  );
/** Sync now in options → Team, and wait until that sync has finished */
async function syncNow(profile: ExtensionProfile, options: Page) {
  const before = await lastSyncAt(profile);
  await options.getByRole('region', { name: 'Team' }).getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(() => lastSyncAt(profile)).not.toBe(before);
}
const optIn = (options: Page) =>
  options.getByRole('region', { name: 'Team' }).getByRole('checkbox', { name: 'Sync my user variables to the team server (only you can read them)' });

test('user variables stay in the browser until the user opts in; then they reach only their own other browser', async () => {
  const laptop = await signedIn(member);
  await laptop.profile.command('cmd/variables/set', { scope: 'user', name: 'signature', value: 'Max from the laptop' });
  // Off by default: a sync sends nothing of them.
  await expect(optIn(laptop.options)).not.toBeChecked();
  await syncNow(laptop.profile, laptop.options);
  expect(await userRows()).toEqual([]);

  await optIn(laptop.options).check();
  await expect(laptop.options.getByText(/Your user variables sync to Org A; only you can read them there/)).toBeVisible();
  await expect
    .poll(async () => (await userRows()).map((r) => [r.user_id, (r.body as { value: string }).value]))
    .toContainEqual([member.userId, 'Max from the laptop']);

  // The same member's other browser, opted in too, gets it.
  const desktop = await signedIn(member);
  await expect(optIn(desktop.options)).not.toBeChecked();
  await optIn(desktop.options).check();
  await expect.poll(async () => (await userValues(desktop.profile))?.signature).toBe('Max from the laptop');

  // Off again on the laptop: the value stays there, and a later change is not sent.
  await optIn(laptop.options).uncheck();
  await expect(laptop.options.getByText(/stay in this browser from now on \(nothing here was deleted\)/)).toBeVisible();
  await laptop.profile.command('cmd/variables/set', { scope: 'user', name: 'signature', value: 'Only on the laptop' });
  await syncNow(laptop.profile, laptop.options);
  expect((await userValues(laptop.profile))?.signature).toBe('Only on the laptop');
  // (language is the first-install default every profile has: it went up too, once)
  expect((await userRows()).map((r) => (r.body as { value: string }).value).sort()).toEqual(['English', 'Max from the laptop']);
});
