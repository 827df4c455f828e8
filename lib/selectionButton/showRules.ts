// When the selection button may show. Pure: works on the few element facts it reads, so it is
// tested without a browser.

/** What is read of an element (a DOM Element has all of these). */
export interface ElementFacts {
  tagName: string;
  isContentEditable?: boolean;
  parentElement: ElementFacts | null;
  getAttribute(name: string): string | null;
}

const EDITABLE_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * True when the element is, or is inside, a field the user types in: any input (password fields
 * included), a textarea, a select, a contenteditable region or an ARIA textbox.
 */
export function isInsideEditable(element: ElementFacts | null): boolean {
  for (let el = element; el; el = el.parentElement) {
    if (EDITABLE_TAGS.has(el.tagName.toUpperCase())) return true;
    if (el.isContentEditable) return true;
    const editable = el.getAttribute('contenteditable');
    if (editable !== null && editable.toLowerCase() !== 'false') return true;
    if (el.getAttribute('role') === 'textbox') return true;
  }
  return false;
}

export interface SelectionFacts {
  text: string;
  /** the setting for this site, as the background answered it */
  enabled: boolean;
  /** the elements the selection starts and ends in, and the focused element */
  anchor: ElementFacts | null;
  focus: ElementFacts | null;
  active: ElementFacts | null;
  /** the whole document is editable (document.designMode === 'on') */
  designMode: boolean;
}

export function shouldShowSelectionButton(facts: SelectionFacts): boolean {
  if (!facts.enabled || facts.designMode || !facts.text.trim()) return false;
  return !isInsideEditable(facts.anchor) && !isInsideEditable(facts.focus) && !isInsideEditable(facts.active);
}
