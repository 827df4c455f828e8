// outOfDateActions: which completed actions read an answer that was produced again after they ran.
import { describe, expect, it } from 'vitest';
import { pendingAction } from './flowRunsSlice';
import type { ActionRun, FlowRun, FlowRunSnapshot, SnapshotAction } from './flowTypes';
import { outOfDateActions, outputsRead } from './outOfDateActions';

const snapAction = (name: string, content: string): SnapshotAction => ({
  actionId: `id-${name}`,
  name,
  promptId: null,
  template: [{ role: 'user', content }],
  providerId: null,
  model: 'm',
  fileIds: [],
  problem: null,
});

/** One action's run state: started at `at`, taking `took` ms (null: still running). */
const ran = (name: string, at: number, took: number | null, status: ActionRun['status'] = took === null ? 'running' : 'completed'): ActionRun => ({
  ...pendingAction(`id-${name}`, name),
  status,
  startedAt: at,
  duration: took,
});

/** Steps of [name, template] and their run states, in order. */
function run(steps: [string, string][][], states: ActionRun[][], snapshot = true): Pick<FlowRun, 'snapshot' | 'steps'> {
  const snap: FlowRunSnapshot = {
    flowName: 'F',
    steps: steps.map((actions, s) => ({ stepId: `s${s}`, name: '', continueOnError: false, actions: actions.map(([n, c]) => snapAction(n, c)) })),
  };
  return { snapshot: snapshot ? snap : undefined, steps: states.map((actions, s) => ({ stepId: `s${s}`, status: 'completed', actions })) };
}

const FLOW: [string, string][][] = [
  [['a', 'A']],
  [
    ['c', 'C={{outputs.a}}'],
    ['d', 'D'],
  ],
  [['z', 'Z={{ outputs.c }} and {{outputs.d}}']],
];

describe('outOfDateActions', () => {
  it('finds nothing after a plain run (each step started when the one before had ended)', () => {
    expect(outOfDateActions(run(FLOW, [[ran('a', 0, 10)], [ran('c', 10, 5), ran('d', 10, 7)], [ran('z', 17, 3)]]))).toEqual(new Map());
  });

  it('marks readers of a re-run action, and readers of those, with the stale names; a sibling that reads nothing stays', () => {
    const after = outOfDateActions(run(FLOW, [[ran('a', 100, 10)], [ran('c', 10, 5), ran('d', 10, 7)], [ran('z', 17, 3)]]));
    expect(after).toEqual(
      new Map([
        ['1:0', ['a']],
        ['2:0', ['c']],
      ]),
    );
  });

  it('counts an upstream re-run that is still running or failed (the answer read is gone either way)', () => {
    expect([...outOfDateActions(run(FLOW, [[ran('a', 100, null)], [ran('c', 10, 5), ran('d', 10, 7)], [ran('z', 17, 3)]])).keys()]).toEqual(['1:0', '2:0']);
    expect([...outOfDateActions(run(FLOW, [[ran('a', 100, 3, 'failed')], [ran('c', 10, 5), ran('d', 10, 7)], [ran('z', 17, 3)]])).keys()]).toEqual([
      '1:0',
      '2:0',
    ]);
  });

  it('is cleared by re-running the reader after the upstream; only completed readers are marked', () => {
    expect(outOfDateActions(run(FLOW, [[ran('a', 100, 10)], [ran('c', 120, 5), ran('d', 10, 7)], [ran('z', 130, 3)]]))).toEqual(new Map());
    // a reader that failed or never ran is not "out of date": its own status says what it is
    const failed = outOfDateActions(run(FLOW, [[ran('a', 100, 10)], [ran('c', 10, 5, 'failed'), ran('d', 10, 7)], [{ ...pendingAction('id-z', 'z') }]]));
    expect(failed).toEqual(new Map());
  });

  it('ignores outputs of the same or a later step, and unknown names', () => {
    const odd: [string, string][][] = [
      [
        ['a', '{{outputs.b}}'],
        ['b', 'B'],
      ],
      [['c', '{{outputs.nobody}}']],
    ];
    expect(outOfDateActions(run(odd, [[ran('a', 0, 10), ran('b', 50, 10)], [ran('c', 20, 5)]]))).toEqual(new Map());
  });

  it('finds nothing for a run without a snapshot (unknown), or whose snapshot does not match its steps', () => {
    const states = [[ran('a', 100, 10)], [ran('c', 10, 5), ran('d', 10, 7)], [ran('z', 17, 3)]];
    expect(outOfDateActions(run(FLOW, states, false))).toEqual(new Map());
    const renamed = run(FLOW, states);
    renamed.steps[1].actions[0] = { ...renamed.steps[1].actions[0], name: 'other' };
    expect(outOfDateActions(renamed)).toEqual(new Map());
  });
});

describe('outputsRead', () => {
  it('lists the names read as {{outputs.<name>}} once each, with or without spaces, and nothing else', () => {
    expect(outputsRead(snapAction('x', '{{outputs.a}} {{ outputs.b }} {{outputs.a}} {{selection}} {{outputsa}}'))).toEqual(['a', 'b']);
  });
});
