// Web pages for the tabs a user has open (content scripts do not run on data: URLs), on 127.0.0.1.
import http from 'node:http';

const ARTICLE = (n) => `<!doctype html><html><head><title>Article ${n}</title></head><body>
<article><h1>Article ${n}</h1><p id="lead">Photosynthesis converts light energy into chemical energy. Plants use chlorophyll to
capture sunlight and make glucose from carbon dioxide and water.</p><p>Oxygen is released as a by-product.</p></article></body></html>`;

export async function startPageServer() {
  const server = http.createServer((req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n') ?? 0);
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(ARTICLE(n));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
