// `ip -j -d link show` in one namespace: device names, ifindexes and link kinds.
import { z } from 'zod';

const Link = z.object({
  ifindex: z.number().int(),
  ifname: z.string(),
  linkinfo: z.object({ info_kind: z.string().optional() }).passthrough().optional(),
}).passthrough();

export interface LinkInfo {
  ifindex: number;
  name: string;
  kind: string | null;
}

export function parseIpLinkJson(stdout: string): { links: LinkInfo[]; error: string | null } {
  let raw: unknown;
  try {
    raw = JSON.parse(stdout);
  } catch (e) {
    return { links: [], error: `ip -j link: not JSON (${(e as Error).message})` };
  }
  const parsed = z.array(Link).safeParse(raw);
  if (!parsed.success) return { links: [], error: `ip -j link: unexpected shape (${parsed.error.issues[0]?.message ?? ''})` };
  return {
    links: parsed.data.map((l) => ({ ifindex: l.ifindex, name: l.ifname, kind: l.linkinfo?.info_kind ?? null })),
    error: null,
  };
}

/** Shell-style globs for --interface: `*`, `?` and `[...]`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') re += '.*';
    else if (ch === '?') re += '.';
    else if (ch === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += ch.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
}

export function matchesAny(name: string, globs: RegExp[]): boolean {
  return globs.length === 0 || globs.some((g) => g.test(name));
}
