import { MAX_PAGE_TEXT_CHARS, type PageTextInfo, type PageTextSource } from '@/lib/page/pageText';

const SOURCE_NAME: Record<PageTextSource, string> = { article: 'the article', pdf: 'the PDF', transcript: 'the video transcript' };

/** What the panel says about the page text a run uses: its size, where it came from, and whether it was cut. */
export function describePageText(info: PageTextInfo): string {
  const what = info.variable === 'selection' ? 'Whole page as the selection' : 'Page text';
  const from = info.title ? ` of “${info.title}”` : '';
  const size = `${info.chars.toLocaleString('en-US')} characters`;
  const cut = info.fullChars > info.chars ? `, cut at ${MAX_PAGE_TEXT_CHARS.toLocaleString('en-US')} of ${info.fullChars.toLocaleString('en-US')}` : '';
  return `${what}: ${size}${cut}, from ${SOURCE_NAME[info.source]}${from}`;
}
