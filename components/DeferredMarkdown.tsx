import { startTransition, useContext, useEffect, useRef, useState } from 'react';
import { Markdown } from './Markdown';
import { NearViewportContext } from './nearViewport';

/**
 * Markdown that, inside a NearViewportContext (a long conversation), is parsed, sanitised and
 * highlighted only when it comes near the viewport; until then its text stands in, as plain text
 * (still found by the browser's find, still read by a screen reader). Once rendered it stays so.
 * Outside such a context it is plain Markdown.
 */
export function DeferredMarkdown({ text }: { text: string }) {
  const nearViewport = useContext(NearViewportContext);
  const [near, setNear] = useState(!nearViewport);
  // Rendered once (e.g. while among the last messages), it stays rendered when it no longer is.
  if (!nearViewport && !near) setNear(true);
  const placeholder = useRef<HTMLDivElement>(null);
  const show = near || !nearViewport;

  useEffect(() => {
    const element = placeholder.current;
    if (show || !nearViewport || !element) return;
    // A transition: several messages coming into view at once render in slices, not one long task.
    return nearViewport.observe(element, () => startTransition(() => setNear(true)));
  }, [show, nearViewport]);

  if (show) return <Markdown text={text} />;
  return (
    <div ref={placeholder} className="markdown-deferred" style={{ containIntrinsicBlockSize: `auto ${estimatedHeight(text)}px` }}>
      {text}
    </div>
  );
}

/** A guess at the rendered height (px) of a text in a narrow panel, until it has been laid out once. */
function estimatedHeight(text: string): number {
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / 48));
  return Math.min(20_000, lines * 20);
}
