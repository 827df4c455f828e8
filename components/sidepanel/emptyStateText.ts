/** The panel's words with no conversation open: App's empty state and the first-paint shell say the same. */
export const EMPTY_STATE_TEXT = {
  lead: 'Select text on a page, pick a prompt and press Run, or start a New chat.',
  hint: 'Or right-click a selection and choose a Flowbar prompt.',
  tour: 'Take the tour',
};
