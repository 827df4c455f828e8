import { isLocalURL } from '../llm/providerError';
import type { ProviderInfo } from '../types';

// Ollama (and other local servers) refuse requests whose Origin is an extension's unless told
// otherwise (OLLAMA_ORIGINS). For providers on this machine only, the extension's own requests
// go without an Origin header, which such servers accept.

// "Local" is providerError's isLocalURL: the hosts whose 403 is explained as a refused Origin are
// exactly those whose Origin header is removed.
const FIRST_RULE_ID = 1000;

export function localOriginRules(providers: readonly Pick<ProviderInfo, 'baseURL'>[], extensionId: string): chrome.declarativeNetRequest.Rule[] {
  const origins = [...new Set(providers.filter((p) => isLocalURL(p.baseURL)).map((p) => new URL(p.baseURL).origin))];
  return origins.map((origin, i) => ({
    id: FIRST_RULE_ID + i,
    priority: 1,
    action: {
      type: 'modifyHeaders' as chrome.declarativeNetRequest.RuleActionType,
      requestHeaders: [{ header: 'origin', operation: 'remove' as chrome.declarativeNetRequest.HeaderOperation }],
    },
    condition: {
      urlFilter: `|${origin}/`,
      initiatorDomains: [extensionId],
      resourceTypes: ['xmlhttprequest' as chrome.declarativeNetRequest.ResourceType],
    },
  }));
}

/** Background only: replaces the dynamic rules with those for the current providers. */
export async function applyLocalOriginRules(providers: readonly ProviderInfo[]): Promise<void> {
  const dnr = chrome.declarativeNetRequest;
  if (!dnr?.updateDynamicRules) return;
  const existing = await dnr.getDynamicRules();
  await dnr.updateDynamicRules({
    removeRuleIds: existing.map((r) => r.id),
    addRules: localOriginRules(providers, chrome.runtime.id),
  });
}
