// {{page_text}} and "Use the whole page" through the real thunks and commands, on the fake LLM server.
import { describe, expect, it } from 'vitest';
import { chatRequestsSince, scenarioPrompt, useFakeLlmServer, useTestEngines, waitFor, type TestEngine } from '../../../tests/unit/helpers/testEngine';
import { pageContextReported } from '../../page/pageSlice';
import { MAX_PAGE_TEXT_CHARS, type PageText } from '../../page/pageText';
import { PAGE_PROMPTS } from '../../setup/firstInstallDefaults';
import { startPromptInstance } from './startInstanceThunk';

const server = useFakeLlmServer();

/** A command as a page sends it; resolves with its result. */
async function send<T>(e: TestEngine, type: string, payload: unknown): Promise<T> {
  return ((await e.command(type, payload)) as { payload: T }).payload;
}
const newEngine = useTestEngines(() => server().url);

/** A page reader that counts its reads and answers with `page` (or throws `error`). */
function fakeReader(page: PageText | Error) {
  const reads: Array<number | null> = [];
  return {
    reads,
    readPageText: async (tabId: number | null) => {
      reads.push(tabId);
      if (page instanceof Error) throw page;
      return page;
    },
  };
}

const ARTICLE: PageText = { title: 'Tide pools', url: 'https://example.test/tides', text: 'Anemones close when the water leaves.', source: 'article' };
const summarizePage = { ...PAGE_PROMPTS[0], settings: { providerId: null, model: 'echo-all' } };
const onSelection = scenarioPrompt('sel', 'echo-all', {
  messages: [{ role: 'user', content: 'Summarize: {{selection}}' }],
  executionConfig: PAGE_PROMPTS[0].executionConfig,
});

describe('{{page_text}}', () => {
  it('is read once, only for a template that uses it, and fills the run with the page in front', async () => {
    const reader = fakeReader(ARTICLE);
    const e = await newEngine({ prompts: [summarizePage, onSelection], services: { readPageText: reader.readPageText } });
    const page = { tabId: 7, title: 'Old tab', url: 'https://old.test/', selection: '' };

    await e.store.dispatch(startPromptInstance({ promptId: onSelection.id, page })).unwrap();
    expect(reader.reads).toEqual([]); // no {{page_text}}: the page is not read

    const from = server().requests.length;
    const id = await e.store.dispatch(startPromptInstance({ promptId: summarizePage.id, page })).unwrap();
    expect(reader.reads).toEqual([7]);
    await waitFor(() => e.instance(id).status === 'completed', 'the answer');
    const [request] = chatRequestsSince(server().requests, from);
    const sent = JSON.stringify(request.body);
    expect(sent).toContain(ARTICLE.text);
    // the title and URL of the page that was read (the tab in front), not the last report's
    expect(sent).toContain('title=\\"Tide pools\\" url=\\"https://example.test/tides\\"');
    expect(e.instance(id).pageText).toEqual({
      source: 'article',
      title: 'Tide pools',
      url: ARTICLE.url,
      chars: ARTICLE.text.length,
      fullChars: ARTICLE.text.length,
      variable: 'page_text',
    });
  });

  it('is cut at the cap and the instance says how long the page was', async () => {
    const text = 'y'.repeat(MAX_PAGE_TEXT_CHARS + 1234);
    const e = await newEngine({
      prompts: [{ ...summarizePage, executionConfig: { ...summarizePage.executionConfig, auto_run: false } }],
      services: fakeReader({ ...ARTICLE, text, source: 'pdf' }),
    });
    const id = await e.store.dispatch(startPromptInstance({ promptId: summarizePage.id, page: { tabId: 1 } })).unwrap();
    expect(e.instance(id).variables.computedValues.page_text).toHaveLength(MAX_PAGE_TEXT_CHARS);
    expect(e.instance(id).pageText).toMatchObject({ source: 'pdf', chars: MAX_PAGE_TEXT_CHARS, fullChars: MAX_PAGE_TEXT_CHARS + 1234 });
  });

  it('a page that cannot be read leaves {{page_text}} missing, with the reason on the instance, and sends nothing', async () => {
    const e = await newEngine({
      prompts: [summarizePage],
      services: fakeReader(new Error('Flowbar cannot read this page (browser pages and the web store are off limits).')),
    });
    const from = server().requests.length;
    const id = await e.store.dispatch(startPromptInstance({ promptId: summarizePage.id, page: { tabId: 1 } })).unwrap();
    await e.settled();
    expect(e.instance(id).pageText).toEqual({ failed: 'Flowbar cannot read this page (browser pages and the web store are off limits).' });
    expect(e.instance(id).variables.computedValues.page_text).toBeUndefined();
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0);
  });
});

describe('cmd/instance/useWholePage', () => {
  it('makes the page text the selection of that run and starts it, in one command', async () => {
    const reader = fakeReader(ARTICLE);
    const e = await newEngine({ prompts: [onSelection], withCommands: true, services: { readPageText: reader.readPageText } });
    e.store.dispatch(pageContextReported({ tabId: 3, title: 'Tide pools', url: ARTICLE.url, selection: '', updatedAt: 1 }));
    const from = server().requests.length;
    const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: onSelection.id });
    expect(e.instance(instanceId).error).toBeNull();
    await e.settled();
    expect(chatRequestsSince(server().requests, from)).toHaveLength(0); // waiting for {{selection}}

    const result = await send<{ started: boolean }>(e, 'cmd/instance/useWholePage', { instanceId });
    expect(result.started).toBe(true);
    expect(reader.reads).toEqual([3]);
    await waitFor(() => e.instance(instanceId).status === 'completed', 'the answer');
    const [request] = chatRequestsSince(server().requests, from);
    expect(JSON.stringify(request.body)).toContain(`Summarize: ${ARTICLE.text}`);
    expect(e.instance(instanceId).variables.userValues.selection).toBe(ARTICLE.text);
    expect(e.instance(instanceId).pageText).toMatchObject({ variable: 'selection', chars: ARTICLE.text.length });
    expect((await e.db.instances.get(instanceId))?.variables.userValues.selection).toBe(ARTICLE.text);
  });

  it('refuses an empty page with its name and changes nothing', async () => {
    const e = await newEngine({ prompts: [onSelection], withCommands: true, services: fakeReader({ ...ARTICLE, text: '  \n ' }) });
    const { instanceId } = await send<{ instanceId: string }>(e, 'cmd/prompt/run', { promptId: onSelection.id });
    await expect(send(e, 'cmd/instance/useWholePage', { instanceId })).rejects.toThrow('No readable text was found on "Tide pools".');
    expect(e.instance(instanceId).variables.userValues.selection).toBeUndefined();
  });
});
