// Which inputs take the fleet path: a cheap look at each file's first bytes, so `analyze`
// loads the fleet layer only when it is needed.
import { open } from 'node:fs/promises';

/** Bundles announce themselves in their first bytes (`{"bundleVersion":1,…` as collect writes). */
async function looksLikeBundle(file: string): Promise<boolean> {
  if (!file.endsWith('.json')) return false;
  let fh;
  try {
    fh = await open(file, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return /"bundleVersion"\s*:/.test(buf.subarray(0, bytesRead).toString('utf8'));
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

/** Fleet mode: at least two inputs, every one of them a bundle. */
export async function isFleetInput(files: readonly string[]): Promise<boolean> {
  if (files.length < 2) return false;
  for (const f of files) if (!(await looksLikeBundle(f))) return false;
  return true;
}
