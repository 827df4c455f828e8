import { MAX_SELECTION_CHARS } from '../messaging/pageContextProtocol';
import { placeSelectionButton, type Rect } from './buttonPlacement';
import { SELECTION_BUTTON_CLICK, type SelectionButtonClick } from './selectionButtonProtocol';
import { shouldShowSelectionButton } from './showRules';

// Content script only, vanilla DOM. The button lives in a closed shadow root with its own styles:
// the page's CSS cannot restyle it and the page's scripts cannot reach into it. It sends the
// selection the content script read itself, and only on a trusted click.

const SIZE = 28;
const HOST_TAG = 'flowbar-selection-button';

const STYLE = `
:host { all: initial; }
button { all: initial; box-sizing: border-box; width: ${SIZE}px; height: ${SIZE}px; display: flex; align-items: center;
  justify-content: center; border-radius: 8px; background: #1f5fd1; color: #fff; cursor: pointer;
  box-shadow: 0 1px 4px rgba(0,0,0,.35); font: 600 15px/1 system-ui, sans-serif; }
button:hover { background: #174aa6; }
button:focus-visible { outline: 2px solid #fff; outline-offset: -4px; }
`;

// The host's own box is set inline with !important, after resetting every property: no page rule,
// even an !important one, can move, hide or restyle it.
const HOST_STYLE: Record<string, string> = {
  all: 'initial',
  position: 'absolute',
  'z-index': '2147483647',
  width: `${SIZE}px`,
  height: `${SIZE}px`,
  display: 'block',
};

export interface SelectionButton {
  /** shows, moves or hides the button for the current selection */
  update(): void;
  hide(): void;
  setEnabled(enabled: boolean): void;
}

export function createSelectionButton(send: (message: SelectionButtonClick) => void): SelectionButton {
  let enabled = false;
  let shownFor: string | null = null;
  // Escape or a click elsewhere hides the button until the selection changes.
  let dismissedFor: string | null = null;

  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const button = document.createElement('button');
  button.type = 'button';
  button.title = 'Open in Flowbar';
  button.setAttribute('aria-label', 'Open the selection in Flowbar');
  button.textContent = 'F';
  root.append(style, button);
  for (const [name, value] of Object.entries(HOST_STYLE)) host.style.setProperty(name, value, 'important');

  const selectedText = () => (window.getSelection()?.toString() ?? '').slice(0, MAX_SELECTION_CHARS);

  const hide = () => {
    shownFor = null;
    host.remove();
  };

  const elementOf = (node: Node | null | undefined) => (node instanceof Element ? node : (node?.parentElement ?? null));

  const update = () => {
    const selection = window.getSelection();
    const text = selectedText();
    const show =
      selection !== null &&
      selection.rangeCount > 0 &&
      text !== dismissedFor &&
      shouldShowSelectionButton({
        text,
        enabled,
        anchor: elementOf(selection.anchorNode),
        focus: elementOf(selection.focusNode),
        active: document.activeElement === document.body ? null : document.activeElement,
        designMode: document.designMode === 'on',
      });
    if (text !== dismissedFor) dismissedFor = null;
    if (!show || !selection) return hide();
    const range = selection.getRangeAt(0);
    const lines = range.getClientRects();
    const whole: Rect = range.getBoundingClientRect();
    const start = lines[0] ?? whole;
    const end = lines[lines.length - 1] ?? whole;
    const { top, left } = placeSelectionButton(start, end, SIZE, {
      width: document.documentElement.clientWidth,
      height: window.innerHeight,
      scrollX: window.scrollX,
      scrollY: window.scrollY,
    });
    host.style.setProperty('top', `${top}px`, 'important');
    host.style.setProperty('left', `${left}px`, 'important');
    shownFor = text;
    if (!host.isConnected) document.documentElement.append(host);
  };

  const dismiss = () => {
    if (shownFor === null) return;
    dismissedFor = shownFor;
    hide();
  };

  // Keep the selection when the button is pressed, and keep the page out of the button's events.
  for (const type of ['pointerdown', 'mousedown', 'mouseup', 'pointerup']) {
    button.addEventListener(type, (event) => {
      event.preventDefault();
      event.stopPropagation();
    });
  }
  button.addEventListener('click', (event) => {
    event.stopPropagation();
    if (!event.isTrusted || shownFor === null) return; // only the user's own click counts
    const selection = selectedText() || shownFor;
    // Sent in the click itself: the background opens the side panel in this user gesture.
    send({ type: SELECTION_BUTTON_CLICK, title: document.title.slice(0, 2000), url: location.href.slice(0, 10_000), selection });
    dismissedFor = shownFor;
    hide();
  });
  document.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape') dismiss();
    },
    true,
  );
  document.addEventListener(
    'mousedown',
    (event) => {
      if (event.target !== host) dismiss();
    },
    true,
  );

  return {
    update,
    hide,
    setEnabled(value) {
      enabled = value;
      update();
    },
  };
}
