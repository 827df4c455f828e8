import type { Locator, Page } from '@playwright/test';
import type { RecordedRequest } from '../../support/fakeLlmServer.mjs';

// What the flow browser tests share: the editor's action fieldsets, the run view's cards, and the
// chat requests the test server saw.

export const chatRequests = (requests: RecordedRequest[]) => requests.filter((r) => r.path.endsWith('/chat/completions'));
export const sentText = (request: RecordedRequest) => (request.body?.messages ?? []).map((m) => String(m.content)).join('\n');

/** An action's fieldset in the editor: step N, action M. */
export function editorAction(editor: Page, step: number, action: number): Locator {
  return editor.getByRole('group', { name: `Step ${step}`, exact: true }).getByRole('group', { name: `Action ${action}`, exact: true });
}

export async function fillAction(editor: Page, step: number, action: number, name: string, content: string) {
  const group = editorAction(editor, step, action);
  await group.getByRole('textbox', { name: 'Action name' }).fill(name);
  await group.getByRole('textbox', { name: 'Content' }).fill(content);
}

/** An action's card in the panel's run view. */
export const card = (panel: Page, name: string) => panel.getByRole('article', { name, exact: true });
export const badge = (scope: Locator, status: string) => scope.getByText(status, { exact: true });
