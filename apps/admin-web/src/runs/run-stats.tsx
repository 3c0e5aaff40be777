import type { EntityStats } from '../api/api-types';

const entityOrder = [
  'orgs',
  'schools',
  'academicSessions',
  'terms',
  'courses',
  'classes',
  'users',
  'enrollments',
];
const entityLabels: Record<string, string> = {
  orgs: 'Schools',
  schools: 'Schools',
  academicSessions: 'Terms',
  terms: 'Terms',
  courses: 'Courses',
  classes: 'Classes',
  users: 'Users',
  enrollments: 'Enrollments',
};
const columns = ['created', 'updated', 'unchanged', 'deactivated', 'reactivated', 'skipped', 'held'] as const;

/** An entity's name in words ("academicSessions" → "Terms"). */
export function entityLabel(entity: string): string {
  return entityLabels[entity] ?? entity;
}

function sortedEntries(stats: Record<string, EntityStats>): [string, EntityStats][] {
  const rank = (entity: string) => {
    const index = entityOrder.indexOf(entity);
    return index === -1 ? entityOrder.length : index;
  };
  return Object.entries(stats).sort(([left], [right]) => rank(left) - rank(right));
}

/** One line per entity, e.g. "Users +12 ~3 −1", for the history table. */
export function RunStatsSummary({ stats }: { stats: Record<string, EntityStats> | null | undefined }) {
  if (!stats || Object.keys(stats).length === 0) return <span className="muted">—</span>;
  return (
    <ul className="stats-summary">
      {sortedEntries(stats).map(([entity, counts]) => (
        <li key={entity}>
          <span className="stats-entity">{entityLabel(entity)}</span>{' '}
          <span title="created">+{counts.created ?? 0}</span>{' '}
          <span title="updated">~{counts.updated ?? 0}</span>{' '}
          <span title="deactivated">−{counts.deactivated ?? 0}</span>
        </li>
      ))}
    </ul>
  );
}

/** The full per-entity statistics table of a run. */
export function RunStatsTable({ stats }: { stats: Record<string, EntityStats> | null | undefined }) {
  if (!stats || Object.keys(stats).length === 0)
    return <p className="muted">No statistics recorded for this run.</p>;
  return (
    <div className="table-wrap">
      <table className="table numbers-table">
        <caption className="visually-hidden">Changes per entity</caption>
        <thead>
          <tr>
            <th scope="col">Entity</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column[0]!.toUpperCase() + column.slice(1)}
              </th>
            ))}
            <th scope="col">Issues</th>
          </tr>
        </thead>
        <tbody>
          {sortedEntries(stats).map(([entity, counts]) => (
            <tr key={entity}>
              <th scope="row">{entityLabel(entity)}</th>
              {columns.map((column) => (
                <td key={column}>{counts[column] ?? 0}</td>
              ))}
              <td>{counts.issues ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
