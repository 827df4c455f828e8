import { useRef, useState, type ChangeEvent } from 'react';
import { downloadJson, today } from '@/components/download';
import { errorMessage, plural } from '@/components/options/errorMessage';
import type { Feedback } from '@/components/options/FeedbackMessage';
import { useCommand } from '@/components/storeHooks';

/** What the background accepts as an import (lib/commands/commandSchemas.ts). */
const MAX_IMPORT_BYTES = 20_000_000;

/** The commands that export all of a kind and import a file of it, by what the file holds. */
const COMMANDS = {
  prompt: { exportAll: 'cmd/prompts/export', importFile: 'cmd/prompts/import' },
  flow: { exportAll: 'cmd/flows/export', importFile: 'cmd/flows/import' },
} as const;

/**
 * Exporting every prompt (or flow) as a JSON file, and importing one: the busy flag, the outcome as
 * feedback, and the file input to bind (cleared after each import so the same file can be picked
 * again). `noun` names the file (flowbar-prompts-2025-01-31.json), its list and the messages.
 */
export function useJsonImportExport(noun: keyof typeof COMMANDS) {
  const send = useCommand();
  const fileInput = useRef<HTMLInputElement>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [busy, setBusy] = useState(false);

  const exportAll = async () => {
    setBusy(true);
    setFeedback(null);
    try {
      const { json } = await send(COMMANDS[noun].exportAll, {});
      const count = (JSON.parse(json) as Record<string, unknown[] | undefined>)[`${noun}s`]?.length ?? 0;
      downloadJson(json, `flowbar-${noun}s-${today()}.json`);
      setFeedback({ kind: 'ok', text: `Exported ${plural(count, noun)}.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: errorMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFeedback(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setFeedback({ kind: 'error', text: `This file is too large for a ${noun} export.` });
      event.target.value = '';
      return;
    }
    setBusy(true);
    try {
      const { count } = await send(COMMANDS[noun].importFile, { json: await file.text() });
      setFeedback({ kind: 'ok', text: `Imported ${plural(count, noun)}.` });
    } catch (error) {
      setFeedback({ kind: 'error', text: `Nothing was imported. ${errorMessage(error)}` });
    } finally {
      setBusy(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  return { busy, feedback, fileInput, exportAll, importFile };
}
