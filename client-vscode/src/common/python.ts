// Which Python runs the server, and which copy of byok-lsp it imports.
// Order: `byok-lsp.interpreter` → the Python extension's interpreter (trusted workspaces only) →
// `python3` on PATH. For each, the bundled server (bundled/libs on PYTHONPATH) is tried first, then a
// byok-lsp installed in that interpreter, so a .vsix built for another platform still works with
// `pip install byok-lsp`.
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { MIN_PYTHON, PROBE_TIMEOUT_MS, SERVER_MODULE } from './constants';
import { logDebug, logInfo, logWarn } from './log';
import type { LaunchSettings } from './settings';

export type InterpreterSource = 'setting byok-lsp.interpreter' | 'Python extension' | 'python3 on PATH';
export type ServerCopy = 'bundled' | 'installed';

export interface ServerLaunch {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  source: InterpreterSource;
  copy: ServerCopy;
  pythonVersion: string;
  serverVersion: string;
}

export interface LaunchFailure {
  tried: string[];
  /** The interpreter the user chose in `byok-lsp.interpreter`, when that is what failed. */
  configured?: { command: string[]; reason: string };
}

// Runs inside the candidate interpreter. Old-Python-safe syntax: it must be able to say "too old".
const PROBE = [
  'import json, sys',
  'out = {"python": "%d.%d.%d" % sys.version_info[:3], "executable": sys.executable}',
  `if sys.version_info >= (${MIN_PYTHON[0]}, ${MIN_PYTHON[1]}):`,
  '    try:',
  `        import ${SERVER_MODULE}, pygls, lsprotocol, tree_sitter, tree_sitter_python`,
  `        out["server"] = ${SERVER_MODULE}.__version__`,
  `        out["location"] = ${SERVER_MODULE}.__file__`,
  '    except Exception as e:',
  '        out["error"] = "%s: %s" % (type(e).__name__, e)',
  'print(json.dumps(out))',
].join('\n');

interface ProbeResult {
  python?: string;
  executable?: string;
  server?: string;
  location?: string;
  error?: string;
}

function runProbe(command: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<ProbeResult | string> {
  return new Promise((resolve) => {
    execFile(
      command[0],
      [...command.slice(1), '-c', PROBE],
      { env, cwd, timeout: PROBE_TIMEOUT_MS, windowsHide: true },
      (error, stdout, stderr) => {
        if (error) {
          resolve(`${error.message.split('\n')[0]}${stderr ? ` (${stderr.trim().split('\n').pop()})` : ''}`);
          return;
        }
        try {
          resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ProbeResult);
        } catch {
          resolve(`unexpected output: ${stdout.slice(0, 200)}`);
        }
      },
    );
  });
}

/** Environment for the server process. PYTHONSAFEPATH keeps the working directory off sys.path
 *  (3.11+), and cwd is the extension's folder, so a workspace cannot shadow the server's modules. */
export function serverEnv(bundledLibs: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PYTHONSAFEPATH: '1', PYTHONIOENCODING: 'utf-8', PYTHONUNBUFFERED: '1' };
  if (bundledLibs) {
    env.PYTHONPATH = bundledLibs; // the bundle must win over whatever the user's PYTHONPATH holds
    env.PYTHONNOUSERSITE = '1';
  }
  return env;
}

// ---- the Python extension (optional) ------------------------------------------------------------

interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
  resolveEnvironment(env: { path: string } | string): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
}

interface PythonExtensionApi {
  ready?: Promise<void>;
  environments?: PythonEnvironmentsApi;
}

async function pythonExtensionApi(): Promise<PythonEnvironmentsApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>('ms-python.python');
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    await api?.ready;
    return api?.environments;
  } catch (error) {
    logWarn('The Python extension is installed but its API is not usable', error);
    return undefined;
  }
}

