import { describe, expect, it } from 'vitest';
import { isInsideEditable, shouldShowSelectionButton, type ElementFacts } from './showRules';

/** A stand-in element: a tag, attributes, and a parent. */
function el(tagName: string, attributes: Record<string, string> = {}, parentElement: ElementFacts | null = null, isContentEditable?: boolean): ElementFacts {
  return { tagName, parentElement, isContentEditable, getAttribute: (name) => attributes[name] ?? null };
}

const body = el('BODY');
const paragraph = el('P', {}, el('ARTICLE', {}, body));
const base = { text: 'some words', enabled: true, anchor: paragraph, focus: paragraph, active: null, designMode: false };

describe('isInsideEditable', () => {
  it('is true for inputs of every type (password included), textareas and selects', () => {
    expect(isInsideEditable(el('INPUT', { type: 'password' }, body))).toBe(true);
    expect(isInsideEditable(el('input', { type: 'text' }, body))).toBe(true);
    expect(isInsideEditable(el('TEXTAREA', {}, body))).toBe(true);
    expect(isInsideEditable(el('SELECT', {}, body))).toBe(true);
  });

  it('is true inside a contenteditable region, by attribute or by the browser’s own flag, and in an ARIA textbox', () => {
    const editor = el('DIV', { contenteditable: '' }, body);
    expect(isInsideEditable(el('SPAN', {}, el('B', {}, editor)))).toBe(true);
    expect(isInsideEditable(el('DIV', { contenteditable: 'plaintext-only' }, body))).toBe(true);
    expect(isInsideEditable(el('SPAN', {}, body, true))).toBe(true);
    expect(isInsideEditable(el('SPAN', {}, el('DIV', { role: 'textbox' }, body)))).toBe(true);
  });

  it('is false for text on the page and for contenteditable="false"', () => {
    expect(isInsideEditable(paragraph)).toBe(false);
    expect(isInsideEditable(el('DIV', { contenteditable: 'false' }, body))).toBe(false);
    expect(isInsideEditable(null)).toBe(false);
  });
});

describe('shouldShowSelectionButton', () => {
  it('shows for text selected on the page', () => {
    expect(shouldShowSelectionButton(base)).toBe(true);
  });

  it('does not show for an empty or blank selection, or when the setting is off', () => {
    expect(shouldShowSelectionButton({ ...base, text: '' })).toBe(false);
    expect(shouldShowSelectionButton({ ...base, text: ' \n\t' })).toBe(false);
    expect(shouldShowSelectionButton({ ...base, enabled: false })).toBe(false);
  });

  it('does not show when the selection starts or ends in a field, or a field has the focus', () => {
    const password = el('INPUT', { type: 'password' }, body);
    expect(shouldShowSelectionButton({ ...base, anchor: password })).toBe(false);
    expect(shouldShowSelectionButton({ ...base, focus: el('SPAN', {}, el('DIV', { contenteditable: 'true' }, body)) })).toBe(false);
    // Text in an input or textarea: the document's selection sits outside it, the focus inside.
    expect(shouldShowSelectionButton({ ...base, active: el('TEXTAREA', {}, body) })).toBe(false);
    expect(shouldShowSelectionButton({ ...base, active: password })).toBe(false);
  });

  it('does not show in a document in design mode', () => {
    expect(shouldShowSelectionButton({ ...base, designMode: true })).toBe(false);
  });
});
