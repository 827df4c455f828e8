import { localDate } from '@/lib/execution/services/localDate';

/** Saves `json` as a file through the browser's downloads. */
export function downloadJson(json: string, fileName: string): void {
  downloadText(json, fileName, 'application/json');
}

/** "Brief from selection" → "brief-from-selection". */
export function fileSlug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'flow'
  );
}

/** The user's local date, for file names. */
export const today = () => localDate(new Date());

/** Saves `text` as a file (Markdown, JSON…) through the browser's downloads (an object URL and a temporary link). */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