/** Never lets a slow Python extension hold up the server: after this, go on without it. */
const PYTHON_EXTENSION_TIMEOUT_MS = 10_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      logWarn(`${what} took longer than ${ms / 1000} s; continuing without it`);
      resolve(undefined);
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

async function pythonExtensionInterpreter(): Promise<string | undefined> {
  const api = await withTimeout(pythonExtensionApi(), PYTHON_EXTENSION_TIMEOUT_MS, 'The Python extension');
  if (!api) {
    return undefined;
  }
  try {
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
    const environment = await withTimeout(
      api.resolveEnvironment(api.getActiveEnvironmentPath(resource)),
      PYTHON_EXTENSION_TIMEOUT_MS,
      'Resolving the Python extension\'s interpreter',
    );
    return environment?.executable.uri?.fsPath;
  } catch (error) {
    logWarn('Could not read the Python extension\'s interpreter', error);
    return undefined;
  }
}

/** Fires when the Python extension's active interpreter changes; a no-op without the extension. */
export async function onDidChangePythonInterpreter(listener: () => void): Promise<vscode.Disposable> {
  const api = await pythonExtensionApi();
  if (!api) {
    return new vscode.Disposable(() => undefined);
  }
  return api.onDidChangeActiveEnvironmentPath(() => listener());
}

// ---- resolution ---------------------------------------------------------------------------------

export function bundledLibsPath(extensionPath: string): string | undefined {
  const libs = path.join(extensionPath, 'bundled', 'libs');
  return fs.existsSync(path.join(libs, SERVER_MODULE, '__init__.py')) ? libs : undefined;
}

async function candidates(launch: LaunchSettings, trusted: boolean): Promise<Array<[string[], InterpreterSource]>> {
  if (launch.interpreter.length > 0) {
    // An explicit choice is authoritative: never silently replaced by another interpreter.
    return [[launch.interpreter, 'setting byok-lsp.interpreter']];
  }
  const found: Array<[string[], InterpreterSource]> = [];
  if (trusted) {
    // The selected interpreter may live inside the workspace (.venv): only run it once trusted.
    const fromExtension = await pythonExtensionInterpreter();
    if (fromExtension) {
      found.push([[fromExtension], 'Python extension']);
    }
  }
  found.push([['python3'], 'python3 on PATH']);
  return found;
}

/** The launch the probe will most likely confirm, known without waiting for anything: the
 *  configured interpreter, or `python3` on PATH when the Python extension cannot have a say
 *  (restricted workspace, or not installed), with the bundled copy. Undefined otherwise. */
export function likelyLaunch(launch: LaunchSettings, extensionPath: string, trusted: boolean): { command: string[]; libs: string | undefined } | undefined {
  const libs = launch.importStrategy === 'useBundled' ? bundledLibsPath(extensionPath) : undefined;
  if (launch.interpreter.length > 0) {
    return { command: launch.interpreter, libs };
  }
  if (!trusted || !vscode.extensions.getExtension('ms-python.python')) {
    return { command: ['python3'], libs };
  }
  return undefined;
}

/** Whether `resolved` is the launch `likely` guessed (same interpreter, same server copy). */
export function isSameLaunch(resolved: ServerLaunch, likely: { command: string[]; libs: string | undefined }): boolean {
  return (
    resolved.command === likely.command[0] &&
    JSON.stringify(resolved.args) === JSON.stringify([...likely.command.slice(1), '-m', SERVER_MODULE, 'serve']) &&
    resolved.env.PYTHONPATH === serverEnv(likely.libs).PYTHONPATH
  );
}

