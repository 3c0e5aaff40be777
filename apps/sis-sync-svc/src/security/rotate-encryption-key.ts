import type { PrismaClient } from '../generated/prisma/client.js';
import type { ConfigCipher } from './config-cipher.js';

/** Outcome of {@link rotateEncryptionKey}. */
export interface RotationResult {
  reEncrypted: number;
  alreadyCurrent: number;
}

/**
 * Re-encrypts every provider config not yet under the cipher's current key, in pages, each row updated
 * only if nobody changed it meanwhile. The cipher must know the old keys (previous keys).
 */
export async function rotateEncryptionKey(
  prisma: PrismaClient,
  cipher: ConfigCipher,
  options: { all?: boolean } = {},
): Promise<RotationResult> {
  const result: RotationResult = { reEncrypted: 0, alreadyCurrent: 0 };
  let afterId: string | undefined;
  for (;;) {
    const page = await prisma.sisProvider.findMany({
      where: afterId ? { id: { gt: afterId } } : {},
      orderBy: { id: 'asc' },
      take: 200,
      select: { id: true, configJson: true, configKeyId: true },
    });
    if (page.length === 0) break;
    for (const provider of page) {
      if (!options.all && provider.configKeyId === cipher.currentKeyId) {
        result.alreadyCurrent += 1;
        continue;
      }
      const config = cipher.decrypt(provider.configJson, provider.id);
      const updated = await prisma.sisProvider.updateMany({
        where: { id: provider.id, configJson: provider.configJson },
        data: { configJson: cipher.encrypt(config, provider.id), configKeyId: cipher.currentKeyId },
      });
      result.reEncrypted += updated.count;
    }
    afterId = page.at(-1)!.id;
  }
  return result;
}
