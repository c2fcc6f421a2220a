// The status bar item: the workspace's BYOK status as the server reports it (`byok-lsp/status`),
// or why there is no server. Clicking it verifies the keys.
import * as vscode from 'vscode';
import { ClientCommand } from './constants';

export interface StatusParams {
  text: string;
  tooltip?: string;
  level?: string;
}

const NOT_CHECKED: StatusParams = {
  text: 'BYOK: not checked',
  tooltip: 'byok-lsp has not verified this workspace\'s OpenRouter BYOK setup yet. Click to verify.',
  level: 'info',
};

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('byok-lsp.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'byok-lsp BYOK status';
    this.item.command = ClientCommand.verifyKeys;
    this.show(NOT_CHECKED);
    this.item.show();
  }

  /** A `byok-lsp/status` notification. Anything malformed is ignored, never shown half-parsed. */
  update(params: unknown): void {
    if (params === null || typeof params !== 'object') {
      return;
    }
    const { text, tooltip, level } = params as Record<string, unknown>;
    if (typeof text !== 'string' || text.length === 0) {
      return;
    }
    this.show({
      text,
      tooltip: typeof tooltip === 'string' ? tooltip : undefined,
      level: typeof level === 'string' ? level : undefined,
    });
  }

  reset(): void {
    this.show(NOT_CHECKED);
  }

  serverUnavailable(reason: string): void {
    this.show({ text: 'BYOK: server not running', tooltip: `${reason}\nSee the byok-lsp output channel.`, level: 'error' });
    this.item.command = ClientCommand.showLog;
  }

  private show({ text, tooltip, level }: StatusParams): void {
    this.item.text = text;
    this.item.tooltip = tooltip ?? text;
    this.item.command = ClientCommand.verifyKeys;
    switch ((level ?? '').toLowerCase()) {
      case 'error':
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        break;
      case 'warning':
      case 'warn':
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      default:
        this.item.backgroundColor = undefined;
    }
    this.item.accessibilityInformation = { label: tooltip ? `${text}. ${tooltip}` : text };
  }

  dispose(): void {
    this.item.dispose();
  }
}
