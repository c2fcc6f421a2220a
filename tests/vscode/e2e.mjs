// End-to-end test of the packaged extension in a real VS Code: code-server 4.100.3 with the .vsix
// installed, driven in Debian's headless chromium by playwright-core. One code-server per run, in its
// own process group, killed as a group at the end; every wait is bounded.
//
//   VSIX=client-vscode/byok-lsp-0.1.0.vsix node tests/vscode/e2e.mjs
//
// Env: VSIX (required); BYOK_PYTHON (interpreter for byok-lsp.interpreter; default: the repo's
// .venv/bin/python when present); BYOK_VSCODE_DEPS (default tests/vscode/.deps, see install.sh);
// ARTIFACTS (default tests/vscode/artifacts: screenshots and logs of a failed run); CHROMIUM
// (default /usr/bin/chromium); KEEP=1 keeps the temporary folder.
// Prints one JSON object (per-scenario results and timings) and exits 0 only if every scenario passed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const deps = process.env.BYOK_VSCODE_DEPS || path.join(here, '.deps');
const artifacts = process.env.ARTIFACTS || path.join(here, 'artifacts');
const vsix = process.env.VSIX && path.resolve(process.env.VSIX);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const venvPython = path.join(repo, '.venv', 'bin', 'python');
const python = process.env.BYOK_PYTHON || (fs.existsSync(venvPython) ? venvPython : '');
const RUN_DEADLINE_MS = 240_000;

const { chromium } = createRequire(path.join(deps, 'package.json'))('playwright-core');
const codeServer = path.join(deps, 'node_modules', '.bin', 'code-server');

const started = Date.now();
const result = { ok: false, scenarios: {}, timings_ms: {} };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'byok-vscode-e2e-'));
let csProcess;
let browser;
let workbenchReadyAt = Date.now();

function log(message) {
  process.stderr.write(`[e2e ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
}

// ---- code-server -------------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function run(command, args, options = {}, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${out}`));
    });
  });
}

