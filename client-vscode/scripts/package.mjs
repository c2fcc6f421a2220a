// `npm run package`: vendor the server (scripts/bundle-server.sh), then build
// byok-lsp-<version>.vsix with vsce (which runs `vscode:prepublish`, the production esbuild bundle).
// With the server bundled the .vsix is platform-specific (tree-sitter binaries): --target linux-x64.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run('bash', [join(root, 'scripts', 'bundle-server.sh')]);
const bundled = existsSync(join(root, 'bundled', 'libs', 'byok_lsp', '__init__.py'));
const vsce = join(root, 'node_modules', '.bin', 'vsce');
const out = `byok-lsp-${version}.vsix`;
run(vsce, [
  'package',
  '--no-dependencies', // esbuild already put vscode-languageclient into dist/extension.js
  '--allow-missing-repository',
  ...(bundled ? ['--target', 'linux-x64'] : []),
  '--out', out,
]);
console.log(`${out}: ${bundled ? 'linux-x64, server bundled' : 'universal, server not bundled'}`);
