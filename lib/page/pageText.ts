import { findVariables } from '../execution/services/variableResolver';
import type { TemplateMessage } from '../types';

// The page as context: what `{{page_text}}` (and "Use the whole page") put into a run.

/** The most page text a run takes (characters); longer text is cut here and the panel says so. */
export const MAX_PAGE_TEXT_CHARS = 200_000;

/** Where the text came from: the article (Readability), a PDF (pdf.js) or a video's caption track. */
export type PageTextSource = 'article' | 'pdf' | 'transcript';

export interface PageText {
  title: string;
  url: string;
  text: string;
  source: PageTextSource;
}

/** What the panel shows about the page text of an instance (the text itself is the variable). */
export interface PageTextInfo {
  source: PageTextSource;
  title: string;
  url: string;
  /** characters the run uses */
  chars: number;
  /** characters the page had (more than `chars` when cut) */
  fullChars: number;
  /** which variable holds it: `page_text`, or `selection` after "Use the whole page" */
  variable: 'page_text' | 'selection';
}

/** Cuts the text at the cap and describes it. */
export function capPageText(page: PageText, variable: PageTextInfo['variable'], cap = MAX_PAGE_TEXT_CHARS): { text: string; info: PageTextInfo } {
  const text = page.text.length > cap ? page.text.slice(0, cap) : page.text;
  return { text, info: { source: page.source, title: page.title, url: page.url, chars: text.length, fullChars: page.text.length, variable } };
}

/** Does the template use `{{page_text}}`? Only then is the page read (it costs an injection or a download). */
export function templateUsesPageText(template: readonly TemplateMessage[]): boolean {
  return findVariables(template.map((m) => m.content)).includes('page_text');
}

/** Whitespace of extracted text made tidy: no runs of blank lines, no trailing spaces. */
export function tidyText(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
