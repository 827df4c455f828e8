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
