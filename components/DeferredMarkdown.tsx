import { useContext, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { estimatedTextHeight } from './groupHeights';
import { Markdown } from './Markdown';
import { NearViewportContext } from './nearViewport';
import { inSlices } from './renderSlices';

/**
 * A finished message's Markdown. Inside a NearViewportContext (a long conversation) it is parsed,
 * sanitised and highlighted only when it comes near the viewport, one message per slice of work
 * (components/renderSlices.ts), so several coming near at once never make one long task; until
 * then its text stands in, as plain text (still found by the browser's find, still read by a
 * screen reader). Once rendered it stays so. Outside such a context it renders at once.
 *
 * While it streams (`streaming`) it renders at once, and goes on as the same element once finished.
 *
 * Either way the finished message is one `content-visibility: auto` box (the placeholder, or the rendered
 * `.markdown-settled`), whose height is guessed until it has been laid out once and remembered
 * after (`contain-intrinsic-block-size: auto …`): out of view it is neither laid out nor painted.
 */
export function DeferredMarkdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const nearViewport = useContext(NearViewportContext);
  const [near, setNear] = useState(!nearViewport);
  // Rendered once (e.g. while among the last messages), it stays rendered when it no longer is.
  if (!nearViewport && !near) setNear(true);
  const placeholder = useRef<HTMLDivElement>(null);
  const show = near || !nearViewport;

  useEffect(() => {
    const element = placeholder.current;
    if (show || !nearViewport || !element) return;
    let cancelRender = () => {};
    const stopObserving = nearViewport.observe(element, () => {
      // Its own task and commit: the Markdown of one message, then the next one in the next slice.
      cancelRender = inSlices(() => flushSync(() => setNear(true)));
    });
    return () => {
      stopObserving();
      cancelRender();
    };
  }, [show, nearViewport]);

  if (streaming) {
    // Still growing: its groups of blocks are the boxes (the stylesheet); the same element and
    // Markdown go on as the finished message, so finishing changes a class, not the DOM.
    return (
      <div className="markdown-live">
        <Markdown text={text} streaming />
      </div>
    );
  }
  const size = { containIntrinsicBlockSize: `auto ${estimatedTextHeight(text)}px` };
  if (show) {
    return (
      <div className="markdown-settled" style={size}>
        <Markdown text={text} />
      </div>
    );
  }
  return (
    <div ref={placeholder} className="markdown-deferred" style={size}>
      {text}
    </div>
  );
}
