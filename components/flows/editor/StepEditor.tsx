import { useId } from 'react';
import { ActionEditor } from './ActionEditor';
import type { ActionDraft, StepDraft } from './flowDraft';

interface StepEditorProps {
  step: StepDraft;
  index: number;
  count: number;
  outputs: string[];
  scopedNames: string[];
  warningsFor(action: ActionDraft): string[];
  errors: Map<string, string>;
  onChange(change: Partial<StepDraft>): void;
  onMove(by: -1 | 1): void;
  onDuplicate(): void;
  onRemove(): void;
  onActionChange(actionKey: string, change: Partial<ActionDraft>): void;
  onAddAction(): void;
  onMoveAction(index: number, by: -1 | 1): void;
  onDuplicateAction(index: number): void;
  onRemoveAction(index: number): void;
  onFocusRequest(selector: string, fallback?: string): void;
}

/** One step: its name, "Continue on error", its place in the flow, and its actions side by side. */
export function StepEditor(props: StepEditorProps) {
  const { step, index, count } = props;
  const ids = useId();
  const number = index + 1;
  return (
    <li className="step-card">
      <fieldset className="step-editor">
        <legend>Step {number}</legend>
        <div className="step-head">
          <div className="field grow">
            <label htmlFor={`${ids}-name`}>Step name</label>
            <input
              id={`${ids}-name`}
              type="text"
              data-focus={`${step.key}:name`}
              value={step.name}
              placeholder="Optional, e.g. Read"
              onChange={(e) => props.onChange({ name: e.target.value })}
            />
          </div>
          <div className="field check-field">
            <label className="check">
              <input
                type="checkbox"
                checked={step.continueOnError}
                aria-describedby={`${ids}-coe`}
                onChange={(e) => props.onChange({ continueOnError: e.target.checked })}
              />
              Continue on error
            </label>
            <p id={`${ids}-coe`} className="hint">
              When on, a failed action neither cancels the others of this step nor stops the flow.
            </p>
          </div>
          <div className="button-row step-buttons">
            <button
              type="button"
              className="small"
              data-focus={`${step.key}:up`}
              aria-label={`Move up step ${number}`}
              disabled={index === 0}
              onClick={() => props.onMove(-1)}
            >
              <span aria-hidden="true">↑ </span>Move up
            </button>
            <button
              type="button"
              className="small"
              data-focus={`${step.key}:down`}
              aria-label={`Move down step ${number}`}
              disabled={index === count - 1}
              onClick={() => props.onMove(1)}
            >
              <span aria-hidden="true">↓ </span>Move down
            </button>
            <button type="button" className="small" aria-label={`Duplicate step ${number}`} onClick={props.onDuplicate}>
              Duplicate
            </button>
            <button
              type="button"
              className="small danger"
              aria-label={`Remove step ${number}`}
              disabled={count <= 1}
              title={count <= 1 ? 'A flow needs at least one step' : undefined}
              onClick={props.onRemove}
            >
              Remove
            </button>
          </div>
        </div>
        <p className="hint">
          {step.actions.length > 1 ? `Its ${step.actions.length} actions run at the same time.` : 'Add actions to run them at the same time.'}
        </p>
        <ol className="action-row" aria-label={`Actions of step ${number}`}>
          {step.actions.map((action, actionIndex) => (
            <ActionEditor
              key={action.key}
              action={action}
              stepIndex={index}
              index={actionIndex}
              count={step.actions.length}
              outputs={props.outputs}
              scopedNames={props.scopedNames}
              warnings={props.warningsFor(action)}
              errors={props.errors}
              onChange={(change) => props.onActionChange(action.key, change)}
              onMove={(by) => props.onMoveAction(actionIndex, by)}
              onDuplicate={() => props.onDuplicateAction(actionIndex)}
              onRemove={() => props.onRemoveAction(actionIndex)}
              onFocusRequest={props.onFocusRequest}
            />
          ))}
          <li className="action-add">
            <button type="button" data-focus={`${step.key}:add`} aria-label={`Add action to step ${number}`} onClick={props.onAddAction}>
              <span aria-hidden="true">+ </span>Add action
            </button>
          </li>
        </ol>
      </fieldset>
    </li>
  );
}
