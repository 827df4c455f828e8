// The diff the background sends to pages on each store update, and how pages apply it.
// webext-redux's own strategies resend a changed slice (shallow) or a changed string (deep)
// whole, so a streaming answer would cost O(answer²) bytes. Here a string that grew at its end
// travels as the part that was added, and unchanged subtrees (same reference in an immutable
// store) are skipped without being walked. A long string that leaves one place and appears in
// another in the same update (the streamed answer, when it becomes a conversation message) travels
// as a `move` from where the page already holds it.

export type Path = (string | number)[];
export type PatchOp =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'del'; path: Path }
  | { op: 'append'; path: Path; text: string }
  /** The string at `from` in the state *before* this patch, placed at `path` (the source's own removal is a `del` of its own). */
  | { op: 'move'; from: Path; path: Path };

/** Strings shorter than this are sent whole: an append op would not be smaller. */
const MIN_APPEND_BASE = 16;

/** An array whose oldest items are dropped as new ones are added (a capped log): dropped items are
 *  deleted from its front when at most this share of it goes, rather than the array being set whole. */
const MAX_DROPPED_SHARE = 0.5;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Keys are the state's own: a key named like an Object.prototype member (`toString`, `constructor`,
// `__proto__`) is data like any other, never found through or written into a prototype.
const hasOwn = (value: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(value, key);
const ownValue = (value: object, key: string | number): unknown => (hasOwn(value, key) ? (value as Record<string | number, unknown>)[key] : undefined);
function setOwn(container: object, key: string | number, value: unknown) {
  // defineProperty, not assignment: `container.__proto__ = value` would replace its prototype.
  Object.defineProperty(container, key, { value, writable: true, enumerable: true, configurable: true });
}

/**
 * How many items `next` dropped from the front of `previous` while keeping the rest, in order and
 * by reference (what a capped list does when it grows past its cap), or 0.
 */
function droppedFromFront(previous: readonly unknown[], next: readonly unknown[]): number {
  if (previous.length === 0 || next.length === 0 || previous[0] === next[0]) return 0;
  const dropped = previous.indexOf(next[0]);
  if (dropped <= 0 || dropped > previous.length * MAX_DROPPED_SHARE) return 0;
  const kept = previous.length - dropped;
  if (next.length < kept) return 0;
  for (let i = 0; i < kept; i++) if (previous[dropped + i] !== next[i]) return 0;
  return dropped;
}

/** Strings at least this long that leave the state are looked for in what the update adds. */
export const MIN_MOVE_CHARS = 64;
/** How many nodes of the removed subtrees are searched for such strings (bounds the cost of a large removal). */
const MAX_REMOVED_NODES = 4096;

/** A value the update removed or replaced, and where it was in the previous state. */
interface Removed {
  prevPath: Path;
  value: unknown;
}

export function diffState(previous: unknown, next: unknown): PatchOp[] {
  const removed: Removed[] = [];
  const ops = diffInto(previous, next, [], [], [], removed);
  return removed.length ? withMoves(ops, removed) : ops;
}

function diffInto(previous: unknown, next: unknown, path: Path, prevPath: Path, ops: PatchOp[], removed: Removed[]): PatchOp[] {
  if (previous === next) return ops;
  if (typeof previous === 'string' && typeof next === 'string') {
    if (previous.length >= MIN_APPEND_BASE && next.length > previous.length && next.startsWith(previous)) {
      ops.push({ op: 'append', path, text: next.slice(previous.length) });
    } else {
      ops.push({ op: 'set', path, value: next });
      removed.push({ prevPath, value: previous });
    }
    return ops;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    for (const key of Object.keys(next)) {
      if (!hasOwn(previous, key)) ops.push({ op: 'set', path: [...path, key], value: next[key] });
      else diffInto(previous[key], next[key], [...path, key], [...prevPath, key], ops, removed);
    }
    for (const key of Object.keys(previous)) {
      if (hasOwn(next, key)) continue;
      ops.push({ op: 'del', path: [...path, key] });
      removed.push({ prevPath: [...prevPath, key], value: previous[key] });
    }
    return ops;
  }
  if (Array.isArray(previous) && Array.isArray(next)) {
    // A capped list that dropped its oldest items: delete those at the front, then it only grew.
    const dropped = droppedFromFront(previous, next);
    for (let i = 0; i < dropped; i++) {
      ops.push({ op: 'del', path: [...path, 0] });
      removed.push({ prevPath: [...prevPath, i], value: previous[i] });
    }
    const base = dropped ? previous.slice(dropped) : previous;
    if (next.length >= base.length) {
      // Appended items (a new message) are sent alone; changed items (an action of a run's step)
      // are diffed in place, so a string growing inside one travels as an append.
      for (let i = 0; i < base.length; i++) diffInto(base[i], next[i], [...path, i], [...prevPath, i + dropped], ops, removed);
      for (let i = base.length; i < next.length; i++) ops.push({ op: 'set', path: [...path, i], value: next[i] });
      return ops;
    }
  }
  ops.push({ op: 'set', path, value: next });
  if (previous !== undefined) removed.push({ prevPath, value: previous });
  return ops;
}

/** The long strings inside the removed values, each with its path in the previous state (a bounded walk). */
function removedStrings(removed: readonly Removed[]): Array<{ from: Path; text: string }> {
  const found: Array<{ from: Path; text: string }> = [];
  let budget = MAX_REMOVED_NODES;
  const walk = (value: unknown, at: Path) => {
    if (budget-- <= 0) return;
    if (typeof value === 'string') {
      if (value.length >= MIN_MOVE_CHARS) found.push({ from: at, text: value });
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...at, i]));
    else if (isPlainObject(value)) for (const key of Object.keys(value)) walk(value[key], [...at, key]);
  };
  for (const { prevPath, value } of removed) walk(value, prevPath);
  return found;
}

