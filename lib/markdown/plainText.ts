import { Lexer, type Token, type Tokens } from 'marked';

/**
 * The text of a Markdown answer as a reader hears it: what the rendered answer shows, one block a
 * line, without Markdown's marks (for the screen-reader announcement of a finished answer,
 * components/sidepanel/AnswerAnnouncer.tsx). Raw HTML in the answer counts only by its text.
 */
export function markdownPlainText(markdown: string): string {
  return blocksText(Lexer.lex(markdown, { gfm: true })).trim();
}

/** The fields read here, which marked's token types have or lack by kind. */
type AnyToken = { type: string; text?: string; tokens?: Token[] };

function blocksText(tokens: readonly Token[]): string {
  return tokens
    .map(blockText)
    .filter((text) => text !== '')
    .join('\n');
}

function blockText(token: Token): string {
  const t = token as AnyToken;
  switch (token.type) {
    case 'space':
    case 'hr':
    case 'def':
      return '';
    case 'code':
      return t.text ?? '';
    case 'html':
      return htmlText(t.text ?? '').trim();
    case 'list':
      return (token as Tokens.List).items.map((item) => blocksText(item.tokens)).join('\n');
    case 'table': {
      const table = token as Tokens.Table;
      return [table.header, ...table.rows].map((cells) => cells.map((cell) => inlineText(cell.tokens)).join(', ')).join('\n');
    }
    case 'blockquote':
      return blocksText(t.tokens ?? []);
    default:
      return t.tokens ? inlineText(t.tokens) : htmlText(t.text ?? '');
  }
}

function inlineText(tokens: readonly Token[]): string {
  return tokens.map(inlineTokenText).join('');
}

function inlineTokenText(token: Token): string {
  const t = token as AnyToken;
  switch (token.type) {
    case 'codespan':
    case 'escape':
      return t.text ?? '';
    case 'br':
      return '\n';
    case 'html':
      return '';
    case 'image':
      // as the panel renders an image: its alt text, never the image (lib/markdown/sanitizeHtml.ts)
      return t.text ? `[image: ${t.text}]` : '[image]';
    default:
      return t.tokens ? inlineText(t.tokens) : htmlText(t.text ?? '');
  }
}

/** Text as HTML would show it (entities decoded, tags dropped), parsed inertly: nothing runs or loads. */
function htmlText(html: string): string {
  if (!/[&<]/.test(html)) return html;
  const body = new DOMParser().parseFromString(html, 'text/html').body;
  // the sanitiser drops these with their content (lib/markdown/sanitizeHtml.ts)
  for (const hidden of body.querySelectorAll('script, style, template')) hidden.remove();
  return body.textContent ?? '';
}
