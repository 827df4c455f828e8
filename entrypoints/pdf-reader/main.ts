import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerSrc from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';
import { isExtensionContextSender, PDF_TEXT_REQUEST, type PdfTextReply, type PdfTextRequest } from '@/lib/page/pdfReaderProtocol';
import { looksLikePdf, MAX_PDF_BYTES, pdfDocumentText } from '@/lib/page/pdfText';

// The PDF reader: an extension page without UI (Chromium's offscreen document; the MV3 worker has
// no DOM and cannot start pdf.js's worker). It answers the background only: fetches the PDF from
// its URL (the extension's host permission, the user's cookies) and reads its text with pdf.js.

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

const extensionOrigin = chrome.runtime.getURL('/');
chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if ((message as { type?: unknown } | null)?.type !== PDF_TEXT_REQUEST) return undefined;
  if (!isExtensionContextSender(sender, chrome.runtime.id, extensionOrigin)) return undefined;
  const { url } = message as PdfTextRequest;
  readPdf(String(url)).then(sendResponse, (error: unknown) =>
    sendResponse({ ok: false, error: `The PDF could not be read: ${error instanceof Error ? error.message : String(error)}` } satisfies PdfTextReply),
  );
  return true; // answers asynchronously
});
