import { useId, useState } from 'react';
import { useSession } from './app-context';
import { useRouter } from './routing/router';

/** Lets a platform admin manage another district by its tenant ID. */
export function TenantSwitcher() {
  const { tenantId, setTenantId } = useSession();
  const { navigate } = useRouter();
  const id = useId();
  const [text, setText] = useState(tenantId ?? '');
  return (
    <form
      className="tenant-switcher"
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim()) return;
        setTenantId(text.trim());
        navigate({ name: 'list' });
      }}
    >
      <label htmlFor={`${id}-tenant`}>Tenant</label>
      <input id={`${id}-tenant`} value={text} onChange={(event) => setText(event.target.value)} size={14} />
      <button type="submit" className="button button-small">
        Switch
      </button>
    </form>
  );
}
