// A video page's transcript, from the caption track the page itself offers. YouTube pages carry
// `ytInitialPlayerResponse` (inline JSON in a script tag) whose
// `captions.playerCaptionsTracklistRenderer.captionTracks[].baseUrl` answers with the track
// (`fmt=json3`: events with text segments; else the older XML). Pure: the extract script feeds it
// the page's script texts and the fetched answer. Page code is never run.

export interface CaptionTrack {
  baseUrl: string;
  languageCode: string;
  /** 'asr' for automatic captions */
  kind: string;
  name: string;
}

const MARKER = 'ytInitialPlayerResponse';

/** The JSON object literal that starts at `text[start]` (`{`), by bracket counting outside strings. */
function objectLiteralAt(text: string, start: number): string | null {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** The player response in the page's inline scripts (`var ytInitialPlayerResponse = {...};`), or null. */
export function findPlayerResponse(scriptTexts: readonly string[]): unknown {
  for (const script of scriptTexts) {
    let at = script.indexOf(MARKER);
    while (at >= 0) {
      const brace = script.indexOf('{', at + MARKER.length);
      // only `ytInitialPlayerResponse = {` (or `"ytInitialPlayerResponse": {`), nothing in between
      if (brace >= 0 && /^["']?\s*[=:]\s*$/.test(script.slice(at + MARKER.length, brace))) {
        const literal = objectLiteralAt(script, brace);
        if (literal) {
          try {
            return JSON.parse(literal);
          } catch {
            // not JSON after all: look further
          }
        }
      }
      at = script.indexOf(MARKER, at + MARKER.length);
    }
  }
  return null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function trackName(name: unknown): string {
  const record = asRecord(name);
  if (!record) return '';
  if (typeof record.simpleText === 'string') return record.simpleText;
  const runs = Array.isArray(record.runs) ? record.runs : [];
  return runs.map((run) => (typeof asRecord(run)?.text === 'string' ? (asRecord(run)!.text as string) : '')).join('');
}

/** The caption tracks the player response lists (well-formed entries only). */
export function captionTracksOf(playerResponse: unknown): CaptionTrack[] {
  const renderer = asRecord(asRecord(asRecord(playerResponse)?.captions)?.playerCaptionsTracklistRenderer);
  const tracks = Array.isArray(renderer?.captionTracks) ? renderer.captionTracks : [];
  return tracks.flatMap((entry) => {
    const track = asRecord(entry);
    if (!track || typeof track.baseUrl !== 'string' || !track.baseUrl) return [];
    return [
      {
        baseUrl: track.baseUrl,
        languageCode: typeof track.languageCode === 'string' ? track.languageCode : '',
        kind: typeof track.kind === 'string' ? track.kind : '',
        name: trackName(track.name),
      },
    ];
  });
}

/** The video the player response is about (YouTube is a single-page app: the inline JSON is the first video's). */
export function videoIdOf(playerResponse: unknown): string | null {
  const id = asRecord(asRecord(playerResponse)?.videoDetails)?.videoId;
  return typeof id === 'string' ? id : null;
}

/**
 * The track to read: one written by people before automatic captions, in the page's language
 * when there is one, else the first listed.
 */
export function chooseCaptionTrack(tracks: readonly CaptionTrack[], preferredLanguage = ''): CaptionTrack | null {
  const language = preferredLanguage.toLowerCase().split('-')[0];
  const rank = (t: CaptionTrack) => (t.kind === 'asr' ? 2 : 0) + (language && t.languageCode.toLowerCase().split('-')[0] === language ? 0 : 1);
  return [...tracks].sort((a, b) => rank(a) - rank(b))[0] ?? null;
}

/**
 * The URL to fetch for a track, asking for json3; null unless it is on the page's own origin
 * (a page cannot send Flowbar to fetch anything elsewhere).
 */
export function timedTextUrl(baseUrl: string, pageUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(baseUrl, pageUrl);
  } catch {
    return null;
  }
  if (url.origin !== new URL(pageUrl).origin) return null;
  url.searchParams.set('fmt', 'json3');
  return url.href;
}

/** `m:ss` (or `h:mm:ss`) of a time in milliseconds. */
export function formatTimestamp(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export interface TranscriptLine {
  startMs: number;
  text: string;
}

/** The lines of a json3 answer (`{events: [{tStartMs, segs: [{utf8}]}]}`), or null when it is not one. */
export function parseJson3Transcript(body: string): TranscriptLine[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return null;
  }
  const events = asRecord(parsed)?.events;
  if (!Array.isArray(events)) return null;
  const lines: TranscriptLine[] = [];
  for (const entry of events) {
    const event = asRecord(entry);
    if (!event || !Array.isArray(event.segs)) continue;
    const text = event.segs
      .map((seg) => asRecord(seg)?.utf8)
      .filter((piece): piece is string => typeof piece === 'string')
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    if (text) lines.push({ startMs: typeof event.tStartMs === 'number' ? event.tStartMs : 0, text });
  }
  return lines;
}

/** The lines of the XML formats (`<text start="1.5">` in seconds, or format 3's `<p t="1500">` in ms), from a parsed document. */
export function parseXmlTranscript(doc: Document): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const element of Array.from(doc.querySelectorAll('text, p'))) {
    const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const start = element.getAttribute('start');
    const t = element.getAttribute('t');
    lines.push({ startMs: start !== null ? Number(start) * 1000 || 0 : Number(t) || 0, text });
  }
  return lines;
}

/** The transcript as the page text: one line per caption, with its time. */
export function formatTranscript(lines: readonly TranscriptLine[]): string {
  return lines.map((line) => `[${formatTimestamp(line.startMs)}] ${line.text}`).join('\n');
}
