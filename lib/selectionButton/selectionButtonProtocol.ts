// The two messages of the selection button, shared by the content script (kept free of zod and
// everything else heavy) and the background. The page itself takes part in neither.

/** Content script → background: "may I show the button on this page?"; answered `{ enabled }`. */
export const SELECTION_BUTTON_ENABLED_QUERY = 'flowbar/selection-button-enabled?';

/** Content script → background, from a trusted click on the button: open the panel on this selection. */
export const SELECTION_BUTTON_CLICK = 'flowbar/selection-button-click';

export interface SelectionButtonEnabledQuery {
  type: typeof SELECTION_BUTTON_ENABLED_QUERY;
}

export interface SelectionButtonEnabledAnswer {
  enabled: boolean;
}

export interface SelectionButtonClick {
  type: typeof SELECTION_BUTTON_CLICK;
  title: string;
  url: string;
  selection: string;
}