/**
 * Rewrites each `set` whose value holds a string the update removed elsewhere (equal to it, or
 * starting with it): the string is sent empty, then moved in from where the page has it, then
 * whatever it gained appended. Applied to the previous state, the result is the same.
 */
function withMoves(ops: PatchOp[], removed: readonly Removed[]): PatchOp[] {
  const sources = removedStrings(removed);
  if (!sources.length) return ops;
  const out: PatchOp[] = [];
  for (const op of ops) {
    if (op.op !== 'set') {
      out.push(op);
      continue;
    }
    const moves: PatchOp[] = [];
    const replace = (value: unknown, at: Path): unknown => {
      if (typeof value === 'string') {
        if (value.length < MIN_MOVE_CHARS) return value;
        const source = sources.find((s) => value === s.text) ?? sources.find((s) => value.startsWith(s.text));
        if (!source) return value;
        moves.push({ op: 'move', from: source.from, path: at });
        if (value.length > source.text.length) moves.push({ op: 'append', path: at, text: value.slice(source.text.length) });
        return '';
      }
      if (Array.isArray(value)) {
        const items: readonly unknown[] = value;
        let copy: unknown[] | null = null;
        items.forEach((item, i) => {
          const replaced = replace(item, [...at, i]);
          if (replaced !== item) (copy ??= [...items])[i] = replaced;
        });
        return copy ?? value;
      }
      if (isPlainObject(value)) {
        let copy: Record<string, unknown> | null = null;
        for (const key of Object.keys(value)) {
          const replaced = replace(value[key], [...at, key]);
          if (replaced !== value[key]) setOwn((copy ??= { ...value }), key, replaced);
        }
        return copy ?? value;
      }
      return value;
    };
    const value = replace(op.value, op.path);
    out.push(moves.length ? { op: 'set', path: op.path, value } : op, ...moves);
  }
  return out;
}

/** Applies ops immutably: every object on a changed path is copied, the rest is shared. */
export function applyPatch<T>(state: T, ops: readonly PatchOp[]): T {
  let root: unknown = state;
  for (const op of ops) root = applyOp(root, op, 0, state);
  return root as T;
}

/** The value at `path` in `node`, through own keys only. */
function valueAt(node: unknown, path: Path): unknown {
  let value = node;
  for (const key of path) value = value !== null && typeof value === 'object' ? ownValue(value, key) : undefined;
  return value;
}

function applyOp(node: unknown, op: PatchOp, depth: number, before: unknown): unknown {
  if (depth === op.path.length) {
    if (op.op === 'set') return op.value;
    if (op.op === 'append') return (typeof node === 'string' ? node : '') + op.text;
    if (op.op === 'move') return valueAt(before, op.from);
    return undefined;
  }
  const key = op.path[depth];
  // Spreading copies own keys only, `__proto__` included, as data.
  const container: Record<string | number, unknown> | unknown[] = Array.isArray(node)
    ? [...(node as unknown[])]
    : isPlainObject(node)
      ? { ...node }
      : typeof key === 'number'
        ? []
        : {};
  const last = depth === op.path.length - 1;
  if (op.op === 'del' && last) {
    if (Array.isArray(container)) container.splice(key as number, 1);
    else if (hasOwn(container, key)) delete (container as Record<string, unknown>)[key];
    return container;
  }
  setOwn(container, key, applyOp(ownValue(container, key), op, depth + 1, before));
  return container;
}
