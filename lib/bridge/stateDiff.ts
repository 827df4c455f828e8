// The diff the background sends to pages on each store update, and how pages apply it.
// webext-redux's own strategies resend a changed slice (shallow) or a changed string (deep)
// whole, so a streaming answer would cost O(answer²) bytes. Here a string that grew at its end
// travels as the part that was added, and unchanged subtrees (same reference in an immutable
// store) are skipped without being walked.

type Path = (string | number)[];
export type PatchOp = { op: 'set'; path: Path; value: unknown } | { op: 'del'; path: Path } | { op: 'append'; path: Path; text: string };

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

export function diffState(previous: unknown, next: unknown, path: Path = [], ops: PatchOp[] = []): PatchOp[] {
  if (previous === next) return ops;
  if (typeof previous === 'string' && typeof next === 'string') {
    if (previous.length >= MIN_APPEND_BASE && next.length > previous.length && next.startsWith(previous)) {
      ops.push({ op: 'append', path, text: next.slice(previous.length) });
    } else ops.push({ op: 'set', path, value: next });
    return ops;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    for (const key of Object.keys(next)) {
      if (!hasOwn(previous, key)) ops.push({ op: 'set', path: [...path, key], value: next[key] });
      else diffState(previous[key], next[key], [...path, key], ops);
    }
    for (const key of Object.keys(previous)) if (!hasOwn(next, key)) ops.push({ op: 'del', path: [...path, key] });
    return ops;
  }
  if (Array.isArray(previous) && Array.isArray(next)) {
    // A capped list that dropped its oldest items: delete those at the front, then it only grew.
    const dropped = droppedFromFront(previous, next);
    for (let i = 0; i < dropped; i++) ops.push({ op: 'del', path: [...path, 0] });
    const base = dropped ? previous.slice(dropped) : previous;
    if (next.length >= base.length) {
      // Appended items (a new message) are sent alone; changed items (an action of a run's step)
      // are diffed in place, so a string growing inside one travels as an append.
      for (let i = 0; i < base.length; i++) diffState(base[i], next[i], [...path, i], ops);
      for (let i = base.length; i < next.length; i++) ops.push({ op: 'set', path: [...path, i], value: next[i] });
      return ops;
    }
  }
  ops.push({ op: 'set', path, value: next });
  return ops;
}

/** Applies ops immutably: every object on a changed path is copied, the rest is shared. */
export function applyPatch<T>(state: T, ops: readonly PatchOp[]): T {
  let root: unknown = state;
  for (const op of ops) root = applyOp(root, op, 0);
  return root as T;
}

function applyOp(node: unknown, op: PatchOp, depth: number): unknown {
  if (depth === op.path.length) {
    if (op.op === 'set') return op.value;
    if (op.op === 'append') return (typeof node === 'string' ? node : '') + op.text;
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
  setOwn(container, key, applyOp(ownValue(container, key), op, depth + 1));
  return container;
}
