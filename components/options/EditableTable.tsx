import type { ReactNode } from 'react';

interface EditableTableProps {
  /** the id of the heading that names the table */
  labelledBy: string;
  className?: string;
  /** the visible column headers; an id lets the rows' fields name their column */
  columns: readonly { label: string; id?: string }[];
  /** the rows */
  children: ReactNode;
}

/** A table of entries edited in place: its column headers, then a last column for each row's buttons, named for screen readers only. */
export function EditableTable({ labelledBy, className, columns, children }: EditableTableProps) {
  return (
    <table className={className ? `data-table ${className}` : 'data-table'} aria-labelledby={labelledBy}>
      <thead>
        <tr>
          {columns.map(({ label, id }) => (
            <th key={label} scope="col" id={id}>
              {label}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
