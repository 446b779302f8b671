// Escaping for GitHub-flavoured Markdown and Mermaid labels. Names come from dumps, so
// a '|' must not split a table cell and a '"' must not end a Mermaid label.

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Inline text: HTML-escaped, Markdown punctuation backslashed, one line. */
export const mdInline = (s: string): string =>
  s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd')
    .replace(/[&<>]/g, (c) => HTML[c] ?? c)
    .replace(/[\\`*_{}[\]|~]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');

/** A fenced block whose fence is longer than any backtick run inside it. */
export const mdFence = (lang: string, body: string): string => {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${body.replace(/\n$/, '')}\n${fence}`;
};

/** Mermaid quoted label: anything but plain word characters becomes an entity code,
 *  so quotes, brackets, backticks, '#', ';' and newlines cannot break the syntax. */
export const mermaidLabel = (s: string): string =>
  `"${[...s].map((c) => (/^[A-Za-z0-9 _.,:/=+-]$/.test(c) ? c : `#${c.codePointAt(0)};`)).join('')}"`;
