import type { Path, PatchOp } from './stateDiff';

// How a patch travels from the worker to the pages: short, because a streamed answer sends one
// every 200 ms and the envelope of each used to weigh more than the text it carried (the epoch as a
// UUID, the whole path with its task id). Two things make it short:
//  - ops are tuples with one-letter codes;
//  - each path is written relative to the path before it, across patches too: `[keep, ...rest]` is
//    the first `keep` keys of the previous path followed by `rest`. A streaming answer's append is
//    then `["a",[4],"text"]`, and the ops of one instance share its long prefix.
// The previous path is state shared by the worker and each page. It is well defined because a page
// applies patch n only right after patch n−1 (or right after a snapshot that says which path came
// last, see BridgeVersion.path); on a gap it fetches the whole state anyway.

export type WirePath = [keep: number, ...rest: (string | number)[]];
export type WireOp = ['s', WirePath, unknown] | ['d', WirePath] | ['a', WirePath, string] | ['m', WirePath, WirePath];

export class MalformedPatch extends Error {
  constructor(what: string) {
    super(`malformed patch: ${what}`);
    this.name = 'MalformedPatch';
  }
}

function encodePath(path: Path, previous: Path): WirePath {
  let keep = 0;
  const max = Math.min(path.length, previous.length);
  while (keep < max && path[keep] === previous[keep]) keep++;
  return [keep, ...path.slice(keep)];
}

function decodePath(wire: unknown, previous: Path): Path {
  if (!Array.isArray(wire) || wire.length === 0) throw new MalformedPatch('a path is not a list');
  const [keep, ...rest] = wire as unknown[];
  if (typeof keep !== 'number' || !Number.isInteger(keep) || keep < 0 || keep > previous.length)
    throw new MalformedPatch('a path keeps more than the previous one has');
  for (const key of rest) if (typeof key !== 'string' && typeof key !== 'number') throw new MalformedPatch('a path key is neither a string nor a number');
  return [...previous.slice(0, keep), ...(rest as (string | number)[])];
}

/** The ops on the wire, each path relative to the one before it (starting from `previous`); `last` is the chain's new end. */
export function encodeOps(ops: readonly PatchOp[], previous: Path): { ops: WireOp[]; last: Path } {
  let last = previous;
  const at = (path: Path): WirePath => {
    const wire = encodePath(path, last);
    last = path;
    return wire;
  };
  const wire = ops.map((op): WireOp => {
    switch (op.op) {
      case 'set':
        return ['s', at(op.path), op.value];
      case 'del':
        return ['d', at(op.path)];
      case 'append':
        return ['a', at(op.path), op.text];
      case 'move': {
        const path = at(op.path);
        return ['m', path, at(op.from)];
      }
    }
  });
  return { ops: wire, last };
}

/** The inverse of encodeOps, given the same `previous`. Throws MalformedPatch on anything else. */
export function decodeOps(wire: unknown, previous: Path): { ops: PatchOp[]; last: Path } {
  if (!Array.isArray(wire)) throw new MalformedPatch('the ops are not a list');
  let last = previous;
  const at = (path: unknown): Path => (last = decodePath(path, last));
  const ops = (wire as unknown[]).map((item): PatchOp => {
    if (!Array.isArray(item)) throw new MalformedPatch('an op is not a list');
    const [code, path, arg] = item as unknown[];
    switch (code) {
      case 's':
        return { op: 'set', path: at(path), value: arg };
      case 'd':
        return { op: 'del', path: at(path) };
      case 'a':
        if (typeof arg !== 'string') throw new MalformedPatch('an append without text');
        return { op: 'append', path: at(path), text: arg };
      case 'm': {
        const to = at(path);
        return { op: 'move', path: to, from: at(arg) };
      }
      default:
        throw new MalformedPatch('an unknown op');
    }
  });
  return { ops, last };
}
