import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Which reader a tab gets: the injected script's answer, or pdf.js from the URL when it is a PDF
// (also when the script cannot run there, as in Chrome's PDF viewer); the browser is faked.

const readPdfAt = vi.fn();
vi.mock('./pdfReader', () => ({ readPdfAt: (url: string) => readPdfAt(url) }));
const { readTabText } = await import('./readTabText');

function fakeChrome(inject: () => Promise<unknown>, tab: { url?: string; title?: string }) {
  vi.stubGlobal('chrome', { scripting: { executeScript: inject }, tabs: { get: async () => tab } });
}

describe('readTabText', () => {
  beforeEach(() => readPdfAt.mockReset());
  afterEach(() => vi.unstubAllGlobals());

  it('answers the article or transcript the script extracted, without any download', async () => {
    fakeChrome(async () => [{ result: { kind: 'transcript', title: 'Video', url: 'https://v.test/watch?v=1', text: '[0:00] hi' } }], {});
    expect(await readTabText(1)).toEqual({ title: 'Video', url: 'https://v.test/watch?v=1', text: '[0:00] hi', source: 'transcript' });
    expect(readPdfAt).not.toHaveBeenCalled();
  });

  it('reads a PDF tab with pdf.js, whether the script says so or cannot run there', async () => {
    readPdfAt.mockResolvedValue({ ok: true, title: '', text: 'PDF words' });
    fakeChrome(async () => [{ result: { kind: 'pdf', title: '', url: 'https://x.test/a%20b.pdf', text: '' } }], {});
    expect(await readTabText(1)).toEqual({ title: 'a b.pdf', url: 'https://x.test/a%20b.pdf', text: 'PDF words', source: 'pdf' });

    fakeChrome(() => Promise.reject(new Error('Cannot access contents of the page')), { url: 'https://x.test/doc', title: 'doc' });
    expect(await readTabText(2)).toMatchObject({ title: 'doc', text: 'PDF words', source: 'pdf' });
    expect(readPdfAt).toHaveBeenLastCalledWith('https://x.test/doc');
  });

  it('a page the script cannot reach that is no PDF keeps the plain refusal; browser pages are never downloaded', async () => {
    readPdfAt.mockResolvedValue({ ok: false, error: 'This address does not answer with a PDF.', notPdf: true });
    fakeChrome(() => Promise.reject(new Error('Cannot access')), { url: 'https://chromewebstore.google.com/' });
    await expect(readTabText(1)).rejects.toThrow('Flowbar cannot read this page');
    readPdfAt.mockClear();
    fakeChrome(() => Promise.reject(new Error('Cannot access')), { url: 'chrome://settings' });
    await expect(readTabText(1)).rejects.toThrow('Flowbar cannot read this page');
    expect(readPdfAt).not.toHaveBeenCalled();
  });

  it('a PDF that fails to download says why', async () => {
    readPdfAt.mockResolvedValue({ ok: false, error: 'The PDF could not be downloaded (HTTP 403).' });
    fakeChrome(async () => [{ result: { kind: 'pdf', title: '', url: 'https://x.test/a.pdf', text: '' } }], {});
    await expect(readTabText(1)).rejects.toThrow('HTTP 403');
  });
});
