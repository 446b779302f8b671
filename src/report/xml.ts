// XML 1.0 text and attribute escaping. Escaping alone is not enough: most C0 control
// characters, lone surrogates and U+FFFE/U+FFFF are illegal in XML 1.0 even as character
// references, so they are replaced by a visible \xNN / \uNNNN form.

// eslint-disable-next-line no-control-regex
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const visible = (c: string): string => {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

export const xmlLegal = (s: string): string => s.replace(ILLEGAL, visible);

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;',
  // Attribute-value normalisation turns raw CR/LF/TAB into spaces; references keep them.
  '\n': '&#10;', '\r': '&#13;', '\t': '&#9;',
};

export const xmlText = (s: string): string => xmlLegal(s).replace(/[&<>]/g, (c) => TEXT_ESCAPES[c] ?? c);
export const xmlAttr = (s: string): string => xmlLegal(s).replace(/[&<>"'\n\r\t]/g, (c) => ATTR_ESCAPES[c] ?? c);

/** CDATA section; a `]]>` inside is split across two sections so it cannot end the first. */
export const cdata = (s: string): string => `<![CDATA[${xmlLegal(s).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

export const attrs = (a: Record<string, string | number>): string =>
  Object.entries(a).map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`).join('');
