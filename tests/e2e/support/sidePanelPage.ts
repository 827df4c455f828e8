import { expect, type Locator, type Page } from '@playwright/test';

/** The side panel as a user sees it: tests read as what the user does. */
export class SidePanelPage {
  constructor(readonly page: Page) {}

  /** the selected instance: its variables, conversation, controls and message box */
  get conversationPanel(): Locator {
    return this.page.getByRole('tabpanel');
  }

  get conversation(): Locator {
    return this.conversationPanel.getByRole('log', { name: 'Conversation' });
  }

  /** the card shown while the default provider does not answer */
  get setupCard(): Locator {
    return this.page.getByRole('region', { name: 'Set up a provider' });
  }

  button(name: 'Run' | 'Stop' | 'Send' | 'Retry' | 'Copy'): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  async runPrompt(promptName: string) {
    await this.page.getByRole('combobox', { name: 'Prompt' }).selectOption({ label: promptName });
    await this.button('Run').first().click();
  }

  /** New chat, with a system prompt typed in its folded field when given. */
  async newChat(systemPrompt?: string) {
    const form = this.page.getByRole('form', { name: 'New chat' });
    if (systemPrompt !== undefined) {
      await form.getByRole('button', { name: /^System prompt/ }).click();
      await form.getByRole('textbox', { name: 'System prompt' }).fill(systemPrompt);
    }
    await form.getByRole('button', { name: 'New chat', exact: true }).click();
  }

  /** the open instance's model picker */
  get modelPicker(): Locator {
    return this.page.getByRole('tabpanel').getByRole('group', { name: 'Model for the next message' });
  }

  /** Types a model into the picker and applies it (Enter). */
  async pickModel(model: string) {
    const field = this.modelPicker.getByRole('combobox', { name: 'Model' });
    await field.click();
    await field.fill(model);
    await field.press('Enter');
  }

  async send(text: string) {
    await this.page.getByRole('textbox', { name: 'Message' }).fill(text);
    await this.button('Send').click();
  }

  async waitUntilIdle() {
    await expect(this.button('Stop')).toHaveCount(0, { timeout: 20_000 });
  }
}
