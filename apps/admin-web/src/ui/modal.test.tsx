import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { Modal } from './modal';

function renderModal(onClose = vi.fn()) {
  render(
    <>
      <button type="button">Opener</button>
      <Modal title="Example" onClose={onClose} footer={<button type="button">Save</button>}>
        <label>
          Name <input />
        </label>
      </Modal>
    </>,
  );
  return onClose;
}

describe('Modal', () => {
  it('is a labelled dialog that focuses its first field', () => {
    renderModal();
    expect(screen.getByRole('dialog', { name: 'Example' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Name'));
  });

  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const user = userEvent.setup();
    renderModal();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Save' }));
  });

  it('closes on Escape', async () => {
    const user = userEvent.setup();
    const onClose = renderModal();
    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledOnce();
  });
});
