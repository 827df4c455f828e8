// Titles that tell open runs apart: the prompt's name, the first words of what it ran on, and the
// time it started (with seconds, then a number, only when that is still not enough).

export interface TitleSource {
  instanceId: string;
  promptName: string;
  /** what the run is about: the selection, or the values the user typed; '' when none */
  input: string;
  createdAt: number;
}

export interface InstanceTitle {
  /** "Summarize: The quick brown fox jumps…" */
  label: string;
  /** "14:05", "14:05:09" when two runs with the same label started in the same minute */
  time: string;
  /** label and time together, as a tooltip or a list entry says it */
  full: string;
}

const INPUT_WORDS = 5;
const INPUT_CHARS = 40;

/** The first few words of a text on one line, with an ellipsis when something was left out. */
export function firstWords(text: string, maxWords = INPUT_WORDS, maxChars = INPUT_CHARS): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ').filter(Boolean);
  let out = '';
  for (const word of words.slice(0, maxWords)) {
    const next = out ? `${out} ${word}` : word;
    if (next.length > maxChars) {
      if (!out) out = word.slice(0, maxChars);
      break;
    }
    out = next;
  }
  return out.length < words.join(' ').length ? `${out}…` : out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time, 24-hour: "09:05" or "09:05:07". */
export function clockTime(at: number, withSeconds = false): string {
  const date = new Date(at);
  const minutes = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  return withSeconds ? `${minutes}:${pad(date.getSeconds())}` : minutes;
}

export function titleLabel(promptName: string, input: string): string {
  const words = firstWords(input);
  return words ? `${promptName}: ${words}` : promptName;
}

/** The title of each run, keyed by instance id; runs that would read the same get told apart. */
export function instanceTitles(sources: readonly TitleSource[]): Record<string, InstanceTitle> {
  const labelled = sources.map((source) => ({ source, label: titleLabel(source.promptName, source.input) }));
  const count = (key: (item: (typeof labelled)[number]) => string) => {
    const counts = new Map<string, number>();
    for (const item of labelled) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return counts;
  };
  const byMinute = count((item) => `${item.label}\n${clockTime(item.source.createdAt)}`);
  const bySecond = count((item) => `${item.label}\n${clockTime(item.source.createdAt, true)}`);
  const seen = new Map<string, number>();

  const titles: Record<string, InstanceTitle> = {};
  for (const { source, label } of [...labelled].sort((a, b) => a.source.createdAt - b.source.createdAt)) {
    const minuteKey = `${label}\n${clockTime(source.createdAt)}`;
    const secondKey = `${label}\n${clockTime(source.createdAt, true)}`;
    let time = (byMinute.get(minuteKey) ?? 0) > 1 ? clockTime(source.createdAt, true) : clockTime(source.createdAt);
    if ((byMinute.get(minuteKey) ?? 0) > 1 && (bySecond.get(secondKey) ?? 0) > 1) {
      const n = (seen.get(secondKey) ?? 0) + 1;
      seen.set(secondKey, n);
      time = `${time} #${n}`;
    }
    titles[source.instanceId] = { label, time, full: `${label} · ${time}` };
  }
  return titles;
}
