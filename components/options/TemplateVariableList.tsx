import { useAppSelector } from '@/components/storeHooks';
import { findVariables, isSet } from '@/lib/execution/services/variableResolver';

const PAGE_VALUES: Record<string, string> = {
  selection: 'the selected text',
  page_title: 'the page’s title',
  page_url: 'the page’s address',
  date: 'today’s date',
};

/** The {{variables}} a template uses, and where each one's value will come from. */
export function TemplateVariableList({ texts, applied }: { texts: string[]; applied: boolean }) {
  const scoped = useAppSelector((state) => state.scopedVariables);
  const names = findVariables(texts);

  const source = (name: string) => {
    if (PAGE_VALUES[name]) return `from the page: ${PAGE_VALUES[name]}`;
    if (isSet(scoped.project?.[name])) return 'set in Project';
    if (isSet(scoped.org?.[name])) return 'set in Org';
    if (isSet(scoped.user?.[name])) return 'set in User';
    return 'no value yet: typed in the panel';
  };

  return (
    <div className="template-variables">
      <h4>Variables used</h4>
      {names.length === 0 ? (
        <p className="hint">This template uses no {'{{variables}}'}.</p>
      ) : (
        <ul className="chips">
          {names.map((name) => (
            <li key={name} className="chip">
              <code>{`{{${name}}}`}</code> <span className="chip-note">{source(name)}</span>
            </li>
          ))}
        </ul>
      )}
      {!applied && names.length > 0 && <p className="hint">“Apply variables” is off: they are sent as written.</p>}
    </div>
  );
}
