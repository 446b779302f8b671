// Terminal-safe text. Names and messages come from dumps a stranger may have written:
// a raw ESC or CR could repaint the operator's terminal, and `table` rejects most C0
// characters outright. Every untrusted string shown to a terminal goes through here.

const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;

const hex = (c: string): string => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;

/** Any control character, newline included: most text has none, and one test then stands
 *  for the replacements (a report runs this on some 20,000 cells and lines). */
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Visible escape for control characters; newlines are kept (multi-line cells). */
export const safe = (s: string): string => (ANY_CONTROL.test(s) ? s.replace(CONTROL, hex) : s);

/** One-line form: newlines shown as ⏎ so a message never breaks a row. */
export const safeLine = (s: string): string => (ANY_CONTROL.test(s) ? s.replace(CONTROL, hex).replace(/\n/g, '⏎') : s);

export type Paint = (s: string) => string;

const sgr = (open: number, close: number): ((on: boolean) => Paint) => (on) =>
  on ? (s) => `\u001b[${open}m${s}\u001b[${close}m` : (s) => s;

export const red = sgr(31, 39);
export const yellow = sgr(33, 39);
export const cyan = sgr(36, 39);
export const green = sgr(32, 39);
export const bold = sgr(1, 22);
export const dim = sgr(2, 22);
