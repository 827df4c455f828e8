import { useAppSelector } from '@/components/storeHooks';
import { selectTeamOrg } from '@/lib/team/teamSlice';
import { VariableAddForm } from './VariableAddForm';
import { VariableTable } from './VariableTable';
import { VARIABLE_SCOPES } from './variableScopes';

/** The Variables section: user, org and project values that fill {{variables}} in prompts. */
export function VariablesSection() {
  const scoped = useAppSelector((state) => state.scopedVariables);
  const org = useAppSelector(selectTeamOrg);
  const projectId = useAppSelector((state) => state.team.selection.projectId);
  const project = org?.projects.find((p) => p.id === projectId);
  // With an org chosen in the panel, org and project values are the team server's (read-only for viewers).
  const labelOf = (scope: string, label: string) => {
    if (!org || scope === 'user') return label;
    const where = scope === 'org' ? org.name : project ? `${org.name} / ${project.name}` : 'no project chosen';
    return `${label} (${where}, team server${org.role === 'viewer' ? ', read-only' : ''})`;
  };
  return (
    <section id="variables" aria-labelledby="variables-heading" className="section">
      <h2 id="variables-heading">Variables</h2>
      <p className="intro">
        Values for <code>{'{{name}}'}</code> in prompts. Precedence: user &lt; org &lt; project &lt; values typed in the panel &lt; the page (selection,
        page_title, page_url, date).
      </p>
      {VARIABLE_SCOPES.map(({ scope, label }) => (
        <VariableTable key={scope} scope={scope} label={labelOf(scope, label)} values={scoped[scope] ?? {}} />
      ))}
      <VariableAddForm />
    </section>
  );
}
