import type { VariableScope } from '@/lib/types';

export const VARIABLE_SCOPES: readonly { scope: VariableScope; label: string }[] = [
  { scope: 'user', label: 'User' },
  { scope: 'org', label: 'Org' },
  { scope: 'project', label: 'Project' },
];

/** What the commands accept as a variable name (lib/commands/commandSchemas.ts). */
export const VARIABLE_NAME_PATTERN = /^[A-Za-z_][\w.-]*$/;
export const VARIABLE_NAME_RULE = 'A variable name starts with a letter or _ and uses letters, digits, _ . and - (no spaces).';
