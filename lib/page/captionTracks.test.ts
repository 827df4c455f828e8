// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  captionTracksOf,
  chooseCaptionTrack,
  findPlayerResponse,
  formatTimestamp,
  formatTranscript,
  parseJson3Transcript,
  parseXmlTranscript,
  timedTextUrl,
  videoIdOf,
} from './captionTracks';

const player = {
  videoDetails: { videoId: 'abc' },
  captions: {
    playerCaptionsTracklistRenderer: {
      captionTracks: [
        {
          baseUrl: 'https://www.youtube.com/api/timedtext?v=abc&lang=en&kind=asr',
          languageCode: 'en',
          kind: 'asr',
          name: { simpleText: 'English (auto-generated)' },
        },
        { baseUrl: 'https://www.youtube.com/api/timedtext?v=abc&lang=de', languageCode: 'de', name: { runs: [{ text: 'Deutsch' }] } },
        { baseUrl: 'https://www.youtube.com/api/timedtext?v=abc&lang=en-GB', languageCode: 'en-GB', name: { simpleText: 'English (UK)' } },
        { languageCode: 'fr' },
      ],
    },
  },
};

describe('findPlayerResponse', () => {
  it('reads the inline JSON after `var ytInitialPlayerResponse =`, braces inside strings included', () => {
    const withBraces = { ...player, note: 'a } and a { and an escaped \\" quote }' };
    const script = `window.x = 1; var ytInitialPlayerResponse = ${JSON.stringify(withBraces)};var meta = {"a": "}"};`;
    expect(findPlayerResponse(['other script', script])).toEqual(withBraces);
  });

  it('reads the `"ytInitialPlayerResponse": {…}` shape and skips a mention that is no assignment', () => {
    const script = `if (window.ytInitialPlayerResponse) {}; ytcfg.set({"ytInitialPlayerResponse": ${JSON.stringify(player)}});`;
    expect(findPlayerResponse([script])).toEqual(player);
  });

  it('answers null for no JSON, unbalanced text or something that is not JSON', () => {
    expect(findPlayerResponse(['var ytInitialPlayerResponse = null;'])).toBeNull();
    expect(findPlayerResponse(['var ytInitialPlayerResponse = {"a": 1'])).toBeNull();
    expect(findPlayerResponse(['var ytInitialPlayerResponse = {a: 1};'])).toBeNull();
    expect(findPlayerResponse([])).toBeNull();
  });
});

describe('caption tracks', () => {
  it('lists the well-formed tracks with their names', () => {
    expect(captionTracksOf(player).map((t) => [t.languageCode, t.kind, t.name])).toEqual([
      ['en', 'asr', 'English (auto-generated)'],
      ['de', '', 'Deutsch'],
      ['en-GB', '', 'English (UK)'],
    ]);
    expect(captionTracksOf({})).toEqual([]);
    expect(captionTracksOf({ captions: { playerCaptionsTracklistRenderer: { captionTracks: 'no' } } })).toEqual([]);
    expect(videoIdOf(player)).toBe('abc');
    expect(videoIdOf(null)).toBeNull();
  });

  it('prefers a people-written track in the page language, then any people-written one, then automatic ones', () => {
    const tracks = captionTracksOf(player);
    expect(chooseCaptionTrack(tracks, 'en')?.languageCode).toBe('en-GB');
    expect(chooseCaptionTrack(tracks, 'de-DE')?.languageCode).toBe('de');
    expect(chooseCaptionTrack(tracks, '')?.languageCode).toBe('de');
    expect(
      chooseCaptionTrack(
        tracks.filter((t) => t.kind === 'asr'),
        'de',
      )?.languageCode,
    ).toBe('en');
    expect(chooseCaptionTrack([], 'en')).toBeNull();
  });

  it("fetches json3 from the page's own origin only", () => {
    expect(timedTextUrl('/api/timedtext?v=abc&lang=en', 'https://www.youtube.com/watch?v=abc')).toBe(
      'https://www.youtube.com/api/timedtext?v=abc&lang=en&fmt=json3',
    );
    expect(timedTextUrl('https://www.youtube.com/api/timedtext?v=abc&fmt=srv3', 'https://www.youtube.com/watch?v=abc')).toBe(
      'https://www.youtube.com/api/timedtext?v=abc&fmt=json3',
    );
    expect(timedTextUrl('https://evil.example/steal', 'https://www.youtube.com/watch?v=abc')).toBeNull();
    expect(timedTextUrl('http://www.youtube.com/api/timedtext', 'https://www.youtube.com/watch?v=abc')).toBeNull();
    expect(timedTextUrl('http://[bad', 'https://www.youtube.com/watch')).toBeNull();
  });
});

describe('transcripts', () => {
  it('joins json3 segments into one line per event, skipping empty events and line breaks', () => {
    const body = JSON.stringify({
      events: [
        { tStartMs: 0, dDurationMs: 4000, segs: [{ utf8: 'Hello' }, { utf8: ' there,\nfriend' }] },
        { tStartMs: 2000, aAppend: 1, segs: [{ utf8: '\n' }] },
        { tStartMs: 3723000, segs: [{ utf8: 'much later' }] },
        { tStartMs: 10, wpWinPosId: 1 },
      ],
    });
    const lines = parseJson3Transcript(body)!;
    expect(lines).toEqual([
      { startMs: 0, text: 'Hello there, friend' },
      { startMs: 3723000, text: 'much later' },
    ]);
    expect(formatTranscript(lines)).toBe('[0:00] Hello there, friend\n[1:02:03] much later');
    expect(parseJson3Transcript('<transcript/>')).toBeNull();
    expect(parseJson3Transcript('{"no":"events"}')).toBeNull();
  });

  it('reads both XML formats, entities decoded', () => {
    const legacy = new DOMParser().parseFromString(
      '<transcript><text start="1.5" dur="2">Fish &amp;amp; chips</text><text start="62">It&#39;s done</text></transcript>',
      'text/xml',
    );
    expect(parseXmlTranscript(legacy)).toEqual([
      { startMs: 1500, text: 'Fish &amp; chips' },
      { startMs: 62000, text: "It's done" },
    ]);
    const format3 = new DOMParser().parseFromString(
      '<timedtext format="3"><body><p t="5000" d="1000">Line <s>one</s></p><p t="9000"> </p></body></timedtext>',
      'text/xml',
    );
    expect(parseXmlTranscript(format3)).toEqual([{ startMs: 5000, text: 'Line one' }]);
  });

  it('formats times as m:ss or h:mm:ss', () => {
    expect(formatTimestamp(0)).toBe('0:00');
    expect(formatTimestamp(65_999)).toBe('1:05');
    expect(formatTimestamp(36_000_000)).toBe('10:00:00');
    expect(formatTimestamp(-5)).toBe('0:00');
  });
});
