/**
 * The human message of a rejected command. The background prefixes validation failures with the
 * command's type ("cmd/providers/save: baseURL: …"); the page already knows which action failed.
 */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/^cmd\/[\w/]+:\s*/, '') || 'Something went wrong.';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
