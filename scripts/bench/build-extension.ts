import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildExtension } from '../demo/build-extension.ts';

export type BuildState = 'built' | 'existing' | 'absent';

/**
 * Makes sure there is a build to measure. Others may be using dist/chrome at the same time, so by
 * default an existing build is measured as it is and only a missing one is built.
 */
export async function ensureBuild(dist: string, mode: 'missing' | 'always' | 'never'): Promise<BuildState> {
  const present = existsSync(join(dist, 'manifest.json'));
  if (mode === 'never' || (mode === 'missing' && present)) return present ? 'existing' : 'absent';
  console.error('building the extension (vite build)…');
  await buildExtension(() => undefined);
  return 'built';
}
