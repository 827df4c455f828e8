import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api';

// The text of a PDF, read with pdf.js (the extension page entrypoints/pdf-reader runs it; the
// tests run the same function in Node with pdfjs-dist's legacy build).

/** The most bytes Flowbar downloads to read one PDF. */
export const MAX_PDF_BYTES = 50 * 1024 * 1024;

/** Is it a PDF? (`%PDF-` in its first KB, as readers accept.) */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  return head.includes('%PDF-');
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/** One page's text items as lines: an item that ends a line (hasEOL) ends one. */
export function textOfItems(items: readonly TextItemLike[]): string {
  let text = '';
  for (const item of items) {
    if (typeof item.str !== 'string') continue; // marked-content markers
    text += item.str;
    if (item.hasEOL) text += '\n';
  }
  return text.replace(/[ \t]+\n/g, '\n').trim();
}

/** Every page's text, pages apart by a blank line, and the document's title when it has one. */
export async function pdfDocumentText(doc: PDFDocumentProxy): Promise<{ title: string; text: string }> {
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const content = await page.getTextContent();
    pages.push(textOfItems(content.items as TextItemLike[]));
    page.cleanup();
  }
  const metadata = await doc.getMetadata().catch(() => null);
  const title: unknown = metadata ? Reflect.get(metadata.info, 'Title') : undefined;
  return { title: typeof title === 'string' ? title.trim() : '', text: pages.filter(Boolean).join('\n\n') };
}
