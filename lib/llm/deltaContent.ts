// `delta.content` as servers send it: a string (OpenAI and most others), or an array of typed parts
// (Mistral's magistral models: `{type:'text', text}` for the answer and
// `{type:'thinking', thinking:[{type:'text', text}]}` for the reasoning).

import { isRecord } from './isRecord';

export interface DeltaText {
  text: string;
  reasoning: string;
}

const NONE: DeltaText = { text: '', reasoning: '' };

/** The answer text and the reasoning text in one delta's content; unknown part types are ignored. */
export function splitDeltaContent(content: unknown): DeltaText {
  if (typeof content === 'string') return content ? { text: content, reasoning: '' } : NONE;
  if (!Array.isArray(content)) return NONE;
  let text = '';
  let reasoning = '';
  for (const part of content as unknown[]) {
    if (typeof part === 'string') text += part;
    else if (isRecord(part)) {
      if (part.type === 'text' && typeof part.text === 'string') text += part.text;
      else if (part.type === 'thinking') reasoning += plainText(part.thinking);
    }
  }
  return text || reasoning ? { text, reasoning } : NONE;
}

/** A thinking part's text: a string, or nested `{type:'text', text}` parts. */
function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '';
  let out = '';
  for (const item of value as unknown[]) {
    if (typeof item === 'string') out += item;
    else if (isRecord(item) && typeof item.text === 'string') out += item.text;
  }
  return out;
}
