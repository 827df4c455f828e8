import { FlowEditor } from '@/components/flows/editor/FlowEditor';

/** The flow editor page: /flow-editor.html?id=<flowId> edits a flow, without an id it makes a new one. */
export function App() {
  const flowId = new URLSearchParams(location.search).get('id');
  return <FlowEditor initialFlowId={flowId} />;
}
