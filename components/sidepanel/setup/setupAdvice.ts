import { isLocalURL } from '@/lib/llm/providerError';
import type { ProviderCheckResult } from '@/lib/setup/providerCheck';
import { optionsHash } from '@/components/options/optionsRoute';

// What the setup card says when the default provider does not answer: what is wrong, in the user's
// words, and the ways out (links into the options page). Pure: unit-tested in setupAdvice.test.ts.

export interface SetupLink {
  label: string;
  /** the options page's fragment, e.g. #providers/new?preset=openai&default=1 */
  hash: string;
}

export interface SetupAdvice {
  /** one sentence: what is wrong and what to do */
  headline: string;
  /** a command that fixes it, shown as code (the OLLAMA_ORIGINS fix) */
  fix?: { intro: string; command: string };
  /** what the provider said, when it adds something */
  detail?: string;
  links: SetupLink[];
}

const OTHERS = 'OpenAI, OpenRouter, Groq…';
export const OLLAMA_ORIGINS_COMMAND = 'OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* ollama serve';

/** host[:port] of a base URL, for a sentence ("localhost:11434"). */
export function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

function isOllama(name: string, baseURL: string): boolean {
  return /ollama/i.test(name) || /:11434(\/|$)/.test(baseURL);
}

const addPreset = (label: string, preset: string): SetupLink => ({ label, hash: optionsHash({ kind: 'new-provider', preset, makeDefault: true }) });
const addOther: SetupLink = { label: 'Other provider…', hash: optionsHash({ kind: 'new-provider', preset: null, makeDefault: true }) };

/** null when there is nothing to set up (the provider answers). */
export function setupAdvice(check: ProviderCheckResult): SetupAdvice | null {
  if (check.status === 'ok') return null;
  if (check.status === 'no-provider') {
    return {
      headline: `No provider is set up: add one (${OTHERS}, or Ollama on this computer).`,
      links: [addPreset('Add OpenAI', 'openai'), addPreset('Add Ollama', 'ollama'), addOther],
    };
  }

  const { providerName, baseURL, kind, hasKey } = check;
  const host = hostOf(baseURL);
  const local = isLocalURL(baseURL);
  const ollama = isOllama(providerName, baseURL);
  const who = ollama ? 'Ollama' : providerName;
  const edit: SetupLink = { label: `Edit ${providerName}`, hash: optionsHash({ kind: 'edit-provider', providerId: check.providerId }) };
  const addCloud = addPreset('Add OpenAI', 'openai');

  switch (kind) {
    case 'network':
    case 'timeout': {
      const state = kind === 'timeout' ? "isn't answering" : "isn't running";
      if (local) return { headline: `${who} ${state} at ${host}: start it, or add a provider (${OTHERS}).`, links: [addCloud, addOther, edit] };
      return {
        headline: `Can't reach ${who} at ${host}: check your connection and the provider's base URL, or add another provider.`,
        detail: check.message,
        links: [edit, addOther],
      };
    }
    case 'auth':
      return {
        headline: hasKey ? `${who} refused the API key: fix it in the provider's settings.` : `${who} needs an API key: add it in the provider's settings.`,
        links: [{ label: hasKey ? 'Fix the key' : 'Add the key', hash: edit.hash }, addOther],
      };
    case 'origin-refused':
      return {
        headline: `${who} at ${host} refused Flowbar's request (403): allow the extension's origin, then try again.`,
        fix: {
          intro: ollama ? 'Restart Ollama with the extension allowed:' : 'If it is Ollama, restart it with the extension allowed:',
          command: OLLAMA_ORIGINS_COMMAND,
        },
        detail: check.message,
        links: [addCloud, addOther],
      };
    case 'forbidden':
      return { headline: `${who} refused access (403): check the key and its permissions.`, detail: check.message, links: [edit, addOther] };
    case 'not-found':
      return {
        headline: `${who} at ${host} does not answer like an OpenAI-compatible API (404): check the base URL (it usually ends in /v1).`,
        links: [edit, addOther],
      };
    default:
      return { headline: `${who} at ${host} answered with an error: fix the provider, or add another one.`, detail: check.message, links: [edit, addOther] };
  }
}
