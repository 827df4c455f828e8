import { PDF_READER_GLOBAL, type FramedPdfReader, type PdfTextReply } from '../page/pdfReaderProtocol';
import type { PdfReaderSession } from './pdfReader';

// Firefox. Its MV2 background is a page with a DOM (and it has no offscreen API), so the PDF reader
// page runs in a hidden frame of it; the background calls the reader's function on the frame's
// window, which only the same origin (the extension) can reach.

/** How long the reader page may take to load (pdf.js is ~470 KB of script). */
const LOAD_TIMEOUT_MS = 15_000;

function readerOf(frame: HTMLIFrameElement): FramedPdfReader | undefined {
  const reader = (frame.contentWindow as unknown as Record<string, FramedPdfReader | undefined> | null)?.[PDF_READER_GLOBAL];
  return typeof reader?.read === 'function' ? reader : undefined;
}

/** Opens the reader page at `url` in a hidden frame of `doc`; resolves once its reader is there. */
export function openFramedPdfReader(doc: Document, url: string, timeoutMs = LOAD_TIMEOUT_MS): Promise<PdfReaderSession> {
  const frame = doc.createElement('iframe');
  frame.hidden = true;
  frame.setAttribute('aria-hidden', 'true');
  frame.src = url;
  const close = () => frame.remove();
  return new Promise<PdfReaderSession>((resolve, reject) => {
    const timer = setTimeout(() => {
      close();
      reject(new Error('The PDF reader did not start.'));
    }, timeoutMs);
    frame.addEventListener('load', () => {
      const reader = readerOf(frame);
      clearTimeout(timer);
      if (!reader) {
        close();
        reject(new Error('The PDF reader did not start.'));
        return;
      }
      resolve({
        // The reply is the frame's object: copy it into this page's realm before the frame can go.
        read: async (pdfUrl) => structuredClone<PdfTextReply>(await reader.read(pdfUrl)),
        close,
      });
    });
    doc.body.append(frame);
  });
}
