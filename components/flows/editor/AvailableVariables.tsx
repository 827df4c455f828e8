import { PAGE_VARIABLES } from './flowDraft';

interface AvailableVariablesProps {
  id: string;
  stepIndex: number;
  /** names of the actions of earlier steps */
  outputs: string[];
  scopedNames: string[];
  warnings: string[];
}

/** The {{variables}} an action's messages can use where it stands, and the ones that will have no value. */
export function AvailableVariables({ id, stepIndex, outputs, scopedNames, warnings }: AvailableVariablesProps) {
  return (
    <div className="variables-hint" id={id}>
      <p className="hint">
        Variables:{' '}
        {PAGE_VARIABLES.map((v, i) => (
          <span key={v.name}>
            {i > 0 && ', '}
            <code title={v.note}>{`{{${v.name}}}`}</code>
          </span>
        ))}
        {scopedNames.length > 0 && (
          <>
            ; your variables{' '}
            {scopedNames.map((name, i) => (
              <span key={name}>
                {i > 0 && ', '}
                <code>{`{{${name}}}`}</code>
              </span>
            ))}
          </>
        )}
        {outputs.length > 0 ? (
          <>
            ; answers of earlier steps{' '}
            {outputs.map((name, i) => (
              <span key={name}>
                {i > 0 && ', '}
                <code>{`{{outputs.${name}}}`}</code>
              </span>
            ))}
          </>
        ) : (
          stepIndex === 0 && <> (answers of this flow’s actions are for the steps after them: {'{{outputs.<name>}}'})</>
        )}
        .
      </p>
      {warnings.length > 0 && (
        <ul className="variable-warnings">
          {warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
