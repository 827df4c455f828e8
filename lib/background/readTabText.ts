import type { ExtractedPage } from '../page/extractedPage';
import type { PageText } from '../page/pageText';
import { readPdfAt } from './pdfReader';

const CANNOT_READ = 'Flowbar cannot read this page (browser pages and the web store are off limits).';

/**
 * Background only. The main text of a tab: extract-page.ts is injected only now (the content
 * script stays small) and answers with the caption transcript or the article; a PDF tab (the
 * script says so, or cannot run there, as in Chrome's PDF viewer) is downloaded and read with pdf.js.
 */
export async function readTabText(tabId: number): Promise<PageText> {
  let extracted: ExtractedPage | undefined;
  try {
    const [result] = await chrome.scripting.executeScript({ target: { tabId }, files: ['/extract-page.js'] });
    extracted = result?.result as ExtractedPage | undefined;
  } catch {
    extracted = undefined;
  }
  if (extracted && extracted.kind !== 'pdf') {
    return { title: extracted.title ?? '', url: extracted.url ?? '', text: extracted.text ?? '', source: extracted.kind };
  }
  const tab = await chrome.tabs.get(tabId).catch(() => undefined);
  const url = extracted?.url || tab?.url || '';
  // Not injectable: worth a download only when it is a web (or file) address, and only a PDF counts.
  if (!/^(https?|file):/i.test(url)) throw new Error(CANNOT_READ);
  const pdf = await readPdfAt(url);
  if (!pdf.ok) throw new Error(pdf.notPdf && !extracted ? CANNOT_READ : pdf.error);
  return { title: pdf.title || tab?.title || fileNameOf(url), url, text: pdf.text, source: 'pdf' };
}

function fileNameOf(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  } catch {
    return url;
  }
}
