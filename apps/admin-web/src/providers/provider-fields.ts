import type { ProviderType } from '../api/api-types';

/** One configuration field of a provider type, as the forms show it. */
export interface ProviderField {
  /** Path in `config`; dots nest (`sftp.host` → `{ sftp: { host } }`). */
  key: string;
  label: string;
  /** Where the admin finds the value. */
  help: string;
  kind: 'text' | 'url' | 'number' | 'secret' | 'select';
  /** Choices of a `select` field (value → label); the blank choice means the connector's default. */
  options?: readonly { value: string; label: string }[];
  required: boolean;
  placeholder?: string;
  defaultValue?: string;
}

/** A provider type as the add-integration modal offers it. */
export interface ProviderTypeInfo {
  type: ProviderType;
  title: string;
  summary: string;
  defaultName: string;
  fields: readonly ProviderField[];
}

const clever: ProviderTypeInfo = {
  type: 'CLEVER',
  title: 'Clever',
  summary: 'Clever Data API v3.0 (district-authorized app).',
  defaultName: 'Clever',
  fields: [
    {
      key: 'districtId',
      label: 'District ID',
      help: 'Clever dashboard → your district → Settings: the 24-character District ID.',
      kind: 'text',
      required: true,
      placeholder: '5f1b2c3d4e5f6a7b8c9d0e1f',
    },
    {
      key: 'accessToken',
      label: 'District access token',
      help: 'Clever dashboard → Apps → this app → "District token". Optional: without it the service gets one with the client ID and secret.',
      kind: 'secret',
      required: false,
    },
    {
      key: 'clientId',
      label: 'Client ID',
      help: 'Clever developer dashboard → your application → Settings → Client ID.',
      kind: 'text',
      required: true,
    },
    {
      key: 'clientSecret',
      label: 'Client secret',
      help: 'Clever developer dashboard → your application → Settings → Client Secret.',
      kind: 'secret',
      required: true,
    },
    {
      key: 'apiBaseUrl',
      label: 'API base URL',
      help: 'Leave blank for Clever itself (https://api.clever.com). Only for a Clever-compatible test server.',
      kind: 'url',
      required: false,
    },
  ],
};

const classLink: ProviderTypeInfo = {
  type: 'CLASSLINK',
  title: 'ClassLink',
  summary: "ClassLink Roster Server (OneRoster 1.1), your district's tenant.",
  defaultName: 'ClassLink',
  fields: [
    {
      key: 'tenantId',
      label: 'ClassLink tenant',
      help: "Your Roster Server's name from its address (https://springfield-ca-v2.oneroster.com → springfield-ca), or ClassLink's numeric Tenant ID — then also give the Roster Server URL below.",
      kind: 'text',
      required: true,
      placeholder: 'springfield-ca',
    },
    {
      key: 'clientId',
      label: 'Client ID',
      help: 'ClassLink Management Console → Roster Server → Applications → this app → Client ID (key).',
      kind: 'text',
      required: true,
    },
    {
      key: 'clientSecret',
      label: 'Client secret',
      help: 'ClassLink Management Console → Roster Server → Applications → this app → Client Secret.',
      kind: 'secret',
      required: true,
    },
    {
      key: 'baseUrl',
      label: 'Roster Server URL',
      help: 'Roster Server → Applications → this app → Server URL (…/ims/oneroster/v1p1). Needed with a numeric Tenant ID; optional when the tenant above is the server name.',
      kind: 'url',
      required: false,
    },
  ],
};

