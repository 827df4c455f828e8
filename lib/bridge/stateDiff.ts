// The diff the background sends to pages on each store update, and how pages apply it.
// webext-redux's own strategies resend a changed slice (shallow) or a changed string (deep)
// whole, so a streaming answer would cost O(answer²) bytes. Here a string that grew at its end
// travels as the part that was added, and unchanged subtrees (same reference in an immutable
// store) are skipped without being walked.

type Path = (string | number)[];
export type PatchOp = { op: 'set'; path: Path; value: unknown } | { op: 'del'; path: Path } | { op: 'append'; path: Path; text: string };

/** Strings shorter than this are sent whole: an append op would not be smaller. */
const MIN_APPEND_BASE = 16;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
      if (!(key in previous)) ops.push({ op: 'set', path: [...path, key], value: next[key] });
      else diffState(previous[key], next[key], [...path, key], ops);
    }
    for (const key of Object.keys(previous)) if (!(key in next)) ops.push({ op: 'del', path: [...path, key] });
    return ops;
  }
  if (Array.isArray(previous) && Array.isArray(next) && next.length >= previous.length) {
    // Appended items (a new message) are sent alone; changed items are diffed in place.
    for (let i = 0; i < previous.length; i++) diffState(previous[i], next[i], [...path, i], ops);
    for (let i = previous.length; i < next.length; i++) ops.push({ op: 'set', path: [...path, i], value: next[i] });
    return ops;
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
    else delete (container as Record<string, unknown>)[key];
    return container;
  }
  (container as Record<string | number, unknown>)[key] = applyOp((container as Record<string | number, unknown>)[key], op, depth + 1);
  return container;
}
