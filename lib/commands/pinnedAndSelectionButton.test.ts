// Pinned prompts and the selection button's setting, through the command gate as the options page sends them.
import { describe, expect, it } from 'vitest';
import { selectPromptOptions } from '../../components/sidepanel/selectors';
import { scenarioPrompt, useFakeLlmServer, useTestEngines, type TestEngine } from '../../tests/unit/helpers/testEngine';
import { hydrateStore } from '../store/hydrateStore';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

const prompts = [
  scenarioPrompt('alpha', 'echo', { name: 'Alpha' }),
  scenarioPrompt('beta', 'echo', { name: 'Beta' }),
  scenarioPrompt('gamma', 'echo', { name: 'Gamma' }),
];

async function started(db?: TestEngine['db']) {
  const e = await newEngine({ withCommands: true, prompts, db });
  await e.store.dispatch(hydrateStore()).unwrap();
  return e;
}

describe('pinned prompts', () => {
  it('a pinned prompt is offered first in the picker, is saved, and stays pinned when the prompt is edited', async () => {
    const e = await started();
    expect(selectPromptOptions(e.state()).map((o) => o.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
    await e.command('cmd/prompts/setPinned', { id: 'gamma', pinned: true });
    expect(selectPromptOptions(e.state()).map((o) => [o.name, o.pinned])).toEqual([
      ['Gamma', true],
      ['Alpha', false],
      ['Beta', false],
    ]);
    expect((await e.db.prompts.get('gamma'))?.pinned).toBe(true);

    const { byId } = e.state().prompts;
    const { id, name, messages, settings, executionConfig } = byId.gamma;
    await e.command('cmd/prompts/save', { id, name: `${name} edited`, messages, settings, executionConfig });
    expect(e.state().prompts.byId.gamma).toMatchObject({ name: 'Gamma edited', pinned: true });

    await e.command('cmd/prompts/setPinned', { id: 'gamma', pinned: false });
    expect(selectPromptOptions(e.state()).map((o) => o.name)).toEqual(['Alpha', 'Beta', 'Gamma edited']);
    expect((await e.db.prompts.get('gamma'))?.pinned).toBeUndefined();
    await expect(e.command('cmd/prompts/setPinned', { id: 'missing', pinned: true })).rejects.toThrow('There is no such prompt.');
  });
});

describe('the selection button setting', () => {
  it('is saved by the background and comes back after a worker restart', async () => {
    const e = await started();
    expect(e.state().settings.selectionButton).toEqual({ enabled: true, offSites: [] });
    await e.command('cmd/settings/selectionButton', { enabled: false, offSites: ['example.com', 'example.com', '127.0.0.1'] });
    expect(e.state().settings.selectionButton).toEqual({ enabled: false, offSites: ['example.com', '127.0.0.1'] });

    const restarted = await started(e.db);
    expect(restarted.state().settings.selectionButton).toEqual({ enabled: false, offSites: ['example.com', '127.0.0.1'] });
  });

  it('refuses what is not a host, and changes nothing', async () => {
    const e = await started();
    await expect(e.command('cmd/settings/selectionButton', { enabled: true, offSites: ['https://example.com/'] })).rejects.toThrow(/A site is a host name/);
    await expect(e.command('cmd/settings/selectionButton', { enabled: 'yes', offSites: [] })).rejects.toThrow(/enabled/);
    expect(e.state().settings.selectionButton).toEqual({ enabled: true, offSites: [] });
    expect(await e.db.settings.get('selectionButton')).toBeUndefined();
  });
});
