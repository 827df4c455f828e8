import { describe, expect, it } from 'vitest';
import { selectionButtonEnabledFor, siteHostOf } from './siteSetting';
import { selectionButtonSetting } from './siteSettingSchema';

describe('siteHostOf', () => {
  it('takes the host of what the user typed: a host, a URL, a host with a port', () => {
    expect(siteHostOf('Example.com')).toBe('example.com');
    expect(siteHostOf('  https://www.Example.com/a/b?c=d#e ')).toBe('www.example.com');
    expect(siteHostOf('example.com:8080/path')).toBe('example.com');
    expect(siteHostOf('http://127.0.0.1:5173/')).toBe('127.0.0.1');
    expect(siteHostOf('example.com.')).toBe('example.com');
  });

  it('is null for nothing or what names no host', () => {
    expect(siteHostOf('')).toBeNull();
    expect(siteHostOf('   ')).toBeNull();
    expect(siteHostOf('http://')).toBeNull();
    expect(siteHostOf('exa mple.com')).toBeNull();
  });

  it('gives hosts the command schema accepts', () => {
    const hosts = ['Example.com', 'https://sub.example.co.uk/x', 'localhost:3000', 'http://[::1]:8080/', 'xn--bcher-kva.example'].map(siteHostOf);
    expect(selectionButtonSetting.safeParse({ enabled: true, offSites: hosts }).success).toBe(true);
    expect(selectionButtonSetting.safeParse({ enabled: true, offSites: ['https://example.com/'] }).success).toBe(false);
  });
});

describe('selectionButtonEnabledFor', () => {
  const setting = { enabled: true, offSites: ['example.com', '127.0.0.1'] };

  it('is off on a listed site and its subdomains, on elsewhere', () => {
    expect(selectionButtonEnabledFor('https://example.com/page', setting)).toBe(false);
    expect(selectionButtonEnabledFor('https://www.EXAMPLE.com./page', setting)).toBe(false);
    expect(selectionButtonEnabledFor('http://127.0.0.1:8080/a.html', setting)).toBe(false);
    expect(selectionButtonEnabledFor('https://notexample.com/', setting)).toBe(true);
    expect(selectionButtonEnabledFor('https://example.com.evil.test/', setting)).toBe(true);
    expect(selectionButtonEnabledFor('https://other.test/', setting)).toBe(true);
  });

  it('is off everywhere when turned off for all sites', () => {
    expect(selectionButtonEnabledFor('https://other.test/', { ...setting, enabled: false })).toBe(false);
    expect(selectionButtonEnabledFor('file:///home/me/notes.html', { ...setting, enabled: false })).toBe(false);
  });

  it('follows the global switch on pages without a host, and is off for what is not a URL', () => {
    expect(selectionButtonEnabledFor('file:///home/me/notes.html', setting)).toBe(true);
    expect(selectionButtonEnabledFor('not a url', setting)).toBe(false);
  });
});
