import { useAppSelector } from '@/components/storeHooks';
import { VariableAddForm } from './VariableAddForm';
import { VariableTable } from './VariableTable';
import { VARIABLE_SCOPES } from './variableScopes';

/** The Variables section: user, org and project values that fill {{variables}} in prompts. */
export function VariablesSection() {
  const scoped = useAppSelector((state) => state.scopedVariables);
  return (
    <section id="variables" aria-labelledby="variables-heading" className="section">
      <h2 id="variables-heading">Variables</h2>
      <p className="intro">
        Values for <code>{'{{name}}'}</code> in prompts. Precedence: user &lt; org &lt; project &lt; values typed in the panel &lt; the page
        (selection, page_title, page_url, date).
      </p>
      {VARIABLE_SCOPES.map(({ scope, label }) => (
        <VariableTable key={scope} scope={scope} label={label} values={scoped[scope] ?? {}} />
      ))}
      <VariableAddForm />
    </section>
  );
}
