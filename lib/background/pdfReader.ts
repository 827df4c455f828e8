import { PDF_TEXT_REQUEST, type PdfTextReply, type PdfTextRequest } from '../page/pdfReaderProtocol';

// Background only. Opens the PDF reader page (entrypoints/pdf-reader) and asks it for a PDF's text:
// an offscreen document (reason WORKERS: pdf.js parses in its own worker), closed again when no
// read is in flight. Chromium only for now: the Firefox build has no reader page (and no pdf.js);
// `import.meta.env.FIREFOX` is a build-time constant, so that bundle holds no offscreen call.

const READER_PATH = 'pdf-reader.html';
let inFlight = 0;
let opening: Promise<void> | null = null;

const NO_READER = 'Flowbar reads PDFs in Chromium-based browsers only, for now.';

async function openReader(): Promise<void> {
  if (import.meta.env.FIREFOX || !chrome.offscreen) throw new Error(NO_READER);
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
  if (contexts.length > 0) return;
  await chrome.offscreen.createDocument({ url: READER_PATH, reasons: [chrome.offscreen.Reason.WORKERS], justification: 'Reads the text of a PDF with pdf.js' });
}

async function ask(url: string): Promise<PdfTextReply> {
  const request: PdfTextRequest = { type: PDF_TEXT_REQUEST, url };
  // The page's listener may not be registered the moment the document exists: ask again briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = await chrome.runtime.sendMessage<PdfTextRequest, PdfTextReply | undefined>(request);
      if (reply) return reply;
    } catch (error) {
      if (attempt >= 20) throw error;
    }
    if (attempt >= 20) throw new Error('The PDF reader did not answer.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The text and title of the PDF at `url`, read with pdf.js in the reader page. */
export async function readPdfAt(url: string): Promise<PdfTextReply> {
  inFlight++;
  try {
    opening ??= openReader().finally(() => (opening = null));
    await opening;
    return await ask(url);
  } finally {
    if (--inFlight === 0 && !import.meta.env.FIREFOX && chrome.offscreen) void chrome.offscreen.closeDocument().catch(() => undefined);
  }
}
