// The selection button's setting: on or off everywhere, and the sites it is off on. Pure; the
// background decides with it for the host of the page that asks.

export interface SelectionButtonSetting {
  enabled: boolean;
  /** hosts (lower case, no port) where the button is off; a host also covers its subdomains */
  offSites: string[];
}

export const DEFAULT_SELECTION_BUTTON: SelectionButtonSetting = { enabled: true, offSites: [] };

export const MAX_OFF_SITES = 1000;

/**
 * The host a user's entry names, in lower case and without port: "Example.com", "https://example.com/a?b"
 * and "example.com:8080" all give "example.com"; null when it names none.
 */
export function siteHostOf(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `http://${trimmed}`).hostname.replace(/\.$/, '');
    return host && !/\s/.test(host) ? host : null;
  } catch {
    return null;
  }
}

/** Whether the button shows on the page at `pageUrl` (a page without a host, such as file:, only follows the global switch). */
export function selectionButtonEnabledFor(pageUrl: string, setting: SelectionButtonSetting): boolean {
  if (!setting.enabled) return false;
  let host: string;
  try {
    host = new URL(pageUrl).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return false;
  }
  if (!host) return true;
  return !setting.offSites.some((site) => host === site || host.endsWith(`.${site}`));
}