const oneRosterApi: ProviderTypeInfo = {
  type: 'ONEROSTER_API',
  title: 'OneRoster API',
  summary: 'Any OneRoster 1.1 REST API offered by your SIS.',
  defaultName: 'OneRoster API',
  fields: [
    {
      key: 'baseUrl',
      label: 'Base URL',
      help: 'From your SIS vendor: the OneRoster 1.1 endpoint, ending in /ims/oneroster/v1p1.',
      kind: 'url',
      required: true,
      placeholder: 'https://oneroster.example.com/ims/oneroster/v1p1',
    },
    {
      key: 'clientId',
      label: 'Client ID',
      help: "From your SIS vendor's OneRoster API settings (sometimes called consumer key).",
      kind: 'text',
      required: true,
    },
    {
      key: 'clientSecret',
      label: 'Client secret',
      help: "From your SIS vendor's OneRoster API settings (sometimes called consumer secret).",
      kind: 'secret',
      required: true,
    },
    {
      key: 'auth',
      label: 'Sign-in method',
      help: 'Ask your SIS vendor which one their OneRoster API uses. Blank: the connector decides.',
      kind: 'select',
      required: false,
      options: [
        { value: 'oauth1', label: 'OAuth 1.0a (signed requests)' },
        { value: 'oauth2', label: 'OAuth 2 client credentials (token)' },
      ],
    },
    {
      key: 'tokenUrl',
      label: 'Token URL',
      help: 'OAuth 2 only: the token endpoint from your SIS vendor. Leave blank for <base URL>/token.',
      kind: 'url',
      required: false,
    },
  ],
};

const oneRosterCsv: ProviderTypeInfo = {
  type: 'ONEROSTER_CSV',
  title: 'OneRoster CSV over SFTP',
  summary: 'OneRoster 1.1 CSV files your SIS exports to an SFTP server.',
  defaultName: 'OneRoster CSV',
  fields: [
    {
      key: 'sftp.host',
      label: 'SFTP host',
      help: 'From whoever runs the SFTP server your SIS exports to (your SIS vendor or district IT).',
      kind: 'text',
      required: true,
      placeholder: 'sftp.district.example.org',
    },
    {
      key: 'sftp.port',
      label: 'SFTP port',
      help: 'Usually 22. Given with the SFTP details.',
      kind: 'number',
      required: true,
      defaultValue: '22',
    },
    {
      key: 'sftp.username',
      label: 'SFTP username',
      help: 'The account the export is delivered to, from the SFTP details.',
      kind: 'text',
      required: true,
    },
    {
      key: 'sftp.privateKeyPath',
      label: 'Private key path',
      help: 'Path, on the sync server, of the SSH private key whose public key is authorized on the SFTP account. Give this or a password.',
      kind: 'text',
      required: false,
      placeholder: '/etc/sis-sync/keys/district_ed25519',
    },
    {
      key: 'sftp.password',
      label: 'SFTP password',
      help: 'Only when the SFTP account uses a password instead of a key, from the SFTP details.',
      kind: 'secret',
      required: false,
    },
    {
      key: 'sftp.hostKeySha256',
      label: 'Host key fingerprint (SHA-256)',
      help: "Pins the server's identity: ask the SFTP provider, or run ssh-keyscan host | ssh-keygen -lf -. Optional.",
      kind: 'text',
      required: false,
      placeholder: 'SHA256:…',
    },
    {
      key: 'remotePath',
      label: 'Remote folder',
      help: 'Folder (or .zip file) on the SFTP server where the OneRoster CSV files arrive, from the SIS export settings.',
      kind: 'text',
      required: true,
      placeholder: '/exports/oneroster',
    },
  ],
};

/** Every provider type in the order the modal lists them. */
export const providerTypes: readonly ProviderTypeInfo[] = [clever, classLink, oneRosterApi, oneRosterCsv];

/** The description of one provider type. */
export function providerTypeInfo(type: ProviderType): ProviderTypeInfo {
  const found = providerTypes.find((info) => info.type === type);
  if (!found) throw new Error(`Unknown provider type ${type}`);
  return found;
}

/** A short label for tables, e.g. "OneRoster CSV over SFTP". */
export function providerTypeTitle(type: string): string {
  return providerTypes.find((info) => info.type === type)?.title ?? type;
}
