// How the browser tests and the benchmarks start Debian's Chromium with the built extension.
// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this
// closed network refuses.

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** @param {string} extensionDir the unpacked extension (its manifest.json inside) */
export function extensionLaunchArgs(extensionDir) {
  return [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, ...CHROMIUM_FLAGS];
}
