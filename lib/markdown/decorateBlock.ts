/**
 * The panel's own parts of a rendered block, added to sanitised markup (never to model output
 * before sanitising, so a model cannot forge them):
 * - every code block gets a bar with its language and a Copy code button (components/Markdown.tsx
 *   handles the click);
 * - every table sits in a box that scrolls sideways, so a wide table never widens the panel;
 * - a link whose address the sanitiser removed becomes its plain text.
 */

export const COPY_CODE_LABEL = 'Copy code';
const LANGUAGE_CLASS = /(?:^|\s)language-(\S+)/;

export function decorateBlock(root: DocumentFragment | Element): void {
  const doc = root.ownerDocument ?? document;
  for (const link of root.querySelectorAll('a:not([href])')) link.replaceWith(...link.childNodes);

  for (const table of root.querySelectorAll('table')) {
    const box = doc.createElement('div');
    box.className = 'table-scroll';
    // Focusable, so a keyboard can scroll it (axe: scrollable-region-focusable).
    box.setAttribute('tabindex', '0');
    table.replaceWith(box);
    box.append(table);
  }

  for (const pre of root.querySelectorAll('pre')) {
    const language = pre.querySelector(':scope > code')?.className.match(LANGUAGE_CLASS)?.[1] ?? 'text';
    const block = doc.createElement('div');
    block.className = 'code-block';
    const bar = doc.createElement('div');
    bar.className = 'code-block-bar';
    const label = doc.createElement('span');
    label.className = 'code-block-language';
    label.textContent = language;
    const copy = doc.createElement('button');
    copy.type = 'button';
    copy.className = 'code-copy';
    copy.textContent = COPY_CODE_LABEL;
    bar.append(label, copy);
    pre.setAttribute('tabindex', '0');
    pre.replaceWith(block);
    block.append(bar, pre);
  }
}
