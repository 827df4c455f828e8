// A long, realistic Markdown answer (headings, paragraphs, lists, code, tables, quotes), made
// deterministically. Streamed back word by word by the local server's `echo` scenario, it shows
// the panel's renderer on many blocks, where `long-N` (one 5,000-word paragraph) is its worst case.

const WORDS = (
  'the of and to in is that for it as with was on be by this are from at or an have not which ' +
  'light energy plant leaf cell water carbon oxygen sugar root process chlorophyll sunlight ' +
  'model request stream token answer prompt browser panel message value system result function ' +
  'data table index query search history storage worker render update batch latency memory ' +
  'first second simple quick careful useful important common different general small large'
).split(' ');

function prng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Whitespace-separated pieces, as the local server splits an answer into chunks. */
export function chunkCount(text) {
  return text.split(/(?<=\s)(?=\S)/).filter((piece) => piece !== '').length;
}

/** About `targetWords` words of Markdown; the last word is a unique marker (`lastWord`). */
export function markdownDocument(targetWords = 5000, seed = 7) {
  const random = prng(seed);
  const word = () => WORDS[Math.floor(random() * WORDS.length)];
  const words = (n) => Array.from({ length: n }, word).join(' ');
  const sentence = () => {
    const s = words(6 + Math.floor(random() * 12));
    const styled = random() < 0.3 ? s.replace(/(\w+) (\w+)/, '**$1 $2**') : random() < 0.3 ? s.replace(/(\w+)$/, '`$1`') : s;
    return `${styled[0].toUpperCase()}${styled.slice(1)}.`;
  };
  const blocks = [];
  let count = 0;
  let section = 1;
  const push = (block) => {
    blocks.push(block);
    count += block.split(/\s+/).filter(Boolean).length;
  };
  while (count < targetWords - 40) {
    const kind = random();
    if (blocks.length === 0 || kind < 0.08) push(`## ${section++}. ${words(3)}`);
    else if (kind < 0.45) push(Array.from({ length: 3 + Math.floor(random() * 3) }, sentence).join(' '));
    else if (kind < 0.62) push(Array.from({ length: 3 + Math.floor(random() * 4) }, () => `- ${sentence()}`).join('\n'));
    else if (kind < 0.72) push(Array.from({ length: 3 + Math.floor(random() * 3) }, (_, i) => `${i + 1}. ${sentence()}`).join('\n'));
    else if (kind < 0.82)
      push(
        [
          '```js',
          ...Array.from({ length: 3 + Math.floor(random() * 5) }, () => `const ${word()}_${Math.floor(random() * 99)} = compute("${words(2)}");`),
          '```',
        ].join('\n'),
      );
    else if (kind < 0.9)
      push(
        [
          '| name | value | note |',
          '| --- | ---: | --- |',
          ...Array.from({ length: 3 + Math.floor(random() * 3) }, () => `| ${word()} | ${Math.floor(random() * 1000)} | ${words(3)} |`),
        ].join('\n'),
      );
    else push(`> ${sentence()} ${sentence()}`);
  }
  const lastWord = 'zzendmarker';
  push(`That is all: ${lastWord}`);
  return { text: blocks.join('\n\n'), lastWord, blocks: blocks.length };
}
