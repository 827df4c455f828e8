/** The flow editor page's address: a flow to edit, or none for a new flow. */
function flowEditorUrl(flowId?: string): string {
  const path = flowId ? `/flow-editor.html?id=${encodeURIComponent(flowId)}` : '/flow-editor.html';
  return chrome.runtime.getURL(path);
}

/** Opens the flow editor in a new tab. */
export async function openFlowEditor(flowId?: string): Promise<void> {
  await chrome.tabs.create({ url: flowEditorUrl(flowId) });
}
