import { describe, expect, it } from 'vitest';
import { computeRuntimeValues, findVariables, isSet, mergeScopedValues, mergeVariables, resolveTemplate } from './variableResolver';

describe('resolveTemplate', () => {
  it('accepts whitespace inside the braces', () => {
    const values = { name: 'Ada' };
    for (const template of ['{{name}}', '{{ name }}', '{{   name}}', '{{name\t}}', '{{\nname\n}}']) {
      expect(resolveTemplate(`Hi ${template}!`, values)).toEqual({ text: 'Hi Ada!', missing: [] });
    }
  });

  it('resolves dotted (and dashed) names as one name, not as a path', () => {
    const values = { 'steps.1.summary': 'S1', 'page-title': 'T', steps: 'WRONG' };
    expect(resolveTemplate('{{steps.1.summary}} / {{ page-title }}', values).text).toBe('S1 / T');
  });

  it('leaves things that are not variables alone', () => {
    const text = 'a {{}} b {{ 1abc }} c { {x} } d {x} e {{x y}}';
    expect(resolveTemplate(text, { x: 'X', '1abc': 'N', 'x y': 'XY' })).toEqual({ text, missing: [] });
  });

  it('replaces every occurrence of a name', () => {
    expect(resolveTemplate('{{a}}-{{ a }}-{{a}}', { a: '1' }).text).toBe('1-1-1');
  });

  it('is a single pass: a value containing {{x}} is inserted literally, never expanded', () => {
    const values = { outer: 'see {{inner}} and {{outer}}', inner: 'SECRET' };
    const result = resolveTemplate('[{{outer}}]', values);
    expect(result.text).toBe('[see {{inner}} and {{outer}}]');
    expect(result.text).not.toContain('SECRET');
    expect(result.missing).toEqual([]);
  });

  it('inserts values with $ patterns literally (no String.replace substitutions)', () => {
    expect(resolveTemplate('x={{v}}', { v: "$& $1 $$ $` $'" }).text).toBe("x=$& $1 $$ $` $'");
  });

  it('reports each missing variable once, in order of first use, and keeps it as written', () => {
    const result = resolveTemplate('{{b}} {{ a }} {{b}} {{c}} {{a}}', { c: 'C' });
    expect(result.missing).toEqual(['b', 'a']);
    expect(result.text).toBe('{{b}} {{ a }} {{b}} C {{a}}');
  });

  it('a blank value does not satisfy a variable', () => {
    for (const blank of ['', ' ', '\n\t ']) {
      const result = resolveTemplate('[{{v}}]', { v: blank });
      expect(result.missing).toEqual(['v']);
      expect(result.text).toBe('[{{v}}]');
    }
  });
});

describe('findVariables', () => {
  it('lists names once, in order of first use across texts', () => {
    expect(findVariables(['{{b}} {{a}}', '{{ a }} {{c.d}}', 'none'])).toEqual(['b', 'a', 'c.d']);
    expect(findVariables('{{x}}{{x}}')).toEqual(['x']);
  });
});

describe('isSet', () => {
  it('counts only non-blank strings', () => {
    expect([isSet('a'), isSet(' a '), isSet(''), isSet('  '), isSet(undefined), isSet(null)]).toEqual([true, true, false, false, false, false]);
  });
});

describe('merging', () => {
  it('scoped values: user < org < project', () => {
    const merged = mergeScopedValues({
      user: { a: 'user', b: 'user', c: 'user' },
      org: { b: 'org', c: 'org' },
      project: { c: 'project' },
    });
    expect(merged).toEqual({ a: 'user', b: 'org', c: 'project' });
  });

  it('scoped values: null or missing scopes are skipped', () => {
    expect(mergeScopedValues({ user: null, org: { a: '1' } })).toEqual({ a: '1' });
    expect(mergeScopedValues({})).toEqual({});
  });

  it('scoped values: a blank narrower value does not hide a wider one', () => {
    expect(mergeScopedValues({ user: { a: 'user' }, org: { a: '' }, project: { a: '   ' } })).toEqual({ a: 'user' });
  });

  it('all sources: scoped < user < computed', () => {
    const merged = mergeVariables({
      scopedValues: { a: 'scoped', b: 'scoped', c: 'scoped' },
      userValues: { b: 'user', c: 'user' },
      computedValues: { c: 'computed' },
    });
    expect(merged).toEqual({ a: 'scoped', b: 'user', c: 'computed' });
  });

  it('all sources: blank values neither override nor appear', () => {
    const merged = mergeVariables({
      scopedValues: { a: 'scoped', d: '' },
      userValues: { a: '  ', b: '' },
      computedValues: { a: '', c: 'computed' },
    });
    expect(merged).toEqual({ a: 'scoped', c: 'computed' });
    expect('b' in merged || 'd' in merged).toBe(false);
  });

  it('does not mutate its sources', () => {
    const scopedValues = { a: '1' };
    const userValues = { a: '2' };
    mergeVariables({ scopedValues, userValues });
    expect(scopedValues).toEqual({ a: '1' });
    expect(userValues).toEqual({ a: '2' });
  });
});

describe('computeRuntimeValues', () => {
  it('takes the selection, title and URL of the page, and the date of `now` (local, YYYY-MM-DD)', () => {
    const now = new Date(2024, 1, 29, 23, 59); // local time
    expect(computeRuntimeValues({ selection: 'Sel', title: 'Title', url: 'https://x.test/' }, now)).toEqual({
      date: '2024-02-29',
      selection: 'Sel',
      page_title: 'Title',
      page_url: 'https://x.test/',
    });
  });

  it('leaves out what the page does not have, so the template reports it missing', () => {
    const values = computeRuntimeValues({ selection: '   ', title: '' }, new Date(2025, 0, 2));
    expect(values).toEqual({ date: '2025-01-02' });
    expect(resolveTemplate('{{selection}}', values).missing).toEqual(['selection']);
  });

  it('a blank selection on the page does not hide a user-entered one', () => {
    const merged = mergeVariables({ userValues: { selection: 'typed' }, computedValues: computeRuntimeValues({ selection: '' }, new Date()) });
    expect(merged.selection).toBe('typed');
  });
});
