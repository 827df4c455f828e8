/** What entrypoints/extract-page.ts answers from a tab. `pdf`: the tab shows a PDF, read it from its URL. */
export interface ExtractedPage {
  kind: 'article' | 'transcript' | 'pdf';
  title: string;
  url: string;
  text: string;
}
