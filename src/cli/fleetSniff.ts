// Which inputs take the fleet path: a cheap look at each file's first bytes, so `analyze`
// loads the fleet layer only when it is needed.
import { open } from 'node:fs/promises';

/** Bundles announce themselves in their first bytes (`{"bundleVersion":1,…` as collect writes). */
async function looksLikeBundle(file: string): Promise<boolean> {
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

/** Fleet mode: at least two of the inputs are bundles. The others are then inputs the
 *  fleet does not analyse and says so (a damaged bundle, a `.tmp` of an interrupted copy),
 *  rather than one stray file turning a cluster's bundles into one merged node report. */
export async function isFleetInput(files: readonly string[]): Promise<boolean> {
  if (files.length < 2) return false;
  let bundles = 0;
  for (const f of files) if ((await looksLikeBundle(f)) && ++bundles >= 2) return true;
  return false;
}
