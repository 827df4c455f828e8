// What `npm start` runs, as a pure function of the machine it runs on, so it is unit-tested
// (tests/unit/launchPlan.test.ts) without starting a browser. scripts/open-chromium.mjs does the IO.
import { createHash } from 'node:crypto';

/**
 * The id Chromium gives an unpacked extension loaded without a manifest `key`: the SHA-256 of its
 * absolute path, first 32 hex digits, each written with the letters a–p. Stable for a checkout, so
 * `npm start` can open the extension's welcome page by URL.
 * @param {string} absoluteDir
 */
export function extensionIdForPath(absoluteDir) {
  const hex = createHash('sha256').update(absoluteDir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/**
 * @param {{
 *   browser: string,
 *   extensionDir: string,
 *   profileDir: string,
 *   uid: number | undefined,
 *   headless: boolean,
 * }} machine
 * @returns {{ command: string, args: string[], url: string, notes: string[] }}
 */
export function planLaunch({ browser, extensionDir, profileDir, uid, headless }) {
  const url = `chrome-extension://${extensionIdForPath(extensionDir)}/welcome.html`;
  const notes = [];
  const args = [
    `--user-data-dir=${profileDir}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
  ];
  // Chromium refuses to start as root without it (containers, CI, this kind of machine).
  if (uid === 0) {
    args.push('--no-sandbox');
    notes.push('running as root, so Chromium starts with --no-sandbox (its sandbox refuses root)');
  }
  if (headless) {
    // --dump-dom prints the page once it has loaded, then Chromium exits: a smoke test of the build.
    args.push('--headless=new', '--disable-gpu', '--dump-dom');
    notes.push('headless: Chromium prints the welcome page once it has loaded, then exits');
  }
  args.push(url);
  return { command: browser, args, url, notes };
}

/** @param {string[]} argv  @param {Record<string, string | undefined>} env */
export function startOptions(argv, env) {
  return {
    printArgs: argv.includes('--print-args'),
    headless: argv.includes('--headless') || env.FLOWBAR_HEADLESS === '1',
  };
}

/** A shell-pasteable command line (for --print-args). @param {string} command @param {string[]} args */
export function commandLine(command, args) {
  const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`);
  return [command, ...args].map(quote).join(' ');
}
