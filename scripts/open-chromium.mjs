// `npm start`: opens Chromium with the freshly built extension loaded, in a new throw-away profile,
// at the extension's welcome page. The command line comes from launchPlan.mjs (unit-tested).
//   npm start -- --print-args   print the command line and exit (a dry run)
//   FLOWBAR_HEADLESS=1 npm start (or -- --headless)  no window: load the welcome page, print it, exit
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commandLine, planLaunch, startOptions } from './launchPlan.mjs';

const extensionDir = path.resolve('.output/chrome-mv3');
const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const browser = candidates.find((file) => existsSync(file));
const options = startOptions(process.argv.slice(2), process.env);

if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
  console.error('flowbar: the build is missing; run `npm run build`.');
  process.exit(1);
}
if (!browser) {
  console.error(`flowbar: no Chromium found. Load ${extensionDir} in Chrome (chrome://extensions → Developer mode → Load unpacked).`);
  process.exit(1);
}
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
if (noDisplay && !options.headless && !options.printArgs) {
  console.log(`flowbar: built ${extensionDir}. There is no display here to open a browser on;`);
  console.log('load that folder in Chrome (chrome://extensions → Developer mode → Load unpacked), or run `npm start` on a desktop.');
  console.log('(FLOWBAR_HEADLESS=1 npm start loads the welcome page headless, as a check; `npm start -- --print-args` prints the command line.)');
  process.exit(0);
}

const profileDir = options.printArgs ? path.join(tmpdir(), 'flowbar-profile-XXXXXX') : mkdtempSync(path.join(tmpdir(), 'flowbar-profile-'));
const plan = planLaunch({ browser, extensionDir, profileDir, uid: process.getuid?.(), headless: options.headless });
for (const note of plan.notes) console.log(`flowbar: ${note}`);
if (options.printArgs) {
  console.log(commandLine(plan.command, plan.args));
  process.exit(0);
}
console.log(`flowbar: opening ${browser} at ${plan.url} (profile ${profileDir})`);
const child = spawn(plan.command, plan.args, { stdio: 'inherit' });
child.on('exit', (code) => {
  if (options.headless) rmSync(profileDir, { recursive: true, force: true }); // a check leaves nothing behind
  process.exit(code ?? 0);
});
