// Reading `byok-lsp.*` settings: typed, validated, trust-aware. Two kinds:
//  - server settings reach the running server (initializationOptions, workspace/configuration,
//    didChangeConfiguration) and never need a restart;
//  - launch settings decide which process runs, so a change restarts the server.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { CLIENT_ID } from './constants';
import { logWarn } from './log';

export type Severity = 'error' | 'warning' | 'information' | 'hint' | 'off';
export type ServerLogLevel = 'error' | 'warning' | 'info' | 'debug';
export type ImportStrategy = 'useBundled' | 'fromEnvironment';

/** What the server receives, camelCase, the same shape on every path. */
export interface ServerSettings {
  enable: boolean;
  onlineChecks: boolean;
  severityOverrides: Record<string, Severity>;
  select: string[];
  ignore: string[];
  logLevel: ServerLogLevel;
  debounceMs: number;
}

export interface LaunchSettings {
  enable: boolean;
  interpreter: string[];
  importStrategy: ImportStrategy;
}

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];
const LOG_LEVELS: readonly string[] = ['error', 'warning', 'info', 'debug'];
const RESTART_KEYS = ['enable', 'interpreter', 'importStrategy'] as const;
/** Every key of ServerSettings: tests/test_settings_schema.py checks this list against package.json
 *  and the server's settings module. */
export const SERVER_KEYS = ['enable', 'onlineChecks', 'severityOverrides', 'select', 'ignore', 'logLevel', 'debounceMs'] as const;
export const DEFAULT_DEBOUNCE_MS = 0;
export const MAX_DEBOUNCE_MS = 5000;

const warned = new Set<string>();
function invalid(key: string, value: unknown): void {
  const note = `${key}=${JSON.stringify(value)}`;
  if (!warned.has(note)) {
    warned.add(note);
    logWarn(`Ignoring invalid setting byok-lsp.${key} = ${JSON.stringify(value)}; using the default`);
  }
}

function stringList(config: vscode.WorkspaceConfiguration, key: string): string[] {
  const value = config.get<unknown>(key, []);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.map((v) => v.trim()).filter((v) => v.length > 0);
  }
  invalid(key, value);
  return [];
}

function severityOverrides(config: vscode.WorkspaceConfiguration): Record<string, Severity> {
  const value = config.get<unknown>('severityOverrides', {});
  const result: Record<string, Severity> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    invalid('severityOverrides', value);
    return result;
  }
  for (const [code, severity] of Object.entries(value as Record<string, unknown>)) {
    if (typeof severity === 'string' && SEVERITIES.includes(severity.toLowerCase())) {
      result[code.trim().toUpperCase()] = severity.toLowerCase() as Severity;
    } else {
      invalid(`severityOverrides.${code}`, severity);
    }
  }
  return result;
}

/**
 * Settings for one workspace folder (or the window when `scope` is undefined). Online checks are
 * forced off until the workspace is trusted, whatever the settings say.
 */
export function readServerSettings(scope?: vscode.ConfigurationScope): ServerSettings {
  const config = vscode.workspace.getConfiguration(CLIENT_ID, scope);
  const logLevel = config.get<unknown>('logLevel', 'info');
  if (typeof logLevel !== 'string' || !LOG_LEVELS.includes(logLevel)) {
    invalid('logLevel', logLevel);
  }
  const debounce = config.get<unknown>('debounceMs', DEFAULT_DEBOUNCE_MS);
  const debounceValid = typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 && debounce <= MAX_DEBOUNCE_MS;
  if (!debounceValid) {
    invalid('debounceMs', debounce);
  }
  return {
    enable: config.get<boolean>('enable', true) !== false,
    onlineChecks: vscode.workspace.isTrusted && config.get<boolean>('onlineChecks', false) === true,
    severityOverrides: severityOverrides(config),
    select: stringList(config, 'select'),
    ignore: stringList(config, 'ignore'),
    logLevel: (typeof logLevel === 'string' && LOG_LEVELS.includes(logLevel) ? logLevel : 'info') as ServerLogLevel,
    debounceMs: debounceValid ? Math.round(debounce) : DEFAULT_DEBOUNCE_MS,
  };
}

/** `${userHome}`, `${workspaceFolder}`, `${workspaceFolder:name}`, `${env:NAME}` and a leading `~`. */
export function expandVariables(value: string): string {
  const folders = vscode.workspace.workspaceFolders ?? [];
  let result = value.replace(/\$\{(userHome|workspaceFolder(?::([^}]+))?|env:([^}]+))\}/g, (whole, kind: string, name?: string, env?: string) => {
    if (kind === 'userHome') {
      return os.homedir();
    }
    if (env !== undefined) {
      return process.env[env] ?? '';
    }
    const folder = name === undefined ? folders[0] : folders.find((f) => f.name === name);
    return folder ? folder.uri.fsPath : whole;
  });
  if (result === '~' || result.startsWith('~/')) {
    result = path.join(os.homedir(), result.slice(1));
  }
  return result;
}

/**
 * Launch settings are `application`-scoped (restricted in untrusted workspaces as well): only the
 * user chooses which program receives their keys.
 */
export function readLaunchSettings(): LaunchSettings {
  const config = vscode.workspace.getConfiguration(CLIENT_ID);
  const strategy = config.get<unknown>('importStrategy', 'useBundled');
  if (strategy !== 'useBundled' && strategy !== 'fromEnvironment') {
    invalid('importStrategy', strategy);
  }
  return {
    enable: config.get<boolean>('enable', true) !== false,
    interpreter: stringList(config, 'interpreter').map(expandVariables),
    importStrategy: strategy === 'fromEnvironment' ? 'fromEnvironment' : 'useBundled',
  };
}

export function requiresRestart(e: vscode.ConfigurationChangeEvent): boolean {
  return RESTART_KEYS.some((key) => e.affectsConfiguration(`${CLIENT_ID}.${key}`));
}

export function affectsServerSettings(e: vscode.ConfigurationChangeEvent): boolean {
  return SERVER_KEYS.some((key) => e.affectsConfiguration(`${CLIENT_ID}.${key}`));
}

export function affectsTrace(e: vscode.ConfigurationChangeEvent): boolean {
  return e.affectsConfiguration(`${CLIENT_ID}.trace.server`);
}

export function traceSetting(): string {
  return vscode.workspace.getConfiguration(CLIENT_ID).get<string>('trace.server', 'off');
}
