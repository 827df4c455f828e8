// The background asks the PDF reader page (entrypoints/pdf-reader) for the text of a PDF at a URL;
// the page fetches it and reads it with pdf.js. Chromium: the page is an offscreen document, asked by
// message. Firefox: a hidden frame in the background page, called directly (PDF_READER_GLOBAL).

export const PDF_TEXT_REQUEST = 'flowbar/pdf-text';

export interface PdfTextRequest {
  type: typeof PDF_TEXT_REQUEST;
  url: string;
}

export type PdfTextReply = { ok: true; title: string; text: string } | { ok: false; error: string; notPdf?: boolean };

/** What the reader page puts on its window, for the background page that frames it (same origin only). */
export const PDF_READER_GLOBAL = 'flowbarPdfReader';

export interface FramedPdfReader {
  read(url: string): Promise<PdfTextReply>;
}

/**
 * Only the extension's own contexts may ask (the worker, or Firefox's background page): a content
 * script (it has a tab, and a web page's URL) could otherwise make the extension fetch for it.
 */
export function isExtensionContextSender(sender: { id?: string; url?: string; tab?: unknown }, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && sender.tab === undefined && typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}
