import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tinyPdf } from '../../support/tinyPdf';

/** Serves the test pages a user "reads" on 127.0.0.1 (content scripts do not run on data: URLs). */
export interface PageServer {
  url: string;
  /** every path requested, in order */
  requested: string[];
  close(): Promise<void>;
}

export const ARTICLE_TEXT =
  'Photosynthesis converts light energy into chemical energy. Plants use chlorophyll to capture sunlight and make glucose from carbon dioxide and water.';

const PAGES: Record<string, string> = {
  '/article.html': `<!doctype html><html><head><title>Plants and light</title></head><body>
    <header><nav>Home · About</nav></header>
    <article><h1>Plants and light</h1><p id="lead">${ARTICLE_TEXT}</p>
    <p>Oxygen is released as a by-product, which is what animals breathe. This process sustains nearly all life on Earth,
    and it is why forests, grasslands and the ocean's phytoplankton matter so much to the planet's climate.</p></article>
    <footer>Footer text</footer></body></html>`,
  // Fields the selection button must stay out of, and a page that tries to restyle and reach the button.
  '/selection.html': `<!doctype html><html><head><title>Fields and text</title>
    <style>button, flowbar-selection-button { display: none !important; opacity: 0 !important; } body { font-size: 18px; }</style></head><body>
    <h1>Fields and text</h1><p id="lead">${ARTICLE_TEXT}</p>
    <label>Password <input id="password" type="password" value="hunter2 secret words"></label>
    <label>Notes <textarea id="notes">Some notes typed in a textarea</textarea></label>
    <div id="editor" contenteditable="true">An editable region with words</div>
    <script>
      // What the page's own script can learn of Flowbar's button.
      window.probeButton = () => {
        const host = document.querySelector('flowbar-selection-button');
        let attached = null;
        try { host && host.attachShadow({ mode: 'open' }); attached = true; } catch { attached = false; }
        return { present: !!host, shadowRoot: host ? host.shadowRoot : null, children: host ? host.childNodes.length : 0,
          buttons: document.querySelectorAll('button').length, text: host ? host.textContent : null, reattached: attached };
      };
    </script></body></html>`,
};

/** The PDF served at /report.pdf (its text, line by line) and the captions of /watch?v=flowbar01. */
export const PDF_LINES = ['Quarterly report of the lighthouse keepers', 'Lamps polished: 412. Storms logged: 17.'];
export const CAPTION_LINES = ['Welcome to the tide pool tour', 'Anemones close when the water leaves'];
const VIDEO_ID = 'flowbar01';

/** A page in the shape YouTube's watch pages have: inline `ytInitialPlayerResponse` listing caption tracks. */
function videoPage(): string {
  const player = {
    videoDetails: { videoId: VIDEO_ID, title: 'Tide pools' },
    captions: {
      playerCaptionsTracklistRenderer: {
        captionTracks: [
          { baseUrl: `/api/timedtext?v=${VIDEO_ID}&lang=en&kind=asr`, name: { simpleText: 'English (auto-generated)' }, languageCode: 'en', kind: 'asr' },
          { baseUrl: `/api/timedtext?v=${VIDEO_ID}&lang=en`, name: { runs: [{ text: 'English' }] }, languageCode: 'en' },
        ],
      },
    },
  };
  return `<!doctype html><html lang="en"><head><title>Tide pools - YouTube</title></head><body>
    <div id="player">video</div><p>Comments and recommendations around the player.</p>
    <script>var ytInitialPlayerResponse = ${JSON.stringify(player)};var meta = {"x": "}"};</script></body></html>`;
}

/** The timedtext answer (json3) for the people-written track; the automatic one says so. */
function timedText(query: URLSearchParams): string {
  const lines = query.get('kind') === 'asr' ? ['automatic captions'] : CAPTION_LINES;
  return JSON.stringify({
    events: lines.map((line, i) => ({ tStartMs: i * 4000, dDurationMs: 4000, segs: line.split(' ').map((w, j) => ({ utf8: j ? ` ${w}` : w })) })),
  });
}

export async function startPageServer(): Promise<PageServer> {
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    requested.push(path);
    if (path === '/report.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(tinyPdf(PDF_LINES, 'Lighthouse report'));
      return;
    }
    if (path === '/watch') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(videoPage());
      return;
    }
    if (path === '/api/timedtext' && url.searchParams.get('fmt') === 'json3') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(timedText(url.searchParams));
      return;
    }
    const page = PAGES[path];
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // the browser keeps connections alive
      }),
  };
}
