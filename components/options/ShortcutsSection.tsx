import { ShortcutList } from '@/components/ShortcutList';

/** Keyboard shortcuts: what the browser has set, and where to change them. */
export function ShortcutsSection() {
  return (
    <section id="shortcuts" aria-labelledby="shortcuts-heading" className="section">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <ShortcutList />
    </section>
  );
}
