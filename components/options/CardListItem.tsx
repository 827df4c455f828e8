import type { ReactNode } from 'react';

interface CardListItemProps {
  /** the id of the title, which the card's buttons refer to (aria-describedby) */
  titleId: string;
  title: string;
  isDefault: boolean;
  /** the entry open in the form below: the card is marked and says "Editing" */
  editing: boolean;
  /** badges between "Default" and "Editing" */
  badges?: ReactNode;
  /** the lines under the title (p.card-detail) */
  details?: ReactNode;
  /** the buttons and controls on the card's side */
  children: ReactNode;
}

/** One entry of an options list (a provider, a prompt) as a card: its title and badges, details, and what can be done with it. */
export function CardListItem({ titleId, title, isDefault, editing, badges, details, children }: CardListItemProps) {
  return (
    <li className={`card${editing ? ' card-current' : ''}`}>
      <div className="card-main">
        <p className="card-title">
          <strong id={titleId}>{title}</strong>
          {isDefault && <span className="badge">Default</span>}
          {badges}
          {editing && <span className="badge badge-muted">Editing</span>}
        </p>
        {details}
      </div>
      <div className="card-actions">{children}</div>
    </li>
  );
}
