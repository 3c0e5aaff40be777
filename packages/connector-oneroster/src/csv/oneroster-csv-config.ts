import { InvalidConfigError } from '@aivo/connector-sdk';
import { z } from 'zod';
import { normalizeHostKeySha256 } from './host-key-fingerprint.js';

/** How to reach the district's SFTP server. Give one of `privateKeyPath`, `privateKey` or `password`. */
export const oneRosterSftpSettingsSchema = z
  .strictObject({
    host: z.string().trim().min(1, 'the SFTP host name is required'),
    port: z.number().int().min(1).max(65_535).default(22),
    username: z.string().trim().min(1, 'the SFTP user name is required'),
    /** Path of an OpenSSH or PEM private key file on the machine running the sync. */
    privateKeyPath: z.string().trim().min(1).optional(),
    /** The private key itself (PEM or OpenSSH text). */
    privateKey: z.string().min(1).optional(),
    /** Passphrase of an encrypted private key. */
    passphrase: z.string().min(1).optional(),
    password: z.string().min(1).optional(),
    /**
     * The server's host key fingerprint, as `ssh-keygen -lf` prints it (`SHA256:…`) or as 64 hex digits.
     * When set, a server presenting another key is refused.
     */
    hostKeySha256: z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) return undefined;
        const normalized = normalizeHostKeySha256(value);
        if (normalized === undefined) {
          context.addIssue({
            code: 'custom',
            message:
              'must be a SHA-256 host key fingerprint like SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8',
          });
          return z.NEVER;
        }
        return normalized;
      }),
    /** How long to wait for the SSH handshake, in milliseconds. */
    readyTimeoutMs: z.number().int().positive().default(20_000),
  })
  .refine((sftp) => sftp.privateKeyPath ?? sftp.privateKey ?? sftp.password, {
    message: 'give privateKeyPath, privateKey or password',
  })
  .refine((sftp) => !(sftp.privateKeyPath && sftp.privateKey), {
    message: 'give privateKeyPath or privateKey, not both',
  });

const sftpSourceSchema = z.strictObject({
  sftp: oneRosterSftpSettingsSchema,
  /** A folder, a `.zip`, or a folder of dated drops on the server, e.g. `/exports/oneroster`. */
  remotePath: z.string().trim().min(1, 'the remote path is required'),
});

const localSourceSchema = z.strictObject({
  /** A folder, a `.zip`, or a folder of dated drops on this machine. */
  localPath: z.string().trim().min(1, 'the local path is required'),
});

/**
 * The stored configuration of a `ONEROSTER_CSV` provider: either `{ sftp, remotePath }` or `{ localPath }`.
 * Strict: unknown fields are refused so a typo never goes unnoticed.
 */
export const oneRosterCsvConfigSchema = z.union([sftpSourceSchema, localSourceSchema], {
  error: () => 'give either { sftp, remotePath } or { localPath }',
});

export type OneRosterCsvConfig = z.infer<typeof oneRosterCsvConfigSchema>;
export type OneRosterCsvConfigInput = z.input<typeof oneRosterCsvConfigSchema>;
export type OneRosterSftpSettings = z.infer<typeof oneRosterSftpSettingsSchema>;

/**
 * Validates a stored config. Throws `InvalidConfigError` naming each bad field; secrets are never echoed.
 */
export function parseOneRosterCsvConfig(config: unknown): OneRosterCsvConfig {
  const parsed = schemaFor(config).safeParse(config);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(config)',
    message: issue.message,
  }));
  throw new InvalidConfigError({
    message: `Invalid OneRoster CSV settings: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
    issues,
  });
}

/** The branch a config means, by its distinguishing key, so errors describe that branch, not the union. */
function schemaFor(config: unknown) {
  if (config === null || typeof config !== 'object') return oneRosterCsvConfigSchema;
  if ('sftp' in config || 'remotePath' in config) return sftpSourceSchema;
  if ('localPath' in config) return localSourceSchema;
  return oneRosterCsvConfigSchema;
}
