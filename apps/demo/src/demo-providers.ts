import type { RunningSimulator } from '@aivo/sis-simulator';

/** The two tenants the demo creates integrations for. */
export const demoTenants = ['demo-district-north', 'demo-district-south'] as const;

/** One integration the demo keeps, found again by its name on the next run. */
export interface DemoProvider {
  tenantId: string;
  name: string;
  providerType: 'CLEVER' | 'CLASSLINK' | 'ONEROSTER_API' | 'ONEROSTER_CSV';
  config: Record<string, unknown>;
}

/**
 * One integration of each type per demo tenant, pointed at this run's simulator servers (their ports change
 * from run to run, so existing integrations get their config refreshed rather than duplicated).
 */
export function demoProviders(simulator: RunningSimulator): DemoProvider[] {
  const { clever, classLink, oneRoster, sftp } = simulator;
  const perTenant: Array<Omit<DemoProvider, 'tenantId'>> = [
    {
      name: 'Demo Clever',
      providerType: 'CLEVER',
      config: {
        clientId: clever.clientId,
        clientSecret: clever.clientSecret,
        districtId: clever.districtId,
        apiBaseUrl: clever.url,
        oauthBaseUrl: clever.url,
      },
    },
    {
      name: 'Demo ClassLink',
      providerType: 'CLASSLINK',
      config: {
        clientId: classLink.clientId,
        clientSecret: classLink.clientSecret,
        tenantId: 'demo-district',
        baseUrl: classLink.baseUrl,
      },
    },
    {
      name: 'Demo OneRoster API',
      providerType: 'ONEROSTER_API',
      config: {
        baseUrl: oneRoster.baseUrl,
        clientId: oneRoster.clientId,
        clientSecret: oneRoster.clientSecret,
      },
    },
    {
      name: 'Demo OneRoster CSV (SFTP)',
      providerType: 'ONEROSTER_CSV',
      config: {
        sftp: {
          host: sftp.host,
          port: sftp.port,
          username: sftp.username,
          privateKeyPath: simulator.sftpPrivateKeyPath,
          hostKeySha256: sftp.hostKeyFingerprint,
        },
        remotePath: simulator.sftpRemotePath,
      },
    },
  ];
  return demoTenants.flatMap((tenantId) => perTenant.map((provider) => ({ tenantId, ...provider })));
}
