import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './syncCursor.ts';

const org = '5b0f6a52-3d1e-4a43-9a53-2f5e1c1c9a10';
const other = 'a1e7c0de-0000-4000-8000-000000000000';

describe('sync cursors', () => {
  it('round-trip a change number for their org; no cursor starts at 0', () => {
    expect(decodeCursor(encodeCursor(org, '12345678901234'), org)).toBe('12345678901234');
    expect(decodeCursor(undefined, org)).toBe('0');
  });

  it('refuse anything else with 400 invalid_cursor', () => {
    const junk = (payload: unknown) => 'c1.' + Buffer.from(JSON.stringify(payload)).toString('base64url');
    for (const cursor of [
      '',
      'c1.',
      'c2.abc',
      'c1.!!!',
      'c1.' + Buffer.from('not json').toString('base64url'),
      junk({ o: org, s: '-1' }),
      junk({ o: org, s: 1 }),
      junk({ o: org, s: '1', x: 1 }),
      junk({ o: org, s: '99999999999999999999' }),
      encodeCursor(other, '1'),
    ]) {
      expect(() => decodeCursor(cursor, org), cursor).toThrow(expect.objectContaining({ statusCode: 400, code: 'invalid_cursor' }));
    }
  });
});
