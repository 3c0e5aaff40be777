import { type ReactNode, useState } from 'react';
import { InlineError } from './async-states';
import { Modal } from './modal';

/** Asks before a destructive action; shows the action's error in words if it fails. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  danger?: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }
  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      size="small"
      initialFocusSelector="[data-autofocus]"
      footer={
        <>
          <button type="button" className="button" onClick={props.onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className={`button ${props.danger ? 'button-danger' : 'button-primary'}`}
            onClick={confirm}
            disabled={busy}
          >
            {busy ? 'Working…' : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      <InlineError error={error} />
    </Modal>
  );
}
