import { describe, expect, it } from 'vitest';
import { capPageText, MAX_PAGE_TEXT_CHARS, templateUsesPageText, tidyText } from './pageText';
import { describePageText } from '../../components/sidepanel/pageTextSummary';

describe('page text', () => {
  const page = { title: 'T', url: 'https://example.test/', source: 'article' as const };

  it('is cut at the cap, and says how long it was', () => {
    const long = capPageText({ ...page, text: 'x'.repeat(MAX_PAGE_TEXT_CHARS + 5) }, 'page_text');
    expect(long.text).toHaveLength(MAX_PAGE_TEXT_CHARS);
    expect(long.info).toMatchObject({ chars: MAX_PAGE_TEXT_CHARS, fullChars: MAX_PAGE_TEXT_CHARS + 5, variable: 'page_text' });
    expect(describePageText(long.info)).toBe('Page text: 200,000 characters, cut at 200,000 of 200,005, from the article of “T”');
    const short = capPageText({ ...page, text: 'abc', source: 'pdf' }, 'selection');
    expect(short).toEqual({ text: 'abc', info: { ...page, source: 'pdf', chars: 3, fullChars: 3, variable: 'selection' } });
    expect(describePageText(short.info)).toBe('Whole page as the selection: 3 characters, from the PDF of “T”');
    expect(capPageText({ ...page, text: 'abcdef' }, 'page_text', 4).text).toBe('abcd');
  });

  it('is read only for templates that use {{page_text}}', () => {
    expect(templateUsesPageText([{ role: 'user', content: 'Sum up {{ page_text }}' }])).toBe(true);
    expect(
      templateUsesPageText([
        { role: 'system', content: '{{page_title}} {{selection}}' },
        { role: 'user', content: 'page_text' },
      ]),
    ).toBe(false);
  });

  it('tidies whitespace', () => {
    expect(tidyText('  a  \n\n\n\nb \t\nc  ')).toBe('a\n\nb\nc');
  });
});

describe('the PDF reader answers the extension only', () => {
  it('refuses content scripts (they have a tab), other extensions and web pages', async () => {
    const { isExtensionContextSender } = await import('./pdfReaderProtocol');
    const origin = 'chrome-extension://flowbar/';
    expect(isExtensionContextSender({ id: 'flowbar', url: `${origin}background.js` }, 'flowbar', origin)).toBe(true);
    expect(isExtensionContextSender({ id: 'flowbar', url: `${origin}background.js`, tab: { id: 1 } }, 'flowbar', origin)).toBe(false);
    expect(isExtensionContextSender({ id: 'flowbar', url: 'https://evil.example/' }, 'flowbar', origin)).toBe(false);
    expect(isExtensionContextSender({ id: 'other', url: 'chrome-extension://other/x.js' }, 'flowbar', origin)).toBe(false);
    expect(isExtensionContextSender({ id: 'flowbar' }, 'flowbar', origin)).toBe(false);
  });
});
