import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeOps, encodeOps, MalformedPatch } from './patchWire';
import type { Path, PatchOp } from './stateDiff';

const TASK = '29fbb157-fbbd-443a-8f7c-ab27232291d3';
const INSTANCE = 'e0e18cc1-2b2a-4765-827a-4d140bdb2c10';

const key = fc.oneof(
  fc.constantFrom('streaming', 'byTaskId', TASK, 'text', 'promptExecution', 'instances', INSTANCE, 'execution', '__proto__', '0'),
  fc.nat({ max: 3 }),
);
const path = fc.tuple(fc.constantFrom('streaming', 'promptExecution', 'logs'), fc.array(key, { maxLength: 5 })).map(([root, rest]): Path => [root, ...rest]);
const op: fc.Arbitrary<PatchOp> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), path, value: fc.jsonValue() }),
  fc.record({ op: fc.constant('del' as const), path }),
  fc.record({ op: fc.constant('append' as const), path, text: fc.string() }),
  fc.record({ op: fc.constant('move' as const), path, from: path }),
);

/** Encodes then decodes a run of patches, each starting where the one before ended, as the worker and a page do. */
function roundTrip(patches: PatchOp[][]) {
  let sent: Path = [];
  let received: Path = [];
  return patches.map((ops) => {
    const wire = encodeOps(ops, sent);
    sent = wire.last;
    const decoded = decodeOps(JSON.parse(JSON.stringify(wire.ops)), received);
    received = decoded.last;
    return decoded.ops;
  });
}

describe('patchWire', () => {
  it('any run of patches decodes to the same ops after JSON, paths relative across patches', () => {
    fc.assert(
      fc.property(fc.array(fc.array(op, { maxLength: 6 }), { maxLength: 8 }), (patches) => {
        expect(roundTrip(patches)).toEqual(JSON.parse(JSON.stringify(patches)));
      }),
      { numRuns: 300 },
    );
  });

  it('a streaming answer’s append repeats no path: a few bytes beside its text', () => {
    const append: PatchOp = { op: 'append', path: ['streaming', 'byTaskId', TASK, 'text'], text: 'more words ' };
    const first = encodeOps([append], []);
    const next = encodeOps([append], first.last);
    expect(JSON.stringify(next.ops)).toBe('[["a",[4],"more words "]]');
    // the ops of one instance share its prefix
    const instance = ['promptExecution', 'instances', INSTANCE, 'execution'];
    const completion = encodeOps(
      [
        { op: 'set', path: [...instance, 'currentTaskId'], value: null },
        { op: 'set', path: [...instance, 'messageStartTime'], value: null },
        {
          op: 'move',
          path: ['promptExecution', 'instances', INSTANCE, 'conversation', 'messages', 0, 'content'],
          from: ['streaming', 'byTaskId', TASK, 'text'],
        },
      ],
      [],
    );
    expect(JSON.stringify(completion.ops).split(INSTANCE)).toHaveLength(2);
  });

  it('decoded from the wrong previous path (a patch missed), the ops land elsewhere: hence a page applies patch n only after n − 1', () => {
    const a = encodeOps([{ op: 'set', path: ['streaming', 'byTaskId', 'A', 'text'], value: 'x' }], []);
    const b = encodeOps([{ op: 'set', path: ['streaming', 'byTaskId', 'B', 'text'], value: 'y' }], a.last);
    const c = encodeOps([{ op: 'append', path: ['streaming', 'byTaskId', 'B', 'text'], text: 'z' }], b.last);
    expect(decodeOps(c.ops, b.last).ops[0].path).toEqual(['streaming', 'byTaskId', 'B', 'text']);
    expect(decodeOps(c.ops, a.last).ops[0].path).toEqual(['streaming', 'byTaskId', 'A', 'text']);
  });

  it.each([
    ['not a list', { s: 1 }],
    ['an op that is not a list', ['s']],
    ['an unknown op', [['x', [0, 'a']]]],
    ['a path keeping more than there is', [['d', [3, 'a']]]],
    ['a path that is not a list', [['d', 'streaming']]],
    ['a path key that is an object', [['d', [0, { a: 1 }]]]],
    ['an append without text', [['a', [0, 'a'], 3]]],
  ])('refuses %s', (_what, wire) => {
    expect(() => decodeOps(wire, ['streaming'])).toThrow(MalformedPatch);
  });
});
