import { useState } from 'react';
import type { SyncRun } from '../api/api-types';
import { useSession } from '../app-context';
import { InlineError } from '../ui/async-states';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { entityLabel } from './run-stats';

/** Deactivations a run held back for review, with Approve / Discard. */
export function HeldDeactivationsPanel({ run, onChanged }: { run: SyncRun; onChanged: () => void }) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState<'approve' | 'discard' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const held = run.held;
  if (!held) return null;
  const entries = Object.entries(held.entities ?? {}).filter(([, count]) => count > 0);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const pending = !held.status || held.status === 'HELD';

  return (
    <section className="card held" aria-labelledby="held-title">
      <h2 className="card-title" id="held-title">
        Held deactivations
      </h2>
      <p>
        {held.reason ??
          'This run would have deactivated more records than the safety threshold allows, so those deactivations were held.'}
      </p>
      <ul>
        {entries.map(([entity, count]) => (
          <li key={entity}>
            {entityLabel(entity)}: {count} to deactivate
          </li>
        ))}
      </ul>
      {pending ? (
        <div className="actions">
          <button type="button" className="button button-danger" onClick={() => setConfirming('approve')}>
            Approve {total} deactivations
          </button>
          <button type="button" className="button" onClick={() => setConfirming('discard')}>
            Discard
          </button>
        </div>
      ) : (
        <p className="notice">
          {held.status === 'APPROVED'
            ? 'Approved: the records were deactivated.'
            : 'Discarded: nothing was deactivated.'}
        </p>
      )}
      <InlineError error={error} />
      {confirming ? (
        <ConfirmDialog
          title={confirming === 'approve' ? 'Approve deactivations?' : 'Discard held deactivations?'}
          confirmLabel={confirming === 'approve' ? 'Approve' : 'Discard'}
          danger={confirming === 'approve'}
          onClose={() => setConfirming(null)}
          onConfirm={async () => {
            setError(null);
            if (confirming === 'approve') await api.approveHeld(run.id);
            else await api.discardHeld(run.id);
            setConfirming(null);
            onChanged();
          }}
        >
          <p>
            {confirming === 'approve'
              ? `${total} records will be marked inactive (not deleted; they come back if the SIS lists them again).`
              : 'The records stay active. The next sync will hold them again if they are still missing from the SIS.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
