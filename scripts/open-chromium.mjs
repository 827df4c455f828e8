// `npm start`: opens Chromium with the freshly built extension loaded, in a new throw-away profile.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const extensionDir = path.resolve('.output/chrome-mv3');
const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);
const browser = candidates.find((file) => existsSync(file));

if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
  console.error('flowbar: the build is missing; run `npm run build`.');
  process.exit(1);
}
if (!browser) {
  console.error(`flowbar: no Chromium found. Load ${extensionDir} in Chrome (chrome://extensions → Developer mode → Load unpacked).`);
  process.exit(1);
}
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(`flowbar: built ${extensionDir}. There is no display here to open a browser on;`);
  console.log('load that folder in Chrome (chrome://extensions → Developer mode → Load unpacked), or run `npm start` on a desktop.');
  process.exit(0);
}

const profile = mkdtempSync(path.join(tmpdir(), 'flowbar-profile-'));
console.log(`flowbar: opening ${browser} with the extension (profile ${profile})`);
const child = spawn(
  browser,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    'https://en.wikipedia.org/wiki/Photosynthesis',
  ],
  { stdio: 'inherit' },
);
child.on('exit', (code) => process.exit(code ?? 0));
