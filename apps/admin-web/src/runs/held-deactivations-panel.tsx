import { useState } from 'react';
import type { SyncRunDetail } from '../api/api-types';
import { useSession } from '../app-context';
import { InlineError } from '../ui/async-states';
import { ConfirmDialog } from '../ui/confirm-dialog';
import { readHeldDeactivations } from './read-run-details';
import { entityLabel } from './run-stats';

const decidedText: Record<string, string> = {
  APPROVED: 'Approved: the held records were deactivated.',
  DISCARDED: 'Discarded: the held records stay active.',
};

/** Deactivations a run held back for review, with Approve / Discard. */
export function HeldDeactivationsPanel({ run, onChanged }: { run: SyncRunDetail; onChanged: () => void }) {
  const { api } = useSession();
  const [confirming, setConfirming] = useState<'approve' | 'discard' | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!run.heldStatus) return null;
  const held = readHeldDeactivations(run.heldDeactivations);
  const total = held.reduce((sum, item) => sum + item.count, 0);
  const pending = run.heldStatus === 'HELD';

  return (
    <section className="card held" aria-labelledby="held-title">
      <h2 className="card-title" id="held-title">
        Held deactivations
      </h2>
      <p>
        This run would have deactivated more records than the safety threshold allows, so those deactivations
        were held for your review. Creates and updates were applied.
      </p>
      <ul>
        {held.map((item) => (
          <li key={item.entity}>
            <strong>
              {entityLabel(item.entity)}: {item.count} to deactivate.
            </strong>{' '}
            {item.reason ?? ''}
            {item.sample.length > 0 ? (
              <span className="muted"> For example: {item.sample.slice(0, 5).join(', ')}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {pending ? (
        <div className="actions wrap">
          <button type="button" className="button button-danger" onClick={() => setConfirming('approve')}>
            Approve {total > 0 ? `${total} ` : ''}deactivations
          </button>
          <button type="button" className="button" onClick={() => setConfirming('discard')}>
            Discard
          </button>
        </div>
      ) : (
        <p className="notice">{decidedText[run.heldStatus] ?? `Decision: ${run.heldStatus}`}</p>
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
              ? `${total} records will be marked inactive (never deleted; they come back if the SIS lists them again).`
              : 'The records stay active. The next sync holds them again if they are still missing from the SIS.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
