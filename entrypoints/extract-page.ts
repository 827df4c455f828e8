import { Readability } from '@mozilla/readability';
import {
  captionTracksOf,
  chooseCaptionTrack,
  findPlayerResponse,
  formatTranscript,
  parseJson3Transcript,
  parseXmlTranscript,
  timedTextUrl,
  videoIdOf,
} from '@/lib/page/captionTracks';
import { tidyText } from '@/lib/page/pageText';
import type { ExtractedPage } from '@/lib/page/extractedPage';

// Injected on demand (Attach page, {{page_text}}, Use the whole page) into the page the user chose;
// returns its main text: a video's caption track when the page offers one, else the article
// (Readability). A PDF is only recognised here: the background reads it with pdf.js.
// The page's scripts are read as text, never run.

/** The transcript of the video on this page, from the caption track its inline player JSON lists. */
async function readTranscript(): Promise<string | null> {
  const scripts = Array.from(document.querySelectorAll('script:not([src])'), (s) => s.textContent ?? '').filter((t) => t.includes('ytInitialPlayerResponse'));
  if (scripts.length === 0) return null;
  const player = findPlayerResponse(scripts);
  // A single-page app keeps the first video's JSON after in-app navigation: it must be this video's.
  const videoId = videoIdOf(player);
  const shown = new URL(location.href).searchParams.get('v');
  if (videoId && shown && videoId !== shown) return null;
  const track = chooseCaptionTrack(captionTracksOf(player), document.documentElement.lang);
  const url = track && timedTextUrl(track.baseUrl, location.href);
  if (!url) return null;
  const response = await fetch(url, { credentials: 'include' });
  if (!response.ok) return null;
  const body = await response.text();
  const lines = parseJson3Transcript(body) ?? parseXmlTranscript(new DOMParser().parseFromString(body, 'text/xml'));
  return lines.length > 0 ? formatTranscript(lines) : null;
}

async function extractPage(): Promise<ExtractedPage> {
  if (document.contentType === 'application/pdf') return { kind: 'pdf', title: document.title, url: location.href, text: '' };
  const transcript = await readTranscript().catch(() => null);
  if (transcript) return { kind: 'transcript', title: document.title, url: location.href, text: transcript };
  const article = new Readability(document.cloneNode(true) as Document).parse();
  return {
    kind: 'article',
    title: article?.title || document.title,
    url: location.href,
    text: tidyText(article?.textContent ?? document.body?.innerText ?? ''),
  };
}

// The object form: its main may answer a promise, which executeScript waits for.
export default defineUnlistedScript({ main: extractPage });
