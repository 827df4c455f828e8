// The one place where {{variables}} are found, merged and replaced. Nothing else in Flowbar
// parses or substitutes template variables.

import { localDate } from './localDate';

/** `{{ name }}`: whitespace inside the braces is allowed; names may contain dots (`steps.1.summary`). */
const VARIABLE_PATTERN = /\{\{\s*([A-Za-z_][\w.-]*)\s*\}\}/g;

interface ScopedValues {
  user?: Record<string, string> | null;
  org?: Record<string, string> | null;
  project?: Record<string, string> | null;
}

interface VariableSources {
  scopedValues?: Record<string, string>;
  userValues?: Record<string, string>;
  computedValues?: Record<string, string>;
}

/** A blank value (empty or only whitespace) counts as not set: it neither overrides nor satisfies. */
export function isSet(value: string | undefined | null): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function assignSet(target: Record<string, string>, source: Record<string, string> | null | undefined) {
  if (!source) return;
  for (const [name, value] of Object.entries(source)) if (isSet(value)) target[name] = value;
}

/** Scoped variables, narrowest scope winning: user < org < project. */
export function mergeScopedValues(scoped: ScopedValues): Record<string, string> {
  const merged: Record<string, string> = {};
  assignSet(merged, scoped.user);
  assignSet(merged, scoped.org);
  assignSet(merged, scoped.project);
  return merged;
}

/** scoped < user-entered < computed at run time. */
export function mergeVariables(sources: VariableSources): Record<string, string> {
  const merged: Record<string, string> = {};
  assignSet(merged, sources.scopedValues);
  assignSet(merged, sources.userValues);
  assignSet(merged, sources.computedValues);
  return merged;
}

/** Variable names used in the texts, each once, in order of first use. */
export function findVariables(texts: string | readonly string[]): string[] {
  const names = new Set<string>();
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    for (const match of text.matchAll(VARIABLE_PATTERN)) names.add(match[1]);
  }
  return [...names];
}

interface Resolution {
  text: string;
  missing: string[];
}

/**
 * Replaces every {{name}} in one pass. Values are inserted literally: a value that itself
 * contains `{{x}}` is never expanded again. Unset variables stay as written and are reported.
 */
export function resolveTemplate(text: string, values: Record<string, string>): Resolution {
  const missing = new Set<string>();
  const resolved = text.replace(VARIABLE_PATTERN, (whole, name: string) => {
    const value = values[name];
    if (isSet(value)) return value;
    missing.add(name);
    return whole;
  });
  return { text: resolved, missing: [...missing] };
}

/** The values the runtime computes for a run: the page the user is on and today's date (the user's local one). */
export function computeRuntimeValues(page: { selection?: string; title?: string; url?: string }, now: Date) {
  const values: Record<string, string> = { date: localDate(now) };
  if (isSet(page.selection)) values.selection = page.selection;
  if (isSet(page.title)) values.page_title = page.title;
  if (isSet(page.url)) values.page_url = page.url;
  return values;
}

/** `{{a}}, {{b}} and 3 more`: a readable list of missing variables, however many there are. */
export function describeVariables(names: readonly string[], shown = 8): string {
  const listed = names
    .slice(0, shown)
    .map((n) => `{{${n}}}`)
    .join(', ');
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}
