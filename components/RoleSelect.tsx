import type { ChatRole } from '@/lib/types';

const ROLES: readonly { role: ChatRole; label: string }[] = [
  { role: 'system', label: 'System' },
  { role: 'user', label: 'User' },
  { role: 'assistant', label: 'Assistant' },
];

/** Who says a message of a template (a prompt's, or a flow action's own): system, user or assistant. */
export function RoleSelect({ id, value, onChange }: { id: string; value: ChatRole; onChange(role: ChatRole): void }) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as ChatRole)}>
      {ROLES.map((r) => (
        <option key={r.role} value={r.role}>
          {r.label}
        </option>
      ))}
    </select>
  );
}
