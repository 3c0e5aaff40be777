import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { adoptTokenFromLocation, loadSessionToken } from './auth/session-token';
import './styles.css';

const initialToken = adoptTokenFromLocation(window.location, window.history) ?? loadSessionToken();
const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <App base={import.meta.env.BASE_URL} apiBaseUrl="/api/v1" initialToken={initialToken} />
  </StrictMode>,
);
