// The one output channel. The language client writes the server's window/logMessage and the
// JSON-RPC trace into it too, so everything about byok-lsp is in one place.
import * as vscode from 'vscode';
import { Trace } from 'vscode-languageclient/node';
import { CLIENT_NAME } from './constants';

let channel: vscode.LogOutputChannel | undefined;

export function createLogChannel(): vscode.LogOutputChannel {
  channel = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  return channel;
}

export function logChannel(): vscode.LogOutputChannel {
  if (!channel) {
    throw new Error('byok-lsp: log channel used before activation');
  }
  return channel;
}

/** Keys never reach the log whole: `sk-or-v1-abc…` becomes `sk-or-v1-…wxyz`. */
export function maskSecrets(text: string): string {
  return text.replace(/\b(sk-(?:or-v1-|proj-|svcacct-|admin-)?)[A-Za-z0-9_-]{8,}([A-Za-z0-9]{4})\b/g, '$1…$2');
}

function format(message: string, error?: unknown): string {
  if (error === undefined) {
    return maskSecrets(message);
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : typeof error === 'string' ? error : JSON.stringify(error);
  return maskSecrets(`${message}: ${detail}`);
}

export function logError(message: string, error?: unknown): void {
  channel?.error(format(message, error));
}

export function logWarn(message: string, error?: unknown): void {
  channel?.warn(format(message, error));
}

export function logInfo(message: string): void {
  channel?.info(format(message));
}

export function logDebug(message: string): void {
  channel?.debug(format(message));
}

/** The JSON-RPC trace follows the channel's level ("Set Log Level…" → Trace shows every message),
 *  unless `byok-lsp.trace.server` asks for more. */
export function traceFromLogLevel(level: vscode.LogLevel, setting: string): Trace {
  const fromSetting = Trace.fromString(setting);
  const fromLevel =
    level === vscode.LogLevel.Trace ? Trace.Verbose : level === vscode.LogLevel.Debug ? Trace.Messages : Trace.Off;
  return Math.max(fromSetting, fromLevel);
}
