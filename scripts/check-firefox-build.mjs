// After `wxt build -b firefox`: the Firefox build must load there and pass Mozilla's add-on linter
// (`web-ext lint`, the checks addons.mozilla.org runs on upload), so check what differs from Chrome's.
import { spawnSync } from 'node:child_process';
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
expect(
  manifest.browser_specific_settings?.gecko?.data_collection_permissions?.required?.length > 0,
  'gecko data_collection_permissions (asked for by addons.mozilla.org)',
);
expect(
  /frame-src 'self'/.test(manifest.content_security_policy ?? ''),
  "the CSP lets the background page frame the extension's own PDF reader (frame-src 'self')",
);
for (const file of [
  'sidepanel.html',
  'options.html',
  'welcome.html',
  'pdf-reader.html', // framed by the background page to read PDFs (lib/background/pdfReaderFrame.ts)
  ...(manifest.background?.scripts ?? []),
  ...manifest.content_scripts.flatMap((c) => c.js),
]) {
  expect(existsSync(path.join(dir, file)), `${file} is in the build`);
}

// The warnings web-ext lint gives today, each explained in docs/permissions.md. A warning is known
// when its code matches and the bundled code around it is the named library's; anything else fails.
const KNOWN_WARNINGS = [
  { code: 'UNSAFE_VAR_ASSIGNMENT', library: 'React DOM (dangerouslySetInnerHTML, given only DOMPurify output)', marker: /dangerouslySetInnerHTML/ },
  { code: 'UNSAFE_VAR_ASSIGNMENT', library: 'DOMPurify (parses the untrusted HTML into an inert document)', marker: /parseFromString|createDocument/ },
  { code: 'UNSAFE_VAR_ASSIGNMENT', library: 'Readability (works on a clone of the page, in the page)', marker: /readability|_isSingleImage|_attempts/i },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    library: 'highlight.js (highlightElement, which Flowbar never calls: it highlights text and sanitises the result)',
    marker: /throwUnescapedHTML|unescaped HTML/,
  },
  // pdf.js (the PDF reader page and its worker, loaded only while a PDF is read), see docs/permissions.md
  { code: 'DANGEROUS_EVAL', library: 'core-js in pdf.js (Node module loader, globalThis fallback)', marker: /getBuiltinModule|Function\("return this"\)/ },
  { code: 'DANGEROUS_EVAL', library: 'pdf.js (isEvalSupported feature test; Flowbar passes isEvalSupported: false)', marker: /new Function\(""\)/ },
  { code: 'DANGEROUS_EVAL', library: 'pdf.js (PostScript function compiler, used only when eval is allowed)', marker: /PostScriptCompiler/ },
  { code: 'UNSAFE_VAR_ASSIGNMENT', library: 'pdf.js (import() of its own worker file when no worker can start)', marker: /_setupFakeWorkerGlobal/ },
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    library: 'pdf.js worker (import() of its JPEG 2000 fallback from wasmUrl, which Flowbar does not set)',
    marker: /openjpeg_nowasm_fallback/,
  },
];

const lint = spawnSync(path.resolve('node_modules/.bin/web-ext'), ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
let report;
try {
  report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{')));
} catch {
  problems.push(`web-ext lint gave no report (exit ${lint.status}): ${lint.stderr || lint.stdout}`);
}
const bundledLines = new Map();
const around = (file, line, column) => {
  if (!file || !line) return '';
  if (!bundledLines.has(file)) bundledLines.set(file, readFileSync(path.join(dir, file), 'utf8').split('\n'));
  const text = bundledLines.get(file)[line - 1] ?? '';
  return text.slice(Math.max(0, (column ?? 0) - 400), (column ?? 0) + 100);
};
const explained = [];
if (report) {
  for (const error of report.errors) problems.push(`web-ext lint error ${error.code} in ${error.file ?? 'manifest'}: ${error.message}`);
  for (const warning of [...report.warnings, ...report.notices]) {
    const known = KNOWN_WARNINGS.find((k) => k.code === warning.code && k.marker.test(around(warning.file, warning.line, warning.column)));
    if (known) explained.push(`${warning.code} in ${warning.file}: ${known.library}`);
    else
      problems.push(
        `web-ext lint warning ${warning.code} in ${warning.file ?? 'manifest'}:${warning.line ?? ''} not explained in docs/permissions.md: ${warning.message}`,
      );
  }
}

if (problems.length) {
  console.error(`Firefox build: ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log('Firefox build: manifest and files check out (sidebar_action, MV2 background, gecko id, data collection).');
console.log(`web-ext lint: 0 errors, ${explained.length} known warning(s) (docs/permissions.md):\n  ${explained.join('\n  ')}`);
