/** An object whose fields can be read (provider JSON is untrusted: check before reading a field). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
