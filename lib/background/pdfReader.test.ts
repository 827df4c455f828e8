// @vitest-environment jsdom
// Which page reads a PDF in each browser, that one reader page serves the reads in flight and is
// closed after, and Firefox's hidden frame (jsdom loads no frame: the test plays the reader page).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PDF_READER_GLOBAL, type FramedPdfReader, type PdfTextReply } from '../page/pdfReaderProtocol';
import { choosePdfReader, createPdfReader, type PdfReaderSession } from './pdfReader';
import { openFramedPdfReader } from './pdfReaderFrame';

const READER_URL = 'moz-extension://flowbar/pdf-reader.html';
const frameOf = () => document.querySelector<HTMLIFrameElement>(`iframe[src="${READER_URL}"]`);

/** The reader page finishing its load, with (or without) its reader on its window. */
function loadReaderPage(reader?: FramedPdfReader) {
  const frame = frameOf()!;
  if (reader) (frame.contentWindow as unknown as Record<string, FramedPdfReader>)[PDF_READER_GLOBAL] = reader;
  frame.dispatchEvent(new Event('load'));
}

describe('the PDF reader', () => {
  afterEach(() => {
    document.body.replaceChildren();
    vi.useRealTimers();
  });

  it('runs in an offscreen document in Chromium, in a frame of the background page in Firefox, and nowhere without either', () => {
    expect(choosePdfReader({ hasOffscreenApi: true, hasDocument: false })).toBe('offscreen'); // Chromium's MV3 worker
    expect(choosePdfReader({ hasOffscreenApi: false, hasDocument: true })).toBe('frame'); // Firefox's MV2 background page
    expect(choosePdfReader({ hasOffscreenApi: false, hasDocument: false })).toBe('none'); // a worker without the API
  });

  it('opens one reader page for the reads in flight, closes it when the last is done, and opens it again for the next', async () => {
    const close = vi.fn();
    const replies: Array<(reply: PdfTextReply) => void> = [];
    const open = vi.fn(async (): Promise<PdfReaderSession> => ({ read: () => new Promise((resolve) => replies.push(resolve)), close }));
    const readPdfAt = createPdfReader(open);

    const first = readPdfAt('https://x.test/a.pdf');
    const second = readPdfAt('https://x.test/b.pdf');
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(open).toHaveBeenCalledTimes(1);
    replies[0]({ ok: true, title: 'A', text: 'a' });
    await expect(first).resolves.toEqual({ ok: true, title: 'A', text: 'a' });
    expect(close).not.toHaveBeenCalled(); // b is still being read
    replies[1]({ ok: false, error: 'This address does not answer with a PDF.', notPdf: true });
    await expect(second).resolves.toMatchObject({ ok: false, notPdf: true });
    await vi.waitFor(() => expect(close).toHaveBeenCalledTimes(1));

    const third = readPdfAt('https://x.test/c.pdf');
    await vi.waitFor(() => expect(replies).toHaveLength(3));
    expect(open).toHaveBeenCalledTimes(2);
    replies[2]({ ok: true, title: '', text: 'c' });
    await third;
  });

  it('a reader page that cannot open fails the read with its reason, and the next read tries again', async () => {
    const open = vi.fn().mockRejectedValueOnce(new Error('The PDF reader did not start.'));
    open.mockResolvedValueOnce({ read: async () => ({ ok: true, title: '', text: 'second time' }), close: () => undefined });
    const readPdfAt = createPdfReader(open);
    await expect(readPdfAt('https://x.test/a.pdf')).rejects.toThrow('The PDF reader did not start.');
    await expect(readPdfAt('https://x.test/a.pdf')).resolves.toMatchObject({ text: 'second time' });
  });

  it('Firefox: the reader page loads in a hidden frame, reads through the function on its window, and the frame goes on close', async () => {
    const read = vi.fn(async (url: string): Promise<PdfTextReply> => ({ ok: true, title: 'Report', text: `text of ${url}` }));
    const opening = openFramedPdfReader(document, READER_URL);
    expect(frameOf()?.hidden).toBe(true);
    loadReaderPage({ read });
    const session = await opening;
    const reply = await session.read('https://x.test/report.pdf');
    expect(reply).toEqual({ ok: true, title: 'Report', text: 'text of https://x.test/report.pdf' });
    expect(read).toHaveBeenCalledWith('https://x.test/report.pdf');
    session.close();
    expect(frameOf()).toBeNull();
  });

  it('Firefox: a frame whose page offers no reader, or does not load in time, is removed and the read says so', async () => {
    const noReader = openFramedPdfReader(document, READER_URL);
    loadReaderPage();
    await expect(noReader).rejects.toThrow('The PDF reader did not start.');
    expect(frameOf()).toBeNull();

    vi.useFakeTimers();
    const never = openFramedPdfReader(document, READER_URL, 1000);
    expect(frameOf()).not.toBeNull();
    vi.advanceTimersByTime(1000);
    await expect(never).rejects.toThrow('The PDF reader did not start.');
    expect(frameOf()).toBeNull();
  });
});
