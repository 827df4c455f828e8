import { Readability } from '@mozilla/readability';

// Injected on demand (Attach page) into the page the user chose; returns its main text.
export default defineUnlistedScript(() => {
  const article = new Readability(document.cloneNode(true) as Document).parse();
  return {
    title: article?.title || document.title,
    url: location.href,
    text: (article?.textContent ?? document.body?.innerText ?? '').replace(/\n{3,}/g, '\n\n').trim(),
  };
});