export async function resolveServerLaunch(
  launch: LaunchSettings,
  extensionPath: string,
  trusted: boolean,
): Promise<ServerLaunch | LaunchFailure> {
  const bundled = launch.importStrategy === 'useBundled' ? bundledLibsPath(extensionPath) : undefined;
  const copies: Array<[ServerCopy, string | undefined]> = bundled
    ? [['bundled', bundled], ['installed', undefined]]
    : [['installed', undefined]];
  const tried: string[] = [];
  for (const [command, source] of await candidates(launch, trusted)) {
    for (const [copy, libs] of copies) {
      const env = serverEnv(libs);
      const result = await runProbe(command, env, extensionPath);
      const label = `${command.join(' ')} (${source}, ${copy} server)`;
      if (typeof result === 'string') {
        tried.push(`${label}: ${result}`);
        logDebug(`Probe ${label}: ${result}`);
        break; // the interpreter itself does not run: no point trying the other copy
      }
      if (!result.server) {
        const why = result.error ?? `Python ${result.python} is older than ${MIN_PYTHON.join('.')}`;
        tried.push(`${label}: ${why}`);
        logDebug(`Probe ${label}: ${why}`);
        if (!result.error) {
          break;
        }
        continue;
      }
      logInfo(`Server: byok-lsp ${result.server} (${copy}) on Python ${result.python} at ${result.executable} [${source}]`);
      return {
        command: command[0],
        args: [...command.slice(1), '-m', SERVER_MODULE, 'serve'],
        env,
        cwd: extensionPath,
        source,
        copy,
        pythonVersion: result.python ?? '?',
        serverVersion: result.server,
      };
    }
  }
  for (const line of tried) {
    logWarn(`Tried ${line}`);
  }
  if (launch.interpreter.length > 0) {
    const reason = tried[tried.length - 1]?.replace(/^.*? server\): /, '') ?? 'it did not run';
    return { tried, configured: { command: launch.interpreter, reason } };
  }
  return { tried };
}

export function isLaunchFailure(value: ServerLaunch | LaunchFailure): value is LaunchFailure {
  return 'tried' in value;
}

let lastShownFailure: string | undefined;

/** The extension's README: vsce stores README.md as `readme.md` inside the .vsix, so look it up
 *  whatever its case; undefined when the package has none. */
export function findReadme(extensionPath: string): vscode.Uri | undefined {
  try {
    const name = fs.readdirSync(extensionPath).find((f) => f.toLowerCase() === 'readme.md');
    return name ? vscode.Uri.file(path.join(extensionPath, name)) : undefined;
  } catch {
    return undefined;
  }
}

const README_ONLINE = 'https://github.com/byok-lsp/byok-lsp#readme';

/** The one error for "no usable Python": names the failing interpreter (when the user chose one)
 *  and both fixes; shown once per distinct failure. */
export async function showLaunchFailure(failure: LaunchFailure, extensionPath: string): Promise<void> {
  const key = failure.tried.join('\n');
  if (key === lastShownFailure) {
    return;
  }
  lastShownFailure = key;
  const message = failure.configured
    ? `byok-lsp could not start: the interpreter "${failure.configured.command.join(' ')}" from "byok-lsp.interpreter" ` +
      `cannot run the server (${failure.configured.reason}). ` +
      'Set "byok-lsp.interpreter" to a Python 3.10 or later, or clear it to use the Python extension\'s interpreter or python3 on PATH.'
    : 'byok-lsp could not start: no Python 3.10+ that can run the byok-lsp server was found ' +
      `(tried ${failure.tried.map((t) => t.split(' (')[0]).filter((v, i, a) => a.indexOf(v) === i).join(', ') || 'nothing'}). ` +
      'Set "byok-lsp.interpreter" to a Python 3.10 or later, or run "pip install byok-lsp" in the selected interpreter.';
  const choice = await vscode.window.showErrorMessage(message, 'Install Instructions', 'Open Settings', 'Show Log');
  if (choice === 'Install Instructions') {
    const readme = findReadme(extensionPath);
    if (readme) {
      await vscode.commands.executeCommand('markdown.showPreview', readme);
    } else {
      await vscode.env.openExternal(vscode.Uri.parse(README_ONLINE));
    }
  } else if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'byok-lsp.interpreter');
  } else if (choice === 'Show Log') {
    await vscode.commands.executeCommand('byok-lsp.showLog');
  }
}
