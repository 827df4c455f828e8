import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from '../../store/rootReducer';
import { findVariables, mergeVariables } from '../services/variableResolver';
import { selectInstance } from './instanceSelectors';
import { selectBuiltMessages } from './messageSelectors';

const selectInstanceVariables = createSelector([selectInstance], (instance) => instance?.variables);

/** scoped < user-entered < computed, through the one resolver. */
export const selectMergedVariables = createSelector([selectInstanceVariables], (variables): Record<string, string> =>
  variables ? mergeVariables(variables) : {},
);

const selectTemplate = (state: RootState, instanceId: string) => {
  const promptId = state.promptExecution.instances[instanceId]?.promptId;
  return promptId ? state.prompts.byId[promptId]?.messages : undefined;
};

/** The variables the instance's prompt uses, in order of first use: the fields of the variable editor. */
export const selectTemplateVariables = createSelector([selectTemplate], (template): string[] =>
  template ? findVariables(template.map((m) => m.content)) : [],
);

/** Variables the template uses that have no value yet: the first message cannot be sent while any remain. */
export const selectMissingVariables = createSelector([selectBuiltMessages], (built) => built.missing);
