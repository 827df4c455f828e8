import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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

export async function startPageServer(): Promise<PageServer> {
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requested.push(path);
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
