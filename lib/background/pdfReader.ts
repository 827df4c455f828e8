import { PDF_TEXT_REQUEST, type PdfTextReply, type PdfTextRequest } from '../page/pdfReaderProtocol';
import { openFramedPdfReader } from './pdfReaderFrame';

// Background only. Reads a PDF's text in the PDF reader page (entrypoints/pdf-reader, pdf.js with its
// own worker), opened while a read is in flight and closed after. Where that page runs depends on
// the browser (choosePdfReader): Chromium's MV3 worker has no DOM, so an offscreen document (reason
// WORKERS), asked by message; Firefox's MV2 background is a page with a DOM, so a hidden frame in it,
// called directly. `import.meta.env.FIREFOX` is a build-time constant: each build keeps its own way.

const READER_PATH = 'pdf-reader.html';

export type PdfReaderKind = 'offscreen' | 'frame' | 'none';

/** Where this background can run the reader page: the offscreen API first, else a frame of its own page. */
export function choosePdfReader(background: { hasOffscreenApi: boolean; hasDocument: boolean }): PdfReaderKind {
  if (background.hasOffscreenApi) return 'offscreen';
  if (background.hasDocument) return 'frame';
  return 'none';
}

export const NO_PDF_READER = 'This browser gives Flowbar no page to read PDFs in (Chromium needs the offscreen API, Chrome 109 or later).';

/** The reader page while it is open: read a PDF, then close it. */
export interface PdfReaderSession {
  read(url: string): Promise<PdfTextReply>;
  close(): void;
}

async function askOffscreen(url: string): Promise<PdfTextReply> {
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

async function openOffscreenReader(): Promise<PdfReaderSession> {
  const contexts = await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] });
  if (contexts.length === 0)
    await chrome.offscreen.createDocument({
      url: READER_PATH,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Reads the text of a PDF with pdf.js',
    });
  return { read: askOffscreen, close: () => void chrome.offscreen.closeDocument().catch(() => undefined) };
}

function openReader(): Promise<PdfReaderSession> {
  const kind = choosePdfReader({
    hasOffscreenApi: !import.meta.env.FIREFOX && typeof chrome !== 'undefined' && !!chrome.offscreen,
    hasDocument: typeof document !== 'undefined',
  });
  if (kind === 'frame') return openFramedPdfReader(document, chrome.runtime.getURL(`/${READER_PATH}`));
  // Spelled out so that the Firefox build holds no offscreen call (web-ext lint: unsupported API).
  if (!import.meta.env.FIREFOX && kind === 'offscreen') return openOffscreenReader();
  return Promise.reject(new Error(NO_PDF_READER));
}

/** Reads PDFs in one reader page, opened for the first read and closed when none is in flight. */
export function createPdfReader(open: () => Promise<PdfReaderSession>) {
  let inFlight = 0;
  let session: Promise<PdfReaderSession> | null = null;
  return async function readPdfAt(url: string): Promise<PdfTextReply> {
    inFlight++;
    const current = (session ??= open());
    try {
      return await (await current).read(url);
    } finally {
      if (--inFlight === 0) {
        session = null;
        void current.then((reader) => reader.close()).catch(() => undefined);
      }
    }
  };
}

/** The text and title of the PDF at `url`, read with pdf.js in the reader page. */
export const readPdfAt = createPdfReader(openReader);
