// Property tests of the one variable resolver: whatever the template and the values, a value is
// inserted literally (never expanded again), and every set variable the template names is replaced.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findVariables, resolveTemplate } from './variableResolver';

const name = fc.constantFrom('a', 'b', 'selection', 'page_title', 'outputs.step1');
/** Values that look like templates themselves: they must come out as they went in. */
const value = fc.oneof(
  fc.string(),
  name.map((n) => `{{${n}}}`),
  fc.tuple(fc.string(), name, fc.string()).map(([x, n, y]) => `${x}{{ ${n} }}${y}`),
);
/** A template: text with variable references in between. */
const template = fc
  .array(
    fc.oneof(
      fc.string().map((text) => ({ text })),
      name.map((ref) => ({ ref })),
    ),
    { maxLength: 12 },
  )
  .map((pieces) => pieces.map((p) => ('ref' in p ? `{{${p.ref}}}` : p.text.replace(/[{}]/g, ''))).join(''));

describe('resolveTemplate (properties)', () => {
  it('never expands a value twice: the result is the template with each reference replaced by its value, literally', () => {
    fc.assert(
      fc.property(
        template,
        fc.dictionary(
          name,
          value.filter((v) => v.trim() !== ''),
        ),
        (text, values) => {
          const result = resolveTemplate(text, values);
          // The same replacement done by hand, one reference at a time, left to right.
          const expected = text.replace(/\{\{([^{}]+)\}\}/g, (whole, ref: string) => values[ref.trim()] ?? whole);
          expect(result.text).toBe(expected);
          expect(result.missing).toEqual(findVariables(text).filter((n) => !(n in values)));
        },
      ),
    );
  });

  it('resolving the result again with no values changes nothing a value brought in', () => {
    fc.assert(
      // A blank value counts as not set, so only values with something in them are inserted.
      fc.property(
        value.filter((v) => v.trim() !== ''),
        (v) => {
          const once = resolveTemplate('[{{a}}]', { a: v });
          expect(once.text).toBe(`[${v}]`);
          expect(resolveTemplate(once.text, {}).text).toBe(once.text);
        },
      ),
    );
  });
});
