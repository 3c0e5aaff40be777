import { useId, useState } from 'react';
import { parseTokenInput } from './parse-token-input';

/**
 * Standalone sign-in: the admin pastes the access token, or the whole admin URL the service printed.
 * Inside the district portal the token arrives in the URL and this screen is skipped.
 */
export function LoginScreen({
  onToken,
  reason,
}: {
  onToken: (token: string) => void;
  reason?: string | null;
}) {
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  function submit(event: React.FormEvent) {
    event.preventDefault();
    const result = parseTokenInput(text);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    onToken(result.token);
  }
  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} noValidate>
        <h1>Sign in to SIS integrations</h1>
        {reason ? (
          <p className="state state-error" role="alert">
            {reason}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-token`}>Access token or admin URL</label>
          <textarea
            id={`${id}-token`}
            rows={4}
            value={text}
            spellCheck={false}
            aria-invalid={Boolean(error)}
            aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
            onChange={(event) => setText(event.target.value)}
          />
          <p className="help" id={`${id}-help`}>
            Paste the admin URL the sync service printed at start-up (it contains <code>#token=</code> or{' '}
            <code>?token=</code>), or a token from{' '}
            <code>sis-sync token --role DISTRICT_ADMIN --tenant &lt;id&gt;</code>. It is kept only for this
            browser tab.
          </p>
          {error ? (
            <p className="field-error" id={`${id}-error`} role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary">
          Sign in
        </button>
      </form>
    </main>
  );
}
