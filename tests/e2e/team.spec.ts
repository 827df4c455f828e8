import { expect, test, type Page } from '@playwright/test';
import { startFakeLlmServer } from '../support/fakeLlmServer.mjs';
import { launchExtensionProfile, type ExtensionProfile } from './support/extensionProfile';
import { SidePanelPage } from './support/sidePanelPage';
import { startTeamServer, type Member, type TeamServer } from './support/teamServer';

// Two browser profiles as two members of one org, against the real team server (PGlite) on
// 127.0.0.1: shared variables and prompts, roles, conflicts, runs recorded once, other orgs apart.

type FakeLlm = Awaited<ReturnType<typeof startFakeLlmServer>>;

let server: TeamServer;
let llm: FakeLlm;
let admin: Member;
let member: Member;
let viewer: Member;
const profiles: ExtensionProfile[] = [];

test.beforeAll(async () => {
  server = await startTeamServer();
  llm = await startFakeLlmServer();
  admin = await server.addMember('admin', 'ada@a.test');
  member = await server.addMember('member', 'max@a.test');
  viewer = await server.addMember('viewer', 'vic@a.test');
});
test.afterEach(async () => {
  await Promise.all(profiles.splice(0).map((p) => p.close()));
});
test.afterAll(async () => {
  await server?.close();
  await llm?.close();
});

/** A new profile connected as `who` through options → Team, as a user does it. */
async function signedIn(who: Member): Promise<{ profile: ExtensionProfile; options: Page }> {
  const profile = await launchExtensionProfile();
  profiles.push(profile);
  await profile.useLocalProvider(llm.url);
  const options = await profile.openOptions();
  const team = options.getByRole('region', { name: 'Team' });
  await team.getByLabel('Server URL').fill(server.url);
  await team.getByLabel('Token').fill(who.token);
  await team.getByRole('button', { name: 'Connect' }).click();
  await expect(team.getByText('Signed in as')).toBeVisible();
  await expect(team.getByRole('list', { name: 'Orgs' }).getByRole('listitem')).toHaveCount(1);
  return { profile, options };
}

const promptInput = (name: string, content: string) => ({
  name,
  messages: [{ role: 'user', content }],
  settings: { providerId: null, model: '' },
  executionConfig: { auto_run: true, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: true },
});

async function shareFromOptions(options: Page, promptName: string) {
  const card = options.getByRole('listitem').filter({ has: options.getByText(promptName, { exact: true }) });
  await card.getByRole('button', { name: /^Share with Org A/ }).click();
  await expect(card.getByText('Shared · Org A')).toBeVisible();
}

