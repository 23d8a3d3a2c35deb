import { existsSync } from 'node:fs';

export const INSTALL_HINT =
  'Chromium was not found: install it with `apt-get install -y chromium` (Debian) or set CHROMIUM_PATH to a Chromium binary.';

/** CHROMIUM_PATH first, then Debian's package; otherwise one sentence saying what to install. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const candidates = [env['CHROMIUM_PATH'], '/usr/bin/chromium'].filter((p): p is string => Boolean(p));
  const found = candidates.find((path) => exists(path));
  if (!found) throw new Error(INSTALL_HINT);
  return found;
}
