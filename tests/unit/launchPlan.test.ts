// `npm start`'s command line (scripts/launchPlan.mjs): as root Chromium needs --no-sandbox, headless
// it loads the page and exits, and it opens the extension's own welcome page.
import { describe, expect, it } from 'vitest';
import { commandLine, extensionIdForPath, planLaunch, startOptions } from '../../scripts/launchPlan.mjs';

const machine = { browser: '/usr/bin/chromium', extensionDir: '/home/me/flowbar/.output/chrome-mv3', profileDir: '/tmp/p', uid: 1000, headless: false };

describe("npm start's launch", () => {
  it('adds --no-sandbox when the user id is 0, and says so', () => {
    const root = planLaunch({ ...machine, uid: 0 });
    expect(root.args).toContain('--no-sandbox');
    expect(root.notes.join('\n')).toMatch(/root.*--no-sandbox/);
  });

  it('keeps the sandbox for other users and where there is no user id (Windows)', () => {
    expect(planLaunch(machine).args).not.toContain('--no-sandbox');
    expect(planLaunch({ ...machine, uid: undefined }).args).not.toContain('--no-sandbox');
    expect(planLaunch(machine).notes).toEqual([]);
  });

  it('loads only the built extension in the given profile and opens its welcome page last', () => {
    const { command, args, url } = planLaunch(machine);
    expect(command).toBe('/usr/bin/chromium');
    expect(args).toEqual(
      expect.arrayContaining(['--user-data-dir=/tmp/p', `--load-extension=${machine.extensionDir}`, `--disable-extensions-except=${machine.extensionDir}`]),
    );
    expect(url).toBe(`chrome-extension://${extensionIdForPath(machine.extensionDir)}/welcome.html`);
    expect(args.at(-1)).toBe(url);
  });

  it('runs headless with FLOWBAR_HEADLESS=1 or --headless: it prints the loaded page and exits', () => {
    expect(startOptions([], { FLOWBAR_HEADLESS: '1' })).toEqual({ printArgs: false, headless: true });
    expect(startOptions(['--headless', '--print-args'], {})).toEqual({ printArgs: true, headless: true });
    expect(startOptions([], {})).toEqual({ printArgs: false, headless: false });
    expect(planLaunch({ ...machine, headless: true }).args).toEqual(expect.arrayContaining(['--headless=new', '--dump-dom']));
    expect(planLaunch(machine).args.some((arg) => arg.startsWith('--headless'))).toBe(false);
  });

  it("derives Chromium's id for an unpacked extension from its path", () => {
    const id = extensionIdForPath(machine.extensionDir);
    expect(id).toMatch(/^[a-p]{32}$/);
    expect(extensionIdForPath(machine.extensionDir)).toBe(id);
    expect(extensionIdForPath('/elsewhere/chrome-mv3')).not.toBe(id);
  });

  it('prints a command line a shell reads back', () => {
    expect(commandLine('/usr/bin/chromium', ['--a=b c', "it's"])).toBe(`/usr/bin/chromium '--a=b c' 'it'\\''s'`);
  });
});
