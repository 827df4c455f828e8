import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerSrc from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import {
  isExtensionContextSender,
  PDF_READER_GLOBAL,
  PDF_TEXT_REQUEST,
  type FramedPdfReader,
  type PdfTextReply,
  type PdfTextRequest,
} from '@/lib/page/pdfReaderProtocol';
import { looksLikePdf, MAX_PDF_BYTES, pdfDocumentText } from '@/lib/page/pdfText';

// The PDF reader: an extension page without UI (Chromium's offscreen document, as the MV3 worker
// has no DOM and cannot start pdf.js's worker; in Firefox a hidden frame of the MV2 background page).
// It answers the background only: fetches the PDF from its URL (the extension's host permission, the
// user's cookies) and reads its text with pdf.js.

GlobalWorkerOptions.workerSrc = workerSrc;

async function readPdf(url: string): Promise<PdfTextReply> {
  if (!/^(https?|file):/i.test(url)) return { ok: false, error: 'Flowbar reads PDFs from http(s) and file addresses only.', notPdf: true };
  const response = await fetch(url, { credentials: 'include' });
  if (!response.ok) return { ok: false, error: `The PDF could not be downloaded (HTTP ${response.status}).` };
  if (Number(response.headers.get('content-length') ?? 0) > MAX_PDF_BYTES)
    return { ok: false, error: 'This PDF is larger than 50 MB: Flowbar does not read it.' };
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_PDF_BYTES) return { ok: false, error: 'This PDF is larger than 50 MB: Flowbar does not read it.' };
  if (!looksLikePdf(bytes)) return { ok: false, error: 'This address does not answer with a PDF.', notPdf: true };
  const doc = await getDocument({ data: bytes, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
  try {
    return { ok: true, ...(await pdfDocumentText(doc)) };
  } finally {
    void doc.destroy();
  }
}

/** A read that never throws: every failure is a reply the background can show. */
const readPdfReply = (url: string): Promise<PdfTextReply> =>
  readPdf(url).catch((error: unknown) => ({ ok: false, error: `The PDF could not be read: ${error instanceof Error ? error.message : String(error)}` }));

// Firefox: the background page that frames this page calls it directly (only a same-origin window,
// the extension's own, can reach this property).
(window as unknown as Record<string, FramedPdfReader>)[PDF_READER_GLOBAL] = { read: (url) => readPdfReply(String(url)) };

// Chromium: the worker asks the offscreen document by message.
const extensionOrigin = chrome.runtime.getURL('/');
chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if ((message as { type?: unknown } | null)?.type !== PDF_TEXT_REQUEST) return undefined;
  if (!isExtensionContextSender(sender, chrome.runtime.id, extensionOrigin)) return undefined;
  const { url } = message as PdfTextRequest;
  void readPdfReply(String(url)).then(sendResponse);
  return true; // answers asynchronously
});