function writeWorkspace(ws) {
  fs.mkdirSync(ws, { recursive: true });
  fs.writeFileSync(
    path.join(ws, 'app.py'),
    [
      'import os',
      '',
      'from openai import OpenAI',
      '',
      'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key=os.getenv("OPENROUTER_API_KEY"))',
      'reply = client.chat.completions.create(model="openai/o3", messages=[{"role": "user", "content": "hi"}])',
      'print(reply.choices[0].message.content)',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(ws, '.env'), 'DEBUG=1\n');
}

function writeUserSettings(dataDir) {
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'files.hotExit': 'off',
    'git.enabled': false,
    'editor.hover.delay': 200,
    'byok-lsp.logLevel': 'debug',
    // a verbose JSON-RPC trace: the management-key scenario checks the key still never reaches the log
    'byok-lsp.trace.server': 'verbose',
  };
  if (python) {
    settings['byok-lsp.interpreter'] = [python];
  }
  fs.mkdirSync(path.join(dataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

async function startCodeServer(ws) {
  const dataDir = path.join(work, 'data');
  const extDir = path.join(work, 'extensions');
  const env = {
    ...process.env,
    // keep code-server's config, logs and sockets out of $HOME and /tmp
    XDG_CONFIG_HOME: path.join(work, 'xdg-config'),
    XDG_DATA_HOME: path.join(work, 'xdg-data'),
    XDG_CACHE_HOME: path.join(work, 'xdg-cache'),
    TMPDIR: work,
  };
  const common = ['--config', path.join(work, 'config.yaml'), '--user-data-dir', dataDir, '--extensions-dir', extDir];
  writeUserSettings(dataDir);
  const t0 = Date.now();
  await run(codeServer, [...common, '--install-extension', vsix], { env }, 60_000);
  result.timings_ms.install_extension = Date.now() - t0;
  const port = await freePort();
  const logFile = fs.openSync(path.join(work, 'code-server.log'), 'w');
  // detached: a new session and process group, so its children (file watcher, extension host,
  // our language server) die with it
  csProcess = spawn(
    codeServer,
    [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', ws],
    { env, detached: true, stdio: ['ignore', logFile, logFile] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) {
        result.timings_ms.code_server_ready = Date.now() - t0;
        return url;
      }
    } catch {
      // not listening yet
    }
    if (csProcess.exitCode !== null) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('code-server did not become healthy within 30 s');
}

async function stopCodeServer() {
  if (!csProcess || csProcess.exitCode !== null) {
    return;
  }
  const group = -csProcess.pid;
  try {
    process.kill(group, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    try {
      process.kill(group, 0);
    } catch {
      return; // the whole group is gone
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    process.kill(group, 'SIGKILL');
  } catch {
    // already gone
  }
}

// ---- workbench helpers (all DOM selectors live here) -------------------------------------------

const sel = {
  workbench: '.monaco-workbench',
  explorer: '.explorer-folders-view',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-list .monaco-list-row',
  editorLines: '.monaco-editor .view-lines',
  squiggle: '.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error, .monaco-editor .squiggly-info',
  errorSquiggle: '.monaco-editor .squiggly-error',
  problems: '.markers-panel',
  problemRow: '.markers-panel .monaco-list-row',
  hover: '.monaco-hover:visible',
  actionWidget: '.action-widget',
  lightBulb: '.lightBulbWidget:visible',
  actionFocused: '.action-widget .monaco-list-row.focused',
  statusItem: '.statusbar-item',
  notification: '.notification-toast',
};

/** Open the quick input with `key` (Ctrl+P: files, F1: commands), type `text`, choose its row. */
async function quickPick(page, key, text) {
  await page.keyboard.press(key);
  await page.waitForSelector(sel.quickInputBox, { timeout: 10_000 });
  await page.keyboard.type(text);
  await page.locator(sel.quickInputRow, { hasText: text }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Wait until `file` is the active tab and its editor is drawn. */
async function tabShown(page, file) {
  await page.locator(`.tab.active[aria-label*="${file}"]`).first().waitFor({ timeout: 10_000 });
  await page.waitForSelector(sel.editorLines, { timeout: 10_000 });
}

async function quickOpen(page, file) {
  await quickPick(page, 'Control+P', file);
  await tabShown(page, file);
}

/** Back to an open editor by its tab (Ctrl+P does not reach the workbench while a markdown
 *  preview's webview has the focus). */
async function activateTab(page, file) {
  await page.locator('.tab', { hasText: file }).first().click({ timeout: 10_000 });
  await tabShown(page, file);
}

async function runCommand(page, title) {
  await quickPick(page, 'F1', title);
}

async function editorText(page) {
  return (await page.locator(sel.editorLines).first().innerText()).replace(/\u00a0/g, ' ');
}

/** The squiggle drawn on the visible editor line that contains `lineText`, as a box, or null. */
async function squiggleOnLine(page, lineText) {
  return page.evaluate(
    ({ lineText, squiggleSel }) => {
      const line = [...document.querySelectorAll('.monaco-editor .view-line')].find((el) =>
        el.textContent.replace(/\u00a0/g, ' ').includes(lineText),
      );
      if (!line) return null;
      const lr = line.getBoundingClientRect();
      for (const el of document.querySelectorAll(squiggleSel)) {
        const r = el.getBoundingClientRect();
        const mid = r.top + r.height / 2;
        if (r.width > 0 && mid >= lr.top && mid <= lr.bottom) {
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return null;
    },
    { lineText, squiggleSel: sel.squiggle },
  );
}

async function waitForSquiggle(page, lineText, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const box = await squiggleOnLine(page, lineText);
    if (box) return box;
    await page.waitForTimeout(200);
  }
  throw new Error(`no squiggle on the line containing ${JSON.stringify(lineText)} within ${timeoutMs} ms`);
}

async function waitUntil(check, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

async function showProblems(page) {
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector(sel.problems, { timeout: 10_000 });
}

async function problemsText(page) {
  return (await page.locator(sel.problems).innerText()).replace(/\u00a0/g, ' ');
}

async function applyQuickFix(page, box, title) {
  await page.mouse.click(box.x + Math.min(4, box.width / 2), box.y + box.height / 2);
  // Moving the cursor starts an automatic code-action request (the light bulb). A Ctrl+. sent while
  // it is pending can lose to it and end as "No code actions available": let it settle first, and
  // retry once, as a user would.
  await page.locator(sel.lightBulb).first().waitFor({ timeout: 1_500 }).catch(() => {});
  await page.waitForTimeout(300);
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await page.waitForSelector(sel.actionWidget, { timeout: attempt === 1 ? 5_000 : 10_000 });
      break;
    } catch (error) {
      if (attempt === 2) throw error;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  const menu = (await page.locator(sel.actionWidget).innerText()).trim();
  // The menu sits under a pointer-blocking overlay: choose with the keyboard, as a user would.
  await page.locator(sel.actionWidget).getByText(title).first().waitFor({ timeout: 10_000 });
  for (let i = 0; i < 20; i++) {
    const focused = (await page.locator(sel.actionFocused).first().innerText().catch(() => '')).trim();
    if (focused.includes(title)) {
      await page.keyboard.press('Enter');
      return menu;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not focus ${JSON.stringify(title)} in the Quick Fix menu:\n${menu}`);
}

/** Changes user settings the way a user does: in the settings.json editor, saved, then back to
 *  the file that was open. (VS Code does not pick up edits made behind its back on disk quickly.) */
async function editUserSettings(page, patch) {
  const file = path.join(work, 'data', 'User', 'settings.json');
  const settings = { ...JSON.parse(fs.readFileSync(file, 'utf8')), ...patch };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete settings[key];
  }
  const saved = () => {
    try {
      return JSON.stringify(JSON.parse(fs.readFileSync(file, 'utf8'))) === JSON.stringify(settings);
    } catch {
      return false;
    }
  };
  for (let attempt = 1; !saved(); attempt++) {
    await runCommand(page, 'Preferences: Open User Settings (JSON)');
    const tab = page.locator('.tab.active[aria-label*="settings.json"]').first();
    await tab.waitFor({ timeout: 10_000 });
    try {
      const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      await editor.waitFor({ timeout: 10_000 });
      await editor.click(); // the keyboard focus must be in this editor, not still in the palette
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Delete');
      // one line (no auto-indent); then drop what the editor auto-closed after the cursor
      await page.keyboard.insertText(JSON.stringify(settings));
      await page.keyboard.press('Shift+Control+End');
      await page.keyboard.press('Delete');
      await page.keyboard.press('Control+S');
      await waitUntil(saved, 'settings.json to be saved', attempt === 1 ? 5_000 : 10_000);
    } catch (error) {
      if (attempt === 2) throw error;
    } finally {
      await runCommand(page, 'View: Revert and Close Editor').catch(() => {});
    }
  }
  await page.locator('.tab.active[aria-label*="app.py"]').first().waitFor({ timeout: 10_000 });
}

async function screenshot(page, name) {
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) }).catch(() => {});
}

// ---- scenarios ----------------------------------------------------------------------------------

const MODEL_LINE = 'model="openai/o3"';
// The shape the server accepts (sk-or-v1- and 64 hex digits); not a real key.
const FAKE_MANAGEMENT_KEY = `sk-or-v1-${'e2e0'.repeat(16)}`;

function extensionLog() {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'byok-lsp.log' && full.includes('byok-lsp.byok-lsp')) found.push(full);
    }
  };
  walk(path.join(work, 'data', 'logs'));
  return found.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}
const KEY_LINE = 'os.getenv("OPENROUTER_API_KEY")';

const scenarios = [
  ['first_squiggle', async (page) => {
    // A cold window: the workbench is up, nothing of byok-lsp has run for a file yet. Open app.py
    // and time the first squiggle (reported, not asserted: timing belongs in bench/).
    await quickOpen(page, 'app.py');
    const opened = Date.now();
    await waitForSquiggle(page, MODEL_LINE, 45_000);
    result.timings_ms.first_squiggle_after_open = Date.now() - opened;
    result.timings_ms.first_squiggle_after_workbench = Date.now() - workbenchReadyAt;
    // Where the time went, from the extension's log (local wall-clock times, same machine).
    const text = extensionLog();
    const at = (re) => {
      const m = text.match(re);
      return m ? new Date(m[1].replace(' ', 'T')).getTime() - opened : null;
    };
    const stamp = '^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+) ';
    const breakdown = {
      activation: at(new RegExp(`${stamp}\\[info\\] byok-lsp .* activating`, 'm')),
      server_command: at(new RegExp(`${stamp}\\[info\\] Server command:`, 'm')),
      initialize_answered: at(new RegExp(`${stamp}.*Received response 'initialize`, 'm')),
      first_diagnostics: at(new RegExp(`${stamp}.*Received response 'textDocument/diagnostic - \\(\\d+\\)' in \\d+ms\\.\\s*\\n.*Result: \\{`, 'm')),
    };
    result.timings_ms.first_squiggle_breakdown = breakdown;
    return { ms: result.timings_ms.first_squiggle_after_open, breakdown };
  }],
  ['status_bar', async (page) => {
    // With online checks off, the item summarises the offline findings of the Problems panel
    // (app.py: BYOK101 and BYOK201 at least), not "not checked".
    const item = page.locator(sel.statusItem, { hasText: 'BYOK:' }).first();
    await item.waitFor({ timeout: 30_000 });
    const text = await waitUntil(async () => {
      const t = (await item.innerText()).trim();
      return /^BYOK: \d+ (error|warning)/.test(t) ? t : null;
    }, 'the status bar to count the offline findings', 15_000);
    const label = (await item.getAttribute('aria-label')) ?? '';
    if (!/Turn On Online Checks/.test(label)) throw new Error(`the status item offers no way to turn online checks on: ${label}`);
    return { text, label: label.slice(0, 300) };
  }],
  ['squiggle_and_problems', async (page, ws) => {
    await waitForSquiggle(page, MODEL_LINE, 45_000);
    await showProblems(page);
    const text = await waitUntil(async () => {
      const t = await problemsText(page);
      return /BYOK101/.test(t) && /openai\/o3/.test(t) ? t : null;
    }, 'BYOK101 in the Problems panel', 15_000);
    await screenshot(page, 'ok-squiggle-problems');
    return { problems: text.split('\n').filter((l) => /BYOK|app\.py/.test(l)).slice(0, 6), ws };
  }],
  ['hover', async (page) => {
    const box = await waitForSquiggle(page, MODEL_LINE, 10_000);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator(sel.hover).first();
    await hover.waitFor({ timeout: 10_000 });
    // Both parts: the diagnostic (BYOK101) and the server's own markdown hover for the model.
    const text = await waitUntil(async () => {
      const t = (await hover.innerText().catch(() => '')).trim();
      return /BYOK101/.test(t) && /BYOK required/i.test(t) ? t : null;
    }, 'a hover with the BYOK101 diagnostic and the model explanation', 10_000);
    await screenshot(page, 'ok-hover');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    return { hover: text.slice(Math.max(0, text.search(/BYOK required/i) - 40)).slice(0, 300) };
  }],
  ['settings_live', async (page) => {
    // A setting that only affects analysis reaches the running server (didChangeConfiguration +
    // workspace/configuration), no restart: BYOK201 turns into an error squiggle.
    await waitForSquiggle(page, KEY_LINE, 10_000);
    await editUserSettings(page, { 'byok-lsp.severityOverrides': { BYOK201: 'error' } });
    await waitUntil(async () => (await squiggleOnLine(page, KEY_LINE)) && (await page.locator(sel.errorSquiggle).count()) > 0,
      'BYOK201 to become an error squiggle', 15_000);
    await screenshot(page, 'ok-settings-error');
    return {};
  }],
  ['quick_fix_model', async (page) => {
    const box = await waitForSquiggle(page, MODEL_LINE, 10_000);
    const menu = await applyQuickFix(page, box, 'Switch to openai/o3-mini');
    await waitUntil(async () => /model="openai\/o3-mini"/.test(await editorText(page)), 'the edit in app.py', 10_000);
    await showProblems(page);
    await waitUntil(async () => !/BYOK101/.test(await problemsText(page)), 'BYOK101 to leave the Problems panel', 15_000);
    const gone = !(await squiggleOnLine(page, 'model="openai/o3-mini"'));
    await screenshot(page, 'ok-after-model-fix');
    if (!gone) throw new Error('the squiggle on the model line is still there');
    return { menu: menu.split('\n').slice(0, 8) };
  }],
  ['rule_docs', async (page) => {
    const box = await waitForSquiggle(page, KEY_LINE, 15_000);
    await applyQuickFix(page, box, 'Show documentation for BYOK201');
    const tab = page.locator('.tab', { hasText: 'BYOK201' }).first();
    await tab.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    const preview = await page.frameLocator('iframe.webview.ready').first().frameLocator('iframe').first()
      .locator('body').innerText({ timeout: 10_000 }).catch(() => '');
    await screenshot(page, 'ok-rule-docs');
    await activateTab(page, 'app.py');
    return { tab: (await tab.innerText().catch(() => '')).trim(), preview: preview.slice(0, 200) };
  }],
  ['quick_fix_env', async (page, ws) => {
    const box = await waitForSquiggle(page, KEY_LINE, 15_000);
    const menu = await applyQuickFix(page, box, 'Add OPENROUTER_API_KEY= to .env');
    const envFile = path.join(ws, '.env');
    // The edit targets a file that is not open: VS Code saves it (files.refactoring.autoSave); if a
    // build of VS Code leaves it dirty instead, save all.
    let env = await waitUntil(async () => {
      const t = fs.readFileSync(envFile, 'utf8');
      return /^OPENROUTER_API_KEY=/m.test(t) ? t : null;
    }, '.env on disk to gain OPENROUTER_API_KEY=', 5_000).catch(() => null);
    if (!env) {
      await page.keyboard.press('Control+K');
      await page.keyboard.press('S');
      env = await waitUntil(async () => {
        const t = fs.readFileSync(envFile, 'utf8');
        return /^OPENROUTER_API_KEY=/m.test(t) ? t : null;
      }, '.env on disk to gain OPENROUTER_API_KEY= (after Save All)', 10_000);
    }
    // The fix finishes the job: .env opens with the cursor after the new "OPENROUTER_API_KEY=".
    await page.locator('.tab.active[aria-label*=".env"]').first().waitFor({ timeout: 10_000 });
    const lineNo = env.split('\n').findIndex((l) => l.startsWith('OPENROUTER_API_KEY=')) + 1;
    const col = 'OPENROUTER_API_KEY='.length + 1;
    const cursor = await waitUntil(async () => {
      const t = (await page.locator(sel.statusItem, { hasText: /^Ln \d+, Col \d+/ }).first().innerText().catch(() => '')).trim();
      return t === `Ln ${lineNo}, Col ${col}` ? t : null;
    }, `the cursor at Ln ${lineNo}, Col ${col} of .env`, 10_000);
    await screenshot(page, 'ok-after-env-fix');
    await activateTab(page, 'app.py');
    return { menu: menu.split('\n').slice(0, 8), env, cursor };
  }],
  ['explain_error', async (page) => {
    await runCommand(page, 'byok-lsp: Explain Error');
    await page.waitForSelector(sel.quickInputBox, { timeout: 10_000 });
    await page.keyboard.type('OpenAI is requiring a key to access this model, which you can add in https://openrouter.ai/settings/integrations');
    await page.keyboard.press('Enter');
    const tab = page.locator('.tab', { hasText: 'Explanation' }).first();
    await tab.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'ok-explain-error');
    return { tab: (await tab.innerText()).trim() };
  }],
  ['management_key', async (page) => {
    await runCommand(page, 'byok-lsp: Set OpenRouter Management Key');
    await page.waitForSelector(sel.quickInputBox, { timeout: 10_000 });
    const masked = await page.locator(sel.quickInputBox).getAttribute('type');
    await page.keyboard.type(FAKE_MANAGEMENT_KEY);
    await page.keyboard.press('Enter');
    await page.locator(sel.notification, { hasText: 'management key stored' }).first().waitFor({ timeout: 10_000 });
    const logText = await waitUntil(async () => {
      const t = extensionLog();
      return /management key handed to the server/.test(t) ? t : null;
    }, 'the log line saying the key reached the server', 10_000);
    if (masked !== 'password') throw new Error(`the key input is not a password box (type=${masked})`);
    if (logText.includes(FAKE_MANAGEMENT_KEY) || logText.includes('e2e0e2e0e2e0')) {
      throw new Error('the management key appears in the byok-lsp log');
    }
    if (!/\[Trace/.test(logText)) throw new Error('no JSON-RPC trace in the log: the check above proves nothing');
    return { input_type: masked, log_lines: logText.split('\n').length };
  }],
  ['restart', async (page) => {
    // The restart command: one new server, which gets the stored management key again, and the
    // diagnostics come back.
    const count = (re) => (extensionLog().match(re) || []).length;
    const runningBefore = count(/Server running \(/g);
    const keyBefore = count(/management key handed to the server/g);
    await runCommand(page, 'byok-lsp: Restart Server');
    await waitUntil(async () => count(/Server running \(/g) > runningBefore && count(/management key handed to the server/g) > keyBefore,
      'the restarted server (and the key handed over again)', 30_000);
    await page.waitForTimeout(1000); // a second, unexpected restart would show up here
    const restarts = count(/Server running \(/g) - runningBefore;
    if (restarts !== 1) throw new Error(`expected one restart, saw ${restarts}`);
    await page.locator(sel.problems).getByText('BYOK201').first().waitFor({ timeout: 15_000 });
    return { restarts };
  }],
  ['walkthrough', async (page) => {
    await runCommand(page, 'byok-lsp: Show Setup Guide');
    const title = page.getByText('Use OpenAI o3 through OpenRouter (BYOK)').first();
    await title.waitFor({ timeout: 15_000 });
    await page.getByText('Create an OpenAI API key').first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'ok-walkthrough');
    // the first step (turning online checks on) is open; open this one
    await page.getByText('Create an OpenAI API key').first().click({ timeout: 10_000 });
    // the step's button runs the client command, which asks the server (online checks are off here)
    await page.getByRole('button', { name: 'Verify with byok-lsp' }).first().click({ timeout: 10_000 });
    const toast = page.locator(sel.notification, { hasText: 'byok-lsp: Verify keys' }).first();
    await toast.waitFor({ timeout: 15_000 });
    // online checks are off: the refusal offers the way out
    await toast.getByRole('button', { name: 'Turn On Online Checks' }).waitFor({ timeout: 5_000 });
    await page.waitForTimeout(500);
    // nothing was verified, so no step is ticked (a click proves nothing)
    const ticked = await page.locator('[data-done-step-id].complete').count();
    await screenshot(page, 'ok-walkthrough-after-verify');
    if (ticked !== 0) throw new Error(`${ticked} walkthrough steps ticked although nothing was verified`);
    return { notification: (await toast.innerText()).trim().split('\n')[0], ticked };
  }],
  ['bad_interpreter', async (page) => {
    // The error names the interpreter that failed, and "Install Instructions" opens the README
    // shipped in the .vsix (as readme.md).
    await runCommand(page, 'View: Close All Editors').catch(() => {});
    await quickOpen(page, 'app.py');
    await editUserSettings(page, { 'byok-lsp.interpreter': ['/nonexistent/bin/python3'] });
    const toast = page.locator(sel.notification, { hasText: 'byok-lsp could not start' }).first();
    await toast.waitFor({ timeout: 30_000 });
    const message = (await toast.innerText()).trim().replace(/\s+/g, ' ');
    if (!message.includes('/nonexistent/bin/python3')) throw new Error(`the error does not name the interpreter: ${message}`);
    await toast.getByRole('button', { name: 'Install Instructions' }).click({ timeout: 5_000 });
    const tab = page.locator('.tab', { hasText: /readme/i }).first();
    await tab.waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1000);
    const missing = await page.getByText(/cannot be found|could not be found/i).count();
    await screenshot(page, 'ok-bad-interpreter-readme');
    if (missing) throw new Error('the README preview says the file cannot be found');
    return { message, tab: (await tab.innerText()).trim() };
  }],
];

async function main() {
  if (!vsix || !fs.existsSync(vsix)) throw new Error(`VSIX not found: ${process.env.VSIX}`);
  if (!fs.existsSync(codeServer)) throw new Error(`code-server missing: run tests/vscode/install.sh (${codeServer})`);
  fs.rmSync(artifacts, { recursive: true, force: true }); // only this run's screenshots and logs
  const ws = path.join(work, 'ws');
  writeWorkspace(ws);
  const url = await startCodeServer(ws);
  log(`code-server at ${url}, workspace ${ws}, interpreter ${python || '(discovery)'}`);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const t0 = Date.now();
  await page.goto(`${url}/?folder=${encodeURIComponent(ws)}`, { timeout: 30_000 });
  await page.waitForSelector(sel.workbench, { timeout: 60_000 });
  await page.waitForSelector(sel.explorer, { timeout: 60_000 });
  result.timings_ms.workbench_ready = Date.now() - t0;
  workbenchReadyAt = Date.now();
  for (const [name, scenario] of scenarios) {
    const s0 = Date.now();
    try {
      result.scenarios[name] = { ok: true, ...(await scenario(page, ws)) };
      log(`${name}: ok`);
    } catch (error) {
      const message = String((error && error.message) || error);
      result.scenarios[name] = { ok: false, error: message.split('\n')[0] };
      log(message.slice(0, 1500));
      log(`${name}: FAILED ${result.scenarios[name].error}`);
      await screenshot(page, `failed-${name}`);
      await page.keyboard.press('Escape').catch(() => {});
    }
    result.timings_ms[name] = Date.now() - s0;
  }
  result.ok = Object.values(result.scenarios).every((s) => s.ok);
}

function collectLogs() {
  // code-server's own log and VS Code's logs (the byok-lsp output channel is a .log file there)
  fs.mkdirSync(artifacts, { recursive: true });
  const copy = (from, name) => fs.existsSync(from) && fs.copyFileSync(from, path.join(artifacts, name));
  copy(path.join(work, 'code-server.log'), 'code-server.log');
  const walk = (dir) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.log')) copy(full, path.relative(path.join(work, 'data', 'logs'), full).replace(/[\\/]/g, '__'));
    }
  };
  walk(path.join(work, 'data', 'logs'));
}

const watchdog = setTimeout(() => {
  result.error = `the whole run exceeded ${RUN_DEADLINE_MS / 1000} s`;
  void finish(1);
}, RUN_DEADLINE_MS);

let finishing = false;
async function finish(code) {
  if (finishing) return;
  finishing = true;
  clearTimeout(watchdog);
  if (!result.ok) {
    try {
      collectLogs();
    } catch (error) {
      log(`collecting logs failed: ${error}`);
    }
  }
  await browser?.close().catch(() => {});
  await stopCodeServer();
  if (process.env.KEEP !== '1') fs.rmSync(work, { recursive: true, force: true });
  result.timings_ms.total = Date.now() - started;
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    result.error = `interrupted by ${signal}`;
    void finish(1);
  });
}

main().then(
  () => finish(result.ok ? 0 : 1),
  (error) => {
    result.error = String((error && error.stack) || error);
    log(`error: ${result.error}`);
    return finish(1);
  },
);
