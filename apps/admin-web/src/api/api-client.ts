import { ApiError } from './api-error';
import type {
  ConnectionTestResult,
  CreateProviderBody,
  HeldDecision,
  Page,
  Provider,
  RunIssue,
  SchedulePreset,
  StartSyncOptions,
  SyncRun,
  SyncRunDetail,
  SyncStatus,
  TestProviderConfigBody,
  TriggeredSync,
  UpdateProviderBody,
} from './api-types';
import type { components } from './openapi.generated';

/** Settings of {@link createApiClient}. */
export interface ApiClientSettings {
  /** Origin and prefix of the API, e.g. `/api/v1` (same origin) or `http://127.0.0.1:3000/api/v1`. */
  baseUrl: string;
  /** Returns the bearer token to send, or null when signed out. */
  getToken: () => string | null;
  /** Called when the service answers 401, so the page can ask for a new token. */
  onUnauthorized?: () => void;
  fetch?: typeof globalThis.fetch;
}

/** Paging of list endpoints. */
export interface PageRequest {
  limit: number;
  offset: number;
}

/** Typed access to every sis-sync-svc endpoint the admin page uses. */
export interface ApiClient {
  listProviders(tenantId: string): Promise<Provider[]>;
  getProvider(providerId: string): Promise<Provider>;
  createProvider(body: CreateProviderBody): Promise<Provider>;
  updateProvider(providerId: string, body: UpdateProviderBody): Promise<Provider>;
  deleteProvider(providerId: string): Promise<void>;
  testProvider(providerId: string): Promise<ConnectionTestResult>;
  /** Tests a config that is not saved; the service stores nothing. */
  testProviderConfig(body: TestProviderConfigBody): Promise<ConnectionTestResult>;
  startSync(providerId: string, options: StartSyncOptions): Promise<TriggeredSync>;
  cancelSync(providerId: string): Promise<void>;
  getSyncStatus(providerId: string): Promise<SyncStatus>;
  listRuns(providerId: string, page: PageRequest): Promise<Page<SyncRun>>;
  getRun(runId: string): Promise<SyncRunDetail>;
  listRunIssues(runId: string, page: PageRequest): Promise<Page<RunIssue>>;
  downloadRunIssuesCsv(runId: string): Promise<Blob>;
  approveHeld(runId: string): Promise<HeldDecision>;
  discardHeld(runId: string): Promise<HeldDecision>;
  listSchedulePresets(): Promise<SchedulePreset[]>;
}

type RequestOptions = { method?: string; body?: unknown; accept?: string };
type Schemas = components['schemas'];

/**
 * Creates the API client. Every failure becomes an {@link ApiError} carrying the service's
 * `{ error: { code, message, details } }`, or `network_error` when the service is unreachable.
 */
export function createApiClient(settings: ApiClientSettings): ApiClient {
  const fetchFunction = settings.fetch ?? globalThis.fetch.bind(globalThis);
  const baseUrl = settings.baseUrl.replace(/\/$/, '');

  async function send(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
    const token = settings.getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetchFunction(`${baseUrl}${path}`, {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
    } catch (error) {
      throw new ApiError({
        status: 0,
        code: 'network_error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
    if (!response.ok) {
      if (response.status === 401) settings.onUnauthorized?.();
      throw await errorFromResponse(response);
    }
    return response;
  }

  async function json<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await send(path, options);
    const text = response.status === 204 ? '' : await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  const encode = encodeURIComponent;
  const toPage = <T>(body: { total: number; limit: number; offset: number }, items: T[]): Page<T> => ({
    items,
    total: body.total,
    limit: body.limit,
    offset: body.offset,
  });

  return {
    async listProviders(tenantId) {
      const body = await json<Schemas['ProviderList']>(`/tenants/${encode(tenantId)}/providers`);
      return body.providers;
    },
    getProvider: (providerId) => json(`/providers/${encode(providerId)}`),
    createProvider: (body) => json('/providers', { method: 'POST', body }),
    updateProvider: (providerId, body) => json(`/providers/${encode(providerId)}`, { method: 'PATCH', body }),
    async deleteProvider(providerId) {
      await send(`/providers/${encode(providerId)}`, { method: 'DELETE' });
    },
    testProvider: (providerId) => json(`/providers/${encode(providerId)}/test`, { method: 'POST' }),
    testProviderConfig: (body) => json('/providers/test', { method: 'POST', body }),
    startSync: (providerId, options) =>
      json(`/providers/${encode(providerId)}/sync`, { method: 'POST', body: options }),
    async cancelSync(providerId) {
      await send(`/providers/${encode(providerId)}/sync/cancel`, { method: 'POST' });
    },
    getSyncStatus: (providerId) => json(`/providers/${encode(providerId)}/sync/status`),
    async listRuns(providerId, page) {
      const body = await json<Schemas['SyncRunList']>(
        `/providers/${encode(providerId)}/runs?limit=${page.limit}&offset=${page.offset}`,
      );
      return toPage(body, body.runs);
    },
    getRun: (runId) => json(`/runs/${encode(runId)}`),
    async listRunIssues(runId, page) {
      const body = await json<Schemas['RunIssueList']>(
        `/runs/${encode(runId)}/issues?limit=${page.limit}&offset=${page.offset}`,
      );
      return toPage(body, body.issues);
    },
    async downloadRunIssuesCsv(runId) {
      const response = await send(`/runs/${encode(runId)}/issues?format=csv`, { accept: 'text/csv' });
      return response.blob();
    },
    approveHeld: (runId) => json(`/runs/${encode(runId)}/held/approve`, { method: 'POST' }),
    discardHeld: (runId) => json(`/runs/${encode(runId)}/held/discard`, { method: 'POST' }),
    async listSchedulePresets() {
      const body = await json<Schemas['SchedulePresetList']>('/schedule-presets');
      return body.presets;
    },
  };
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as Partial<Schemas['Error']>;
    if (parsed.error?.message) {
      return new ApiError({
        status: response.status,
        code: parsed.error.code ?? `http_${response.status}`,
        message: parsed.error.message,
        details: parsed.error.details,
      });
    }
  } catch {
    // Not JSON (a proxy's error page, say): fall through to the status text.
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    message: response.statusText || `HTTP ${response.status}`,
  });
}
