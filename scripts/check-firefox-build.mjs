// After `wxt build -b firefox`: the Firefox build must load there, so check what differs from Chrome's.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.resolve('.output/firefox-mv2');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const problems = [];
const expect = (ok, what) => ok || problems.push(what);

expect(manifest.sidebar_action?.default_panel === 'sidepanel.html', 'the panel is a sidebar_action (Firefox has no side_panel)');
expect(!manifest.side_panel, 'no Chrome side_panel key');
expect(!manifest.permissions?.includes('sidePanel'), 'no sidePanel permission');
expect(Array.isArray(manifest.background?.scripts) && manifest.background.scripts.length > 0, 'a background script (MV2)');
expect(manifest.browser_specific_settings?.gecko?.id, 'a gecko add-on id');
expect(manifest.commands?._execute_sidebar_action && !manifest.commands._execute_action, 'the panel shortcut is _execute_sidebar_action');
for (const file of ['sidepanel.html', 'options.html', 'welcome.html', ...(manifest.background?.scripts ?? []), ...manifest.content_scripts.flatMap((c) => c.js)]) {
  expect(existsSync(path.join(dir, file)), `${file} is in the build`);
}

if (problems.length) {
  console.error(`Firefox build: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Firefox build: manifest and files check out (sidebar_action, MV2 background, gecko id).');
