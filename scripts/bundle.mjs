#!/usr/bin/env node
// Bundles the tsc output of the CLI (dist/cli/index.js) into dist/bundle/tc-audit.js, the file
// package.json's `bin` names. One file in place of ~150 modules saves node the resolving,
// reading and linking of each at start-up (~20 ms of ~165 ms for a small `analyze`).
//  - splitting: each command's dynamic import() becomes its own chunk beside the entry, so a
//    run still evaluates only the command it names (without it the bundle was slower).
//  - dist/bundle sits at the depth of dist/cli: the code finds package.json and
//    bpf/selftest/ with new URL('../../…', import.meta.url), which esbuild leaves as written.
//  - runtime dependencies stay external (src/lazy.ts require()s yaml, semver, table, zod and
//    jsonc-parser through createRequire on first use; the package installs them anyway),
//    except yargs, which every run loads: bundled it starts ~25 ms sooner. Its locale files
//    are not bundled, so its own words in --help (Options, default...) are English whatever
//    LANG says, like the rest of tc-audit's output.
//  - string-width (yargs' and cliui's help layout) is loaded on first use: loading it builds an
//    Intl.Segmenter and Unicode-property regexes (~17 ms), and only --help measures text.
//  - minified: V8 reads less code at start-up (~4 ms per run, more on large runs). Errors are
//    reported as messages, never stack traces, and dist/ keeps tsc's readable output.
// It bundles tsc's output rather than src/ so the shipped code is what tsc emitted and typed.
import { chmodSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const outdir = join(root, 'dist/bundle');

/** Every `import stringWidth from 'string-width'` gets a stand-in that loads the copy the
 *  importer would have loaded (yargs, cliui and wrap-ansi each have their own version) on
 *  its first call. esbuild turns the stand-in's require() of that ES module into a lazy
 *  initialiser inside the bundle, so nothing of it runs until a help text is laid out. */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, async (args) => {
      if (args.pluginData === 'real') return undefined;
      const real = await b.resolve('string-width', { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'real' });
      if (real.errors.length > 0) return { errors: real.errors };
      return { path: real.path, namespace: 'lazy-string-width' };
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy-string-width' }, (args) => ({
      resolveDir: dirname(args.path),
      contents: `let real;\nexport default function stringWidth(...a) {\n  real ??= require(${JSON.stringify(args.path)});\n  return real.default(...a);\n}\n`,
    }));
  },
};

/** The bin's first two lines. As a shell script (the kernel runs `#!/bin/sh`) they start node
 *  on the same file without NODE_EXTRA_CA_CERTS; to node (`node tc-audit.js`, whose #! line
 *  node skips) the second is a string statement and a comment. Node 20 reads that variable's
 *  certificates as it starts, building its whole root store first: ~30 ms of a ~50 ms start
 *  on a machine that sets it to the system bundle (corporate proxies do, and so does this
 *  project's build machine), ~10 ms for a file of one certificate. tc-audit never opens a
 *  TLS connection (test/cli/noTls.test.ts holds src to that), and what it starts (ip, tc,
 *  bpftool, nsenter, kubectl) does not read the variable. POSIX sh only: `env -S` is missing
 *  from busybox and from coreutils before 8.30. `exec` keeps one process for signals. */
const LAUNCHER = '#!/bin/sh\n":" //; unset NODE_EXTRA_CA_CERTS; exec node "$0" "$@"\n';

const result = await build({
  absWorkingDir: root,
  entryPoints: { 'tc-audit': 'dist/cli/index.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // A package name also makes its subpaths external.
  external: Object.keys(pkg.dependencies ?? {}).filter((name) => name !== 'yargs'),
  logLevel: 'warning',
  metafile: true,
  plugins: [lazyStringWidth],
  minify: true,
});
// Chunk names carry content hashes: drop the previous builds' chunks once the new ones are
// written (not before, so a CLI spawned during a rebuild never finds its entry missing).
const written = new Set(Object.keys(result.metafile.outputs).map((p) => resolve(root, p)));
for (const f of readdirSync(outdir)) if (!written.has(join(outdir, f))) rmSync(join(outdir, f), { force: true });
// npm links `bin` as is and the kernel runs it through its #! line. The entry starts as
// esbuild carries src/cli/index.ts's `#!/usr/bin/env node` over; that line becomes LAUNCHER,
// and the file must be executable for a direct ./tc-audit.js.
const entry = join(outdir, 'tc-audit.js');
const code = readFileSync(entry, 'utf8');
if (!code.startsWith('#!/usr/bin/env node\n')) throw new Error(`${entry}: no #!/usr/bin/env node line`);
writeFileSync(entry, LAUNCHER + code.slice(code.indexOf('\n') + 1));
chmodSync(entry, 0o755);
