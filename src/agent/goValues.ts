// What the agent makes of a setting's raw value. Its config getters convert with spf13/cast
// (datadog-agent pkg/config/nodetreemodel: GetInt is cast.ToIntE, GetBool cast.ToBoolE; a
// failed conversion is logged and gives 0 or false), and pkg/security/probe/config/config.go
// stores the classifier priority and handle as uint16(). So a mistyped priority is not
// ignored by the agent: "abc" becomes 0, which ebpf-manager turns into pref 50, and -1
// becomes 65535. tc-audit reasons with the value the agent will use and says why.

export interface Reading<T> {
  value: T;
  /** Why the value is not what was written, or is not what it looks like; null when plain. */
  problem: string | null;
}

// Go's strconv.ParseInt with base 0 (how cast parses strings): a sign, then 0x/0o/0b or a
// leading 0 (octal), with underscores between digits only after a base prefix or a 0.
const GO_INT = /^([+-]?)(?:0[xX](_?[0-9a-fA-F](?:_?[0-9a-fA-F])*)|0[bB](_?[01](?:_?[01])*)|0[oO](_?[0-7](?:_?[0-7])*)|0(_?[0-7](?:_?[0-7])*)|([1-9][0-9]*|0))$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** cast's trimZeroDecimal: "10.00" -> "10"; anything else is left as it is. */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64), or null where Go returns an error. */
export function goParseInt(s: string): bigint | null {
  const m = GO_INT.exec(s);
  if (!m) return null;
  const [, sign, hex, bin, oct, legacyOct, dec] = m;
  const digits = (x: string): string => x.replace(/_/g, '');
  const n = hex !== undefined ? BigInt(`0x${digits(hex)}`)
    : bin !== undefined ? BigInt(`0b${digits(bin)}`)
    : oct !== undefined ? BigInt(`0o${digits(oct)}`)
    : legacyOct !== undefined ? BigInt(`0o${digits(legacyOct)}`)
    : BigInt(dec!);
  const v = sign === '-' ? -n : n;
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

const show = (raw: unknown): string => (typeof raw === 'string' ? JSON.stringify(raw) : String(raw));

/** cast.ToIntE, then uint16(): the value the agent stores for a priority or a handle. */
export function agentUint16(raw: unknown): Reading<number> {
  let n: bigint | null;
  let why: string | null = null;
  if (typeof raw === 'number') {
    n = Number.isFinite(raw) ? BigInt(Math.trunc(raw)) : null;
    if (n !== null && !Number.isInteger(raw)) why = `${raw} is not a whole number; the agent drops the fraction`;
  } else if (typeof raw === 'boolean') {
    n = raw ? 1n : 0n;
    why = `${raw} is a boolean; the agent reads it as ${n}`;
  } else if (typeof raw === 'string') {
    const t = trimZeroDecimal(raw);
    n = goParseInt(t);
    if (n !== null && /^[+-]?0[0-7_]/.test(t)) why = `${show(raw)} starts with 0, which makes it octal: the agent reads ${n}`;
  } else n = null;
  if (n === null) return { value: 0, problem: `${show(raw)} is not an integer; the agent reads it as 0` };
  const value = Number(BigInt.asUintN(16, n));
  if (BigInt(value) !== n) why = `${show(raw)} does not fit the agent's 16-bit setting; it keeps ${value}`;
  return { value, problem: why };
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** cast.ToBoolE: strconv.ParseBool for strings, non-zero for numbers, false on error. */
export function agentBool(raw: unknown): Reading<boolean> {
  if (typeof raw === 'boolean') return { value: raw, problem: null };
  if (typeof raw === 'number') return { value: raw !== 0, problem: `${raw} is a number; the agent reads it as ${raw !== 0}` };
  if (typeof raw === 'string') {
    if (GO_TRUE.has(raw)) return { value: true, problem: null };
    if (GO_FALSE.has(raw)) return { value: false, problem: null };
  }
  return { value: false, problem: `${show(raw)} is not a boolean the agent knows (true, false, 1, 0, t, f); it reads it as false` };
}
