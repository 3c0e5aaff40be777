// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generateApiTypes } from '../../scripts/api-types-generator.mjs';
import { usedEndpoints } from './api-types';

const read = (name: string) => readFile(new URL(name, import.meta.url), 'utf8');

describe('openapi.generated.ts', () => {
  it('is exactly what openapi-typescript makes of the saved OpenAPI document (no hand edits, no stale copy)', async () => {
    const snapshot = JSON.parse(await read('./openapi.snapshot.json'));
    expect(await generateApiTypes(snapshot)).toBe(await read('./openapi.generated.ts'));
  });

  it('covers every endpoint the client calls', async () => {
    const snapshot = JSON.parse(await read('./openapi.snapshot.json')) as { paths: Record<string, object> };
    for (const [method, path] of usedEndpoints) {
      expect(Object.keys(snapshot.paths[path] ?? {}), `${method.toUpperCase()} ${path}`).toContain(method);
    }
  });
});
