import { describe, expect, it } from 'vitest';
import { optionsHash, parseOptionsHash, type OptionsRoute } from './optionsRoute';

describe('options page links', () => {
  it('round-trips every route', () => {
    const routes: OptionsRoute[] = [
      { kind: 'new-provider', preset: 'openai', makeDefault: true },
      { kind: 'new-provider', preset: null, makeDefault: false },
      { kind: 'edit-provider', providerId: 'a b&c' },
      { kind: 'section', section: 'shortcuts' },
    ];
    for (const route of routes) expect(parseOptionsHash(optionsHash(route))).toEqual(route);
  });

  it('reads the documented form and ignores what it does not know', () => {
    expect(parseOptionsHash('#providers/new?preset=openai')).toEqual({ kind: 'new-provider', preset: 'openai', makeDefault: false });
    expect(parseOptionsHash('#providers/edit')).toEqual({ kind: 'section', section: 'providers' });
    expect(parseOptionsHash('')).toBeNull();
    expect(parseOptionsHash('#<script>')).toBeNull();
  });
});
