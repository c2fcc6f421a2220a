// The OpenRouter management key: kept in VS Code's SecretStorage (the OS keychain), never in
// settings.json, and handed to the server out of band with workspace/executeCommand after each
// start. The JSON-RPC trace is switched off while it travels, so a verbose trace cannot log it.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, Trace } from 'vscode-languageclient/node';
import { MANAGEMENT_KEY_SECRET, ServerCommand } from './constants';
import { logInfo, logWarn } from './log';

export class ManagementKey {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  get(): Thenable<string | undefined> {
    return this.secrets.get(MANAGEMENT_KEY_SECRET);
  }

  store(key: string): Thenable<void> {
    return this.secrets.store(MANAGEMENT_KEY_SECRET, key);
  }

  clear(): Thenable<void> {
    return this.secrets.delete(MANAGEMENT_KEY_SECRET);
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.secrets.onDidChange((e) => {
      if (e.key === MANAGEMENT_KEY_SECRET) {
        listener();
      }
    });
  }

  /**
   * Sends the stored key to a running server (`null` to forget it, when `sendEmpty`). Only in trusted workspaces:
   * in restricted mode the server must not hold anything it could send.
   * `restoreTrace` puts the user's trace level back afterwards.
   */
  async sendTo(client: LanguageClient, restoreTrace: () => Promise<void>, sendEmpty = false): Promise<void> {
    if (!vscode.workspace.isTrusted || !client.isRunning()) {
      return; // not running: a restart overtook this start, and the next start sends it again
    }
    const key = (await this.get()) ?? null;
    if (key === null && !sendEmpty) {
      return;
    }
    try {
      await client.setTrace(Trace.Off);
      const answer: unknown = await client.sendRequest(ExecuteCommandRequest.type, {
        command: ServerCommand.setManagementKey,
        arguments: [key],
      });
      const refusal = refusalOf(answer);
      if (refusal) {
        logWarn(`The server refused the management key: ${refusal}`);
        void vscode.window.showWarningMessage(`byok-lsp: the management key was not accepted: ${refusal}`);
        return;
      }
      logInfo(key ? 'OpenRouter management key handed to the server' : 'Server told to forget the management key');
    } catch (error) {
      // The message of a failure is the server's; it never contains the key (log.ts masks keys anyway).
      logWarn('The server did not accept the management key', error);
    } finally {
      await restoreTrace();
    }
  }
}

/** `{ok: false, error}` from the server (it validates the key's shape), else undefined. */
function refusalOf(answer: unknown): string | undefined {
  if (answer && typeof answer === 'object' && (answer as { ok?: unknown }).ok === false) {
    const error = (answer as { error?: unknown }).error;
    return typeof error === 'string' ? error : 'no reason given';
  }
  return undefined;
}

/** Blocks what cannot be a key; only warns about an unexpected prefix (formats change). */
export function validateManagementKey(value: string): vscode.InputBoxValidationMessage | undefined {
  const key = value.trim();
  if (key.length === 0) {
    return { message: 'Paste the key, or press Escape to cancel.', severity: vscode.InputBoxValidationSeverity.Error };
  }
  if (/\s/.test(key)) {
    return { message: 'A key has no spaces.', severity: vscode.InputBoxValidationSeverity.Error };
  }
  if (!key.startsWith('sk-or-')) {
    return {
      message: 'OpenRouter keys usually start with "sk-or-". Is this an OpenRouter management key?',
      severity: vscode.InputBoxValidationSeverity.Warning,
    };
  }
  return undefined;
}
