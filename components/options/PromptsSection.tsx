import { useCallback, useRef, useState } from 'react';
import { useAppSelector } from '@/components/storeHooks';
import { PromptEditor } from './PromptEditor';
import { PromptImportExport } from './PromptImportExport';
import { PromptList } from './PromptList';

/** The Prompts section: the library, the editor and import/export. */
export function PromptsSection() {
  const promptsById = useAppSelector((state) => state.prompts.byId);
  /** what the editor shows: a prompt id, null for a new prompt; `seq` makes each opening a fresh editor */
  const [editor, setEditor] = useState<{ id: string | null; seq: number } | null>(null);
  const dirty = useRef(false);
  const onDirtyChange = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const mayLeaveEditor = () => !editor || !dirty.current || window.confirm('Discard the unsaved changes to the prompt you are editing?');

  const open = (id: string | null) => {
    if (!mayLeaveEditor()) return;
    dirty.current = false;
    setEditor((current) => ({ id, seq: (current?.seq ?? 0) + 1 }));
  };

  const close = () => {
    if (!mayLeaveEditor()) return;
    dirty.current = false;
    setEditor(null);
    requestAnimationFrame(() => document.getElementById('new-prompt')?.focus());
  };

  return (
    <section id="prompts" aria-labelledby="prompts-heading" className="section">
      <div className="section-head">
        <h2 id="prompts-heading">Prompts</h2>
        <button type="button" id="new-prompt" onClick={() => open(null)}>
          New prompt
        </button>
      </div>
      <p className="intro">
        The prompts the panel and the context menu offer. The default prompt is the one the keyboard shortcut (Alt+Shift+F unless changed) runs.
      </p>
      <PromptList
        editingId={editor?.id ?? null}
        onEdit={open}
        onDeleted={(id) => {
          if (editor?.id === id) {
            dirty.current = false;
            setEditor(null);
          }
        }}
      />
      {editor && (
        <PromptEditor
          key={editor.seq}
          prompt={editor.id ? promptsById[editor.id] : undefined}
          onSaved={(id) => setEditor((current) => (current ? { ...current, id } : current))}
          onClose={close}
          onDirtyChange={onDirtyChange}
        />
      )}
      <PromptImportExport />
    </section>
  );
}