test("an org variable set by an admin reaches another member's next run", async () => {
  const a = await signedIn(admin);
  const m = await signedIn(member);
  // The member's own prompt, using the org's variable.
  await m.profile.command('cmd/prompts/save', promptInput('Team note', 'Write a note for team {{team_name}}'));

  // The admin adds the org variable in the options page (the org is chosen: it goes to the server).
  const variables = a.options.getByRole('region', { name: 'Variables' });
  await expect(variables.getByRole('heading', { name: /^Org \(Org A, team server\)/ })).toBeVisible();
  await variables.getByLabel('Variable name').fill('team_name');
  await variables.getByLabel('Value').fill('Platform');
  await variables.getByLabel('Scope').selectOption({ label: 'Org' });
  await variables.getByRole('button', { name: 'Add variable' }).click();
  await expect
    .poll(async () => (await server.db.owner.selectFrom('variables').select('body').execute()).map((r) => JSON.stringify(r.body)))
    .toContainEqual(expect.stringContaining('Platform'));

  const panel = new SidePanelPage(await m.profile.openPanel());
  await expect(panel.page.getByRole('group', { name: 'Team project' }).getByRole('combobox', { name: 'Org' })).toHaveValue(server.orgA.id);
  await panel.page.getByRole('group', { name: 'Team project' }).getByRole('button', { name: 'Sync' }).click();
  await expect(panel.page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
  const before = llm.requests.length;
  await panel.runPrompt('Team note');
  await expect(panel.conversation).toContainText('You said: Write a note for team Platform');
  const sent = llm.requests.slice(before).find((r) => r.path.endsWith('/chat/completions'))!;
  expect(JSON.stringify(sent.body)).toContain('team Platform');
});

test('a viewer sees a shared prompt marked shared and read-only, and cannot save it', async () => {
  const a = await signedIn(admin);
  await a.profile.command('cmd/prompts/save', promptInput('Release notes', 'Release notes for {{team_name}}'));
  await a.options.reload();
  await shareFromOptions(a.options, 'Release notes');

  const v = await signedIn(viewer);
  const card = v.options.getByRole('listitem').filter({ has: v.options.getByText('Release notes', { exact: true }) });
  await expect(card.getByText('Shared · Org A')).toBeVisible();
  await expect(card.getByText('Read-only')).toBeVisible();
  await card.getByRole('button', { name: 'Edit' }).click();
  await expect(v.options.getByText(/where you are a viewer: you can run this prompt but not change it/)).toBeVisible();
  await expect(v.options.getByRole('button', { name: 'Save prompt' })).toBeDisabled();
  // Nor through the command a page could send.
  const state = await v.profile.worker.evaluate(
    () =>
      (
        globalThis as unknown as { flowbar: { store: { getState(): { prompts: { byId: Record<string, { id: string; name: string }> } } } } }
      ).flowbar.store.getState().prompts.byId,
  );
  const id = Object.values(state).find((p) => p.name === 'Release notes')!.id;
  await expect(v.profile.command('cmd/prompts/save', { ...promptInput('Viewer change', 'x'), id })).rejects.toThrow(/viewer/);
  const row = await server.db.owner.selectFrom('prompts').select('body').where('id', '=', id).executeTakeFirstOrThrow();
  expect((row.body as { name: string }).name).toBe('Release notes');
});

test('a conflicting edit is shown with both copies and resolved by keeping mine', async () => {
  const a = await signedIn(admin);
  const m = await signedIn(member);
  const { id } = await a.profile.command<{ id: string }>('cmd/prompts/save', promptInput('Standup', 'Standup for {{team_name}}'));
  await a.options.reload();
  await shareFromOptions(a.options, 'Standup');
  await m.profile.command('cmd/team/sync', {});
  await expect.poll(async () => (await m.profile.team()).connected && (await m.profile.command<{ status: string }>('cmd/team/sync', {})).status).toBe('online');

  // The member's edit reaches the server first; the admin's started from the same version.
  await m.profile.command('cmd/prompts/save', { ...promptInput('Standup (member)', 'Member text'), id });
  await expect
    .poll(
      async () => ((await server.db.owner.selectFrom('prompts').select('body').where('id', '=', id).executeTakeFirstOrThrow()).body as { name: string }).name,
    )
    .toBe('Standup (member)');
  await a.profile.command('cmd/prompts/save', { ...promptInput('Standup (admin)', 'Admin text'), id });

  const conflicts = a.options.getByRole('region', { name: /Conflicting edits/ });
  const conflict = conflicts.getByRole('listitem', { name: /Conflict:/ });
  await expect(conflict.getByRole('figure', { name: 'Your copy' })).toContainText('Admin text');
  await expect(conflict.getByRole('figure', { name: 'Their copy' })).toContainText('Member text');
  await conflict.getByRole('button', { name: 'Keep mine' }).click();
  await expect(conflicts).toHaveCount(0);
  await expect
    .poll(
      async () =>
        ((await server.db.owner.selectFrom('prompts').select(['body', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).body as { name: string })
          .name,
    )
    .toBe('Standup (admin)');
  const row = await server.db.owner.selectFrom('prompts').select('version').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.version).toBe(3);
});

test('a prompt run and a flow run made while the server is down reach ai_runs exactly once after it comes back', async () => {
  const m = await signedIn(member);
  await m.profile.command('cmd/prompts/save', promptInput('Offline note', 'Offline question'));
  const step = (name: string, content: string) => ({
    name: '',
    actions: [{ name, promptId: null, messages: [{ role: 'user', content }], providerId: null, model: '' }],
  });
  await m.profile.command('cmd/flows/save', { name: 'Offline flow', steps: [step('first', 'Flow first'), step('second', 'Then {{outputs.first}}')] });
  const panel = new SidePanelPage(await m.profile.openPanel());
  await server.stop();
  try {
    await panel.page.getByRole('group', { name: 'Team project' }).getByRole('button', { name: 'Sync' }).click();
    await expect(panel.page.getByRole('status').filter({ hasText: 'Offline' })).toBeVisible();
    // Offline blocks nothing: the run goes on from the local copy.
    await panel.runPrompt('Offline note');
    await expect(panel.conversation).toContainText('You said: Offline question');
    await expect.poll(async () => (await m.profile.team()).queuedRuns).toBe(1);
    await panel.page.getByRole('button', { name: 'Flows', exact: true }).click();
    await panel.page.getByRole('button', { name: 'Run flow Offline flow' }).click();
    await expect(panel.page.getByRole('status', { name: 'Run status: Completed' })).toBeVisible({ timeout: 20_000 });
    await expect.poll(async () => (await m.profile.team()).queuedRuns).toBe(2);
  } finally {
    await server.start();
  }
  // Nobody clicks anything: the worker retries on its own within its bound (10 s after failures, lib/sync/syncSchedule.ts).
  await expect.poll(async () => (await m.profile.team()).queuedRuns, { timeout: 15_000 }).toBe(0);
  await panel.page.getByRole('group', { name: 'Team project' }).getByRole('button', { name: 'Sync' }).click();
  await expect(panel.page.getByRole('status').filter({ hasText: 'Synced' })).toBeVisible();
  const runs = await server.db.owner.selectFrom('ai_runs').select(['id', 'name']).where('user_id', '=', member.userId).where('source_id', '!=', '').execute();
  const offline = runs.filter((r) => r.name?.startsWith('Offline note'));
  expect(offline).toHaveLength(1);
  const tasks = await server.db.owner.selectFrom('ai_tasks').select(['output', 'status']).where('run_id', '=', offline[0].id).execute();
  expect(tasks).toEqual([{ output: 'You said: Offline question', status: 'completed' }]);
  // The flow run: source flow, its name and totals, one task per action, once.
  const flowRuns = await server.db.owner
    .selectFrom('ai_runs')
    .select(['id', 'source_type', 'total_tokens'])
    .where('user_id', '=', member.userId)
    .where('name', '=', 'Offline flow')
    .execute();
  expect(flowRuns).toHaveLength(1);
  expect(flowRuns[0].source_type).toBe('flow');
  const flowTasks = await server.db.owner
    .selectFrom('ai_tasks')
    .select(['output', 'status', 'model', 'provider', 'prompt_tokens', 'completion_tokens'])
    .where('run_id', '=', flowRuns[0].id)
    .orderBy('created_at')
    .execute();
  expect(flowTasks.map((t) => [t.output, t.status, t.provider])).toEqual([
    ['You said: Flow first', 'completed', 'Local test LLM'],
    ['You said: Then You said: Flow first', 'completed', 'Local test LLM'],
  ]);
  expect(flowRuns[0].total_tokens).toBe(flowTasks.reduce((sum, t) => sum + (t.prompt_tokens ?? 0) + (t.completion_tokens ?? 0), 0));
});

test("an admin changes a member's role and removes them in options → Team; a member manages no one", async () => {
  const newcomer = await server.addMember('member', 'nia@a.test');
  const m = await signedIn(member);
  await expect(m.options.getByRole('button', { name: 'Members of Org A' })).toHaveCount(0);

  const a = await signedIn(admin);
  await a.options.getByRole('button', { name: 'Members of Org A' }).click();
  const members = a.options.getByRole('table', { name: 'Members of Org A' });
  await expect(members.getByRole('row')).toHaveCount(6); // the header, Ann, Ada, Max, Vic, Nia
  // The owner is not an admin's to change or remove; an admin cannot make an owner.
  await expect(members.getByLabel('Role of ann@a.test')).toBeDisabled();
  await expect(members.getByRole('button', { name: 'Remove ann@a.test' })).toHaveCount(0);
  await expect(members.getByLabel('Role of nia@a.test').locator('option')).toHaveText(['Admin', 'Member', 'Viewer']);

  await members.getByLabel('Role of nia@a.test').selectOption('viewer');
  await expect(a.options.getByRole('status').filter({ hasText: 'nia@a.test is now viewer.' })).toBeVisible();
  await expect(members.getByLabel('Role of nia@a.test')).toHaveValue('viewer');
  const roleOnServer = () =>
    server.db.owner.selectFrom('memberships').select('role').where('org_id', '=', server.orgA.id).where('user_id', '=', newcomer.userId).executeTakeFirst();
  expect(await roleOnServer()).toEqual({ role: 'viewer' });

  await members.getByRole('button', { name: 'Remove nia@a.test' }).click();
  await members.getByRole('button', { name: 'Remove nia@a.test from Org A' }).click();
  await expect(a.options.getByRole('status').filter({ hasText: 'nia@a.test was removed from Org A.' })).toBeVisible();
  await expect(members.getByText('nia@a.test')).toHaveCount(0);
  expect(await roleOnServer()).toBeUndefined();
  const audit = await server.db.owner.selectFrom('audit_log').select('action').where('target_id', '=', newcomer.userId).orderBy('id').execute();
  expect(audit.map((e) => e.action)).toEqual(['member.add', 'member.role', 'member.remove']);
});

test('a member of another org sees nothing of Org A', async () => {
  const a = await signedIn(admin);
  await a.profile.command('cmd/prompts/save', promptInput('Org A secret', 'Only for Org A'));
  await a.options.reload();
  await shareFromOptions(a.options, 'Org A secret');

  const b = await signedIn(server.orgB.owner);
  await expect(b.options.getByRole('listitem', { name: 'Org B' })).toBeVisible();
  await expect(b.options.getByRole('listitem', { name: 'Org A' })).toHaveCount(0);
  await expect(b.options.getByText('Org A secret')).toHaveCount(0);
  await expect(b.options.getByText(/Shared ·/)).toHaveCount(0);
  const panel = await b.profile.openPanel();
  // Auto-waiting: the panel's early shell is on screen until the store's state arrives.
  await expect(panel.getByRole('combobox', { name: 'Org' }).locator('option')).toHaveText(['No org (this browser only)', 'Org B']);
  const variables = b.options.getByRole('region', { name: 'Variables' });
  await expect(variables.getByText('Platform')).toHaveCount(0);
});
